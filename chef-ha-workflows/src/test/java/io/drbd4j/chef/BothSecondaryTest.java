package io.drbd4j.chef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drbd4j.chef.engine.LiveState;
import io.drbd4j.chef.engine.Pair;
import io.drbd4j.chef.engine.Side;
import io.drbd4j.core.model.Role;
import io.drbd4j.exec.runner.Command;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BothSecondaryTest {
    @TempDir
    Path dir;

    private static void run(SimPair pair, String host, String... argv) {
        assertThat(pair.sim
                        .runner(host)
                        .run(Command.of(Duration.ofSeconds(30), argv))
                        .exitCode())
                .as(host + ": " + String.join(" ", argv))
                .isZero();
    }

    /** keepalived stopped on the backup, then on the master: the master demotes and nobody takes over. */
    private static void bothSecondary(SimPair pair) {
        run(pair, "be2", "chef-server-ctl", "stop", "keepalived");
        run(pair, "be1", "chef-server-ctl", "stop", "keepalived");
    }

    /** The master keeps writing while the link is cut (be2's keepalived stopped first, so it cannot take over). */
    private static List<Long> masterWritesWhileApart(SimPair pair) {
        run(pair, "be2", "chef-server-ctl", "stop", "keepalived");
        pair.sim.faults().partition();
        List<Long> generations = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            generations.add(pair.sim.write("be1", 16 << 10));
            pair.sim.time().advance(Duration.ofSeconds(5));
        }
        run(pair, "be1", "chef-server-ctl", "stop", "keepalived");
        return generations;
    }

    private static void assertHealthy(SimPair pair, String master, String backup, List<Long> generations) {
        EndState end = EndState.of(pair);
        assertThat(end.hosts().get(master))
                .startsWith(master + ": Connected Primary/Secondary UpToDate/UpToDate; mounted true; ready true; "
                        + master + ": keepalived running, current_cluster_status master;");
        assertThat(end.hosts().get(backup))
                .startsWith(backup + ": Connected Secondary/Primary UpToDate/UpToDate; mounted false; ready true; "
                        + backup + ": keepalived running, current_cluster_status backup;");
        for (long generation : generations) {
            assertThat(pair.sim.holds(master, generation)).isTrue();
            assertThat(pair.sim.holds(backup, generation)).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void connectedBothSecondaryPromotesTheChosenCopyAndEndsHealthy(String dialect) {
        SimPair pair = SwitchoverTest.setUp(dialect, dir.resolve("setup.jsonl"));
        long written = pair.sim.write("be1", 4 << 10);
        bothSecondary(pair);

        SecondaryEvidence evidence = BothSecondary.evidence(pair.cluster);

        assertThat(evidence.nodes())
                .extracting(SecondaryEvidence.Node::host, SecondaryEvidence.Node::drbd)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("be1", "Connected Secondary/Secondary UpToDate/UpToDate"),
                        org.assertj.core.groups.Tuple.tuple("be2", "Connected Secondary/Secondary UpToDate/UpToDate"));
        assertThat(evidence.relation()).isEqualTo(DataRelation.SAME);
        assertThat(evidence.newest()).isEmpty();
        assertThat(evidence.nodes().get(0).lastMaster())
                .isPresent()
                .get()
                .asString()
                .contains("Transitioned to master");
        assertThat(evidence.nodes().get(1).lastMaster()).isEmpty();
        assertThat(evidence.nodes())
                .extracting(n -> n.clusterStatus().orElse("absent"))
                .containsExactly("backup", "backup");
        SwitchoverTest.Steps steps = new SwitchoverTest.Steps();

        BothSecondary.of(pair.cluster, "be1", "jdoe: be1 was master last")
                .workflow()
                .run(steps, Journal.at(dir.resolve("both.jsonl")));

        assertThat(steps.started)
                .containsExactly(
                        "assess",
                        "promote-keeper",
                        "master-recover-keeper",
                        "start-keepalived-keeper",
                        "start-keepalived-other");
        assertHealthy(pair, "be1", "be2", List.of(written));
        assertThat(pair.sim.dataLossDetector().report()).isEmpty();
        assertThat(HaStatus.read(pair.cluster).healthy()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void theLowerOosNodeThatLacksTheNewestWritesIsRefusedAndTheNewerOneKept(String dialect) {
        SimPair pair = SwitchoverTest.setUp(dialect, dir.resolve("setup.jsonl"));
        List<Long> generations = masterWritesWhileApart(pair);
        SecondaryEvidence evidence = BothSecondary.evidence(pair.cluster);
        // the guide's rule would pick be2: its oos is the lower one
        assertThat(evidence.nodes().get(0).outOfSyncKiB())
                .isGreaterThan(evidence.nodes().get(1).outOfSyncKiB());
        assertThat(evidence.relation()).isEqualTo(DataRelation.FIRST_NEWER);
        assertThat(evidence.newest()).hasValue("be1");
        assertThat(evidence.toText()).contains("keep be1: it holds the newest writes");
        SimPair keepBe2 = SwitchoverTest.swapped(pair);
        Journal refused = Journal.at(dir.resolve("refused.jsonl"));

        WorkflowException e = catchThrowableOfType(WorkflowException.class, () -> BothSecondary.of(
                        keepBe2.cluster, "be2", "jdoe: the guide says the lower oos")
                .workflow()
                .run(ProgressListener.none(), refused));

        assertThat(e.reason()).isEqualTo(WorkflowException.Reason.REFUSED);
        assertThat(e.step()).isEqualTo("assess");
        assertThat(e.seen()).startsWith("be1 holds every write be2 has and more (be1 is newer) (get-gi be2 ");
        assertThat(e.advice()).contains("the lower oos is not the rule");
        assertThat(refused.entries()).noneMatch(CrashHarness::startedAChange);
        assertThat(new LiveState(Pair.unresolved(pair.cluster)).host(Side.OTHER).role())
                .hasValue(Role.SECONDARY);

        pair.sim.faults().heal();
        BothSecondary.of(pair.cluster, "be1", "jdoe: get-gi says be1 is newer")
                .workflow()
                .run(ProgressListener.none(), Journal.at(dir.resolve("both.jsonl")));

        assertHealthy(pair, "be1", "be2", generations);
        assertThat(pair.sim.dataLossDetector().report()).isEmpty();
    }

    @Test
    void keepingTheOlderCopyWipesTheOtherOnlyWithItsOwnConfirmationAsAnAnnouncedLoss() {
        SimPair pair = SwitchoverTest.setUp("8.4", dir.resolve("setup.jsonl"));
        List<Long> be1Only = masterWritesWhileApart(pair);
        SimPair keepBe2 = SwitchoverTest.swapped(pair);
        List<String> accepted = new ArrayList<>();
        ProgressListener declaring = new ProgressListener() {
            @Override
            public void lossAccepted(PlannedStep step, String acceptance) {
                accepted.add(step.id() + ": " + acceptance);
                pair.sim.acceptLoss(acceptance);
            }

            @Override
            public void stepFinished(PlannedStep step, Duration took) {
                // the link comes back once be1's copy is gone: healed earlier, be1 (newer) would resync be2
                if (step.id().equals("wipe-md-other")) {
                    pair.sim.faults().heal();
                }
            }
        };
        BothSecondary wipe = BothSecondary.of(keepBe2.cluster, "be2", "jdoe: be1's disk is suspect")
                .wipingOther("jdoe: be1's writes of 10:00-10:05 are given up");
        assertThat(wipe.workflow().plan().steps())
                .filteredOn(step -> step.id().equals("wipe-md-other"))
                .singleElement()
                .satisfies(step -> assertThat(step.destroysData()).isTrue())
                .satisfies(
                        step -> assertThat(step.acceptedLoss()).get().asString().startsWith("be1's whole copy ("));

        wipe.workflow().run(declaring, Journal.at(dir.resolve("wipe.jsonl")));

        assertThat(accepted)
                .singleElement()
                .asString()
                .startsWith("wipe-md-other: be1's whole copy (")
                .contains(" bytes, of which ")
                .endsWith("replaced by a full resync from be2: jdoe: be1's writes of 10:00-10:05 are given up");
        assertHealthy(pair, "be2", "be1", List.of());
        for (long generation : be1Only) {
            assertThat(pair.sim.holds("be1", generation)).isFalse();
        }
        assertThat(pair.sim.dataLossDetector().violations()).isEmpty();
        assertThat(pair.sim.dataLossDetector().report()).isNotEmpty();
    }

    @Test
    void aBlankConfirmationRefusesBeforeAnythingChanges() {
        SimPair pair = SwitchoverTest.setUp("8.4", dir.resolve("setup.jsonl"));
        bothSecondary(pair);
        Journal journal = Journal.at(dir.resolve("both.jsonl"));

        WorkflowException e = catchThrowableOfType(
                WorkflowException.class,
                () -> BothSecondary.of(pair.cluster, "be1", " ").workflow().run(ProgressListener.none(), journal));

        assertThat(e.step()).isEqualTo("assess");
        assertThat(e.seen()).isEqualTo("no confirmation given");
        assertThat(journal.entries()).noneMatch(CrashHarness::startedAChange);
        assertThatThrownBy(() -> BothSecondary.of(pair.cluster, "be2", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the cluster's keeper is be1");
        assertThatThrownBy(() -> BothSecondary.of(pair.cluster, "be1", "x").wipingOther(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without a confirmation");
    }

    @Test
    void aPrimaryOtherBackendIsNoCaseForBothSecondaryAndAPrimaryKeeperNeedsNothing() {
        SimPair pair = SwitchoverTest.setUp("8.4", dir.resolve("setup.jsonl"));
        SimPair keepBe2 = SwitchoverTest.swapped(pair);
        Journal journal = Journal.at(dir.resolve("both.jsonl"));
        EndState before = EndState.of(pair);

        WorkflowException e =
                catchThrowableOfType(WorkflowException.class, () -> BothSecondary.of(keepBe2.cluster, "be2", "jdoe")
                        .workflow()
                        .run(ProgressListener.none(), journal));

        assertThat(e.step()).isEqualTo("assess");
        assertThat(e.seen())
                .isEqualTo("be2: Connected Secondary/Primary UpToDate/UpToDate; be1: Connected Primary/Secondary"
                        + " UpToDate/UpToDate: a Primary backend is no case for both-secondary (see ha-status)");
        SwitchoverTest.Steps steps = new SwitchoverTest.Steps();

        BothSecondary.of(pair.cluster, "be1", "jdoe").workflow().run(steps, Journal.at(dir.resolve("be1.jsonl")));

        assertThat(steps.started).isEmpty();
        assertThat(EndState.of(pair)).isEqualTo(before);
    }
}
