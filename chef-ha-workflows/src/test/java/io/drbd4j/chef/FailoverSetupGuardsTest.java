package io.drbd4j.chef;

import static io.drbd4j.chef.GuardRig.READY;
import static io.drbd4j.chef.GuardRig.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drbd4j.chef.GuardRig.Rig;
import io.drbd4j.chef.GuardRig.SimulatedCrash;
import io.drbd4j.exec.runner.CommandResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guards of {@link FailoverSetup}'s destructive steps and of the steps between them (chef-ha-procedures.md W1
 * 1.10-1.12, §5; the later ones are in {@link FailoverSetupLaterGuardsTest}): each test stages one unsafe state on
 * the simulated pair, runs the workflow, and proves the step was refused with the state seen and the state required,
 * and that nothing of the refused step ran. Guards that come after a step which establishes their state are reached
 * by changing the state between two steps (a hook in the runner), as an operator or a fault could.
 */
class FailoverSetupGuardsTest {
    static final String DATA = "/var/opt/opscode/drbd/data";
    static final String CLUSTER_STATUS = "/var/opt/opscode/keepalived/current_cluster_status";
    static final String FORCE_PRIMARY_GUARD = "both disks Inconsistent and Connected; drbd_ready absent on be1 and be2;"
            + " no /etc/opscode/chef-server.rb names another backend than be1 as bootstrap";

    @TempDir
    Path dir;

    // ---- force-primary ----

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void refusesForcedPrimaryWhenPeerIsUnreachable(String dialect) {
        Rig rig = Rig.of(SimPair.fresh(dialect).sim, dialect);
        rig.sim.faults().partition();
        EndState before = rig.endState();

        WorkflowException e = rig.runFailoverSetup(dir);

        rig.assertRefused(
                e,
                "force-primary",
                "be1",
                "be1: WFConnection Secondary/Unknown Inconsistent/Inconsistent",
                FORCE_PRIMARY_GUARD);
        assertThat(rig.endState()).isEqualTo(before);
    }

