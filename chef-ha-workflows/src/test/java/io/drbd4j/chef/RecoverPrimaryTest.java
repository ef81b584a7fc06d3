package io.drbd4j.chef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drbd4j.chef.engine.ChefServices;
import io.drbd4j.chef.engine.LiveState;
import io.drbd4j.chef.engine.Pair;
import io.drbd4j.chef.engine.Side;
import io.drbd4j.testkit.DataLoss;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecoverPrimaryTest {
    @TempDir
    Path dir;

    /** Records step events and declares an accepted loss to the test kit's detector. */
    static class Listener implements ProgressListener {
        final List<String> events = new ArrayList<>();
        private final SimPair pair;

        Listener(SimPair pair) {
            this.pair = pair;
        }

        @Override
        public void stepStarted(PlannedStep step) {
            events.add(step.id());
        }

        @Override
        public void lossAccepted(PlannedStep step, String acceptance) {
            pair.sim.acceptLoss(acceptance);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void recoversAnInconsistentSurvivorWithTheLossAcceptedAndJournaled(String dialect) {
        SimPair pair = LostPrimary.midSync(dialect, 195, dir.resolve("setup.jsonl"));
        SurvivorReport survivor = RecoverPrimary.assess(pair.cluster);
        assertThat(survivor.host()).isEqualTo("be2");
        assertThat(survivor.state()).isEqualTo("WFConnection Secondary/Unknown Inconsistent/DUnknown");
        assertThat(survivor.upToDate()).isFalse();
        assertThat(survivor.outOfSyncKiB()).isBetween(1L, 2L << 20);
        assertThat(survivor.meaning()).contains("data is very likely lost: " + survivor.outOfSyncKiB() + " KiB (oos)");
        Listener listener = new Listener(pair);
        Journal journal = Journal.at(dir.resolve("recover.jsonl"));

        RecoverPrimary.of(pair.cluster, LostPrimary.BE1_GONE)
                .acceptingDataLoss("jdoe: restore from the nightly backup")
                .withConfiguration(LostPrimary.NEW_CONFIG)
                .workflow()
                .run(listener, journal);

        assertThat(listener.events)
                .containsSubsequence(
                        "assess",
                        "configure-survivor",
                        "force-primary-survivor",
                        "mount-survivor",
                        "ready-survivor",
                        "finish-setup-survivor",
                        "copy-config",
                        "create-md-new",
                        "up-new",
                        "wait-sync",
                        "ready-new",
                        "reconfigure-new")
                .doesNotContain("promote-survivor");
        // be2 never got past reconfigure's drbd_ready wait: the reconfigure that writes cluster.sh made it master.
        assertThat(clusterShExists(pair, "be2")).isTrue();
        List<JournalEntry> entries = journal.entries();
        int accepted = indexOf(entries, JournalEntry.Event.ACCEPTED_LOSS, "force-primary-survivor");
        int started = indexOf(entries, JournalEntry.Event.STARTED, "force-primary-survivor");
        assertThat(accepted).isNotNegative().isLessThan(started);
        assertThat(entries.get(accepted).detail())
                .hasValue("what be2 never received from be1 (gone: powered off via ILO): jdoe: restore from the"
                        + " nightly backup");
        HaStatus status = HaStatus.read(pair.cluster);
        assertThat(status.healthy()).isTrue();
        assertThat(status.backend("be2").clusterStatus()).hasValue("master");
        assertThat(status.backend("be3").drbdWords()).isEqualTo("Connected Secondary/Primary UpToDate/UpToDate");
        assertThat(PrepareTest.cat(pair, "be2", "/etc/opscode/chef-server.rb")).contains("be3");
        // The only loss is be1's crash, before the recovery; no step of it is blamed.
        assertThat(pair.sim.dataLossDetector().report()).isNotEmpty().allSatisfy(loss -> assertThat(loss.kind())
                .isEqualTo(DataLoss.Kind.FAULT));
    }

    @Test
    void refusesAnInconsistentSurvivorWithoutAnAcceptedLossAndSaysHowMuchIsMissing() {
        SimPair pair = LostPrimary.midSync("8.4", 195, dir.resolve("setup.jsonl"));
        Journal journal = Journal.at(dir.resolve("recover.jsonl"));

        WorkflowException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                WorkflowException.class, () -> RecoverPrimary.of(pair.cluster, LostPrimary.BE1_GONE)
                        .withConfiguration(LostPrimary.NEW_CONFIG)
                        .workflow()
                        .run(ProgressListener.none(), journal));

        assertThat(e.reason()).isEqualTo(WorkflowException.Reason.REFUSED);
        assertThat(e.step()).isEqualTo("assess");
        assertThat(e.seen()).contains("be2 is Inconsistent", "KiB (oos) never arrived", "No acceptDataLoss was given");
        assertThat(e.advice()).contains("acceptingDataLoss(reason)");
        assertThat(journal.entries()).noneMatch(CrashHarness::startedAChange);
        assertThat(new LiveState(Pair.unresolved(pair.cluster))
                        .host(Side.KEEPER)
                        .drbdWords())
                .isEqualTo("be2: WFConnection Secondary/Unknown Inconsistent/DUnknown");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void promotesAnUpToDateSurvivorWithoutForceAndLosesNothing(String dialect) {
        SimPair pair = LostPrimary.midSync(dialect, 1001, dir.resolve("setup.jsonl"));
        assertThat(RecoverPrimary.assess(pair.cluster).upToDate()).isTrue();
        Listener listener = new Listener(pair);

        RecoverPrimary.of(pair.cluster, LostPrimary.BE1_GONE)
                .withConfiguration(LostPrimary.NEW_CONFIG)
                .workflow()
                .run(listener, Journal.at(dir.resolve("recover.jsonl")));

        assertThat(listener.events).contains("promote-survivor").doesNotContain("force-primary-survivor");
        assertThat(HaStatus.read(pair.cluster).healthy()).isTrue();
        assertThat(pair.sim.dataLossDetector().report()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void reconfiguresAnUpToDateSurvivorWhoseSetupNeverFinishedBeforeMasterRecover(String dialect) {
        SimPair pair = LostPrimary.afterSyncBeforeSecondaryJoined(dialect, dir.resolve("setup.jsonl"));
        assertThat(RecoverPrimary.assess(pair.cluster).upToDate()).isTrue();
        assertThat(clusterShExists(pair, "be2")).isFalse();
        Listener listener = new Listener(pair);

        RecoverPrimary.of(pair.cluster, LostPrimary.BE1_GONE)
                .withConfiguration(LostPrimary.NEW_CONFIG)
                .workflow()
                .run(listener, Journal.at(dir.resolve("recover.jsonl")));

        assertThat(listener.events)
                .containsSubsequence(
                        "promote-survivor",
                        "mount-survivor",
                        "ready-survivor",
                        "finish-setup-survivor",
                        "wait-sync",
                        "ready-new",
                        "reconfigure-new")
                .doesNotContain("force-primary-survivor");
        assertThat(clusterShExists(pair, "be2")).isTrue();
        HaStatus status = HaStatus.read(pair.cluster);
        assertThat(status.healthy()).isTrue();
        assertThat(status.backend("be2").clusterStatus()).hasValue("master");
        assertThat(pair.sim.dataLossDetector().report()).isEmpty();
    }

    @Test
    void theRecoveryPlanReconfiguresASurvivorWithoutClusterShBeforeMasterRecover() {
        SimPair pair = LostPrimary.midSync("8.4", 195, dir.resolve("setup.jsonl"));

        Plan plan = RecoverPrimary.of(pair.cluster, LostPrimary.BE1_GONE)
                .acceptingDataLoss("jdoe: restore from the nightly backup")
                .withConfiguration(LostPrimary.NEW_CONFIG)
                .workflow()
                .plan();

        List<String> ids = plan.steps().stream().map(PlannedStep::id).toList();
        assertThat(ids)
                .containsSubsequence("mount-survivor", "ready-survivor", "finish-setup-survivor", "master-recover");
        assertThat(plan.toText())
                .contains("finish-setup-survivor on be2\n"
                        + "    only when: /var/opt/opscode/keepalived/bin/cluster.sh absent on be2 (Chef's setup never"
                        + " finished there)\n")
                .contains("    run:       chef-server-ctl reconfigure\n");
        PlannedStep masterRecover = plan.steps().get(ids.indexOf("master-recover"));
        assertThat(masterRecover.guard()).contains("/var/opt/opscode/keepalived/bin/cluster.sh present on be2");
    }

    @Test
    void refusesWhileTheOldPrimaryIsStillConnected() {
        SimPair setUp = SimPair.fresh("8.4");
        setUp.failoverSetup().run(ProgressListener.none(), Journal.at(dir.resolve("setup.jsonl")));
        SimPair pair = SimPair.of(setUp.sim, "8.4", "be2", "10.0.0.2", "be1", "10.0.0.1");

        WorkflowException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                WorkflowException.class, () -> RecoverPrimary.of(pair.cluster, LostPrimary.BE1_GONE)
                        .workflow()
                        .run(ProgressListener.none(), Journal.at(dir.resolve("recover.jsonl"))));

        assertThat(e.reason()).isEqualTo(WorkflowException.Reason.REFUSED);
        assertThat(e.step()).isEqualTo("assess");
        assertThat(e.seen())
                .isEqualTo("be2: Connected Secondary/Primary UpToDate/UpToDate: a peer holding data is connected");
        assertThat(HaStatus.read(pair.cluster).healthy()).isTrue();
    }

    @Test
    void aReplacementThatIsAnotherHostNeedsTheNewConfiguration() {
        SimPair pair = LostPrimary.midSync("8.4", 195, dir.resolve("setup.jsonl"));
        RecoverPrimary recovery = RecoverPrimary.of(pair.cluster, LostPrimary.BE1_GONE);

        assertThatThrownBy(recovery::workflow)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the replacement be3 (10.0.0.3) is not the lost be1 (10.0.0.1)");
        assertThatThrownBy(() -> PeerGone.of("be1", "10.0.0.1", " ")).hasMessageContaining("without a confirmation");
        assertThatThrownBy(() -> recovery.acceptingDataLoss("")).hasMessageContaining("without a reason");
    }

    private static boolean clusterShExists(SimPair pair, String host) {
        return pair.sim
                .runner(host)
                .run(io.drbd4j.exec.runner.Command.of(
                        java.time.Duration.ofSeconds(5), "test", "-e", ChefServices.CLUSTER_SH))
                .succeeded();
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
