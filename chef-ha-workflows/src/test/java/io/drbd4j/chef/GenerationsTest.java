package io.drbd4j.chef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.testkit.SimulatedDrbdCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Workflow safety on DRBD's generation identifiers: a rejoining secondary that took writes of its own while apart is
 * not connected (Chef's after-sb policy would discard them silently), and a replacement whose disk holds data is not
 * overwritten by a forced promotion of the survivor.
 */
class GenerationsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void aRejoiningSecondaryThatTookWritesWhilePromotedApartIsRefused(String dialect) {
        SimPair pair = SimPair.fresh(dialect);
        pair.failoverSetup().run(ProgressListener.none(), Journal.at(dir.resolve("setup.jsonl")));
        SimulatedDrbdCluster sim = pair.sim;
        // During a partition be2 is promoted (keepalived, or an operator), takes writes, is demoted, and stays apart.
        sim.faults().partition();
        ok(sim, "be2", "drbdadm", "primary", "pc0");
        long written = sim.write("be2", 4);
        ok(sim, "be2", "drbdadm", "secondary", "pc0");
        ok(sim, "be2", "drbdadm", "disconnect", "pc0");
        sim.faults().heal();
        EndState before = EndState.of(pair);

        WorkflowException e = catchThrowableOfType(WorkflowException.class, () -> RejoinSecondary.workflow(pair.cluster)
                .run(ProgressListener.none(), Journal.at(dir.resolve("rejoin.jsonl"))));

        assertThat(e.reason()).isEqualTo(WorkflowException.Reason.REFUSED);
        assertThat(e.step()).isEqualTo("check");
        assertThat(e.seen()).contains("be2 was Primary while disconnected and took writes of its own");
        assertThat(e.required()).contains("be2 took no writes of its own while apart (get-gi: bitmap UUID 0)");
        assertThat(EndState.of(pair)).isEqualTo(before);
        assertThat(sim.holds("be2", written)).as("be2's own writes").isTrue();
        assertThat(sim.dataLossDetector().violations()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void aReplacementCarryingTheLostPrimarysDiskIsNotOverwrittenByTheForcedSurvivor(String dialect) {
        SimPair pair = SimPair.fresh(dialect);
        PrepareTest.seedConfig(pair);
        SimulatedDrbdCluster sim = pair.sim;
        for (String file : new String[] {"/etc/opscode/chef-server.rb", "/etc/opscode/private-chef-secrets.json"}) {
            CommandResult copy = sim.runner("be1").run(Command.of(Duration.ofSeconds(5), "cat", file));
            sim.runner("be2")
                    .run(Command.builder()
                            .timeout(Duration.ofSeconds(5))
                            .addArgv("tee", file)
                            .stdin(copy.stdout())
                            .build());
        }
        AtomicLong written = new AtomicLong();
        AtomicBoolean crashed = new AtomicBoolean();
        ProgressListener crashBe1MidSync = new ProgressListener() {
            @Override
            public void stepFinished(PlannedStep step, Duration took) {
                if (step.id().equals("mount")) {
                    written.set(sim.write("be1", 4));
                }
            }

            @Override
            public void syncProgress(PlannedStep step, SyncReport report) {
                if (report.perMille() >= 195 && crashed.compareAndSet(false, true)) {
                    sim.faults().crash("be1");
                }
            }
        };
        assertThatThrownBy(() -> pair.failoverSetup().run(crashBe1MidSync, Journal.at(dir.resolve("setup.jsonl"))))
                .isInstanceOf(WorkflowException.class);
        // be1's disk comes back on "new hardware" with its name and address, apart from be2: it is named the
        // replacement, and be2, Inconsistent, is to be forced with the loss accepted.
        sim.faults().partition();
        sim.faults().reboot("be1");
        ok(sim, "be1", "drbdadm", "up", "pc0");
        SimPair survivorBe2 = SimPair.of(sim, dialect, "be2", "10.0.0.2", "be1", "10.0.0.1");

        WorkflowException e = catchThrowableOfType(
                WorkflowException.class, () -> RecoverPrimary.of(survivorBe2.cluster, LostPrimary.BE1_GONE)
                        .acceptingDataLoss("jdoe: restore from the nightly backup")
                        .workflow()
                        // be1 crashed holding the setup's lock, which its stopped run could not release there.
                        .overridingLock("jdoe: the failover setup stopped when be1 crashed")
                        .run(ProgressListener.none(), Journal.at(dir.resolve("recover.jsonl"))));

        assertThat(e.reason()).isEqualTo(WorkflowException.Reason.REFUSED);
        assertThat(e.step()).isEqualTo("force-primary-survivor");
        assertThat(e.seen()).contains("be1's generation identifiers are ", ": its disk holds data of pc0");
        assertThat(sim.procDrbd("be2")).contains("ro:Secondary/");
        assertThat(sim.holds("be1", written.get()))
                .as("the lost primary's disk keeps its writes")
                .isTrue();
    }

    private static void ok(SimulatedDrbdCluster sim, String host, String... argv) {
        CommandResult r = sim.runner(host, "scenario").run(Command.of(Duration.ofMinutes(1), argv));
        assertThat(r.exitCode()).as("%s", r).isZero();
    }
}
