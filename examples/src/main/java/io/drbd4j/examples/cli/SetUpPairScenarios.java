package io.drbd4j.examples.cli;

import io.drbd4j.chef.BackendStatus;
import io.drbd4j.chef.BothSecondary;
import io.drbd4j.chef.ChefHaCluster;
import io.drbd4j.chef.FailoverSetup;
import io.drbd4j.chef.HaStatus;
import io.drbd4j.chef.Journal;
import io.drbd4j.chef.PeerGone;
import io.drbd4j.chef.ProgressListener;
import io.drbd4j.chef.RejoinSecondary;
import io.drbd4j.chef.ReplaceSecondary;
import io.drbd4j.chef.SecondaryEvidence;
import io.drbd4j.chef.SplitBrainRecovery;
import io.drbd4j.chef.Switchover;
import io.drbd4j.chef.Workflow;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.testkit.Scenarios;
import io.drbd4j.testkit.SimulatedDrbdCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The workflows {@code drbd4j demo} stages on a pair that failover setup has set up (be1 master, be2 backup, run first
 * and quietly): switchover and its failback, a crashed secondary rejoining, a lost secondary replaced by be3, a
 * split brain recovered, and both backends Secondary after the link was cut. Each builds its real starting state on the simulator, as the workflows' own
 * tests do.
 */
final class SetUpPairScenarios {
    /** Who chose the keeper of the split-brain demo, and why: journaled as the victim's accepted loss. */
    static final String SPLIT_BRAIN_CONFIRMATION =
            "demo: be1 holds the orders taken during the outage; be2's are re-entered from its application log";

    /** Who chose the copy kept in the both-secondary demo, and why: journaled. */
    static final String BOTH_SECONDARY_CONFIRMATION =
            "demo: get-gi names be1 newest; be1 took the writes while the link was cut";

    /** The writes be1 takes while the link is cut in the both-secondary demo: each this many KiB, 5 s apart. */
    private static final int APART_WRITES = 4;

    private static final long APART_WRITE_KIB = 16 << 10;

    /** The writes be1 takes while be2 is away in the rejoin demo: each this many KiB, 10 simulated seconds apart. */
    private static final int AWAY_WRITES = 8;

    private static final long AWAY_WRITE_KIB = 32 << 10;

    private SetUpPairScenarios() {}

    /** Switchover: be1 hands the master role to be2, then the failback gives it back. */
    static DemoScenario switchover(String dialect, long sizeGiB) {
        SimulatedDrbdCluster sim = setUp(dialect, sizeGiB, false);
        ChefHaCluster be1Master = DemoScenarios.cluster(sim, "be1", "10.0.0.1", "be2", "10.0.0.2");
        ChefHaCluster be2Master = DemoScenarios.cluster(sim, "be2", "10.0.0.2", "be1", "10.0.0.1");
        sim.write("be1", 1024);
        return new DemoScenario(
                sim,
                be1Master,
                List.of(
                        Switchover.NAME + " and its failback on a simulated pair be1/be2 (DRBD " + dialect + ", "
                                + sizeGiB + " GiB each) set up by failover-setup (run first, quietly), in simulated"
                                + " time",
                        "now: " + now(be1Master),
                        "be1 hands the master role to be2 with no data loss: keepalived stopped on be1 runs the"
                                + " backup transition there while be2 takes over; then the failback, the same"
                                + " workflow with the roles swapped, makes be1 master again"),
                List.of(
                        new DemoScenario.Run("switchover: be1 master, be2 takes over", Switchover.workflow(be1Master)),
                        new DemoScenario.Run(
                                "failback: switchover with be2 master, be1 takes over",
                                Switchover.workflow(be2Master))));
    }

    /** Rejoin: be2 crashed, be1 took writes while it was away, be2 rebooted. */
    static DemoScenario rejoinSecondary(String dialect, long sizeGiB) {
        SimulatedDrbdCluster sim = setUp(dialect, sizeGiB, false);
        ChefHaCluster cluster = DemoScenarios.cluster(sim, "be1", "10.0.0.1", "be2", "10.0.0.2");
        sim.faults().crash("be2");
        for (int i = 0; i < AWAY_WRITES; i++) {
            sim.write("be1", AWAY_WRITE_KIB);
            sim.time().advance(Duration.ofSeconds(10));
        }
        sim.faults().reboot("be2");
        HaStatus status = HaStatus.read(cluster);
        return new DemoScenario(
                sim,
                cluster,
                RejoinSecondary.workflow(cluster),
                List.of(
                        RejoinSecondary.NAME + " on a simulated pair be1/be2 (DRBD " + dialect + ", " + sizeGiB
                                + " GiB each) set up by failover-setup (run first, quietly), in simulated time: be2"
                                + " crashed, be1 took " + AWAY_WRITES + " writes of " + kib(AWAY_WRITE_KIB)
                                + " while it was away, and be2 rebooted",
                        "now: " + now(status),
                        "be1 is still master with the only complete copy; be2's disk is its old copy (meta data"
                                + " intact), behind by the " + kib(outOfSyncKiB(status, "be1")) + " be1 marked out of"
                                + " sync: be2 is brought up and resyncs only those, nothing is forced or discarded"));
    }

