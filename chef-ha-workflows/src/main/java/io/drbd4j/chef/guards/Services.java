package io.drbd4j.chef.guards;

import io.drbd4j.chef.engine.Condition;
import io.drbd4j.chef.engine.Pair;
import io.drbd4j.chef.engine.Side;

/**
 * The services guard: which Chef services run on a backend ({@code chef-server-ctl status}); the HA services, which hold data on
 * DRBD, run on the master only.
 */
public final class Services {
    private Services() {}

    /**
     * Returns master (keepalived running), with every HA service running: cluster.sh master completed.
     *
     * @return master (keepalived running), with every HA service running: cluster.sh master completed
     */
    public static Condition masterServing(Pair p, Side side) {
        return Condition.of(
                p.name(side) + " master with its HA services running",
                s -> s.host(side).clusterRole("master")
                        && s.host(side).services().haRunning(),
                s -> s.host(side).clusterWords() + ", HA services "
                        + s.host(side).services().ha());
    }

    /**
     * Returns current_cluster_status master with every HA service running, keepalived running or not: what {@code
     * chef-server-ctl master-recover} leaves.
     *
     * @return current_cluster_status master with every HA service running, keepalived running or not: what {@code
     *     chef-server-ctl master-recover} leaves
     */
    public static Condition masterRecovered(Pair p, Side side) {
        return Condition.of(
                p.name(side) + " current_cluster_status master with its HA services running",
                s -> s.host(side).clusterStatus().equals(java.util.Optional.of("master"))
                        && s.host(side).services().haRunning(),
                s -> s.host(side).clusterWords() + ", HA services "
                        + s.host(side).services().ha());
    }

    /**
     * Returns every Chef service running, keepalived, the HA services and the others: what a master serves with, and
     * what {@code chef-server-ctl stop} took away and {@code master-recover} (HA services only) does not give back.
     *
     * @return every Chef service running, keepalived, the HA services and the others: what a master serves with, and
     *     what {@code chef-server-ctl stop} took away and {@code master-recover} (HA services only) does not give back
     */
    public static Condition allRunning(Pair p, Side side) {
        return Condition.of(
                "every Chef service running on " + p.name(side),
                s -> s.host(side).services().allRunning(),
                s -> "services on " + p.name(side) + ": " + s.host(side).services());
    }

    /**
     * Returns backup, with keepalived and every service that is not an HA service running.
     *
     * @return backup, with keepalived and every service that is not an HA service running
     */
    public static Condition backupServing(Pair p, Side side) {
        return Condition.of(
                p.name(side) + " backup with keepalived and its other services running",
                s -> s.host(side).clusterRole("backup")
                        && s.host(side).services().othersRunning(),
                s -> s.host(side).clusterWords() + ", services " + s.host(side).services());
    }

    /**
     * Returns no Chef service but keepalived running: {@code chef-server-ctl stop} done.
     *
     * @return no Chef service but keepalived running: {@code chef-server-ctl stop} done
     */
    public static Condition onlyKeepalived(Pair p, Side side) {
        return Condition.of(
                "no Chef service but keepalived running on " + p.name(side),
                s -> s.host(side).services().onlyKeepalived(),
                s -> "services running on " + p.name(side) + ": " + s.host(side).services());
    }

    /**
     * Returns no HA service running: nothing writes to this backend's copy.
     *
     * @return no HA service running: nothing writes to this backend's copy
     */
    public static Condition noHaService(Pair p, Side side) {
        return Condition.of(
                "no HA service running on " + p.name(side),
                s -> s.host(side).services().noHaRunning(),
                s -> "HA services on " + p.name(side) + ": "
                        + s.host(side).services().ha());
    }
}
