package io.drbd4j.examples.cli;

import io.drbd4j.chef.Backend;
import io.drbd4j.chef.BothSecondary;
import io.drbd4j.chef.ChefHaCluster;
import io.drbd4j.chef.FailoverSetup;
import io.drbd4j.chef.GrowVolume;
import io.drbd4j.chef.Journal;
import io.drbd4j.chef.PeerGone;
import io.drbd4j.chef.PlannedStep;
import io.drbd4j.chef.Prepare;
import io.drbd4j.chef.PrepareStorage;
import io.drbd4j.chef.ProgressListener;
import io.drbd4j.chef.RecoverPrimary;
import io.drbd4j.chef.RejoinSecondary;
import io.drbd4j.chef.ReplaceSecondary;
import io.drbd4j.chef.SplitBrainRecovery;
import io.drbd4j.chef.SurvivorReport;
import io.drbd4j.chef.Switchover;
import io.drbd4j.chef.SyncReport;
import io.drbd4j.chef.WorkflowException;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.testkit.Scenarios;
import io.drbd4j.testkit.SimulatedDrbdCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The workflows {@code drbd4j demo} and {@code drbd4j plan} (without hosts) know, each staged on a simulated pair of
 * backends be1 (10.0.0.1) and be2 (10.0.0.2), and be3 (10.0.0.3) where a host is replaced: here those that start
 * before or during failover setup, in {@link SetUpPairScenarios} those that start from a set-up pair, in {@link
 * StorageScenarios} those that make or grow the storage under DRBD.
 */
final class DemoScenarios {
    /** How far the initial sync got when the recover-primary demo loses be1, per mille (the Chef guide's 19.5%). */
    static final int LOST_AT_PER_MILLE = 195;

    static final String GONE_HOW = "powered off via ILO (simulated)";

    static final String LOSS_REASON = "demo: the data be2 never received is restored from the nightly backup";

    /** The short name {@code demo} and {@code plan} also take for {@link SplitBrainRecovery#NAME}. */
    static final String SPLIT_BRAIN = "split-brain";

    private static final long GIB = 1L << 30;

    /** A way to stage one workflow: dialect and volume size in, the staged scenario out. */
    interface Stager {
        DemoScenario stage(String dialect, long sizeGiB);
    }

    private static final Map<String, Stager> STAGERS = stagers();

    private DemoScenarios() {}

    private static Map<String, Stager> stagers() {
        Map<String, Stager> map = new LinkedHashMap<>();
        map.put(FailoverSetup.NAME, DemoScenarios::failoverSetup);
        map.put(Prepare.NAME, DemoScenarios::prepare);
        map.put(RecoverPrimary.NAME, DemoScenarios::recoverPrimary);
        map.put(Switchover.NAME, SetUpPairScenarios::switchover);
        map.put(RejoinSecondary.NAME, SetUpPairScenarios::rejoinSecondary);
        map.put(ReplaceSecondary.NAME, SetUpPairScenarios::replaceSecondary);
        map.put(SplitBrainRecovery.NAME, SetUpPairScenarios::splitBrain);
        map.put(BothSecondary.NAME, SetUpPairScenarios::bothSecondary);
        map.put(GrowVolume.NAME, StorageScenarios::growVolume);
        map.put(PrepareStorage.NAME, StorageScenarios::prepareStorage);
        return map;
    }

    /**
     * Returns the workflow names, in the order the usage lists them.
     *
     * @return the workflow names, in the order the usage lists them
     */
    static List<String> names() {
        return List.copyOf(STAGERS.keySet());
    }

    /**
     * Returns the workflow's own name; empty for an unknown one.
     *
     * @param name a workflow name as typed, or {@value #SPLIT_BRAIN} for {@link SplitBrainRecovery#NAME}
     * @return the workflow's own name; empty for an unknown one
     */
    static Optional<String> canonical(String name) {
        String full = name.equals(SPLIT_BRAIN) ? SplitBrainRecovery.NAME : name;
        return STAGERS.containsKey(full) ? Optional.of(full) : Optional.empty();
    }

    /**
     * Returns {@code unknown workflow 'NAME' (expected: failover-setup, ...)}.
     *
     * @param name a workflow name as typed
     * @return {@code unknown workflow 'NAME' (expected: failover-setup, ...)}
     */
    static String unknown(String name) {
        return "unknown workflow '" + name + "' (expected: " + String.join(", ", names()) + ")";
    }

    /**
     * Returns the staged scenario.
     *
     * @param name a workflow name
     * @param dialect 8.3 or 8.4
     * @param sizeGiB each volume's size
     * @return the staged scenario
     * @throws IllegalArgumentException for an unknown name
     */
    static DemoScenario stage(String name, String dialect, long sizeGiB) {
        return STAGERS.get(canonical(name).orElseThrow(() -> new IllegalArgumentException(unknown(name))))
                .stage(dialect, sizeGiB);
    }

    static SimulatedDrbdCluster.Builder pair(String dialect, long sizeGiB) {
        String kernel = dialect.equals("8.3") ? "8.3.16" : "8.4.11";
        return SimulatedDrbdCluster.builder()
                .host("be1", "10.0.0.1", dialect, kernel)
                .host("be2", "10.0.0.2", dialect, kernel)
                .backingSize(sizeGiB * GIB);
    }