    /** Replacement: be2 lost for good after be1 took writes; be3 (10.0.0.3) replaces it with a new configuration. */
    static DemoScenario replaceSecondary(String dialect, long sizeGiB) {
        SimulatedDrbdCluster sim = setUp(dialect, sizeGiB, true);
        sim.write("be1", 1024);
        sim.faults().crashForGood("be2");
        sim.write("be1", 64 << 10);
        sim.faults().replaceHost("be2", "be3", "10.0.0.3");
        ChefHaCluster cluster = DemoScenarios.cluster(sim, "be1", "10.0.0.1", "be3", "10.0.0.3");
        byte[] config = ("topology \"ha\"\n"
                        + "server \"be1\", :ipaddress => \"10.0.0.1\", :role => \"backend\", :bootstrap => true\n"
                        + "server \"be3\", :ipaddress => \"10.0.0.3\", :role => \"backend\"\n")
                .getBytes(StandardCharsets.UTF_8);
        HaStatus status = HaStatus.read(cluster);
        return new DemoScenario(
                sim,
                cluster,
                ReplaceSecondary.of(cluster, PeerGone.of("be2", "10.0.0.2", DemoScenarios.GONE_HOW))
                        .withConfiguration(config)
                        .workflow(),
                List.of(
                        ReplaceSecondary.NAME + " on a simulated pair (DRBD " + dialect + ", " + sizeGiB + " GiB each)"
                                + " set up by failover-setup (run first, quietly), in simulated time: be2 was lost"
                                + " for good (" + DemoScenarios.GONE_HOW + ") while be1 took writes; be3 (10.0.0.3)"
                                + " replaces it",
                        "now: " + now(status),
                        "be1 is master with the only copy, " + kib(outOfSyncKiB(status, "be1")) + " of it never"
                                + " replicated; be3 has a blank disk: the new chef-server.rb names be1 and be3, be3"
                                + " gets meta data and a full sync from be1, then joins as backup"));
    }

    /**
     * A split brain as Chef meets it: the replication link cut, keepalived on be2 taking the master role too ({@code chef-server-ctl
     * master-recover}), a write on each Primary, the link healed: both {@code StandAlone Primary/Unknown
     * UpToDate/DUnknown}. be1 is kept.
     */
    static DemoScenario splitBrain(String dialect, long sizeGiB) {
        SimulatedDrbdCluster sim = setUp(dialect, sizeGiB, false);
        sim.faults().partition();
        CommandResult takeover = sim.runner("be2", "scenario")
                .run(Command.of(Duration.ofMinutes(5), "chef-server-ctl", "master-recover"));
        if (takeover.exitCode() != 0) {
            throw new IllegalStateException("staging the split brain: be2's master-recover failed: " + takeover);
        }
        sim.write("be1", 4);
        sim.write("be2", 4);
        sim.faults().heal();
        ChefHaCluster cluster = DemoScenarios.cluster(sim, "be1", "10.0.0.1", "be2", "10.0.0.2");
        HaStatus status = HaStatus.read(cluster);
        return new DemoScenario(
                sim,
                cluster,
                SplitBrainRecovery.of(cluster, "be1", SPLIT_BRAIN_CONFIRMATION).workflow(),
                List.of(
                        SplitBrainRecovery.NAME + " on a simulated pair be1/be2 (DRBD " + dialect + ", " + sizeGiB
                                + " GiB each) set up by failover-setup (run first, quietly), in simulated time: the"
                                + " replication link was cut, keepalived on be2 took the master role while be1 kept"
                                + " it, each took writes, and the link came back",
                        "now: " + now(status),
                        "a split brain: both StandAlone Primary, each with writes the other lacks; DRBD will not"
                                + " reconnect them until one copy is chosen",
                        "keeping be1: be2, the victim, loses every write it took since the split and gets a full"
                                + " resync from be1; confirmed: " + SPLIT_BRAIN_CONFIRMATION));
    }

