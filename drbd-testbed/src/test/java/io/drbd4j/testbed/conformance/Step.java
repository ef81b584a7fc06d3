package io.drbd4j.testbed.conformance;

import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.testbed.RealDrbdPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** One step of a corpus sequence: a command on a host, a fault, or a wait for a state. */
record Step(String text, Kind kind, String host, List<String> argv, String until) {
    enum Kind {
        COMMAND,
        CRASH,
        REBOOT,
        PARTITION,
        HEAL,
        AWAIT
    }

    private static final String R = RealDrbdPair.RESOURCE;

    /** {@code drbdadm WORDS... pc0} on a host. */
    static Step drbdadm(String host, String... words) {
        List<String> argv = new ArrayList<>(List.of("drbdadm"));
        argv.addAll(Arrays.asList(words));
        argv.add(R);
        return new Step(host + ": " + String.join(" ", argv), Kind.COMMAND, host, List.copyOf(argv), "");
    }

    static Step crash(String host) {
        return new Step("crash " + host, Kind.CRASH, host, List.of(), "");
    }

    static Step reboot(String host) {
        return new Step("reboot " + host, Kind.REBOOT, host, List.of(), "");
    }

    static Step partition() {
        return new Step("partition", Kind.PARTITION, "", List.of(), "");
    }

    static Step heal() {
        return new Step("heal", Kind.HEAL, "", List.of(), "");
    }

    /** Waits until a field of the observation has the value, e.g. {@code be2.ds=UpToDate/UpToDate}. */
    static Step await(String field, String value) {
        return new Step("await " + field + "=" + value, Kind.AWAIT, "", List.of(), field + "=" + value);
    }

    /** Commands that only read: nothing to settle after them. */
    private static final List<String> QUERIES = List.of("role", "cstate", "dstate", "dump-md", "apply-al");

    /** Runs the step and observes both hosts afterwards. */
    Observation apply(PairDriver driver) {
        Optional<CommandResult> result = Optional.empty();
        switch (kind) {
            case COMMAND -> {
                result = Optional.of(driver.run(host, argv));
                if (QUERIES.contains(argv.get(argv.size() - 2))) {
                    return driver.observe(result);
                }
            }
            case CRASH -> driver.crash(host);
            case REBOOT -> driver.reboot(host);
            case PARTITION -> driver.partition();
            case HEAL -> driver.heal();
            case AWAIT -> {
                String field = until.substring(0, until.indexOf('='));
                String value = until.substring(until.indexOf('=') + 1);
                boolean reached = driver.await(o -> value.equals(o.fields().get(field)), 120);
                Observation seen = driver.observe(Optional.empty());
                // Not reached in 120 s is an observation too: the other backend may have reached it.
                return reached ? seen : seen.with("await", "not reached: " + until);
            }
        }
        driver.settle();
        return driver.observe(result);
    }
}
