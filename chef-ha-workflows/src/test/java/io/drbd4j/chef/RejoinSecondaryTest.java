package io.drbd4j.chef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drbd4j.chef.engine.ChefServices;
import io.drbd4j.chef.engine.LiveState;
import io.drbd4j.chef.engine.Pair;
import io.drbd4j.chef.engine.Side;
import io.drbd4j.core.model.Role;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RejoinSecondaryTest {
    @TempDir
    Path dir;

    /** Records the steps started and the resync progress. */
    static final class Recorder implements ProgressListener {
        final List<String> started = new ArrayList<>();
        final List<SyncReport> progress = new ArrayList<>();
        final List<String> commands = new ArrayList<>();

        @Override
        public void stepStarted(PlannedStep step) {
            if (!step.id().equals(SharedSteps.CHECK_IDENTITY)) {
                started.add(step.id());
            }
        }

        @Override
        public void commandFinished(PlannedStep step, PlannedCommand command, CommandResult result) {
            commands.add(step.host() + ": " + String.join(" ", result.command().argv()));
        }

        @Override
        public void syncProgress(PlannedStep step, SyncReport report) {
            progress.add(report);
        }
    }

    private static CommandResult run(SimPair pair, String host, String... argv) {
        return pair.sim.runner(host).run(Command.of(Duration.ofSeconds(30), argv));
    }

    /** @return generations of writes on be1 while be2 is away, enough for a resync that takes a while */
    private static List<Long> writeWhileAway(SimPair pair) {
        List<Long> generations = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            generations.add(pair.sim.write("be1", 32 << 10));
            pair.sim.time().advance(Duration.ofSeconds(10));
        }
        return generations;
    }

    private static void assertRejoined(SimPair pair, List<Long> generations) {
        EndState end = EndState.of(pair);
        assertThat(end.hosts().get("be2"))
                .startsWith("be2: Connected Secondary/Primary UpToDate/UpToDate; mounted false; ready true;"
                        + " be2: keepalived running, current_cluster_status backup;");
        assertThat(end.hosts().get("be1"))
                .startsWith("be1: Connected Primary/Secondary UpToDate/UpToDate; mounted true; ready true;"
                        + " be1: keepalived running, current_cluster_status master;");
        assertThat(HaStatus.read(pair.cluster).healthy()).isTrue();
        for (long generation : generations) {
            assertThat(generation).isPositive();
            assertThat(pair.sim.holds("be1", generation)).isTrue();
            assertThat(pair.sim.holds("be2", generation)).isTrue();
        }
        assertThat(pair.sim.dataLossDetector().report()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void rejoinsACrashedSecondaryAndKeepsTheWritesMadeWhileItWasAway(String dialect) {
        SimPair pair = SwitchoverTest.setUp(dialect, dir.resolve("setup.jsonl"));
        pair.sim.faults().crash("be2");
        List<Long> generations = writeWhileAway(pair);
        pair.sim.faults().reboot("be2");
        assertThat(new LiveState(Pair.unresolved(pair.cluster))
                        .host(Side.KEEPER)
                        .drbdWords())
                .isEqualTo("be1: WFConnection Primary/Unknown UpToDate/DUnknown");
        Recorder recorder = new Recorder();

        RejoinSecondary.workflow(pair.cluster).run(recorder, Journal.at(dir.resolve("rejoin.jsonl")));

        // keepalived came up at boot as backup: nothing to start
        assertThat(recorder.started).containsExactly("check", "up-secondary", "wait-sync");
        assertThat(recorder.progress.subList(0, recorder.progress.size() - 1))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.leftKiB()).isPositive());
        // once DRBD dropped the sync line, the engine says the resync ended
        assertThat(recorder.progress.get(recorder.progress.size() - 1))
                .extracting(SyncReport::perMille, SyncReport::leftKiB)
                .containsExactly(1000, 0L);
        assertRejoined(pair, generations);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void rejoinsAGracefullyStoppedSecondaryAndStartsItsKeepalivedAsBackup(String dialect) {
        SimPair pair = SwitchoverTest.setUp(dialect, dir.resolve("setup.jsonl"));
        run(pair, "be2", "chef-server-ctl", "stop", "keepalived");
        assertThat(run(pair, "be2", "drbdadm", "down", "pc0").exitCode()).isZero();
        List<Long> generations = writeWhileAway(pair);
        Recorder recorder = new Recorder();

        RejoinSecondary.workflow(pair.cluster).run(recorder, Journal.at(dir.resolve("rejoin.jsonl")));

        assertThat(recorder.started).containsExactly("check", "up-secondary", "wait-sync", "start-keepalived");
        assertRejoined(pair, generations);
    }

    @Test
    void connectsAStandAloneSecondaryWithoutDiscardingAnything() {
        SimPair pair = SwitchoverTest.setUp("8.4", dir.resolve("setup.jsonl"));
        pair.sim.faults().crash("be2");
        List<Long> generations = writeWhileAway(pair);
        pair.sim.faults().reboot("be2");
        pair.sim.faults().partition();
        assertThat(run(pair, "be2", "drbdadm", "up", "pc0").exitCode()).isZero();
        pair.sim.faults().leaveStandAlone("be2");
        pair.sim.faults().heal();
        assertThat(new LiveState(Pair.unresolved(pair.cluster)).host(Side.OTHER).drbdWords())
                .startsWith("be2: StandAlone Secondary/");
        Recorder recorder = new Recorder();
        Journal journal = Journal.at(dir.resolve("rejoin.jsonl"));

        RejoinSecondary.workflow(pair.cluster).run(recorder, journal);

        assertThat(recorder.started).containsExactly("check", "connect-secondary", "wait-sync");
        assertThat(recorder.commands).containsExactly("be2: drbdadm connect pc0");
        assertRejoined(pair, generations);
    }

    @Test
    void refusesASecondaryThatIsPrimaryWhileDisconnectedAsASplitBrain() {
        SimPair pair = SwitchoverTest.setUp("8.4", dir.resolve("setup.jsonl"));
        pair.sim.faults().crash("be2");
        writeWhileAway(pair);
        pair.sim.faults().reboot("be2");
        pair.sim.faults().partition();
        assertThat(run(pair, "be2", "drbdadm", "up", "pc0").exitCode()).isZero();
        assertThat(run(pair, "be2", "drbdadm", "primary", "pc0").exitCode()).isZero();
        Journal journal = Journal.at(dir.resolve("rejoin.jsonl"));

        WorkflowException e = catchThrowableOfType(WorkflowException.class, () -> RejoinSecondary.workflow(pair.cluster)
                .run(ProgressListener.none(), journal));

        assertThat(e.reason()).isEqualTo(WorkflowException.Reason.REFUSED);
        assertThat(e.step()).isEqualTo("check");
        assertThat(e.seen())
                .isEqualTo("be2: WFConnection Primary/Unknown UpToDate/DUnknown: be2 is Primary while disconnected"
                        + " from be1: a split brain");
        assertThat(e.required())
                .isEqualTo(
                        "be1 Primary with UpToDate data; be2 not Primary; be2 current_cluster_status not master; be2 took"
                                + " no writes of its own while apart (get-gi: bitmap UUID 0)");
        assertThat(e.advice()).contains("use split-brain-recovery to choose the victim");
        assertThat(journal.entries()).noneMatch(CrashHarness::startedAChange);
        assertThat(new LiveState(Pair.unresolved(pair.cluster)).host(Side.OTHER).role())
                .hasValue(Role.PRIMARY);
    }

    @Test
    void refusesToStartKeepalivedOnTheSecondaryOnceTheLinkIsLostAgain() {
        SimPair pair = SwitchoverTest.setUp("8.4", dir.resolve("setup.jsonl"));
        run(pair, "be2", "chef-server-ctl", "stop", "keepalived");
        run(pair, "be2", "drbdadm", "down", "pc0");
        writeWhileAway(pair);
        ProgressListener cut = new ProgressListener() {
            @Override
            public void stepFinished(PlannedStep step, Duration took) {
                if (step.id().equals("wait-sync")) {
                    pair.sim.faults().partition();
                }
            }
        };
        Journal journal = Journal.at(dir.resolve("rejoin.jsonl"));

        WorkflowException e = catchThrowableOfType(WorkflowException.class, () -> RejoinSecondary.workflow(pair.cluster)
                .run(cut, journal));

        assertThat(e.reason()).isEqualTo(WorkflowException.Reason.REFUSED);
        assertThat(e.step()).isEqualTo("start-keepalived");
        assertThat(e.seen()).isEqualTo("be2: WFConnection Secondary/Unknown UpToDate/DUnknown");
        assertThat(e.required()).startsWith("be2 Connected Secondary/Primary UpToDate/UpToDate");
        assertThat(journal.entries())
                .noneMatch(x ->
                        CrashHarness.startedAChange(x) && x.step().orElse("").equals("start-keepalived"));
        assertThat(new LiveState(Pair.unresolved(pair.cluster))
                        .host(Side.OTHER)
                        .services()
                        .running(ChefServices.KEEPALIVED))
                .isFalse();
    }
}
