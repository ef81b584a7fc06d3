package io.drbd4j.chef;

import static io.drbd4j.chef.Conditions.clusterRole;
import static io.drbd4j.chef.Conditions.mounted;
import static io.drbd4j.chef.Conditions.readyPresent;
import static io.drbd4j.chef.Conditions.synced;

import io.drbd4j.core.model.Role;
import io.drbd4j.exec.runner.Command;

/**
 * Whether Chef's own setup finished on a backend, told by the file it leaves: {@code chef-server-ctl reconfigure}
 * writes keepalived's {@code cluster.sh} only past its drbd_ready wait (chef-ha-procedures.md §2.1 step 4), and
 * {@code master-recover} and {@code backup-recover} run that script (§2.4), so they fail with exit 127 where it is
 * missing. A recovery that runs either on a backend whose setup never finished therefore finishes it first, with
 * drbd_ready and reconfigure, as the failover setup does (W1.15-1.18).
 */
final class ChefSetup {
    private ChefSetup() {}

    private static String name(ChefHaCluster c, boolean primary) {
        return primary ? c.primary() : c.secondaryBackend().name();
    }

    /** @return cluster.sh present on that backend */
    static Condition finished(ChefHaCluster c, boolean primary) {
        String host = name(c, primary);
        return Condition.of(
                HostState.CLUSTER_SH + " present on " + host + " (Chef's setup finished there)",
                s -> s.host(host).clusterScript(),
                s -> HostState.CLUSTER_SH + " absent on " + host + ": reconfigure never got past its drbd_ready"
                        + " wait there");
    }

    /** @return cluster.sh absent on that backend: Chef's setup never finished there */
    static Condition unfinished(ChefHaCluster c, boolean primary) {
        String host = name(c, primary);
        return Condition.of(
                HostState.CLUSTER_SH + " absent on " + host + " (Chef's setup never finished there)",
                s -> !s.host(host).clusterScript(),
                s -> HostState.CLUSTER_SH + " present on " + host);
    }

    /**
     * reconfigure on the DRBD Primary whose setup never finished: it writes cluster.sh, and keepalived, started with no
     * master peer, goes master and runs {@code cluster.sh master} itself; a master-recover after it is then done
     * already and skipped rather than racing keepalived for cluster.sh's lock.
     *
     * @return the step, run only where cluster.sh is absent
     */
    static Step finishOnPrimary(ChefHaCluster c, String id) {
        String host = name(c, true);
        return Step.builder(id, host)
                .run(Command.of(c.reconfigureTimeout(), "chef-server-ctl", "reconfigure"))
                .when(unfinished(c, true))
                .guard(synced(c, true, Role.PRIMARY).and(mounted(c, true)).and(readyPresent(c, true)))
                .done(finished(c, true))
                .waitFor(Wait.of(clusterRole(c, true, "master"), c.stateTimeout()))
                .note("reconfigure writes cluster.sh, which master-recover runs (exit 127 without it)")
                .advice("reconfigure " + host + " only on a synced pair with the filesystem mounted and drbd_ready")
                .build();
    }

    /**
     * drbd_ready and reconfigure on the DRBD Secondary whose setup never finished, once the other backend is master
     * (W1.17-1.18): it writes cluster.sh and keepalived joins as backup.
     *
     * @return the step, run only where cluster.sh is absent
     */
    static Step finishOnSecondary(ChefHaCluster c, String id) {
        String host = name(c, false);
        return Step.builder(id, host)
                .run(Command.of(c.commandTimeout(), "touch", c.readyFile()))
                .run(Command.of(c.reconfigureTimeout(), "chef-server-ctl", "reconfigure"))
                .when(unfinished(c, false))
                .guard(synced(c, false, Role.SECONDARY).and(clusterRole(c, true, "master")))
                .done(finished(c, false))
                .waitFor(Wait.of(clusterRole(c, false, "backup"), c.stateTimeout()))
                .note("reconfigure writes cluster.sh, which backup-recover runs (exit 127 without it)")
                .advice(host + " joins only once " + c.primary() + " is master and " + host
                        + " holds a complete copy; check ha-status")
                .build();
    }
}