    /**
     * Both backends Secondary (the Chef guide's scenario 5): the replication link cut, keepalived stopped on be2 (so
     * that it cannot take over), be1 writing on, then keepalived stopped on be1 too: both Secondary and disconnected,
     * be1 the only one with the newest writes and the higher {@code oos}. The evidence is read then; the link is
     * healed, and be1, the newer copy, is kept with a confirmation.
     */
    static DemoScenario bothSecondary(String dialect, long sizeGiB) {
        SimulatedDrbdCluster sim = setUp(dialect, sizeGiB, false);
        stopKeepalived(sim, "be2");
        sim.faults().partition();
        for (int i = 0; i < APART_WRITES; i++) {
            sim.write("be1", APART_WRITE_KIB);
            sim.time().advance(Duration.ofSeconds(5));
        }
        stopKeepalived(sim, "be1");
        ChefHaCluster cluster = DemoScenarios.cluster(sim, "be1", "10.0.0.1", "be2", "10.0.0.2");
        SecondaryEvidence evidence = BothSecondary.evidence(cluster);
        List<String> intro = new ArrayList<>();
        intro.add(BothSecondary.NAME + " on a simulated pair be1/be2 (DRBD " + dialect + ", " + sizeGiB + " GiB each)"
                + " set up by failover-setup (run first, quietly), in simulated time: the replication link was cut,"
                + " keepalived stopped on be2, be1 took " + APART_WRITES + " writes of " + kib(APART_WRITE_KIB)
                + ", then keepalived stopped on be1 too");
        intro.add("now: " + now(cluster));
        intro.add("neither backend serves Chef; the evidence (" + BothSecondary.NAME + " reads it, changes nothing):");
        evidence.toText().lines().map(line -> "  " + line).forEach(intro::add);
        intro.add("keeping be1"
                + evidence.newest()
                        .filter("be1"::equals)
                        .map(h -> ", the newer copy")
                        .orElse("")
                + ": the link comes back first, then be1 is promoted and made master, be2 resyncs what it lacks"
                + " and joins as backup; confirmed: " + BOTH_SECONDARY_CONFIRMATION);
        Workflow workflow =
                BothSecondary.of(cluster, "be1", BOTH_SECONDARY_CONFIRMATION).workflow();
        return new DemoScenario(sim, cluster, intro, List.of(new DemoScenario.Run("", workflow, () -> sim.faults()
                .heal())));
    }

    private static void stopKeepalived(SimulatedDrbdCluster sim, String host) {
        CommandResult stop = sim.runner(host, "scenario")
                .run(Command.of(Duration.ofMinutes(5), "chef-server-ctl", "stop", "keepalived"));
        if (stop.exitCode() != 0) {
            throw new IllegalStateException(
                    "staging both backends Secondary: " + host + "'s keepalived stop failed: " + stop);
        }
    }

    /**
     * Returns a fresh pair of volumes that size on which failover setup ran to completion: be1 master, be2 backup.
     *
     * @param withConfig whether be1 holds Chef's configuration first (a replacement copies it from there)
     * @return a fresh pair on which failover setup ran to completion: be1 master, be2 backup
     */
    private static SimulatedDrbdCluster setUp(String dialect, long sizeGiB, boolean withConfig) {
        return setUp(DemoScenarios.pair(dialect, sizeGiB), withConfig);
    }

    /**
     * Returns a fresh pair of those hosts on which failover setup ran to completion: be1 master, be2 backup.
     *
     * @param hosts be1 and be2 as {@link DemoScenarios#pair} makes them, with any disks added
     * @param withConfig whether be1 holds Chef's configuration first (a replacement copies it from there)
     * @return a fresh pair on which failover setup ran to completion: be1 master, be2 backup
     */
    static SimulatedDrbdCluster setUp(SimulatedDrbdCluster.Builder hosts, boolean withConfig) {
        SimulatedDrbdCluster sim = Scenarios.freshPair(hosts);
        if (withConfig) {
            DemoScenarios.writeConfig(sim, "be1");
        }
        ChefHaCluster cluster = DemoScenarios.cluster(sim, "be1", "10.0.0.1", "be2", "10.0.0.2");
        Path dir = DemoScenarios.tempDir();
        Path journal = dir.resolve(FailoverSetup.NAME + ".jsonl");
        try {
            FailoverSetup.workflow(cluster).run(ProgressListener.none(), Journal.at(journal));
        } finally {
            deleteQuietly(journal);
            deleteQuietly(dir);
        }
        return sim;
    }

    /**
     * Returns {@code be1: WFConnection Primary/Unknown UpToDate/DUnknown, master; be2: ...}.
     *
     * @return {@code be1: WFConnection Primary/Unknown UpToDate/DUnknown, master; be2: ...}
     */
    static String now(ChefHaCluster cluster) {
        return now(HaStatus.read(cluster));
    }

    private static String now(HaStatus status) {
        List<String> hosts = new ArrayList<>();
        for (BackendStatus b : status.backends()) {
            hosts.add(b.name() + ": " + b.drbdWords()
                    + b.clusterStatus().map(s -> ", " + s).orElse(""));
        }
        return String.join("; ", hosts);
    }

    /**
     * Returns the host's {@code oos:}, in KiB; 0 when not shown.
     *
     * @return the host's {@code oos:}, in KiB; 0 when not shown
     */
    private static long outOfSyncKiB(HaStatus status, String host) {
        return status.backends().stream()
                .filter(b -> b.name().equals(host))
                .flatMap(b -> b.drbd().stream())
                .flatMap(d -> d.counters().stream())
                .mapToLong(c -> c.oos().orElse(0))
                .sum();
    }

    /**
     * Returns {@code 262,144 KiB}.
     *
     * @return {@code 262,144 KiB}
     */
    private static String kib(long kib) {
        return String.format(Locale.ROOT, "%,d KiB", kib);
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // A temporary file left behind is harmless; the demo goes on.
        }
    }
}
