package io.drbd4j.chef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplaceSecondaryTest {
    static final byte[] NEW_CONFIG = ("topology \"ha\"\n"
                    + "server \"be1\", :ipaddress => \"10.0.0.1\", :role => \"backend\", :bootstrap => true\n"
                    + "server \"be3\", :ipaddress => \"10.0.0.3\", :role => \"backend\"\n")
            .getBytes(StandardCharsets.UTF_8);
    static final PeerGone BE2_GONE = PeerGone.of("be2", "10.0.0.2", "powered off via ILO");

    @TempDir
    Path dir;

    /** @return a set-up pair (configuration on be1) whose secondary be2 crashed for good after be1 took writes */
    private SimPair setUpAndLoseBe2(String dialect, List<Long> generations) {
        SimPair setUp = SimPair.fresh(dialect);
        PrepareTest.seedConfig(setUp);
        setUp.failoverSetup().run(ProgressListener.none(), Journal.at(dir.resolve("setup.jsonl")));
        generations.add(setUp.sim.write("be1", 1024));
        setUp.sim.faults().crash("be2");
        generations.add(setUp.sim.write("be1", 64 << 10));
        return setUp;
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void replacesALostSecondaryWithANewHostThatSyncsAndJoinsAsBackup(String dialect) {
        List<Long> generations = new ArrayList<>();
        SimPair lost = setUpAndLoseBe2(dialect, generations);
        lost.sim.faults().replaceHost("be2", "be3", "10.0.0.3");
        SimPair pair = SimPair.of(lost.sim, dialect, "be1", "10.0.0.1", "be3", "10.0.0.3");
        RejoinSecondaryTest.Recorder recorder = new RejoinSecondaryTest.Recorder();

        ReplaceSecondary.of(pair.cluster, BE2_GONE)
                .withConfiguration(NEW_CONFIG)
                .workflow()
                .run(recorder, Journal.at(dir.resolve("replace.jsonl")));

        assertThat(recorder.started)
                .containsExactly(
                        "check",
                        "configure-master",
                        "reconfigure-master",
                        "adjust-master",
                        "copy-config",
                        "render-config-new",
                        "create-md-new",
                        "up-new",
                        "wait-sync",
                        "ready-new",
                        "reconfigure-new");
        assertThat(recorder.progress).isNotEmpty();
        EndState end = EndState.of(pair);
        assertThat(end.hosts().get("be1"))
                .startsWith("be1: Connected Primary/Secondary UpToDate/UpToDate; mounted true; ready true;"
                        + " be1: keepalived running, current_cluster_status master;");
        assertThat(end.hosts().get("be3"))
                .startsWith("be3: Connected Secondary/Primary UpToDate/UpToDate; mounted false; ready true;"
                        + " be3: keepalived running, current_cluster_status backup;");
        assertThat(HaStatus.read(pair.cluster).healthy()).isTrue();
        assertThat(PrepareTest.cat(pair, "be3", "/etc/opscode/chef-server.rb")).contains("be3");
        assertThat(PrepareTest.cat(pair, "be3", "/etc/opscode/private-chef-secrets.json"))
                .isEqualTo(PrepareTest.SECRETS);
        for (long generation : generations) {
            assertThat(generation).isPositive();
            assertThat(pair.sim.holds("be3", generation)).isTrue();
        }
        assertThat(pair.sim.dataLossDetector().report()).isEmpty();
    }

    @Test
    void refusesWhileTheLostSecondaryIsStillConnectedWithItsData() {
        SimPair pair = SimPair.fresh("8.4");
        pair.failoverSetup().run(ProgressListener.none(), Journal.at(dir.resolve("setup.jsonl")));
        Journal journal = Journal.at(dir.resolve("replace.jsonl"));

        WorkflowException e = catchThrowableOfType(
                WorkflowException.class,
                () -> ReplaceSecondary.of(pair.cluster, BE2_GONE).workflow().run(ProgressListener.none(), journal));

        assertThat(e.reason()).isEqualTo(WorkflowException.Reason.REFUSED);
        assertThat(e.step()).isEqualTo("check");
        assertThat(e.seen())
                .isEqualTo("be1: Connected Primary/Secondary UpToDate/UpToDate: a peer holding data is connected");
        assertThat(e.required())
                .isEqualTo("be2 gone for good (powered off via ILO); be1 not connected to a peer holding data; be2 not"
                        + " answering as a primary (DRBD Primary, /var/opt/opscode/drbd/data mounted, or Chef's HA"
                        + " services running); be1 Primary with UpToDate data");
        assertThat(e.advice()).contains("rejoin-secondary");
        assertThat(journal.entries()).noneMatch(CrashHarness::startedAChange);
        assertThat(HaStatus.read(pair.cluster).healthy()).isTrue();
    }

    @Test
    void refusesWhenTheMasterIsNotPrimary() {
        List<Long> generations = new ArrayList<>();
        SimPair lost = setUpAndLoseBe2("8.4", generations);
        SwitchoverTest.run(lost, "be1", "chef-server-ctl", "backup-recover");
        lost.sim.faults().replaceHost("be2", "be3", "10.0.0.3");
        SimPair pair = SimPair.of(lost.sim, "8.4", "be1", "10.0.0.1", "be3", "10.0.0.3");
        Journal journal = Journal.at(dir.resolve("replace.jsonl"));

        WorkflowException e =
                catchThrowableOfType(WorkflowException.class, () -> ReplaceSecondary.of(pair.cluster, BE2_GONE)
                        .withConfiguration(NEW_CONFIG)
                        .workflow()
                        .run(ProgressListener.none(), journal));

        assertThat(e.reason()).isEqualTo(WorkflowException.Reason.REFUSED);
        assertThat(e.step()).isEqualTo("check");
        assertThat(e.seen()).isEqualTo("be1: WFConnection Secondary/Unknown UpToDate/DUnknown");
        assertThat(journal.entries()).noneMatch(CrashHarness::startedAChange);
        assertThat(PrepareTest.cat(pair, "be1", "/etc/opscode/chef-server.rb")).doesNotContain("be3");
    }

    @Test
    void aReplacementThatIsAnotherHostNeedsTheNewConfiguration() {
        List<Long> generations = new ArrayList<>();
        SimPair lost = setUpAndLoseBe2("8.4", generations);
        lost.sim.faults().replaceHost("be2", "be3", "10.0.0.3");
        SimPair pair = SimPair.of(lost.sim, "8.4", "be1", "10.0.0.1", "be3", "10.0.0.3");

        assertThatThrownBy(() -> ReplaceSecondary.of(pair.cluster, BE2_GONE).workflow())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the replacement be3 (10.0.0.3) is not the lost be2 (10.0.0.2)");
        assertThatThrownBy(() -> ReplaceSecondary.of(pair.cluster, PeerGone.of("be1", "10.0.0.1", "gone")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is named as the master");
    }
}
