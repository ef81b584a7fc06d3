package io.drbd4j.testbed.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drbd4j.chef.ChefHaCluster;
import io.drbd4j.chef.FailoverSetup;
import io.drbd4j.chef.Journal;
import io.drbd4j.chef.PeerGone;
import io.drbd4j.chef.Prepare;
import io.drbd4j.chef.ProgressListener;
import io.drbd4j.chef.RecoverPrimary;
import io.drbd4j.chef.RejoinSecondary;
import io.drbd4j.chef.ReplaceSecondary;
import io.drbd4j.chef.SplitBrainRecovery;
import io.drbd4j.chef.WorkflowException;
import io.drbd4j.core.watch.DrbdChange;
import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.watch.DrbdWatcher;
import io.drbd4j.testbed.RealDrbdPair;
import io.drbd4j.testbed.RealPairsAccess;
import io.drbd4j.testbed.RecordWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Chef HA workflows on a real DRBD 8.4.11 pair, one after the other as an operator meets them: prepare, failover
 * setup (refused during a partition, then resumed with the initial sync still running), rejoin of the secondary after
 * a crash and after a clean shutdown, split-brain recovery, replacement of the secondary by a third VM, and recovery
 * of a lost primary onto an UpToDate survivor. An application writes numbered, fsync'd records on the primary from
 * the end of the setup on; after each workflow every acknowledged record must be on the surviving copy.
 */
