package io.drbd4j.testbed.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drbd4j.chef.BothSecondary;
import io.drbd4j.chef.ChefHaCluster;
import io.drbd4j.chef.FailoverSetup;
import io.drbd4j.chef.GrowVolume;
import io.drbd4j.chef.Journal;
import io.drbd4j.chef.Prepare;
import io.drbd4j.chef.PrepareStorage;
import io.drbd4j.chef.ProgressListener;
import io.drbd4j.chef.SecondaryEvidence;
import io.drbd4j.chef.WorkflowException;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.testbed.RealDrbdPair;
import io.drbd4j.testbed.RealPairsAccess;
import io.drbd4j.testbed.RecordWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
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
 * The storage workflows of issue 21 on a real DRBD 8.4.11 pair booted with blank disks and LVM: prepare-storage (a
 * refusal first), then the existing prepare and failover setup on the logical volumes, grow-volume with the application
 * writing, both-secondary keeping be1, and both-secondary keeping be2 with be1's copy wiped. The application's
 * acknowledged records must be on the kept copy after each run: after the last one on be2, whose copy be1's writer never
 * wrote to directly.
 */
@Tag("real-drbd")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StorageWorkflowsRealTest {
    private static final Duration WRITE_INTERVAL = Duration.ofMillis(200);
    private static final String DISK = "/dev/vda";

    private Path dir;
    private RealDrbdPair pair;
    private RecordWriter writer;
    private final Map<String, String> timings = new LinkedHashMap<>();
    private final StringBuilder seen = new StringBuilder();

    @BeforeAll
    void boot() throws java.io.IOException {
        dir = Files.createTempDirectory("drbd4j-storage");
        pair = RealPairsAccess.start(
                RealDrbdPair.builder().backingSize(128L << 20).unpreparedStorage());
        writer = pair.writer();
    }

    @AfterAll
    void stop() throws java.io.IOException {
        timings.forEach((k, v) -> System.out.println("workflow " + k + ": " + v));
        // what the real tools printed, for comparison with the simulator
        Files.writeString(Path.of("target", "StorageWorkflowsRealTest-events.txt"), seen);
        if (pair != null) {
            pair.close();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private void timed(String name, Runnable run) {
        long commandsBefore = pair.hosts().stream().mapToLong(pair::commandsRun).sum();
        Instant start = Instant.now();
        run.run();
        long commands = pair.hosts().stream().mapToLong(pair::commandsRun).sum() - commandsBefore;
        timings.put(
                name,
                String.format(
                        Locale.ROOT,
                        "%.1f s, %d commands",
                        Duration.between(start, Instant.now()).toMillis() / 1000.0,
                        commands));
    }

    @Test
    @Order(1)
    void prepareStorageRefusesAMistypedPathAndADiskHoldingAFilesystemThenMakesTheVolumes() {
        for (String host : pair.hosts()) {
            assertThat(run(host, "ls", "/dev/opscode").exitCode())
                    .as("no backing device before prepare-storage")
                    .isNotZero();
        }
        ChefHaCluster cluster = RealChef.cluster(pair, "be1", "be2");

        WorkflowException mistyped =
                catchThrowableOfType(WorkflowException.class, () -> PrepareStorage.on(cluster, DISK, "/dev/vdb")
                        .workflow()
                        .run(ProgressListener.none(), journal("x")));
        assertThat(mistyped.step()).isEqualTo("check-disks");
        assertThat(mistyped.reason()).isEqualTo(WorkflowException.Reason.REFUSED);
        // /dev/vdb holds the VM's mounted ext4 (Chef's files): G-DISK reads it from the real blkid and lsblk.
        WorkflowException filesystem =
                catchThrowableOfType(WorkflowException.class, () -> PrepareStorage.on(cluster, "/dev/vdb", "/dev/vdb")
                        .workflow()
                        .run(ProgressListener.none(), journal("vdb")));
        seen.append(mistyped.getMessage())
                .append('\n')
                .append(filesystem.getMessage())
                .append('\n');
        assertThat(filesystem.step()).isEqualTo("check-disks");
        assertThat(filesystem.reason()).isEqualTo(WorkflowException.Reason.REFUSED);
        assertThat(filesystem.getMessage()).contains("ext4").contains("/persist");
        assertThat(ok("be1", "pvs", "--noheadings").stdoutText())
                .as("nothing was made")
                .isBlank();

        RealChef.Recorder recorder = new RealChef.Recorder(seen);
        timed(
                "prepare-storage",
                () -> PrepareStorage.on(cluster, DISK, DISK).workflow().run(recorder, journal("prepare-storage")));

        assertThat(recorder.steps)
                .containsExactly(
                        "check-identity",
                        "check-disks",
                        "pvcreate-primary",
                        "vgcreate-primary",
                        "lvcreate-primary",
                        "pvcreate-secondary",
                        "vgcreate-secondary",
                        "lvcreate-secondary",
                        "check-sizes");
        for (String host : pair.hosts()) {
            // 128 MiB disk: 1 MiB of LVM meta data, 31 extents of 4 MiB; 80 % of them is 24 extents
            assertThat(lvs(host)).isEqualTo(96L << 20);
            // without udev, libdevmapper makes /dev/mapper/opscode-drbd a node of its own and lvm links to it
            assertThat(ok(host, "readlink", "-f", "/dev/opscode/drbd").stdoutText())
                    .isEqualTo("/dev/mapper/opscode-drbd\n");
        }
    }

    @Test
    @Order(2)
    void prepareAndFailoverSetupRunOnTheVolumes() {
        RealChef.write(pair, "be1", "/etc/opscode/chef-server.rb", RealChef.chefServerRb(pair, "be1", "be2"));
        ChefHaCluster cluster = RealChef.cluster(pair, "be1", "be2");
        RealChef.Recorder recorder = new RealChef.Recorder(seen);

        timed("prepare", () -> Prepare.workflow(cluster).run(recorder, journal("prepare")));
        timed("failover-setup", () -> FailoverSetup.workflow(cluster).run(recorder, journal("failover-setup")));

        RealChef.assertHealthy(cluster);
        // DRBD's device is the volume less its internal meta data: 40 KiB (bitmap 4 KiB, activity log 32 KiB, super
        // block 4 KiB)
        assertThat(drbdBytes("be1")).isEqualTo(drbdBytes("be2")).isEqualTo((96L << 20) - (40 << 10));
        writer.start("be1", WRITE_INTERVAL);
    }

    @Test
    @Order(3)
    void growVolumeGrowsBothVolumesDrbdAndTheFilesystemWhileTheApplicationWrites() {
        ChefHaCluster cluster = RealChef.cluster(pair, "be1", "be2");
        long target = lvs("be1") + vgFree("be1");
        assertThat(lvs("be2") + vgFree("be2")).isEqualTo(target);
        long drbdBefore = drbdBytes("be1");
        long[] dfBefore = df("be1");
        RealChef.Recorder recorder = new RealChef.Recorder(seen);
        // a slower link from be1 for the run: the resync of the new area (28 MiB) lasts long enough for the
        // workflow's wait to meet it (unthrottled it ends within drbdadm resize's ssh round trip)
        String nic = replicationNic("be1");
        ok(
                "be1", "tc", "qdisc", "add", "dev", nic, "root", "tbf", "rate", "24mbit", "burst", "64kb", "latency",
                "200ms");
        // be1's /proc/drbd lines of the resync, as the kernel printed them, while the workflow runs
        java.util.Set<String> resyncLines = java.util.Collections.synchronizedSet(new java.util.LinkedHashSet<>());
        java.util.concurrent.atomic.AtomicBoolean growing = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (growing.get()) {
                proc("be1")
                        .lines()
                        .filter(l -> l.contains("sync'ed") || l.contains("cs:Sync"))
                        .forEach(l -> resyncLines.add(l.strip()));
                pause(Duration.ofMillis(700));
            }
        });
        sampler.start();
        try {
            timed("grow-volume", () -> GrowVolume.to(cluster, target).workflow().run(recorder, journal("grow-volume")));
        } finally {
            growing.set(false);
            ok("be1", "tc", "qdisc", "del", "dev", nic, "root");
        }
        synchronized (resyncLines) {
            timings.put("grow-volume: be1's /proc/drbd during the resync", String.join(" | ", resyncLines));
        }

        timings.put("grow-volume steps", String.join(",", recorder.steps));
        assertThat(recorder.steps)
                .containsSubsequence(
                        "check",
                        "sizes-before",
                        "lvextend-primary",
                        "lvextend-secondary",
                        "resize",
                        "resize2fs",
                        "report");
        long drbdAfter = drbdBytes("be1");
        long[] dfAfter = df("be1");
        timings.put(
                "grow-volume sizes",
                "lv " + target + " B; drbd0 " + drbdBefore + " -> " + drbdAfter + " B; df size " + dfBefore[0] + " -> "
                        + dfAfter[0] + " B, avail " + dfBefore[2] + " -> " + dfAfter[2] + " B; syncs seen "
                        + recorder.syncs.size());
        assertThat(lvs("be1")).isEqualTo(target);
        assertThat(lvs("be2")).isEqualTo(target);
        assertThat(drbdAfter).isEqualTo(drbdBytes("be2")).isGreaterThan(drbdBefore);
        assertThat(target).isEqualTo(124L << 20);
        assertThat(target - drbdAfter).as("internal meta data").isEqualTo(40 << 10);
        assertThat(dfAfter[0]).isGreaterThan(dfBefore[0]);
        assertThat(recorder.steps).contains("wait-sync");
        assertThat(recorder.syncs)
                .as("the workflow waited for the resync of the new area")
                .isNotEmpty();
        // drbd_nl.c's resync_after_online_grow: the new area is resynced from the Primary
        assertThat(ok("be1", "dmesg").stdoutText()).contains("Resync of new storage after online grow");
        RealChef.assertHealthy(cluster);
        assertThat(writer.missing("be1", "be1")).isEmpty();
    }

    @Test
    @Order(4)
    void bothSecondaryKeepsTheLastMasterAndEndsHealthy() {
        // the application stops with the HA services; keepalived stopped on the backup, then on the master
        writer.stop("be1");
        ok("be2", "chef-server-ctl", "stop", "keepalived");
        ok("be1", "chef-server-ctl", "stop", "keepalived");
        ChefHaCluster cluster = RealChef.cluster(pair, "be1", "be2");
        SecondaryEvidence evidence = BothSecondary.evidence(cluster);
        seen.append(evidence).append('\n');
        timings.put("both-secondary evidence", evidence.toString());
        assertThat(evidence.nodes())
                .extracting(SecondaryEvidence.Node::drbd)
                .containsExactly(
                        "Connected Secondary/Secondary UpToDate/UpToDate",
                        "Connected Secondary/Secondary UpToDate/UpToDate");
        assertThat(evidence.nodes().get(0).lastMaster()).isPresent();
        RealChef.Recorder recorder = new RealChef.Recorder(seen);

        timed("both-secondary", () -> BothSecondary.of(cluster, "be1", "test: be1 was master last")
                .workflow()
                .run(recorder, journal("both-secondary")));

        assertThat(recorder.steps)
                .containsExactly(
                        "check-identity",
                        "assess",
                        "promote-keeper",
                        "master-recover-keeper",
                        "start-keepalived-keeper",
                        "start-keepalived-other");
        RealChef.assertHealthy(cluster);
        assertThat(writer.acknowledged("be1")).isNotEmpty();
        assertThat(writer.missing("be1", "be1")).isEmpty();
        writer.start("be1", WRITE_INTERVAL);
    }

    @Test
    @Order(5)
    void bothSecondaryKeepingBe2WipesBe1AndBe2HoldsEveryAcknowledgedRecord() {
        pause(Duration.ofSeconds(2));
        writer.stop("be1");
        ok("be2", "chef-server-ctl", "stop", "keepalived");
        ok("be1", "chef-server-ctl", "stop", "keepalived");
        ChefHaCluster cluster = RealChef.cluster(pair, "be2", "be1");
        RealChef.Recorder recorder = new RealChef.Recorder(seen);

        timed("both-secondary wiping the other", () -> BothSecondary.of(cluster, "be2", "test: keep be2")
                .wipingOther("test: be1's copy is dropped")
                .workflow()
                .run(recorder, journal("both-secondary-wipe")));

        timings.put("both-secondary wiping the other: steps", String.join(",", recorder.steps));
        assertThat(recorder.steps).contains("wipe-md-other");
        RealChef.assertHealthy(cluster);
        assertThat(writer.acknowledged("be1")).isNotEmpty();
        assertThat(writer.missing("be1", "be2")).as("acknowledged records lost").isEmpty();
        assertThat(seen.toString()).contains("be1's whole copy (" + drbdBytes("be1") + " bytes");

        // wipe-md on a Secondary whose disk is attached: refused, the copy untouched
        CommandResult attached = run("be1", "drbdadm", "--", "--force", "wipe-md", "pc0");
        timings.put(
                "wipe-md while attached (be1 Secondary)",
                "exit " + attached.exitCode() + ", stdout ["
                        + attached.stdoutText().strip() + "], stderr ["
                        + attached.stderrText().strip() + "]");
        assertThat(attached.exitCode()).isNotZero();
        RealChef.assertHealthy(cluster);
    }

    @Test
    @Order(6)
    void aRebootedHostsVolumeComesBackAndItsCopyRejoins() {
        long size = lvs("be1");
        pair.faults().crash("be1");
        pair.faults().reboot("be1");

        assertThat(ok("be1", "readlink", "-f", "/dev/opscode/drbd").stdoutText())
                .isEqualTo("/dev/mapper/opscode-drbd\n");
        assertThat(lvs("be1")).isEqualTo(size);
        ok("be1", "drbdadm", "up", "pc0");
        for (int i = 0;
                i < 120 && !proc("be1").contains("cs:Connected ro:Secondary/Primary ds:UpToDate/UpToDate");
                i++) {
            pause(Duration.ofMillis(500));
        }
        assertThat(proc("be1")).contains("cs:Connected ro:Secondary/Primary ds:UpToDate/UpToDate");
    }

    private String proc(String host) {
        return new String(pair.procDrbd(host), java.nio.charset.StandardCharsets.UTF_8);
    }

    private String replicationNic(String host) {
        // "3: eth1    inet 10.99.0.1/24 scope global eth1" (ip -o: one line per address)
        String line = ok(host, "ip", "-o", "-4", "addr", "show", "to", "10.99.0.0/24")
                .stdoutText()
                .strip();
        return line.split("\\s+")[1];
    }

    private Journal journal(String name) {
        return Journal.at(dir.resolve(name + ".jsonl"));
    }

    private CommandResult run(String host, String... argv) {
        return pair.runner(host).run(Command.of(Duration.ofSeconds(60), argv));
    }

    private CommandResult ok(String host, String... argv) {
        CommandResult r = run(host, argv);
        assertThat(r.exitCode())
                .as(host + ": " + String.join(" ", argv) + ": " + r.stderrText())
                .isZero();
        return r;
    }

    private long lvs(String host) {
        return Long.parseLong(
                ok(host, "lvs", "--noheadings", "--units", "b", "--nosuffix", "-o", "lv_size", "opscode/drbd")
                        .stdoutText()
                        .strip());
    }

    private long vgFree(String host) {
        return Long.parseLong(ok(host, "vgs", "--noheadings", "--units", "b", "--nosuffix", "-o", "vg_free", "opscode")
                .stdoutText()
                .strip());
    }

    private long drbdBytes(String host) {
        return Long.parseLong(
                        ok(host, "cat", "/sys/block/drbd0/size").stdoutText().strip())
                * 512;
    }

    /** @return size, used and available bytes of the DRBD mount */
    private long[] df(String host) {
        String[] lines = ok(host, "df", "-B1", "--output=size,used,avail", "/var/opt/opscode/drbd/data")
                .stdoutText()
                .strip()
                .split("\n");
        String[] f = lines[1].strip().split("\\s+");
        return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2])};
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
