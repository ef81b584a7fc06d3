package io.drbd4j.examples.cli;

import io.drbd4j.chef.BackendStatus;
import io.drbd4j.chef.HaStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The checks behind {@link HaStatus#healthy()}, one by one, so that {@code ha-status --json} and {@code check} can
 * say which failed: the pair is healthy exactly when every check of the pair and of each backend passes.
 *
 * <p>The pair: {@code everythingRead} (no probe failed on either backend), {@code oneMaster} (exactly one backend's
 * keepalived says {@code master}). Each backend, judged for the role keepalived gives it: {@code read}, {@code
 * clusterRole} ({@code master} or {@code backup}), {@code drbdReady}, {@code keepalivedRunning}, {@code drbdAsRole}
 * (the master {@code Connected Primary/Secondary UpToDate/UpToDate}, the backup {@code Connected Secondary/Primary
 * UpToDate/UpToDate}), {@code mountAsRole} (mounted on the master only) and {@code servicesAsRole} (every HA service
 * running on the master; every other service running on the backup).
 */
final class HaChecks {
    private static final String MASTER = "master";
    private static final String BACKUP = "backup";
    private static final String MASTER_DRBD = "Connected Primary/Secondary UpToDate/UpToDate";
    private static final String BACKUP_DRBD = "Connected Secondary/Primary UpToDate/UpToDate";

    private HaChecks() {}

    /**
     * Returns each check of the pair by name, in the order of the class comment.
     *
     * @param status both backends
     * @return each check of the pair by name, in the order of the class comment
     */
    static Map<String, Boolean> pair(HaStatus status) {
        Map<String, Boolean> checks = new LinkedHashMap<>();
        checks.put("everythingRead", status.backends().stream().allMatch(b -> b.problems()
                .isEmpty()));
        long masters = status.backends().stream()
                .filter(b -> b.clusterStatus().equals(Optional.of(MASTER)))
                .count();
        checks.put("oneMaster", masters == 1);
        return checks;
    }

    /**
     * Returns each check of that backend by name, in the order of the class comment.
     *
     * @param b one backend
     * @return each check of that backend by name, in the order of the class comment
     */
    static Map<String, Boolean> backend(BackendStatus b) {
        boolean master = b.clusterStatus().equals(Optional.of(MASTER));
        Map<String, Boolean> checks = new LinkedHashMap<>();
        checks.put("read", b.problems().isEmpty());
        checks.put("clusterRole", master || b.clusterStatus().equals(Optional.of(BACKUP)));
        checks.put("drbdReady", b.ready());
        checks.put("keepalivedRunning", b.services().getOrDefault(HaStatusTable.KEEPALIVED, false));
        checks.put("drbdAsRole", b.drbdWords().equals(master ? MASTER_DRBD : BACKUP_DRBD));
        checks.put("mountAsRole", b.mounted() == master);
        checks.put("servicesAsRole", master ? haServicesRun(b) : otherServicesRun(b));
        return checks;
    }

    /**
     * Returns true when every check passes: the same as {@link HaStatus#healthy()}.
     *
     * @param status both backends
     * @return true when every check passes: the same as {@link HaStatus#healthy()}
     */
    static boolean all(HaStatus status) {
        return !pair(status).containsValue(false)
                && status.backends().stream().noneMatch(b -> backend(b).containsValue(false));
    }

    private static boolean haServicesRun(BackendStatus b) {
        return !b.haServices().isEmpty() && b.haServices().values().stream().allMatch(r -> r);
    }

    private static boolean otherServicesRun(BackendStatus b) {
        return b.services().entrySet().stream()
                .filter(e ->
                        !b.haServices().containsKey(e.getKey()) && !e.getKey().equals(HaStatusTable.KEEPALIVED))
                .allMatch(Map.Entry::getValue);
    }
}
