package io.drbd4j.chef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drbd4j.chef.engine.HostState;
import io.drbd4j.chef.engine.LiveState;
import io.drbd4j.chef.engine.Pair;
import io.drbd4j.chef.engine.Side;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.testkit.DataLoss;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SplitBrainRecoveryTest {
    static final String CONFIRMATION = "jdoe: the keeper holds the orders placed during the outage";

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"8.4,be1", "8.4,be2", "8.3,be1", "8.3,be2"})
    void keepsTheChosenCopyAndDiscardsTheVictimsWritesWithTheLossAccepted(String dialect, String keep) {
        SplitBrainPair sb = SplitBrainPair.of(dialect, dir.resolve("setup.jsonl"));
        String victim = SplitBrainPair.other(keep);
        SimPair pair = sb.keeping(keep);
        SplitBrainPair.Listener listener = new SplitBrainPair.Listener(pair);
        CrashHarness.Recording recording = new CrashHarness.Recording();
        Journal journal = Journal.at(dir.resolve("recover.jsonl"));

        SplitBrainRecovery.of(SplitBrainPair.cluster(pair, keep, recording), keep, CONFIRMATION)
                .workflow()
                .run(listener, journal);

        assertThat(listener.started)
                .containsExactly(
                        "assess",
                        "stop-chef-victim",
                        "umount-victim",
                        "demote-victim",
                        "discard-victim",
                        "connect-keeper",
                        "wait-sync",
                        "backup-recover-victim",
                        "reconfigure-victim");
        // Both were StandAlone: disconnect there exits 10 on 8.4 (drbd-state-machine.md §2.7 DC2), so it never runs.
        assertThat(listener.skipped).contains("disconnect-victim", "promote-keeper", "master-recover-keeper");
        assertThat(recording.sent().stream().map(CrashHarness.Sent::toString))
                .noneMatch(s -> s.contains("disconnect"))
                .containsSubsequence(
                        victim + ": chef-server-ctl stop",
                        victim + ": umount /var/opt/opscode/drbd/data",
                        victim + ": drbdadm secondary pc0",
                        victim + ": "
                                + (dialect.equals("8.3")
                                        ? "drbdadm -- --discard-my-data connect pc0"
                                        : "drbdadm connect --discard-my-data pc0"),
                        keep + ": drbdadm connect pc0",
                        victim + ": chef-server-ctl backup-recover");
        assertHealthyWithKeeper(pair, sb, keep);
        List<JournalEntry> entries = journal.entries();
        int accepted = indexOf(entries, JournalEntry.Event.ACCEPTED_LOSS, "discard-victim");
        assertThat(accepted).isNotNegative().isLessThan(indexOf(entries, JournalEntry.Event.STARTED, "discard-victim"));
        assertThat(entries.get(accepted).detail())
                .hasValue("every write " + victim + " took since the split brain, discarded for " + keep + "'s copy: "
                        + CONFIRMATION);
    }

    @ParameterizedTest
    @CsvSource({"8.4,be1,be2", "8.4,be2,be1", "8.3,be1,be2", "8.3,be2,be1"})
    void recoversWhenOneSideWaitsForItsPeerInWFConnection(String dialect, String keep, String waiting) {
        SplitBrainPair sb = SplitBrainPair.of(dialect, dir.resolve("setup.jsonl"));
        SimPair pair = sb.keeping(keep);
        CommandResult connect = pair.sim
                .runner(waiting, "scenario")
                .run(Command.of(Duration.ofSeconds(30), "drbdadm", "connect", "pc0"));
        assertThat(connect.exitCode()).isZero();
        assertThat(new LiveState(Pair.unresolved(pair.cluster)).host(waiting).drbdWords())
                .isEqualTo(waiting + ": WFConnection Primary/Unknown UpToDate/DUnknown");
        SplitBrainPair.Listener listener = new SplitBrainPair.Listener(pair);

        SplitBrainRecovery.of(pair.cluster, keep, CONFIRMATION)
                .workflow()
                .run(listener, Journal.at(dir.resolve("recover.jsonl")));

        if (waiting.equals(keep)) {
            assertThat(listener.skipped).contains("disconnect-victim", "connect-keeper");
        } else {
            assertThat(listener.started).contains("disconnect-victim", "connect-keeper");
        }
        assertHealthyWithKeeper(pair, sb, keep);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void promotesAKeeperThatWasDemotedOnlyAfterTheVictimIsSecondary(String dialect) {
        SplitBrainPair sb = SplitBrainPair.of(dialect, dir.resolve("setup.jsonl"));
        SimPair pair = sb.keeping("be2");
        sh(pair, "be2", "chef-server-ctl", "stop");
        sh(pair, "be2", "umount", "/var/opt/opscode/drbd/data");
        sh(pair, "be2", "drbdadm", "secondary", "pc0");
        SplitBrainPair.Listener listener = new SplitBrainPair.Listener(pair);
        CrashHarness.Recording recording = new CrashHarness.Recording();

        SplitBrainRecovery.of(SplitBrainPair.cluster(pair, "be2", recording), "be2", CONFIRMATION)
                .workflow()
                .run(listener, Journal.at(dir.resolve("recover.jsonl")));

        assertThat(listener.started)
                .containsSubsequence("demote-victim", "promote-keeper", "discard-victim", "master-recover-keeper");
        assertThat(recording.sent().stream().map(CrashHarness.Sent::toString))
                .containsSubsequence(
                        "be1: drbdadm secondary pc0",
                        "be2: drbdadm primary pc0",
                        dialect.equals("8.3")
                                ? "be1: drbdadm -- --discard-my-data connect pc0"
                                : "be1: drbdadm connect --discard-my-data pc0");
        assertHealthyWithKeeper(pair, sb, "be2");
    }

    /**
     * Why the discard runs only once the keeper is Primary: with both backends Secondary, after-sb-0pri
     * discard-younger-primary decides before the flag is read (drbd-state-machine.md §3.6, S4 row 6t), and be2,
     * promoted during the split, loses although be1 connected with --discard-my-data.
     */
    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void theDiscardFlagAloneIsOverruledByTheAfterSbPolicyWhenBothAreSecondary(String dialect) {
        SplitBrainPair sb = SplitBrainPair.of(dialect, dir.resolve("setup.jsonl"));
        SimPair pair = sb.keeping("be2");
        for (String host : List.of("be1", "be2")) {
            sh(pair, host, "chef-server-ctl", "stop");
            sh(pair, host, "umount", "/var/opt/opscode/drbd/data");
            sh(pair, host, "drbdadm", "secondary", "pc0");
        }
        if (dialect.equals("8.3")) {
            sh(pair, "be1", "drbdadm", "--", "--discard-my-data", "connect", "pc0");
        } else {
            sh(pair, "be1", "drbdadm", "connect", "--discard-my-data", "pc0");
        }
        sh(pair, "be2", "drbdadm", "connect", "pc0");

        assertThat(new LiveState(Pair.unresolved(pair.cluster))
                        .host(Side.KEEPER)
                        .drbdWords())
                .isEqualTo("be2: SyncTarget Secondary/Secondary Inconsistent/UpToDate");
        assertThat(pair.sim.dataLossDetector().violations())
                .singleElement()
                .satisfies(loss -> assertThat(loss.generations()).containsExactly(sb.written("be2")));
    }

    /**
     * Issue 15, class 7: the keeper lost for good right after the discard's guard held and before its command ran.
     * The discard waits for the keeper's handshake, so the victim's copy, now the last one, stays whole and UpToDate;
     * before, {@code invalidate} made it Inconsistent at once and the run lost acknowledged writes itself.
     */
    @ParameterizedTest
    @CsvSource({"8.4,be1", "8.4,be2", "8.3,be1", "8.3,be2"})
    void aKeeperLostRightBeforeTheDiscardLeavesTheVictimsCopyWhole(String dialect, String keep) {
        SplitBrainPair sb = SplitBrainPair.of(dialect, dir.resolve("setup.jsonl"));
        SimPair pair = sb.keeping(keep);
        String victim = SplitBrainPair.other(keep);
        SplitBrainPair.Listener declare = new SplitBrainPair.Listener(pair);
        ProgressListener loseKeeper = new ProgressListener() {
            @Override
            public void lossAccepted(PlannedStep step, String acceptance) {
                declare.lossAccepted(step, acceptance);
            }

            @Override
            public void stepStarted(PlannedStep step) {
                if (step.id().equals("discard-victim")) {
                    pair.sim.faults().crashForGood(keep);
                }
            }
        };

        WorkflowException e = catchThrowableOfType(
                WorkflowException.class, () -> SplitBrainRecovery.of(pair.cluster, keep, CONFIRMATION)
                        .workflow()
                        .run(loseKeeper, Journal.at(dir.resolve("recover.jsonl"))));

        assertThat(e).isNotNull();
        assertThat(e.step()).isEqualTo("connect-keeper");
        HostState left = new LiveState(Pair.unresolved(pair.cluster))
                .host(pair.cluster.keeper().equals(victim) ? Side.KEEPER : Side.OTHER);
        assertThat(left.disk()).hasValue(io.drbd4j.core.model.DiskState.UP_TO_DATE);
        assertThat(left.role()).hasValue(io.drbd4j.core.model.Role.SECONDARY);
        assertThat(pair.sim.dataLossDetector().violations()).isEmpty();
    }

    @Test
    void thePlanShowsTheDiscardAsDestructiveWithTheAcceptedLoss() {
        SplitBrainPair sb = SplitBrainPair.of("8.3", dir.resolve("setup.jsonl"));
        Plan plan = SplitBrainRecovery.of(sb.keeping("be1").cluster, "be1", CONFIRMATION)
                .workflow()
                .plan();

        PlannedStep discard = plan.steps().stream()
                .filter(s -> s.id().equals("discard-victim"))
                .findFirst()
                .orElseThrow();
        assertThat(discard.destroysData()).isTrue();
        assertThat(discard.host()).isEqualTo("be2");
        assertThat(discard.commands())
                .extracting(c -> String.join(" ", c.argv()))
                .containsExactly("drbdadm -- --discard-my-data connect pc0");
        assertThat(discard.guard()).contains("confirmed", "be2 Secondary", "be2 StandAlone", "be1 Primary");
        assertThat(discard.acceptedLoss()).hasValueSatisfying(l -> assertThat(l).endsWith(CONFIRMATION));
        assertThat(plan.steps().stream().filter(PlannedStep::destroysData).map(PlannedStep::id))
                .containsExactly("discard-victim");
    }

    @Test
    void refusesAPairThatIsConnected() {
        SimPair pair = SimPair.fresh("8.4");
        pair.failoverSetup().run(ProgressListener.none(), Journal.at(dir.resolve("setup.jsonl")));
        Journal journal = Journal.at(dir.resolve("recover.jsonl"));

        WorkflowException e = catchThrowableOfType(
                WorkflowException.class, () -> SplitBrainRecovery.of(pair.cluster, "be1", CONFIRMATION)
                        .workflow()
                        .run(ProgressListener.none(), journal));

        assertThat(e.reason()).isEqualTo(WorkflowException.Reason.REFUSED);
        assertThat(e.step()).isEqualTo("assess");
        assertThat(e.seen())
                .isEqualTo("be1: Connected Primary/Secondary UpToDate/UpToDate; be2: Connected Secondary/Primary"
                        + " UpToDate/UpToDate: no split brain (the pair is connected)");
        assertThat(journal.entries()).noneMatch(CrashHarness::startedAChange);
        assertThat(HaStatus.read(pair.cluster).healthy()).isTrue();
    }

    @Test
    void refusesAPairWhereOnlyOneSideHoldsWritesAndSaysAConnectIsEnough() {
        SimPair pair = SimPair.fresh("8.4");
        pair.failoverSetup().run(ProgressListener.none(), Journal.at(dir.resolve("setup.jsonl")));
        pair.sim.faults().leaveStandAlone("be2");
        pair.sim.write("be1", 4);

        WorkflowException e = catchThrowableOfType(
                WorkflowException.class, () -> SplitBrainRecovery.of(pair.cluster, "be1", CONFIRMATION)
                        .workflow()
                        .run(ProgressListener.none(), Journal.at(dir.resolve("recover.jsonl"))));

        assertThat(e.reason()).isEqualTo(WorkflowException.Reason.REFUSED);
        assertThat(e.step()).isEqualTo("assess");
        assertThat(e.seen()).contains("Not a split brain", "a connect resyncs the other node");
    }

    @Test
    void refusesWithoutAConfirmationBeforeAnythingChanges() {
        SplitBrainPair sb = SplitBrainPair.of("8.4", dir.resolve("setup.jsonl"));
        SimPair pair = sb.keeping("be1");
        EndState before = EndState.of(pair);
        Journal journal = Journal.at(dir.resolve("recover.jsonl"));

        WorkflowException e =
                catchThrowableOfType(WorkflowException.class, () -> SplitBrainRecovery.of(pair.cluster, "be1", "  ")
                        .workflow()
                        .run(ProgressListener.none(), journal));

        assertThat(e.reason()).isEqualTo(WorkflowException.Reason.REFUSED);
        assertThat(e.step()).isEqualTo("assess");
        assertThat(e.seen()).isEqualTo("no confirmation given");
        assertThat(e.advice()).contains("give a confirmation");
        assertThat(journal.entries()).noneMatch(CrashHarness::startedAChange);
        assertThat(EndState.of(pair)).isEqualTo(before);
        assertThat(pair.sim.dataLossDetector().report()).isEmpty();
    }

    @Test
    void refusesToKeepACopyThatIsNotUpToDate() {
        SplitBrainPair sb = SplitBrainPair.of("8.4", dir.resolve("setup.jsonl"));
        SimPair pair = sb.keeping("be1");
        sh(pair, "be1", "chef-server-ctl", "stop");
        sh(pair, "be1", "umount", "/var/opt/opscode/drbd/data");
        sh(pair, "be1", "drbdadm", "secondary", "pc0");
        sh(pair, "be1", "drbdadm", "outdate", "pc0");

        WorkflowException e = catchThrowableOfType(
                WorkflowException.class, () -> SplitBrainRecovery.of(pair.cluster, "be1", CONFIRMATION)
                        .workflow()
                        .run(ProgressListener.none(), Journal.at(dir.resolve("recover.jsonl"))));

        assertThat(e.reason()).isEqualTo(WorkflowException.Reason.REFUSED);
        assertThat(e.step()).isEqualTo("assess");
        assertThat(e.seen()).isEqualTo("be1: StandAlone Secondary/Unknown Outdated/DUnknown");
        // The operator's outdate made be1's own write unreachable; nothing of the workflow ran.
        assertThat(pair.sim.dataLossDetector().violations())
                .extracting(DataLoss::step)
                .containsOnly("operator");
    }

    @Test
    void refusesToDemoteAVictimStillMountedAfterAnUmountThatDidNothing() {
        SplitBrainPair sb = SplitBrainPair.of("8.4", dir.resolve("setup.jsonl"));
        SimPair pair = sb.keeping("be1");
        // An umount that reports success but leaves the mount (the test kit's busy mount is not public).
        CrashHarness.Wrapper lyingUmount = (host, runner) -> command ->
                command.argv().get(0).equals("umount") ? CommandResult.of(command, 0, "", "") : runner.run(command);
        Journal journal = Journal.at(dir.resolve("recover.jsonl"));

        WorkflowException e = catchThrowableOfType(WorkflowException.class, () -> SplitBrainRecovery.of(
                        SplitBrainPair.cluster(pair, "be1", lyingUmount), "be1", CONFIRMATION)
                .workflow()
                .run(ProgressListener.none(), journal));

        assertThat(e.reason()).isEqualTo(WorkflowException.Reason.REFUSED);
        assertThat(e.step()).isEqualTo("demote-victim");
        assertThat(e.seen()).isEqualTo("/var/opt/opscode/drbd/data mounted on be2 (from /dev/drbd0)");
        assertThat(new LiveState(Pair.unresolved(pair.cluster)).host(Side.OTHER).drbdWords())
                .isEqualTo("be2: StandAlone Primary/Unknown UpToDate/DUnknown");
        assertThat(pair.sim.dataLossDetector().report()).isEmpty();
    }

    @Test
    void aBusyMountStopsTheRunAndAResumeFinishesOnceItIsFree() {
        SplitBrainPair sb = SplitBrainPair.of("8.4", dir.resolve("setup.jsonl"));
        SimPair pair = sb.keeping("be1");
        pair.sim.faults().failNext("be2", "umount", 32, "umount: /var/opt/opscode/drbd/data: target is busy.\n");
        SplitBrainPair.Listener listener = new SplitBrainPair.Listener(pair);
        Journal journal = Journal.at(dir.resolve("recover.jsonl"));
        Workflow recovery =
                SplitBrainRecovery.of(pair.cluster, "be1", CONFIRMATION).workflow();

        WorkflowException e = catchThrowableOfType(WorkflowException.class, () -> recovery.run(listener, journal));

        assertThat(e.reason()).isEqualTo(WorkflowException.Reason.COMMAND_FAILED);
        assertThat(e.step()).isEqualTo("umount-victim");
        assertThat(e.seen()).contains("target is busy");
        recovery.resume(listener, journal);
        assertHealthyWithKeeper(pair, sb, "be1");
    }

    @Test
    void theKeeperMustBeNamedTwice() {
        SplitBrainPair sb = SplitBrainPair.of("8.4", dir.resolve("setup.jsonl"));

        assertThatThrownBy(() -> SplitBrainRecovery.of(sb.keeping("be1").cluster, "be2", CONFIRMATION))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the copy to keep is be2 but the cluster's keeper is be1");
    }

    @ParameterizedTest
    @CsvSource({"8.4,be1", "8.4,be2", "8.3,be1", "8.3,be2"})
    void aRunCrashedAroundAnyCommandResumesToTheSameEndState(String dialect, String keep) {
        SplitBrainPair reference = SplitBrainPair.of(dialect, dir.resolve("ref-setup.jsonl"));
        SimPair refPair = reference.keeping(keep);
        CrashHarness.Recording recording = new CrashHarness.Recording();
        SplitBrainRecovery.of(SplitBrainPair.cluster(refPair, keep, recording), keep, CONFIRMATION)
                .workflow()
                .run(new SplitBrainPair.Listener(refPair), Journal.at(dir.resolve("ref.jsonl")));
        EndState expected = EndState.of(refPair);
        List<CrashHarness.Sent> sent = recording.sent();
        int crashes = 0;
        for (int n = 1; n <= sent.size(); n++) {
            if (SplitBrainPair.isProbe(sent.get(n - 1))) {
                continue;
            }
            for (CrashHarness.When when : CrashHarness.When.values()) {
                String tag = n + "-" + when;
                SplitBrainPair sb = SplitBrainPair.of(dialect, dir.resolve("setup-" + tag + ".jsonl"));
                SimPair pair = sb.keeping(keep);
                Journal journal = Journal.at(dir.resolve("crash-" + tag + ".jsonl"));
                SplitBrainPair.Listener listener = new SplitBrainPair.Listener(pair);
                // What ran over both runs: recorded inside the crash, so a command stopped before it ran is not.
                CrashHarness.Recording ran = new CrashHarness.Recording();
                Workflow crashing = SplitBrainRecovery.of(
                                SplitBrainPair.cluster(pair, keep, ran.then(CrashHarness.crashAt(n, when))),
                                keep,
                                CONFIRMATION)
                        .workflow();
                assertThatThrownBy(() -> crashing.run(listener, journal))
                        .as("crash %s at %s", when, sent.get(n - 1))
                        .isInstanceOf(CrashHarness.Crash.class);

                SplitBrainRecovery.of(SplitBrainPair.cluster(pair, keep, ran), keep, CONFIRMATION)
                        .workflow()
                        .resume(listener, journal);

                // The victim's writes are discarded once: a resumed run never repeats a discard that took effect.
                assertThat(ran.sent().stream().filter(c -> c.argv().contains("--discard-my-data")))
                        .as("discards over both runs, crash %s at %s: %s", when, sent.get(n - 1), ran.sent())
                        .hasSize(1);
                assertThat(ran.sent().stream().filter(c -> c.argv().contains("invalidate")))
                        .as("invalidate over both runs")
                        .isEmpty();

                assertThat(EndState.of(pair))
                        .as("crash %s at %s", when, sent.get(n - 1))
                        .isEqualTo(expected);
                assertHealthyWithKeeper(pair, sb, keep);
                crashes++;
            }
        }
        // stop, umount, secondary, connect --discard-my-data, connect, backup-recover, reconfigure, and the cluster
        // lock on both backends (mkdir -p, mkdir, the owner's dd; rm and rmdir at the end): each before and after
        assertThat(crashes).isEqualTo(2 * (7 + 2 * 3 + 2 * 2));
    }

    private static void assertHealthyWithKeeper(SimPair pair, SplitBrainPair sb, String keep) {
        String victim = SplitBrainPair.other(keep);
        HaStatus status = HaStatus.read(pair.cluster);
        assertThat(status.healthy()).as("%s", status).isTrue();
        assertThat(status.backend(keep).drbdWords()).isEqualTo("Connected Primary/Secondary UpToDate/UpToDate");
        assertThat(status.backend(keep).clusterStatus()).hasValue("master");
        assertThat(status.backend(victim).drbdWords()).isEqualTo("Connected Secondary/Primary UpToDate/UpToDate");
        assertThat(status.backend(victim).clusterStatus()).hasValue("backup");
        long kept = sb.written(keep);
        long discarded = sb.written(victim);
        assertThat(pair.sim.holds(keep, kept)).isTrue();
        assertThat(pair.sim.holds(victim, kept)).isTrue();
        assertThat(pair.sim.holds(keep, discarded)).isFalse();
        assertThat(pair.sim.holds(victim, discarded)).isFalse();
        List<DataLoss> losses = pair.sim.dataLossDetector().report();
        assertThat(losses).isNotEmpty().allSatisfy(loss -> {
            assertThat(loss.kind()).isEqualTo(DataLoss.Kind.ACCEPTED);
            assertThat(loss.host()).isEqualTo(victim);
            assertThat(loss.reason()).endsWith(CONFIRMATION);
        });
        assertThat(losses.stream().flatMap(l -> l.generations().stream())).contains(discarded);
    }

    private static void sh(SimPair pair, String host, String... argv) {
        CommandResult result = pair.sim.runner(host, "operator").run(Command.of(Duration.ofMinutes(5), argv));
        assertThat(result.exitCode()).as("%s", result).isZero();
    }

    private static int indexOf(List<JournalEntry> entries, JournalEntry.Event event, String step) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).event() == event && entries.get(i).step().equals(Optional.of(step))) {
                return i;
            }
        }
        return -1;
    }
}
