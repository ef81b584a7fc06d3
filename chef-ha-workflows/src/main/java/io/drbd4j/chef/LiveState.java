package io.drbd4j.chef;

/** Both backends' live state for one check; each probe runs at most once. Not thread-safe. */
final class LiveState {
    private final ChefHaCluster cluster;
    private final HostState primary;
    private final HostState secondary;

    LiveState(ChefHaCluster cluster) {
        this.cluster = cluster;
        this.primary = new HostState(cluster, cluster.primaryBackend());
        this.secondary = new HostState(cluster, cluster.secondaryBackend());
    }

    ChefHaCluster cluster() {
        return cluster;
    }

    /** @return the bootstrap backend's state */
    HostState primary() {
        return primary;
    }

    /** @return the other backend's state */
    HostState secondary() {
        return secondary;
    }

    HostState host(String name) {
        return name.equals(primary.name()) ? primary : secondary;
    }
}