    /**
     * The cluster over two simulated backends. Both get {@code discard = false} in /etc/mke2fs.conf first: mkfs.ext4
     * discards the device by default and DRBD 8.4 marks a discarded range in sync, which would end the initial sync
     * at failover-setup's mkfs; the demos show the Chef guide's long initial sync, as the real test bed does with
     * the same setting in its VMs.
     */
    static ChefHaCluster cluster(
            SimulatedDrbdCluster sim, String primary, String primaryAddress, String other, String otherAddress) {
        for (String host : List.of(primary, other)) {
            if (sim.hosts().contains(host)) {
                tee(sim, host, "/etc/mke2fs.conf", "[defaults]\n\tdiscard = false\n");
            }
        }
        return ChefHaCluster.builder()
                .addBackend(Backend.of(primary, primaryAddress, sim.runner(primary)))
                .addBackend(Backend.of(other, otherAddress, sim.runner(other)))
                .keeper(primary)
                .sleeper(sim.time())
                .build();
    }

    private static DemoScenario failoverSetup(String dialect, long sizeGiB) {
        SimulatedDrbdCluster sim = Scenarios.freshPair(pair(dialect, sizeGiB));
        ChefHaCluster cluster = cluster(sim, "be1", "10.0.0.1", "be2", "10.0.0.2");
        return new DemoScenario(
                sim,
                cluster,
                FailoverSetup.workflow(cluster),
                List.of("failover-setup on a simulated fresh pair be1/be2 (DRBD " + dialect + ", " + sizeGiB
                        + " GiB each), in simulated time"));
    }

    private static DemoScenario prepare(String dialect, long sizeGiB) {
        SimulatedDrbdCluster sim = pair(dialect, sizeGiB).build();
        ChefHaCluster cluster = cluster(sim, "be1", "10.0.0.1", "be2", "10.0.0.2");
        writeConfig(sim, "be1");
        return new DemoScenario(
                sim,
                cluster,
                Prepare.workflow(cluster),
                List.of("prepare on two blank simulated backends be1/be2 (DRBD " + dialect + ", " + sizeGiB
                        + " GiB each), Chef's configuration written on be1, in simulated time"));
    }

    /**
     * The Chef guide's scenario 4: failover setup running with an application writing on be1, be1 lost for good at
     * 19.5% of the initial sync, be2 the Inconsistent survivor, be1 replaced by be3.
     */
    private static DemoScenario recoverPrimary(String dialect, long sizeGiB) {
        SimulatedDrbdCluster sim = Scenarios.freshPair(pair(dialect, sizeGiB));
        writeConfig(sim, "be1");
        writeConfig(sim, "be2");
        ChefHaCluster setUp = cluster(sim, "be1", "10.0.0.1", "be2", "10.0.0.2");
        AtomicBoolean lost = new AtomicBoolean();
        ProgressListener loseBe1 = new ProgressListener() {
            @Override
            public void stepFinished(PlannedStep step, Duration took) {
                if (step.id().equals("mount")) {
                    sim.startWriter("be1", 256);
                }
            }

            @Override
            public void syncProgress(PlannedStep step, SyncReport report) {
                if (report.perMille() >= LOST_AT_PER_MILLE && lost.compareAndSet(false, true)) {
                    sim.faults().crashForGood("be1");
                }
            }
        };
        Path dir = tempDir();
        try {
            FailoverSetup.workflow(setUp).run(loseBe1, Journal.at(dir.resolve("interrupted-setup.jsonl")));
        } catch (WorkflowException expected) {
            // be1 vanished while the setup waited for the sync: that is the scenario
        }
        sim.stopWriter();
        sim.faults().replaceHost("be1", "be3", "10.0.0.3");
        ChefHaCluster cluster = cluster(sim, "be2", "10.0.0.2", "be3", "10.0.0.3");
        SurvivorReport survivor = RecoverPrimary.assess(cluster);
        byte[] config = ("topology \"ha\"\n"
                        + "server \"be2\", :ipaddress => \"10.0.0.2\", :role => \"backend\", :bootstrap => true\n"
                        + "server \"be3\", :ipaddress => \"10.0.0.3\", :role => \"backend\"\n")
                .getBytes(StandardCharsets.UTF_8);
        RecoverPrimary recovery = RecoverPrimary.of(cluster, PeerGone.of("be1", "10.0.0.1", GONE_HOW))
                .withConfiguration(config);
        if (!survivor.upToDate()) {
            recovery = recovery.acceptingDataLoss(LOSS_REASON);
        }
        return new DemoScenario(
                sim,
                cluster,
                recovery.workflow(),
                List.of(
                        "recover-primary on a simulated pair (DRBD " + dialect + ", " + sizeGiB + " GiB each): be1"
                                + " was lost for good at " + LOST_AT_PER_MILLE / 10.0 + "% of the initial sync while"
                                + " an application wrote on it; be3 (10.0.0.3) replaces it",
                        "survivor " + survivor.host() + ": " + survivor.state(),
                        survivor.meaning(),
                        "announced loss: " + survivor.outOfSyncKiB() + " KiB"
                                + (survivor.upToDate() ? "" : "; accepted: " + LOSS_REASON)));
    }

    /** Writes the Chef configuration a bootstrap reconfigure would have left in /etc/opscode. */
    static void writeConfig(SimulatedDrbdCluster sim, String host) {
        tee(sim, host, "/etc/opscode/chef-server.rb", "topology \"ha\"\n");
        tee(sim, host, "/etc/opscode/private-chef-secrets.json", "{\"drbd\":{\"shared_secret\":\"demo\"}}\n");
    }

    private static void tee(SimulatedDrbdCluster sim, String host, String path, String text) {
        sim.runner(host)
                .run(Command.builder()
                        .timeout(Duration.ofSeconds(10))
                        .addArgv("tee", path)
                        .stdin(text.getBytes(StandardCharsets.UTF_8))
                        .build());
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("drbd4j-demo-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
    }
}
