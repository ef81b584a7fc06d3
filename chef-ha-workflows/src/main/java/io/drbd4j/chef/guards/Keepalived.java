package io.drbd4j.chef.guards;

import io.drbd4j.chef.engine.ChefServices;
import io.drbd4j.chef.engine.Condition;
import io.drbd4j.chef.engine.HostState;
import io.drbd4j.chef.engine.Pair;
import io.drbd4j.chef.engine.Side;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The keepalived guard: keepalived's view of a backend's part, {@code current_cluster_status} ({@code master} or {@code backup}), and
 * whether a transition is running ({@code requested_cluster_status} differs).
 */
public final class Keepalived {
    private Keepalived() {}

    /**
     * Returns keepalived running and current_cluster_status as given.
     *
     * @return keepalived running and current_cluster_status as given
     */
    public static Condition clusterRole(Pair p, Side side, String role) {
        return Condition.of(
                p.name(side) + " " + role + " (keepalived running, current_cluster_status " + role + ")",
                s -> s.host(side).clusterRole(role),
                s -> s.host(side).clusterWords());
    }

    /**
     * Returns current_cluster_status as given, whether keepalived runs or not.
     *
     * @return current_cluster_status as given, whether keepalived runs or not
     */
    public static Condition clusterStatus(Pair p, Side side, String status) {
        return Condition.of(
                p.name(side) + " current_cluster_status " + status,
                s -> s.host(side).clusterStatus().equals(Optional.of(status)),
                s -> s.host(side).clusterWords());
    }

    /**
     * Returns current_cluster_status not master: this backend's keepalived does not call itself master.
     *
     * @return current_cluster_status not master: this backend's keepalived does not call itself master
     */
    public static Condition notMaster(Pair p, Side side) {
        return Condition.of(
                p.name(side) + " current_cluster_status not master",
                s -> !s.host(side).clusterStatus().equals(Optional.of("master")),
                s -> s.host(side).clusterWords() + ": " + p.name(side) + " calls itself master");
    }

    /**
     * Returns keepalived not running.
     *
     * @return keepalived not running
     */
    public static Condition stopped(Pair p, Side side) {
        return Condition.of(
                "keepalived not running on " + p.name(side),
                s -> !s.host(side).services().running(ChefServices.KEEPALIVED),
                s -> s.host(side).clusterWords());
    }

    /**
     * Returns no cluster transition running: requested_cluster_status equals current_cluster_status.
     *
     * @return no cluster transition running: requested_cluster_status equals current_cluster_status
     */
    public static Condition noTransition(Pair p, Side side) {
        String name = p.name(side);
        return Condition.of(
                "no cluster transition running on " + name + " (requested_cluster_status = current_cluster_status)",
                s -> requested(s.host(side)).equals(s.host(side).clusterStatus()),
                s -> name + ": requested_cluster_status "
                        + requested(s.host(side)).orElse("absent") + ", current_cluster_status "
                        + s.host(side).clusterStatus().orElse("absent") + " (a transition running or failed)");
    }

    private static Optional<String> requested(HostState host) {
        return host.contents(ChefServices.REQUESTED_STATUS)
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8).strip());
    }
}
