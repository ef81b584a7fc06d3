package io.drbd4j.chef;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.testkit.DataLoss;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 15, class 9: back to service fully and early. The survivor of a lost primary serves before the replacement's
 * full resync ends (hours on a real volume), with every Chef service it had stopped running again; the replacement is
 * optional, and joins later through replace-secondary.
 */
class RecoverPrimaryServiceFirstTest {
    @TempDir
    Path dir;

    /** What the survivor looked like each time the resync reported progress short of the end. */
    static final class WhileSyncing extends RecoverPrimaryTest.Listener {
        final List<String> survivorDuringResync = new ArrayList<>();
        final List<SyncReport> reports = new ArrayList<>();
        private final SimPair pair;

        WhileSyncing(SimPair pair) {
            super(pair);
            this.pair = pair;
        }

        @Override
        public void syncProgress(PlannedStep step, SyncReport report) {
            reports.add(report);
            if (report.perMille() < 1000) {
                BackendStatus be2 = HaStatus.read(pair.cluster).backend("be2");
                survivorDuringResync.add(be2.drbdWords() + "; mounted " + be2.mounted() + "; "
                        + be2.clusterStatus().orElse("?") + "; every service running "
                        + (!be2.services().isEmpty()
                                && be2.services().values().stream().allMatch(r -> r)));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void theSurvivorServesBeforeTheReplacementsResyncEnds(String dialect) {
        SimPair pair = LostPrimary.midSync(dialect, 1001, dir.resolve("setup.jsonl"));
        WhileSyncing listener = new WhileSyncing(pair);

        RecoverPrimary.of(pair.cluster, LostPrimary.BE1_GONE)
                .withConfiguration(LostPrimary.NEW_CONFIG)
                .workflow()
                .run(listener, Journal.at(dir.resolve("recover.jsonl")));

        // Before: master-recover came after wait-sync, so the survivor served only once be3 held a full copy.
        assertThat(listener.events).containsSubsequence("master-recover", "up-new", "wait-sync");
        assertThat(listener.survivorDuringResync).isNotEmpty().allSatisfy(seen -> assertThat(seen)
                .matches("SyncSource Primary/Secondary UpToDate/Inconsistent; mounted true; master;"
                        + " every service running true"));
        assertThat(listener.reports.get(listener.reports.size() - 1))
                .extracting(SyncReport::perMille, SyncReport::leftKiB)
                .containsExactly(1000, 0L);
        assertThat(listener.reports).filteredOn(r -> r.perMille() == 1000).hasSize(1);
        assertThat(HaStatus.read(pair.cluster).healthy()).isTrue();
        assertThat(pair.sim.dataLossDetector().report()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void anUpToDateSurvivorGetsBackEveryChefServiceTheWorkflowStopped(String dialect) {
        SimPair pair = LostPrimary.midSyncNotReplaced(dialect, 1001, dir.resolve("setup.jsonl"));
        RecoverPrimaryTest.Listener listener = new RecoverPrimaryTest.Listener(pair);

        RecoverPrimary.of(pair.cluster, LostPrimary.BE1_GONE)
                .survivorOnly()
                .workflow()
                .run(listener, Journal.at(dir.resolve("recover.jsonl")));

        // Before: stop-chef stopped nginx, oc_bifrost, oc_id and opscode-erchef; master-recover starts only the HA
        // services, and HaStatus called the pair healthy with them down.
        Map<String, Boolean> services =
                HaStatus.read(pair.cluster).backend("be2").services();
        assertThat(services)
                .containsEntry("nginx", true)
                .containsEntry("opscode-erchef", true)
                .containsEntry("oc_bifrost", true)
                .containsEntry("oc_id", true)
                .containsEntry("postgresql", true)
                .containsEntry("keepalived", true)
                .doesNotContainValue(false);
        assertThat(listener.events).containsSubsequence("stop-chef", "master-recover", "start-chef-survivor");
        assertThat(HaStatus.read(pair.cluster).backend("be2").clusterStatus()).hasValue("master");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void theSurvivorAloneServesWithNoReplacementAndOneJoinsLaterAsASecondary(String dialect) {
        SimPair lost = LostPrimary.midSyncNotReplaced(dialect, 195, dir.resolve("setup.jsonl"));
        CrashHarness.Recording recording = new CrashHarness.Recording();
        ChefHaCluster survivorAndLost = SplitBrainPair.cluster(lost, "be2", recording);
        RecoverPrimaryTest.Listener listener = new RecoverPrimaryTest.Listener(lost);

        RecoverPrimary.of(survivorAndLost, LostPrimary.BE1_GONE)
                .acceptingDataLoss("jdoe: restore from the nightly backup")
                .survivorOnly()
                .workflow()
                .run(listener, Journal.at(dir.resolve("recover.jsonl")));

        // be1 is only looked at, as G-FENCE does (a lost primary that answers is not gone); nothing is run there.
        assertThat(recording.sent())
                .filteredOn(sent -> sent.toString().startsWith("be1: "))
                .allSatisfy(sent -> assertThat(SplitBrainPair.isProbe(sent))
                        .as(sent.toString())
                        .isTrue());
        assertThat(recording.sent())
                .filteredOn(sent -> sent.toString().startsWith("be1: "))
                .noneMatch(sent ->
                        sent.toString().contains("lock") || sent.toString().contains("uname"));
        assertThat(listener.events)
                .contains("force-primary-survivor", "mount-survivor", "finish-setup-survivor")
                .doesNotContain("copy-config", "up-new", "wait-sync", "ready-new");
        BackendStatus be2 = HaStatus.read(lost.cluster).backend("be2");
        assertThat(be2.drbdWords()).isEqualTo("WFConnection Primary/Unknown UpToDate/DUnknown");
        assertThat(be2.mounted()).isTrue();
        assertThat(be2.clusterStatus()).hasValue("master");
        assertThat(be2.services()).doesNotContainValue(false);

        // Later: be3 replaces be1 as a secondary of the serving be2.
        lost.sim.faults().replaceHost("be1", "be3", "10.0.0.3");
        SimPair pair = SimPair.of(lost.sim, dialect, "be2", "10.0.0.2", "be3", "10.0.0.3");
        ReplaceSecondary.of(pair.cluster, LostPrimary.BE1_GONE)
                .withConfiguration(LostPrimary.NEW_CONFIG)
                .workflow()
                .run(ProgressListener.none(), Journal.at(dir.resolve("replace.jsonl")));

        HaStatus status = HaStatus.read(pair.cluster);
        assertThat(status.healthy()).isTrue();
        assertThat(status.backend("be3").drbdWords()).isEqualTo("Connected Secondary/Primary UpToDate/UpToDate");
        assertThat(PrepareTest.cat(pair, "be2", "/etc/opscode/chef-server.rb")).contains("be3");
        assertThat(lost.sim.dataLossDetector().report())
                .allSatisfy(loss -> assertThat(loss.kind()).isEqualTo(DataLoss.Kind.FAULT));
    }

    /**
     * Seen on the real pair: with the survivor served first, its forced promotion comes before the replacement has a
     * DRBD configuration, and there {@code drbdadm get-gi} exits 10 ("Can not open '/etc/drbd.conf'"). Such a host
     * has no meta data DRBD can reach; the replacement's blankness is proven again once its configuration exists,
     * before its {@code up}.
     */
    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void aReplacementWithoutADrbdConfigurationYetDoesNotStopTheForcedPromotion(String dialect) {
        SimPair pair = LostPrimary.midSync(dialect, 195, dir.resolve("setup.jsonl"));
        List<String> refused = new ArrayList<>();
        ChefHaCluster cluster = FaultsAtEveryStepPropertiesTest.wrapped(pair.cluster, (host, runner) -> command -> {
            boolean unconfigured = !pair.sim
                    .runner(host, "check")
                    .run(io.drbd4j.exec.runner.Command.of(
                            java.time.Duration.ofSeconds(5), "test", "-e", "/var/opt/opscode/drbd/etc/pc0.res"))
                    .succeeded();
            if (host.equals("be3") && command.argv().contains("get-gi") && unconfigured) {
                refused.add(String.join(" ", command.argv()));
                return io.drbd4j.exec.runner.CommandResult.of(
                        command, 10, "", "Can not open '/etc/drbd.conf': No such file or directory\n");
            }
            return runner.run(command);
        });
        RecoverPrimaryTest.Listener listener = new RecoverPrimaryTest.Listener(pair);

        RecoverPrimary.of(cluster, LostPrimary.BE1_GONE)
                .acceptingDataLoss("jdoe: restore from the nightly backup")
                .withConfiguration(LostPrimary.NEW_CONFIG)
                .workflow()
                .run(listener, Journal.at(dir.resolve("recover.jsonl")));

        assertThat(refused).isNotEmpty();
        assertThat(listener.events).containsSubsequence("force-primary-survivor", "render-config-new", "up-new");
        assertThat(HaStatus.read(pair.cluster).healthy()).isTrue();
    }
}