    @Test
    void refusesForcedPrimaryWhenPeerResourceIsDown() {
        Rig rig = Rig.of(SimPair.fresh("8.4").sim, "8.4");
        rig.sh("be2", "drbdadm", "down", "pc0");
        EndState before = rig.endState();

        WorkflowException e = rig.runFailoverSetup(dir);

        rig.assertRefused(
                e,
                "force-primary",
                "be1",
                "be1: WFConnection Secondary/Unknown Inconsistent/Inconsistent",
                FORCE_PRIMARY_GUARD);
        assertThat(rig.endState()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void refusesForcedPrimaryWhenPeerWasForcedPrimaryInstead(String dialect) {
        Rig rig = Rig.of(SimPair.fresh(dialect).sim, dialect);
        rig.forcePrimary("be2");
        EndState before = rig.endState();

        WorkflowException e = rig.runFailoverSetup(dir);

        rig.assertRefused(
                e,
                "force-primary",
                "be1",
                "be1: SyncTarget Secondary/Primary Inconsistent/UpToDate",
                FORCE_PRIMARY_GUARD);
        assertThat(rig.endState()).isEqualTo(before);
        assertThat(rig.sim.procDrbd("be2")).contains("ro:Primary/Secondary ds:UpToDate/Inconsistent");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void refusesForcedPrimaryWhenPeerHoldsUpToDateData(String dialect) {
        Rig rig = Rig.of(SimPair.fresh(dialect).sim, dialect);
        rig.forcePrimary("be2");
        rig.advanceUntil(() -> rig.sim.procDrbd("be1").contains("ds:UpToDate/UpToDate"));
        long written = rig.sim.write("be2", 64);
        EndState before = rig.endState();

        WorkflowException e = rig.runFailoverSetup(dir);

        // be1 holds UpToDate data, so the forced promotion is not needed (skipped), and the plain one is refused.
        rig.assertRefused(
                e,
                "promote-primary",
                "be1",
                "be1: Connected Secondary/Primary UpToDate/UpToDate",
                "be1 UpToDate; connected to be2 as Secondary");
        assertThat(rig.endState()).isEqualTo(before);
        assertThat(rig.sim.holds("be1", written)).isTrue();
        assertThat(rig.sim.holds("be2", written)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void refusesForcedPrimaryWhenReadyExistsOnBootstrap(String dialect) {
        Rig rig = Rig.of(SimPair.fresh(dialect).sim, dialect);
        rig.sh("be1", "touch", READY);
        EndState before = rig.endState();

        WorkflowException e = rig.runFailoverSetup(dir);

        rig.assertRefused(e, "force-primary", "be1", READY + " present on be1", FORCE_PRIMARY_GUARD);
        assertThat(rig.endState()).isEqualTo(before);
    }

    @Test
    void refusesForcedPrimaryWhenReadyExistsOnPeer() {
        Rig rig = Rig.of(SimPair.fresh("8.4").sim, "8.4");
        rig.sh("be2", "touch", READY);
        EndState before = rig.endState();

        WorkflowException e = rig.runFailoverSetup(dir);

        rig.assertRefused(e, "force-primary", "be1", READY + " present on be2", FORCE_PRIMARY_GUARD);
        assertThat(rig.endState()).isEqualTo(before);
    }

    @Test
    void resumeAfterCrashAndDemotionPromotesWithoutForcingAgain() {
        Rig rig = Rig.of(SimPair.fresh("8.4").sim, "8.4");
        rig.be1.crashBefore(line -> line.startsWith("mkfs.ext4"));
        Journal journal = Journal.at(dir.resolve("j"));
        catchThrowableOfType(
                SimulatedCrash.class, () -> FailoverSetup.workflow(rig.cluster).run(ProgressListener.none(), journal));
        rig.sh("be1", "drbdadm", "secondary", "pc0");
        rig.be1.ran.clear();

        FailoverSetup.workflow(rig.cluster).resume(ProgressListener.none(), journal);

        // be1 still holds the UpToDate data it was forced to: a plain promotion, never a second force.
        assertThat(rig.be1.ran).contains("drbdadm primary pc0", "mkfs.ext4 /dev/drbd0");
        assertThat(rig.be1.ran).noneMatch(line -> line.contains("--force") || line.contains("overwrite-data"));
        assertThat(events(journal, "force-primary")).endsWith(JournalEntry.Event.SKIPPED);
        assertThat(HaStatus.read(rig.cluster).healthy()).isTrue();
        assertThat(rig.sim.dataLossDetector().violations()).isEmpty();
    }

    @Test
    void refusesToPromoteTheBootstrapWhileDisconnectedFromItsPeer() {
        Rig rig = Rig.of(SimPair.fresh("8.4").sim, "8.4");
        rig.be1.crashBefore(line -> line.startsWith("mkfs.ext4"));
        Journal journal = Journal.at(dir.resolve("j"));
        catchThrowableOfType(
                SimulatedCrash.class, () -> FailoverSetup.workflow(rig.cluster).run(ProgressListener.none(), journal));
        rig.sh("be1", "drbdadm", "secondary", "pc0");
        rig.sh("be1", "drbdadm", "disconnect", "pc0");
        rig.be1.ran.clear();

        WorkflowException e = catchThrowableOfType(WorkflowException.class, () -> FailoverSetup.workflow(rig.cluster)
                .resume(ProgressListener.none(), journal));

        rig.assertRefusedIn(
                e,
                journal,
                "promote-primary",
                "be1",
                "be1: StandAlone Secondary/Unknown UpToDate/Inconsistent",
                "be1 UpToDate; connected to be2 as Secondary");
        assertThat(rig.be1.ran).noneMatch(line -> line.startsWith("drbdadm primary"));
    }

    // ---- mkfs ----

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void skipsMkfsWhenDeviceAlreadyHoldsFilesystem(String dialect) {
        // The guard's "holds no filesystem" can never refuse: mkfs's outcome (be1 Primary with a filesystem) holds
        // first and the step is skipped. Proven here: the file on the filesystem survives the whole run.
        Rig rig = Rig.of(SimPair.fresh(dialect).sim, dialect);
        rig.forcePrimary("be1");
        rig.sh("be1", "mkfs.ext4", "/dev/drbd0");
        rig.sh("be1", "mkdir", "-p", DATA);
        rig.sh("be1", "mount", "/dev/drbd0", DATA);
        rig.sh("be1", "touch", DATA + "/chef-data");
        rig.sh("be1", "umount", DATA);
        Journal journal = Journal.at(dir.resolve("j"));

        FailoverSetup.workflow(rig.cluster).run(ProgressListener.none(), journal);

        assertThat(events(journal, "mkfs")).containsExactly(JournalEntry.Event.SKIPPED);
        assertThat(rig.be1.ran).doesNotContain("mkfs.ext4 /dev/drbd0");
        assertThat(rig.raw("be1", "test", "-e", DATA + "/chef-data").exitCode()).isZero();
        assertThat(rig.sim.dataLossDetector().violations()).isEmpty();
    }

    @Test
    void neverFormatsAFilesystemMountedElsewhere() {
        // mkfs's "nothing mounted" cannot refuse either: a mounted device holds a filesystem on a Primary, so the
        // outcome holds and mkfs is skipped. The mount step then fails on mount(8)'s own check; nothing is lost.
        Rig rig = Rig.of(SimPair.fresh("8.4").sim, "8.4");
        rig.forcePrimary("be1");
        rig.sh("be1", "mkfs.ext4", "/dev/drbd0");
        rig.sh("be1", "mkdir", "-p", "/mnt/chef");
        rig.sh("be1", "mount", "/dev/drbd0", "/mnt/chef");
        rig.sh("be1", "touch", "/mnt/chef/chef-data");

        WorkflowException e = rig.runFailoverSetup(dir);

        assertThat(events(rig.journal, "mkfs")).containsExactly(JournalEntry.Event.SKIPPED);
        assertThat(rig.be1.ran).doesNotContain("mkfs.ext4 /dev/drbd0");
        assertThat(e.reason()).isEqualTo(WorkflowException.Reason.COMMAND_FAILED);
        assertThat(e.step()).isEqualTo("mount");
        assertThat(e.seen()).contains("already mounted on /mnt/chef");
        assertThat(rig.raw("be1", "test", "-e", "/mnt/chef/chef-data").exitCode())
                .isZero();
        assertThat(rig.sim.dataLossDetector().violations()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void refusesMkfsWhenBootstrapIsDemotedAfterForcedPrimary(String dialect) {
        Rig rig = Rig.of(SimPair.fresh(dialect).sim, dialect);
        String force = rig.stepLines("force-primary").get(0);
        // The wait after the forced promotion reads /proc/drbd once, promote-primary's outcome check next (be1 is
        // Primary: skipped), mkfs's checks after that.
        rig.be1.beforeAfter(
                line -> line.equals(force),
                line -> line.equals("cat /proc/drbd"),
                3,
                () -> rig.sh("be1", "drbdadm", "secondary", "pc0"));

        WorkflowException e = rig.runFailoverSetup(dir);

        rig.assertRefused(
                e,
                "mkfs",
                "be1",
                "be1: SyncSource Secondary/Secondary UpToDate/Inconsistent",
                "be1 Primary; nothing mounted on " + DATA + " on be1; /dev/drbd0 holds no filesystem (blkid)");
        rig.sh("be1", "drbdadm", "primary", "pc0");
        assertThat(rig.raw("be1", "blkid", "-p", "-o", "value", "-s", "TYPE", "/dev/drbd0")
                        .exitCode())
                .as("no filesystem written")
                .isEqualTo(2);
    }

    // ---- mount ----

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void refusesMountWhenMkfsLeftNoFilesystem(String dialect) {
        Rig rig = Rig.of(SimPair.fresh(dialect).sim, dialect);
        // A mkfs.ext4 that reports success without writing anything.
        rig.be1.answer(line -> line.startsWith("mkfs.ext4"), c -> CommandResult.of(c, 0, "", ""));

        WorkflowException e = rig.runFailoverSetup(dir);

        rig.assertRefused(
                e,
                "mount",
                "be1",
                "/dev/drbd0 on be1 holds no filesystem",
                "be1 Primary; /dev/drbd0 holds a filesystem");
        assertThat(rig.raw("be1", "mountpoint", "-q", DATA).exitCode()).isNotZero();
    }

    @Test
    void refusesMountWhenBootstrapIsDemotedAfterMkfs() {
        Rig rig = Rig.of(SimPair.fresh("8.4").sim, "8.4");
        rig.be1.beforeAfter(
                line -> line.startsWith("mkfs.ext4"),
                line -> line.equals("cat /proc/drbd"),
                1,
                () -> rig.sh("be1", "drbdadm", "secondary", "pc0"));

        WorkflowException e = rig.runFailoverSetup(dir);

        rig.assertRefused(
                e,
                "mount",
                "be1",
                "be1: SyncSource Secondary/Secondary UpToDate/Inconsistent",
                "be1 Primary; /dev/drbd0 holds a filesystem");
        assertThat(rig.raw("be1", "mountpoint", "-q", DATA).exitCode()).isNotZero();
    }
}
