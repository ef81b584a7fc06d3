package io.drbd4j.examples.cli;

import io.drbd4j.chef.BackendStatus;
import io.drbd4j.chef.HaStatus;
import io.drbd4j.core.safety.Answer;
import io.drbd4j.core.safety.SafetyReport;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Prints a {@link HaStatus} for people: one row per backend, then whether each can be lost now, the problems, and
 * whether the pair is healthy.
 *
 * <pre>
 * BACKEND  DRBD                                          MOUNTED  DRBD_READY  CLUSTER  CHEF SERVICES                    SAFETY
 * be1      Connected Primary/Secondary UpToDate/UpToDate  yes      yes         master   6/6 running, keepalived running  ...
 * be1: can be lost now: yes: ...
 * healthy: yes
 * </pre>
 *
 * <p>Absent values print as {@code -}; text read from the hosts goes through {@link Visible}.
 */
final class HaStatusTable {
    /** The Chef service that runs the cluster status, counted apart from the services it starts and stops. */
    static final String KEEPALIVED = "keepalived";

    private static final String ABSENT = "-";

    private HaStatusTable() {}

    /**
     * Prints both backends as a table.
     *
     * @param status what to print
     * @param out where to print
     */
    static void print(HaStatus status, PrintWriter out) {
        TextTable table =
                new TextTable("BACKEND", "DRBD", "MOUNTED", "DRBD_READY", "CLUSTER", "CHEF SERVICES", "SAFETY");
        for (BackendStatus b : status.backends()) {
            table.add(
                    Visible.escape(b.name()),
                    Visible.escape(b.drbdWords()),
                    yesNo(b.mounted()),
                    yesNo(b.ready()),
                    b.clusterStatus().map(Visible::escape).orElse(ABSENT),
                    services(b.services()),
                    b.safety().map(SafetyReport::summary).map(Visible::escape).orElse(ABSENT));
        }
        table.print(out);
        for (BackendStatus b : status.backends()) {
            Answer answer = canBeLost(b);
            out.println(Visible.escape(b.name()) + ": can be lost now: "
                    + answer.verdict().name().toLowerCase(Locale.ROOT) + ": " + Visible.escape(answer.reason()));
        }
        boolean heading = false;
        for (BackendStatus b : status.backends()) {
            for (String problem : b.problems()) {
                if (!heading) {
                    out.println("problems:");
                    heading = true;
                }
                out.println("  " + Visible.escape(b.name()) + ": " + Visible.escape(problem));
            }
        }
        out.println("healthy: " + yesNo(status.healthy()));
    }

    /**
     * Returns drbd-core's answer whether it can be lost now; unknown when its DRBD state could not be read.
     *
     * @param backend one backend's status
     * @return drbd-core's answer whether it can be lost now; unknown when its DRBD state could not be read
     */
    static Answer canBeLost(BackendStatus backend) {
        return backend.safety()
                .map(SafetyReport::canLoseThisNode)
                .orElseGet(() -> Answer.unknown("its DRBD state could not be read (" + backend.drbdWords() + ")."));
    }

    /**
     * Returns {@code 6/6 running, keepalived running}; {@code -} when none were read.
     *
     * @param services each Chef service and whether it runs
     * @return {@code 6/6 running, keepalived running}; {@code -} when none were read
     */
    static String services(Map<String, Boolean> services) {
        if (services.isEmpty()) {
            return ABSENT;
        }
        long total =
                services.keySet().stream().filter(s -> !s.equals(KEEPALIVED)).count();
        long running = services.entrySet().stream()
                .filter(e -> !e.getKey().equals(KEEPALIVED) && e.getValue())
                .count();
        Optional<Boolean> keepalived = Optional.ofNullable(services.get(KEEPALIVED));
        return running + "/" + total + " running"
                + keepalived
                        .map(up -> ", keepalived " + (up ? "running" : "down"))
                        .orElse(", no keepalived");
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }
}
