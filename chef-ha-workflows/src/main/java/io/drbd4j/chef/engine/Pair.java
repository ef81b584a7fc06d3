package io.drbd4j.chef.engine;

import io.drbd4j.chef.Backend;
import io.drbd4j.chef.ChefHaCluster;
import io.drbd4j.chef.WorkflowException;
import io.drbd4j.core.DrbdException;
import io.drbd4j.exec.dialect.DialectDetector;
import io.drbd4j.exec.dialect.DrbdDialect;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A cluster seen by one workflow: which backend plays which {@link Side}, and each one's drbdadm dialect (the one
 * given, or the one detected on the host; nothing is changed). Immutable.
 */
public final class Pair {
    private final ChefHaCluster cluster;
    private final Map<Side, DrbdDialect> dialects;
    private final Set<Side> reached;

    private Pair(ChefHaCluster cluster, Map<Side, DrbdDialect> dialects, Set<Side> reached) {
        this.cluster = cluster;
        this.dialects = dialects;
        this.reached = Collections.unmodifiableSet(EnumSet.copyOf(reached));
    }

    /**
     * Returns the pair with both dialects, each with the cluster's command timeout.
     *
     * @param workflow the workflow that asks, for the error
     * @param cluster the backends
     * @return the pair with both dialects, each with the cluster's command timeout
     * @throws WorkflowException (STATE_UNKNOWN, step {@code detect-dialect}) when a host's dialect cannot be told
     */
    public static Pair resolve(String workflow, ChefHaCluster cluster) {
        return resolve(workflow, cluster, EnumSet.allOf(Side.class));
    }

    /**
     * Returns the pair with the dialects of the parts reached.
     *
     * @param workflow the workflow that asks, for the error
     * @param cluster the backends
     * @param reached the parts the workflow contacts; the others (a lost backend) are never asked anything
     * @return the pair with the dialects of the parts reached
     * @throws WorkflowException (STATE_UNKNOWN, step {@code detect-dialect}) when a host's dialect cannot be told
     */
    public static Pair resolve(String workflow, ChefHaCluster cluster, Set<Side> reached) {
        Map<Side, DrbdDialect> dialects = new EnumMap<>(Side.class);
        for (Side side : reached) {
            Backend backend = backend(cluster, side);
            DrbdDialect dialect;
            if (backend.dialect().isPresent()) {
                dialect = backend.dialect().get();
            } else {
                try {
                    dialect = new DialectDetector(backend.runner()).detect().dialect();
                } catch (DrbdException e) {
                    throw new WorkflowException(
                            WorkflowException.Reason.STATE_UNKNOWN,
                            workflow,
                            "detect-dialect",
                            backend.name(),
                            e.getMessage(),
                            "a DRBD 8.3 or 8.4 userland that drbdadm --version or /proc/drbd identifies",
                            "install drbd-utils on " + backend.name() + ", or give its dialect in Backend.dialect()",
                            e);
                }
            }
            dialects.put(side, dialect.withTimeout(cluster.commandTimeout()));
        }
        return new Pair(cluster, dialects, reached);
    }

    /**
     * Returns the pair without dialects: for reading state ({@link HostState#hasMetaData()} then refuses).
     *
     * @param cluster the backends
     * @return the pair without dialects: for reading state ({@link HostState#hasMetaData()} then refuses)
     */
    public static Pair unresolved(ChefHaCluster cluster) {
        return new Pair(cluster, Map.of(), EnumSet.allOf(Side.class));
    }

    private static Backend backend(ChefHaCluster cluster, Side side) {
        return side == Side.KEEPER ? cluster.keeperBackend() : cluster.otherBackend();
    }

    /**
     * Returns the parts the workflow contacts: both, or the keeper alone when the other backend is the lost one.
     *
     * @return the parts the workflow contacts: both, or the keeper alone when the other backend is the lost one
     */
    public Set<Side> reached() {
        return reached;
    }

    /**
     * Returns the cluster.
     *
     * @return the cluster
     */
    public ChefHaCluster cluster() {
        return cluster;
    }

    /**
     * Returns the backend playing it.
     *
     * @param side a part
     * @return the backend playing it
     */
    public Backend backend(Side side) {
        return backend(cluster, side);
    }

    /**
     * Returns the name of the backend playing it.
     *
     * @param side a part
     * @return the name of the backend playing it
     */
    public String name(Side side) {
        return backend(side).name();
    }

    /**
     * Returns its part.
     *
     * @param host a backend's name
     * @return its part
     * @throws IllegalArgumentException for a name that is not one of the two backends
     */
    public Side side(String host) {
        for (Side side : Side.values()) {
            if (name(side).equals(host)) {
                return side;
            }
        }
        throw new IllegalArgumentException(
                "no backend named \"" + host + "\" (expected: " + name(Side.KEEPER) + " or " + name(Side.OTHER) + ")");
    }

    /**
     * Returns its dialect; empty for a pair not {@link #resolve resolved}.
     *
     * @param side a part
     * @return its dialect; empty for a pair not {@link #resolve resolved}
     */
    public Optional<DrbdDialect> dialectIfKnown(Side side) {
        return Optional.ofNullable(dialects.get(side));
    }

    /**
     * Returns its dialect.
     *
     * @param side a part
     * @return its dialect
     * @throws IllegalStateException for a pair not {@link #resolve resolved}
     */
    public DrbdDialect dialect(Side side) {
        return dialectIfKnown(side)
                .orElseThrow(() -> new IllegalStateException("the dialect of " + name(side) + " was not resolved"));
    }

    /**
     * Returns each backend's dialect name, {@code 8.4} or {@code 8.3}, by backend name, the keeper first.
     *
     * @return each backend's dialect name, {@code 8.4} or {@code 8.3}, by backend name, the keeper first
     */
    public Map<String, String> dialectNames() {
        Map<String, String> names = new LinkedHashMap<>();
        dialects.forEach((side, dialect) -> names.put(name(side), dialect.name()));
        return names;
    }

    /**
     * Returns a builder for a step on that backend.
     *
     * @param id the step's stable id
     * @param side where it runs
     * @return a builder for a step on that backend
     */
    public Step.Builder step(String id, Side side) {
        return Step.builder(id, side, this);
    }
}
