package io.drbd4j.chef.engine;

import io.drbd4j.chef.ChefHaCluster;
import java.util.EnumMap;
import java.util.Map;

/** Both backends' live state for one check; each probe runs at most once. Not thread-safe. */
public final class LiveState {
    private final Pair pair;
    private final Map<Side, HostState> hosts = new EnumMap<>(Side.class);

    /**
     * Creates the live state of a pair, read on demand.
     *
     * @param pair the backends and their dialects
     */
    public LiveState(Pair pair) {
        this.pair = pair;
        for (Side side : Side.values()) {
            hosts.put(side, new HostState(pair, side));
        }
    }

    /**
     * Returns the cluster.
     *
     * @return the cluster
     */
    public ChefHaCluster cluster() {
        return pair.cluster();
    }

    /**
     * Returns the backends and their parts.
     *
     * @return the backends and their parts
     */
    public Pair pair() {
        return pair;
    }

    /**
     * Returns the state of the backend playing it.
     *
     * @param side a part
     * @return the state of the backend playing it
     */
    public HostState host(Side side) {
        return hosts.get(side);
    }

    /**
     * Returns its state.
     *
     * @param name a backend's name
     * @return its state
     */
    public HostState host(String name) {
        return host(pair.side(name));
    }
}
