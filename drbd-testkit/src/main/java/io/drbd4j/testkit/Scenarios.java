package io.drbd4j.testkit;

import io.drbd4j.core.model.DiskState;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.testkit.internal.drbd.DrbdNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Ready-made starting points for fault tests, each built from a {@link SimulatedDrbdCluster.Builder} with two hosts
 * (the first becomes Primary) through the same commands an operator would run; setup commands run under the step
 * name {@code "scenario"}.
 *
 * <pre>{@code
 * SimulatedDrbdCluster cluster = Scenarios.primaryLostMidSync(SimulatedDrbdCluster.builder()
 *         .host("be1", "10.0.0.1", "8.4", "8.4.11")
 *         .host("be2", "10.0.0.2", "8.4", "8.4.11"));
 * }</pre>
 */
public final class Scenarios {
    private static final Duration SYNC_LIMIT = Duration.ofHours(6);

    private Scenarios() {}

    /**
     * Returns {@code create-md} and {@code up} on both: {@code Connected Secondary/Secondary
     * Inconsistent/Inconsistent}.
     *
     * @param builder two hosts
     * @return {@code create-md} and {@code up} on both: {@code Connected Secondary/Secondary Inconsistent/Inconsistent}
     */
    public static SimulatedDrbdCluster freshPair(SimulatedDrbdCluster.Builder builder) {
        SimulatedDrbdCluster cluster = builder.build();
        for (String host : cluster.hosts()) {
            drbdadm(cluster, host, "create-md");
            drbdadm(cluster, host, "up");
        }
        return cluster;
    }

    /**
     * Returns the first host Primary after the initial full sync ({@code UpToDate/UpToDate}), the writer running.
     *
     * @param builder two hosts
     * @param kibPerSecond the application's write rate on the first host
     * @return the first host Primary after the initial full sync ({@code UpToDate/UpToDate}), the writer running
     */
    public static SimulatedDrbdCluster syncedPairWithWriter(SimulatedDrbdCluster.Builder builder, long kibPerSecond) {
        SimulatedDrbdCluster cluster = freshPair(builder);
        String primary = cluster.hosts().get(0);
        DrbdNode secondary = cluster.node(cluster.hosts().get(1));
        forcePrimary(cluster, primary);
        advanceUntil(cluster, () -> secondary.disk() == DiskState.UP_TO_DATE);
        cluster.startWriter(primary, kibPerSecond);
        return cluster;
    }

    /**
     * Returns the first host gone for good while the second was an Inconsistent SyncTarget: the second is {@code
     * WFConnection Secondary/Unknown Inconsistent/DUnknown}, the writes since the sync began lost (reported as a fault
     * loss unless {@link SimulatedDrbdCluster#acceptLoss} was declared).
     *
     * @param builder two hosts
     * @param intoSync how long the initial sync (with a writer on the first host at 256 KiB/s) ran before the loss
     * @return the first host gone for good while the second was an Inconsistent SyncTarget: the second is
     *     {@code WFConnection Secondary/Unknown Inconsistent/DUnknown}, the writes since the sync began lost
     *     (reported as a fault loss unless {@link SimulatedDrbdCluster#acceptLoss} was declared)
     */
    public static SimulatedDrbdCluster primaryLostMidSync(SimulatedDrbdCluster.Builder builder, Duration intoSync) {
        SimulatedDrbdCluster cluster = freshPair(builder);
        String primary = cluster.hosts().get(0);
        forcePrimary(cluster, primary);
        cluster.startWriter(primary, 256);
        cluster.time().advance(intoSync);
        cluster.stopWriter();
        if (cluster.node(cluster.hosts().get(1)).disk() != DiskState.INCONSISTENT) {
            throw new IllegalArgumentException("the sync finished within " + intoSync);
        }
        cluster.faults().crashForGood(primary);
        return cluster;
    }

    /**
     * Returns a synced pair partitioned, the second host promoted as well, each Primary written to once, then healed:
     * split brain, both {@code StandAlone Primary} (Chef's after-sb-2pri disconnect).
     *
     * @param builder two hosts
     * @return a synced pair partitioned, the second host promoted as well, each Primary written to once, then
     *     healed: split brain, both {@code StandAlone Primary} (Chef's after-sb-2pri disconnect)
     */
    public static SimulatedDrbdCluster splitBrain(SimulatedDrbdCluster.Builder builder) {
        SimulatedDrbdCluster cluster = freshPair(builder);
        List<String> hosts = new ArrayList<>(cluster.hosts());
        DrbdNode second = cluster.node(hosts.get(1));
        forcePrimary(cluster, hosts.get(0));
        advanceUntil(cluster, () -> second.disk() == DiskState.UP_TO_DATE);
        cluster.faults().partition();
        drbdadm(cluster, hosts.get(1), "primary");
        for (String host : hosts) {
            cluster.write(host, 4);
        }
        cluster.faults().heal();
        return cluster;
    }

    private static void forcePrimary(SimulatedDrbdCluster cluster, String host) {
        if (cluster.node(host).dialect().equals("8.3")) {
            drbdadm(cluster, host, "--", "--overwrite-data-of-peer", "primary");
        } else {
            drbdadm(cluster, host, "primary", "--force");
        }
    }

    private static void drbdadm(SimulatedDrbdCluster cluster, String host, String... args) {
        List<String> argv = new ArrayList<>();
        argv.add("drbdadm");
        argv.addAll(List.of(args));
        argv.add(cluster.resourceName());
        CommandResult r = cluster.runner(host, "scenario").run(Command.of(Duration.ofSeconds(30), argv));
        if (r.exitCode() != 0) {
            throw new IllegalStateException(host + ": " + String.join(" ", argv) + " -> " + r);
        }
    }

    private static void advanceUntil(SimulatedDrbdCluster cluster, BooleanSupplier done) {
        Duration spent = Duration.ZERO;
        while (!done.getAsBoolean()) {
            if (spent.compareTo(SYNC_LIMIT) >= 0) {
                throw new IllegalStateException("no sync within " + SYNC_LIMIT + "\n" + cluster.eventLog());
            }
            cluster.time().advance(Duration.ofSeconds(1));
            spent = spent.plusSeconds(1);
        }
    }
}
