package io.drbd4j.chef;

import static io.drbd4j.chef.GuardRig.READY;
import static io.drbd4j.chef.GuardRig.events;
import static io.drbd4j.chef.GuardRig.last;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drbd4j.chef.GuardRig.Rig;
import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.testkit.SimulatedDrbdCluster;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guards of {@link FailoverSetup} from the resync onwards (raise, wait, reset, drbd_ready, reconfigure on both)
 * and the states that cannot be read; {@link FailoverSetupGuardsTest} has the destructive steps' guards. Each test
 * stages one unsafe state on the simulated pair and proves the step was refused with the state seen and the state
 * required, and that nothing of the refused step ran.
 */
class FailoverSetupLaterGuardsTest {
    static final String DATA = FailoverSetupGuardsTest.DATA;
    static final String CLUSTER_STATUS = FailoverSetupGuardsTest.CLUSTER_STATUS;

    @TempDir
    Path dir;

    // ---- raise-resync-rate, wait-sync, reset-resync-rate ----

    @Test
    void refusesRaisingTheRateWhenSyncTargetWasPromoted() {
        Rig rig = Rig.of(SimPair.fresh("8.4").sim, "8.4");
        // Right after the mount, before raise-resync-rate's checks on be2: the roles swap (the SyncTarget may be
        // Primary while its peer is UpToDate).
        rig.be1.afterOutput(line -> line.startsWith("mount /dev/drbd0"), out -> true, () -> {
            rig.sh("be1", "umount", DATA);
            rig.sh("be1", "drbdadm", "secondary", "pc0");
            rig.sh("be2", "drbdadm", "primary", "pc0");
        });

        WorkflowException e = rig.runFailoverSetup(dir);

        rig.assertRefused(
                e,
                "raise-resync-rate",
                "be2",
                "be2: SyncTarget Primary/Secondary Inconsistent/UpToDate",
                "be2 Secondary");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void refusesWaitingForSyncWhenBootstrapLostItsDisk(String dialect) {
        Rig rig = Rig.of(SimPair.fresh(dialect).sim, dialect);
        List<String> raise = rig.stepLines("raise-resync-rate");
        String lastRaise = raise.get(raise.size() - 1);
        // Right after the rate is raised on be2, be1's backing disk fails (on-io-error detach: Diskless).
        rig.be2.afterOutput(line -> line.equals(lastRaise), out -> true, () -> rig.sim
                .faults()
                .diskFailure("be1"));

        WorkflowException e = rig.runFailoverSetup(dir);

        rig.assertRefused(
                e,
                "wait-sync",
                "be1",
                "be1: Connected Primary/Secondary Diskless/Inconsistent",
                "be1 Primary with UpToDate data");
        assertThat(rig.raw("be1", "test", "-e", READY).exitCode()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void refusesResettingTheRateWhenTheLinkFailsAfterTheSync(String dialect) {
        Rig rig = Rig.of(SimPair.fresh(dialect).sim, dialect);
        // The read that ends the wait for the sync; the next one is reset-resync-rate's guard.
        rig.be1.afterOutput(
                line -> line.equals("cat /proc/drbd"),
                out -> out.contains("ds:UpToDate/UpToDate"),
                () -> rig.sim.faults().partition());

        WorkflowException e = rig.runFailoverSetup(dir);

        rig.assertRefused(
                e,
                "reset-resync-rate",
                "be2",
                "be2: WFConnection Secondary/Unknown UpToDate/DUnknown",
                "be2 Connected Secondary/Primary UpToDate/UpToDate");
    }

    // ---- wait-sync and ready-primary ----

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void neverTouchesReadyWhileTheInitialSyncIsCutOff(String dialect) {
        Rig rig = Rig.of(SimPair.fresh(dialect).sim, dialect);
        rig.sim.faults().at(rig.sim.time().elapsed().plusSeconds(3), () -> rig.sim
                .faults()
                .partition());
        Journal journal = Journal.at(dir.resolve("j"));

        WorkflowException e = catchThrowableOfType(WorkflowException.class, () -> FailoverSetup.workflow(rig.cluster)
                .run(ProgressListener.none(), journal));
        WorkflowException again =
                catchThrowableOfType(WorkflowException.class, () -> FailoverSetup.workflow(rig.cluster)
                        .resume(ProgressListener.none(), journal));

        for (WorkflowException stop : List.of(e, again)) {
            assertThat(stop.reason()).isEqualTo(WorkflowException.Reason.STUCK);
            assertThat(stop.step()).isEqualTo("wait-sync");
            assertThat(stop.seen())
                    .isEqualTo("be1: WFConnection Primary/Unknown UpToDate/Inconsistent: be2 not connected for 300 s");
        }
        assertThat(rig.sim.procDrbd("be2")).contains("ds:Inconsistent/");
        assertThat(events(journal, "ready-primary")).isEmpty();
        assertThat(rig.raw("be1", "test", "-e", READY).exitCode()).isEqualTo(1);
        assertThat(rig.raw("be2", "test", "-e", READY).exitCode()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void refusesReadyOnBootstrapWhenPeerIsInconsistentAgain(String dialect) {
        Rig rig = Rig.of(SimPair.fresh(dialect).sim, dialect);
        // force-primary's guard tests drbd_ready once; ready-primary's outcome check tests it next.
        rig.be1.before(line -> line.equals("test -e " + READY), 2, () -> rig.sh("be2", "drbdadm", "invalidate", "pc0"));

        WorkflowException e = rig.runFailoverSetup(dir);

        rig.assertRefused(
                e,
                "ready-primary",
                "be1",
                "be1: SyncSource Primary/Secondary UpToDate/Inconsistent",
                "be1 Connected Primary/Secondary UpToDate/UpToDate; " + DATA + " mounted on be1");
        assertThat(rig.raw("be1", "test", "-e", READY).exitCode()).isEqualTo(1);
    }

    // ---- reconfigure-primary ----

    @Test
    void refusesReconfigureOnBootstrapWhenDataIsNotMounted() {
        Rig rig = Rig.of(SimPair.fresh("8.4").sim, "8.4");
        // The first chef-server-ctl status on be1 is reconfigure-primary's outcome check.
        rig.be1.before(line -> line.equals("chef-server-ctl status"), 1, () -> rig.sh("be1", "umount", DATA));

        WorkflowException e = rig.runFailoverSetup(dir);

        rig.assertRefused(
                e,
                "reconfigure-primary",
                "be1",
                DATA + " not mounted on be1",
                "be1 Connected Primary/Secondary UpToDate/UpToDate; " + DATA + " mounted on be1; drbd_ready present on"
                        + " be1");
        assertThat(rig.raw("be1", "test", "-e", CLUSTER_STATUS).exitCode()).isEqualTo(1);
    }

    // ---- ready-secondary ----

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void refusesReadyOnSecondaryWhenBootstrapIsNotMaster(String dialect) {
        Rig rig = Rig.of(SimPair.fresh(dialect).sim, dialect);
        // force-primary's guard tests drbd_ready on be2 once; ready-secondary's outcome check tests it next.
        rig.be2.before(line -> line.equals("test -e " + READY), 2, () -> rig.write("be1", CLUSTER_STATUS, "backup\n"));

        WorkflowException e = rig.runFailoverSetup(dir);

        rig.assertRefused(
                e,
                "ready-secondary",
                "be2",
                "be1: keepalived running, current_cluster_status backup",
                "be2 Connected Secondary/Primary UpToDate/UpToDate; be1 master (keepalived running,"
                        + " current_cluster_status master)");
        assertThat(rig.raw("be2", "test", "-e", READY).exitCode()).isEqualTo(1);
    }

    // ---- reconfigure-secondary ----

    @Test
    void refusesReconfigureOnSecondaryWithoutReady() {
        Rig rig = Rig.of(SimPair.fresh("8.4").sim, "8.4");
        // The first chef-server-ctl status on be2 is reconfigure-secondary's outcome check.
        rig.be2.before(line -> line.equals("chef-server-ctl status"), 1, () -> rig.sh("be2", "rm", "-f", READY));

        WorkflowException e = rig.runFailoverSetup(dir);

        rig.assertRefused(
                e,
                "reconfigure-secondary",
                "be2",
                READY + " absent on be2",
                "be2 Connected Secondary/Primary UpToDate/UpToDate; drbd_ready present on be2");
        assertThat(rig.raw("be2", "test", "-e", CLUSTER_STATUS).exitCode()).isEqualTo(1);
    }

    // ---- state unknown ----

    @Test
    void stopsWithStateUnknownWhenProcDrbdIsUnparseable() {
        SimulatedDrbdCluster sim = SimPair.fresh("8.4").sim;
        Rig rig = new Rig(sim, "8.4", Optional.of(DrbdDialect.drbd84()));
        rig.be1.answer(
                line -> line.equals("cat /proc/drbd"), c -> CommandResult.of(c, 0, "garbage\n 0: cs:Bogus\n", ""));
        Journal journal = Journal.at(dir.resolve("j"));

        WorkflowException e = catchThrowableOfType(WorkflowException.class, () -> FailoverSetup.workflow(rig.cluster)
                .run(ProgressListener.none(), journal));

        assertThat(e.reason()).isEqualTo(WorkflowException.Reason.STATE_UNKNOWN);
        assertThat(e.step()).isEqualTo("force-primary");
        assertThat(e.host()).contains("be1");
        assertThat(e.seen()).startsWith("/proc/drbd on be1 is not understood");
        assertThat(e.getMessage()).contains("state unknown", "What to do", "nothing of this step ran");
        JournalEntry last = last(journal);
        assertThat(last.event()).isEqualTo(JournalEntry.Event.FAILED);
        assertThat(last.step()).contains("force-primary");
        rig.assertNotRun("force-primary");
    }

    @Test
    void stopsWithStateUnknownWhenDialectCannotBeTold() {
        SimulatedDrbdCluster sim = SimPair.fresh("8.4").sim;
        Rig rig = Rig.of(sim, "8.4");
        rig.be1.answer(
                line -> line.startsWith("drbdadm") && !line.contains("pc0"),
                c -> CommandResult.of(c, 0, "drbdadm: ??? \u0001\u0002 version unknown\n", ""));
        rig.be1.answer(line -> line.equals("cat /proc/drbd"), c -> CommandResult.of(c, 0, "%%% not drbd %%%\n", ""));
        Journal journal = Journal.at(dir.resolve("j"));

        WorkflowException e = catchThrowableOfType(WorkflowException.class, () -> FailoverSetup.workflow(rig.cluster)
                .run(ProgressListener.none(), journal));

        assertThat(e.reason()).isEqualTo(WorkflowException.Reason.STATE_UNKNOWN);
        assertThat(e.step()).isEqualTo("detect-dialect");
        assertThat(e.host()).contains("be1");
        assertThat(e.seen()).contains("cannot tell the DRBD dialect");
        assertThat(e.getMessage()).contains("state unknown", "What to do");
        assertThat(journal.entries()).isEmpty();
        assertThat(rig.be1.ran).noneMatch(line -> line.contains("primary"));
        assertThat(rig.be2.ran).noneMatch(line -> line.contains("primary"));
    }
}
