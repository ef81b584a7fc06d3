package io.drbd4j.chef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drbd4j.chef.engine.ChefServices;
import io.drbd4j.chef.engine.LiveState;
import io.drbd4j.chef.engine.Pair;
import io.drbd4j.chef.engine.Side;
import io.drbd4j.exec.runner.Command;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SwitchoverTest {
    static final List<String> STEPS = List.of("check", "stop-keepalived", "start-keepalived");

    @TempDir
    Path dir;

    /** @return be1 master, be2 backup: the pair failover setup leaves */
    static SimPair setUp(String dialect, Path journal) {
        SimPair pair = SimPair.fresh(dialect);
        pair.failoverSetup().run(ProgressListener.none(), Journal.at(journal));
        return pair;
    }

    /** @return the same simulated pair with be2 as the cluster's keeper (the master after a switchover) */
    static SimPair swapped(SimPair pair) {
        return SimPair.of(pair.sim, pair.dialect, "be2", "10.0.0.2", "be1", "10.0.0.1");
    }

    static void run(SimPair pair, String host, String... argv) {
        pair.sim.runner(host).run(Command.of(Duration.ofSeconds(30), argv));
    }

    /** Records the steps started and skipped. */
    static final class Steps implements ProgressListener {
        final List<String> started = new ArrayList<>();
        final List<String> skipped = new ArrayList<>();

        @Override
        public void stepStarted(PlannedStep step) {
            if (!step.id().equals(SharedSteps.CHECK_IDENTITY)) {
                started.add(step.id());
            }
        }

        @Override
        public void stepSkipped(PlannedStep step, String why) {
            skipped.add(step.id());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void switchesOverToTheBackupAndFailsBackToTheOriginalRoles(String dialect) {
        SimPair pair = setUp(dialect, dir.resolve("setup.jsonl"));
        EndState original = EndState.of(pair);
        long before = pair.sim.write("be1", 1024);
        Steps steps = new Steps();

        Switchover.workflow(pair.cluster).run(steps, Journal.at(dir.resolve("switchover.jsonl")));

        assertThat(steps.started).isEqualTo(STEPS);
        EndState switched = EndState.of(pair);
        assertThat(switched.hosts().get("be2"))
                .startsWith("be2: Connected Primary/Secondary UpToDate/UpToDate; mounted true; ready true;"
                        + " be2: keepalived running, current_cluster_status master;");
        assertThat(switched.hosts().get("be1"))
                .startsWith("be1: Connected Secondary/Primary UpToDate/UpToDate; mounted false; ready true;"
                        + " be1: keepalived running, current_cluster_status backup;");
        HaStatus status = HaStatus.read(pair.cluster);
        assertThat(status.healthy()).isTrue();
        long during = pair.sim.write("be2", 1024);

        Steps back = new Steps();
        Switchover.workflow(swapped(pair).cluster).run(back, Journal.at(dir.resolve("failback.jsonl")));

        assertThat(back.started).isEqualTo(STEPS);
        assertThat(EndState.of(pair)).isEqualTo(original);
        for (long generation : new long[] {before, during}) {
            assertThat(generation).isPositive();
            assertThat(pair.sim.holds("be1", generation)).isTrue();
            assertThat(pair.sim.holds("be2", generation)).isTrue();
        }
        assertThat(pair.sim.dataLossDetector().report()).isEmpty();
    }

    @Test
    void skipsEveryStepOnAPairAlreadySwitched() {
        SimPair pair = setUp("8.4", dir.resolve("setup.jsonl"));
        Switchover.workflow(pair.cluster).run(ProgressListener.none(), Journal.at(dir.resolve("first.jsonl")));
        EndState switched = EndState.of(pair);
        Steps steps = new Steps();

        Switchover.workflow(pair.cluster).run(steps, Journal.at(dir.resolve("again.jsonl")));

        assertThat(steps.started).isEmpty();
        assertThat(steps.skipped).isEqualTo(STEPS);
        assertThat(EndState.of(pair)).isEqualTo(switched);
    }

    @Test
    void resumesAfterACrashBetweenStoppingAndStartingKeepalived() {
        SimPair pair = setUp("8.4", dir.resolve("setup.jsonl"));
        Journal journal = Journal.at(dir.resolve("switchover.jsonl"));
        ProgressListener killed = new ProgressListener() {
            @Override
            public void stepStarted(PlannedStep step) {
                if (step.id().equals("start-keepalived")) {
                    throw new IllegalStateException("killed");
                }
            }
        };
        assertThat(catchThrowableOfType(IllegalStateException.class, () -> Switchover.workflow(pair.cluster)
                        .run(killed, journal)))
                .hasMessage("killed");
        Steps steps = new Steps();

        Switchover.workflow(pair.cluster).resume(steps, journal);

        assertThat(steps.skipped).containsExactly("check", "stop-keepalived");
        assertThat(steps.started).containsExactly("start-keepalived");
        assertThat(EndState.of(pair).hosts().get("be1"))
                .startsWith("be1: Connected Secondary/Primary UpToDate/UpToDate; mounted false; ready true;"
                        + " be1: keepalived running, current_cluster_status backup;");
    }

    @Test
    void planNamesTheBusyMountTrap() {
        SimPair pair = setUp("8.4", dir.resolve("setup.jsonl"));

        Plan plan = Switchover.workflow(pair.cluster).plan();

        assertThat(plan.steps())
                .extracting(PlannedStep::id)
                .containsExactly("check-identity", "check", "stop-keepalived", "start-keepalived");
        assertThat(plan.steps().get(2).note()).hasValueSatisfying(note -> assertThat(note)
                .contains("fuser -km", "Device is held open by someone", "be2 cannot promote"));
        assertThat(plan.steps().get(2).commands().get(0).argv())
                .containsExactly("chef-server-ctl", "stop", "keepalived");
    }

    @Test
    void refusesWhileTheBackupIsStillResyncing() {
        SimPair pair = setUp("8.4", dir.resolve("setup.jsonl"));
        pair.sim.faults().partition();
        pair.sim.write("be1", 64 << 10);
        pair.sim.faults().heal();
        Journal journal = Journal.at(dir.resolve("switchover.jsonl"));

        WorkflowException e = refused(pair, ProgressListener.none(), journal);

        assertThat(e.step()).isEqualTo("check");
        assertThat(e.seen()).isEqualTo("be1: SyncSource Primary/Secondary UpToDate/Inconsistent");
        assertThat(e.required()).contains("be1 Connected Primary/Secondary UpToDate/UpToDate", "be1 oos:0");
        assertNothingRan(pair, journal);
    }

    @Test
    void refusesWhenKeepalivedIsNotRunningOnTheBackup() {
        SimPair pair = setUp("8.4", dir.resolve("setup.jsonl"));
        run(pair, "be2", "chef-server-ctl", "stop", "keepalived");
        Journal journal = Journal.at(dir.resolve("switchover.jsonl"));

        WorkflowException e = refused(pair, ProgressListener.none(), journal);

        assertThat(e.step()).isEqualTo("check");
        assertThat(e.seen()).isEqualTo("be2: keepalived stopped, current_cluster_status backup");
        assertThat(e.required()).contains("be2 backup (keepalived running, current_cluster_status backup)");
        assertNothingRan(pair, journal);
    }

    @Test
    void refusesWhileAClusterTransitionIsRunning() {
        SimPair pair = setUp("8.4", dir.resolve("setup.jsonl"));
        pair.sim
                .runner("be1")
                .run(Command.builder()
                        .timeout(Duration.ofSeconds(5))
                        .addArgv("tee", ChefServices.REQUESTED_STATUS)
                        .stdin("backup\n".getBytes(StandardCharsets.UTF_8))
                        .build());
        Journal journal = Journal.at(dir.resolve("switchover.jsonl"));

        WorkflowException e = refused(pair, ProgressListener.none(), journal);

        assertThat(e.step()).isEqualTo("check");
        assertThat(e.seen())
                .isEqualTo("be1: requested_cluster_status backup, current_cluster_status master (a transition running"
                        + " or failed)");
        assertNothingRan(pair, journal);
    }

    @Test
    void refusesToStopKeepalivedWhenTheBackupLostItsKeepalivedAfterTheCheck() {
        SimPair pair = setUp("8.4", dir.resolve("setup.jsonl"));
        ProgressListener stopBackup = new ProgressListener() {
            @Override
            public void stepFinished(PlannedStep step, Duration took) {
                if (step.id().equals("check")) {
                    run(pair, "be2", "chef-server-ctl", "stop", "keepalived");
                }
            }
        };
        Journal journal = Journal.at(dir.resolve("switchover.jsonl"));

        WorkflowException e = refused(pair, stopBackup, journal);

        assertThat(e.step()).isEqualTo("stop-keepalived");
        assertThat(e.seen()).isEqualTo("be2: keepalived stopped, current_cluster_status backup");
        assertThat(e.required())
                .isEqualTo("be2 Connected Secondary/Primary UpToDate/UpToDate; be2 backup"
                        + " (keepalived running, current_cluster_status backup)");
        assertThat(journal.entries())
                .noneMatch(x ->
                        CrashHarness.startedAChange(x) && x.step().orElse("").equals("stop-keepalived"));
        assertThat(EndState.of(pair).hosts().get("be1"))
                .startsWith("be1: Connected Primary/Secondary UpToDate/UpToDate; mounted true; ready true;"
                        + " be1: keepalived running, current_cluster_status master;");
    }

    @Test
    void refusesToStartKeepalivedOnTheOldMasterWithoutASyncedCopy() {
        SimPair pair = setUp("8.4", dir.resolve("setup.jsonl"));
        ProgressListener cut = new ProgressListener() {
            @Override
            public void stepFinished(PlannedStep step, Duration took) {
                if (step.id().equals("stop-keepalived")) {
                    pair.sim.faults().partition();
                }
            }
        };
        Journal journal = Journal.at(dir.resolve("switchover.jsonl"));

        WorkflowException e = refused(pair, cut, journal);

        assertThat(e.step()).isEqualTo("start-keepalived");
        assertThat(e.seen()).isEqualTo("be2: WFConnection Primary/Unknown UpToDate/DUnknown");
        assertThat(e.required()).contains("be2 Connected Primary/Secondary UpToDate/UpToDate");
        assertThat(journal.entries())
                .noneMatch(x ->
                        CrashHarness.startedAChange(x) && x.step().orElse("").equals("start-keepalived"));
        assertThat(new LiveState(Pair.unresolved(pair.cluster))
                        .host(Side.KEEPER)
                        .clusterWords())
                .isEqualTo("be1: keepalived stopped, current_cluster_status backup");
    }

    private static WorkflowException refused(SimPair pair, ProgressListener listener, Journal journal) {
        WorkflowException e = catchThrowableOfType(
                WorkflowException.class, () -> Switchover.workflow(pair.cluster).run(listener, journal));
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(WorkflowException.Reason.REFUSED);
        return e;
    }

    private static void assertNothingRan(SimPair pair, Journal journal) {
        assertThat(journal.entries()).noneMatch(CrashHarness::startedAChange);
        assertThat(new LiveState(Pair.unresolved(pair.cluster))
                        .host(Side.KEEPER)
                        .clusterWords())
                .isEqualTo("be1: keepalived running, current_cluster_status master");
        assertThat(new LiveState(Pair.unresolved(pair.cluster))
                        .host(Side.KEEPER)
                        .role())
                .hasValue(io.drbd4j.core.model.Role.PRIMARY);
    }
}