@Tag("real-drbd")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkflowsRealTest {
    private static final Duration WRITE_INTERVAL = Duration.ofMillis(200);

    private Path dir;

    private RealDrbdPair pair;
    private RecordWriter writer;
    private final Map<String, String> timings = new LinkedHashMap<>();
    /** Every listener event's text and every exception message of the runs, to look for the shared secret in. */
    private final StringBuilder seen = new StringBuilder();

    @BeforeAll
    void boot() throws java.io.IOException {
        dir = java.nio.file.Files.createTempDirectory("drbd4j-workflows");
        pair = RealPairsAccess.start(
                RealDrbdPair.builder().backingSize(128L << 20).replicationRate("40mbit"));
        writer = pair.writer();
    }

    @AfterAll
    void stop() throws java.io.IOException {
        timings.forEach((k, v) -> System.out.println("workflow " + k + ": " + v));
        if (pair != null) {
            pair.close();
        }
        try (var files = java.nio.file.Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }

    /** Runs a workflow and notes its wall time, the ssh connections it opened and its time in sync waits. */
    private void timed(String name, RealChef.Recorder recorder, Runnable run) {
        int before = pair.hosts().stream().mapToInt(pair::sshConnections).sum();
        long commandsBefore = pair.hosts().stream().mapToLong(pair::commandsRun).sum();
        Instant start = Instant.now();
        run.run();
        Duration took = Duration.between(start, Instant.now());
        int after = pair.hosts().stream().mapToInt(pair::sshConnections).sum();
        long commands = pair.hosts().stream().mapToLong(pair::commandsRun).sum() - commandsBefore;
        timings.put(
                name,
                String.format(
                        java.util.Locale.ROOT,
                        "%.1f s, %d commands (ssh round trips), %d new ssh connections, %.1f s in sync waits",
                        took.toMillis() / 1000.0,
                        commands,
                        after - before,
                        recorder.waitingForSync.toMillis() / 1000.0));
    }

    @Test
    @Order(1)
    void prepareBringsTwoBlankBackendsToAConnectedPair() {
        RealChef.write(pair, "be1", "/etc/opscode/chef-server.rb", RealChef.chefServerRb(pair, "be1", "be2"));
        ChefHaCluster cluster = RealChef.cluster(pair, "be1", "be2");

        RealChef.Recorder recorder = new RealChef.Recorder(seen);
        timed("prepare", recorder, () -> Prepare.workflow(cluster).run(recorder, journal("prepare")));

        for (String host : pair.hosts()) {
            assertThat(proc(host)).contains("cs:Connected ro:Secondary/Secondary ds:Inconsistent/Inconsistent");
        }
    }

    @Test
    @Order(2)
    void failoverSetupIsRefusedDuringAPartitionAndResumesWithTheSyncRunning() {
        ChefHaCluster cluster = RealChef.cluster(pair, "be1", "be2");
        Journal journal = journal("failover-setup");
        pair.faults().partition();
        awaitProc("be1", "cs:WFConnection");

        WorkflowException refused = catchThrowableOfType(
                WorkflowException.class, () -> FailoverSetup.workflow(cluster).run(ProgressListener.none(), journal));
        seen.append(refused.getMessage()).append('\n');
        assertThat(refused.step()).isEqualTo("force-primary");
        assertThat(refused.reason()).isEqualTo(WorkflowException.Reason.REFUSED);
        // The kernel keeps the peer disk it last saw (Inconsistent) while waiting for the connection.
        assertThat(proc("be1")).as("nothing ran").contains("ro:Secondary/Unknown ds:Inconsistent/Inconsistent");

        pair.faults().heal();
        awaitProc("be1", "cs:Connected");
        RealChef.Recorder recorder = new RealChef.Recorder(seen);
        // A watcher of its own, in a thread of its own, notes when be1's kernel reported the sync's end, to measure
        // how long after it the workflow's wait ended.
        List<Long> syncEnded = new java.util.concurrent.CopyOnWriteArrayList<>();
        DrbdWatcher watcher = DrbdWatcher.builder()
                .listener(c -> {
                    if (c instanceof DrbdChange.SyncFinished) {
                        syncEnded.add(System.nanoTime());
                    }
                })
                .events(pair.runner("be1"), DrbdDialect.drbd84())
                .orElseThrow();
        Thread watching = new Thread(() -> {
            try {
                while (true) {
                    watcher.awaitChange(Duration.ofSeconds(1));
                }
            } catch (RuntimeException closed) {
                // the watcher was closed
            }
        });
        watching.start();
        try {
            timed("failover-setup (resume)", recorder, () -> FailoverSetup.workflow(cluster)
                    .resume(recorder, journal));
        } finally {
            watcher.close();
        }
        if (!syncEnded.isEmpty() && recorder.finishedAt.containsKey("wait-sync")) {
            timings.put(
                    "failover-setup: wait-sync ended after be1's SyncFinished event arrived",
                    (recorder.finishedAt.get("wait-sync") - syncEnded.get(syncEnded.size() - 1)) / 1_000_000 + " ms"
                            + (RealChef.POLLING ? " (polling every 1 s)" : " (on DRBD's events)"));
        }

        assertThat(recorder.syncs)
                .as("the initial sync still ran when the setup reached its wait")
                .isNotEmpty();
        RealChef.assertHealthy(cluster);
        writer.start("be1", WRITE_INTERVAL);
    }

    @Test
    @Order(3)
    void rejoinSecondaryAfterACrash() {
        ChefHaCluster cluster = RealChef.cluster(pair, "be1", "be2");
        pair.faults().crash("be2");
        pause(Duration.ofSeconds(3)); // be1 goes on writing without its peer
        pair.faults().reboot("be2");

        RealChef.Recorder recorder = new RealChef.Recorder(seen);
        timed("rejoin-secondary after a crash", recorder, () -> RejoinSecondary.workflow(cluster)
                .run(recorder, journal("rejoin-crash")));

        RealChef.assertHealthy(cluster);
        assertThat(writer.missing("be1", "be1")).isEmpty();
    }

    @Test
    @Order(4)
    void rejoinSecondaryAfterACleanShutdown() {
        ChefHaCluster cluster = RealChef.cluster(pair, "be1", "be2");
        run("be2", "chef-server-ctl", "stop");
        run("be2", "drbdadm", "down", "pc0");
        pair.faults().crash("be2"); // the power goes off after a clean shutdown
        pair.faults().reboot("be2");

        RealChef.Recorder recorder = new RealChef.Recorder(seen);
        timed("rejoin-secondary after a clean shutdown", recorder, () -> RejoinSecondary.workflow(cluster)
                .run(recorder, journal("rejoin-clean")));

        RealChef.assertHealthy(cluster);
        assertThat(writer.missing("be1", "be1")).isEmpty();
    }

    @Test
    @Order(5)
    void splitBrainRecoveryKeepsTheMastersData() {
        pair.faults().partition();
        awaitProc("be2", "cs:WFConnection");
        // keepalived on be2 heard no adverts: cluster.sh master promotes, mounts and starts the HA services. Promoted
        // but not mounted, be2 would be demoted by the kernel at the handshake after the heal and its writes dropped
        // (after-sb-2pri call-pri-lost-after-sb gives up the younger unused Primary, seen on 8.4.11), not a split
        // brain.
        run("be2", "chef-server-ctl", "master-recover");
        run("be2", "dd", "if=/dev/urandom", "of=/dev/drbd0", "bs=4096", "count=4", "seek=8000", "oflag=direct");
        pair.faults().heal();
        awaitSplitBrain();
        ChefHaCluster cluster = RealChef.cluster(pair, "be1", "be2");

        RealChef.Recorder recorder = new RealChef.Recorder(seen);
        timed("split-brain-recovery", recorder, () -> SplitBrainRecovery.of(cluster, "be1", "test: be1 is the master")
                .workflow()
                .run(recorder, journal("split-brain")));

        RealChef.assertHealthy(cluster);
        assertThat(writer.missing("be1", "be1")).isEmpty();
    }

    @Test
    @Order(6)
    void replaceSecondaryWithAThirdVm() {
        pair.faults().crashForGood("be2");
        awaitProc("be1", "cs:WFConnection"); // DRBD's ping notices the dead peer; an operator starts after that
        pair.faults().replaceHost("be2", "be3", "10.99.0.3");
        ChefHaCluster cluster = RealChef.cluster(pair, "be1", "be3");

        RealChef.Recorder recorder = new RealChef.Recorder(seen);
        timed("replace-secondary", recorder, () -> ReplaceSecondary.of(
                        cluster, PeerGone.of("be2", "10.99.0.2", "test: be2 is gone"))
                .withConfiguration(RealChef.chefServerRb(pair, "be1", "be3"))
                .workflow()
                .run(recorder, journal("replace-secondary")));

        RealChef.assertHealthy(cluster);
        assertThat(writer.missing("be1", "be1")).isEmpty();
    }

    @Test
    @Order(7)
    void recoverPrimaryOntoAnUpToDateSurvivorLosesNoAcknowledgedWrite() {
        assertThat(proc("be3")).contains("ds:UpToDate/UpToDate");
        pair.faults().crashForGood("be1"); // the writer dies with it; its acknowledgements stay on be1's disk
        awaitProc("be3", "cs:WFConnection"); // DRBD's ping notices the dead peer; an operator starts after that
        pair.faults().replaceHost("be1", "be4", "10.99.0.4");
        ChefHaCluster cluster = RealChef.cluster(pair, "be3", "be4");

        RealChef.Recorder recorder = new RealChef.Recorder(seen);
        timed("recover-primary (UpToDate survivor)", recorder, () -> RecoverPrimary.of(
                        cluster, PeerGone.of("be1", "10.99.0.1", "test: be1 is gone"))
                .withConfiguration(RealChef.chefServerRb(pair, "be3", "be4"))
                .workflow()
                .run(recorder, journal("recover-primary")));

        RealChef.assertHealthy(cluster);
        assertThat(writer.acknowledged("be1")).isNotEmpty();
        assertThat(writer.missing("be1", "be3")).as("acknowledged records lost").isEmpty();
    }

    @Test
    @Order(8)
    void theSharedSecretReachesNoListenerJournalOrExceptionThoughTheKernelsToolsPrintIt() throws Exception {
        ChefHaCluster cluster = RealChef.cluster(pair, "be3", "be4");
        String secrets = new String(
                pair.runner("be3")
                        .run(Command.of(Duration.ofSeconds(30), "cat", "/etc/opscode/private-chef-secrets.json"))
                        .stdout(),
                java.nio.charset.StandardCharsets.UTF_8);
        String secret = secrets.replaceAll("(?s).*\"shared_secret\":\"([^\"]+)\".*", "$1")
                .strip();
        assertThat(secret).hasSizeGreaterThan(8).doesNotContain("{");
        // drbd-utils prints the whole drbdsetup line of a failed connect, shared secret included ...
        var raw = pair.runner("be3").run(Command.of(Duration.ofSeconds(30), "drbdadm", "connect", "pc0"));
        assertThat(raw.stderrText()).contains("--shared-secret=" + secret);
        // ... and through the cluster's runners drbd4j hides it.
        var typed =
                catchThrowableOfType(io.drbd4j.exec.CommandFailedException.class, () -> new io.drbd4j.exec.CliDrbdAdm(
                                cluster.backend("be3").runner(), io.drbd4j.exec.dialect.DrbdDialect.drbd84())
                        .connect("pc0"));
        assertThat(typed.getMessage() + typed.stderr()).contains("<redacted>").doesNotContain(secret);

        StringBuilder journals = new StringBuilder();
        try (var files = java.nio.file.Files.list(dir)) {
            for (Path f : files.toList()) {
                journals.append(java.nio.file.Files.readString(f));
            }
        }
        assertThat(journals.toString()).as("journals").isNotEmpty().doesNotContain(secret);
        assertThat(seen.toString())
                .as("listener events and exceptions")
                .isNotEmpty()
                .doesNotContain(secret);
    }

    private Journal journal(String name) {
        return Journal.at(dir.resolve(name + ".jsonl"));
    }

    private String proc(String host) {
        return new String(pair.procDrbd(host), java.nio.charset.StandardCharsets.UTF_8);
    }

    private void run(String host, String... argv) {
        var r = pair.runner(host).run(Command.of(Duration.ofSeconds(60), argv));
        assertThat(r.exitCode())
                .as(host + ": " + String.join(" ", argv) + ": " + r.stderrText())
                .isZero();
    }

    /**
     * Waits until the handshake after the heal found the split brain: both Primary, and one side StandAlone. Mostly
     * both drop the connection; in one CI run be1 was still waiting a minute after the heal (WFConnection Primary, its
     * peer not shown), a kernel race like the one the conformance corpus tolerates; split-brain recovery handles a
     * side left waiting (it disconnects the victim, and connects a keeper only when StandAlone).
     */
    private void awaitSplitBrain() {
        for (int i = 0; i < 120; i++) {
            String be1 = proc("be1");
            String be2 = proc("be2");
            boolean primaries = be1.contains("ro:Primary/") && be2.contains("ro:Primary/");
            boolean dropped = be1.contains("cs:StandAlone") || be2.contains("cs:StandAlone");
            boolean apart = !be1.contains("cs:Connected")
                    && !be2.contains("cs:Connected")
                    && !be1.contains("cs:Sync")
                    && !be2.contains("cs:Sync");
            if (primaries && dropped && apart) {
                return;
            }
            pause(Duration.ofMillis(500));
        }
        throw new AssertionError("no split brain after the heal:\nbe1:\n" + proc("be1") + "\nbe2:\n" + proc("be2"));
    }

    private void awaitProc(String host, String text) {
        for (int i = 0; i < 120; i++) {
            if (proc(host).contains(text)) {
                return;
            }
            pause(Duration.ofMillis(500));
        }
        throw new AssertionError(host + " never showed " + text + ":\n" + proc(host));
    }

    private void pause(Duration d) {
        try {
            pair.sleeper().sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
