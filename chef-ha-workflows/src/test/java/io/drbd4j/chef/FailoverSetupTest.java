package io.drbd4j.chef;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.exec.runner.Command;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FailoverSetupTest {
    static final List<String> STEPS = List.of(
            SharedSteps.CHECK_IDENTITY,
            "force-primary",
            "promote-primary",
            "mkfs",
            "mount",
            "raise-resync-rate",
            "wait-sync",
            "reset-resync-rate",
            "ready-primary",
            "reconfigure-primary",
            "master-recover-primary",
            "ready-secondary",
            "reconfigure-secondary");

    /** Steps for a restart in the middle: their outcome holds in an uninterrupted run. */
    static final java.util.Set<String> SKIPPED_IN_A_FRESH_RUN =
            java.util.Set.of("promote-primary", "master-recover-primary");

    @TempDir
    Path dir;

    /** Records what a listener hears. */
    static final class Recorder implements ProgressListener {
        final List<String> events = new ArrayList<>();
        final List<SyncReport> progress = new ArrayList<>();

        @Override
        public void stepStarted(PlannedStep step) {
            events.add("start " + step.id());
        }

        @Override
        public void stepFinished(PlannedStep step, Duration took) {
            events.add("finish " + step.id());
        }

        @Override
        public void stepSkipped(PlannedStep step, String why) {
            events.add("skip " + step.id() + ": " + why);
        }

        @Override
        public void syncProgress(PlannedStep step, SyncReport report) {
            progress.add(report);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void setsUpAFreshPairToASyncedPairWithChefOnBoth(String dialect) {
        SimPair pair = SimPair.fresh(dialect);
        Recorder recorder = new Recorder();

        pair.failoverSetup().run(recorder, Journal.at(dir.resolve("journal.jsonl")));

        List<String> expected = new ArrayList<>();
        STEPS.forEach(id -> expected.addAll(
                SKIPPED_IN_A_FRESH_RUN.contains(id) ? List.of("skip " + id) : List.of("start " + id, "finish " + id)));
        assertThat(recorder.events.stream()
                        .map(e -> e.startsWith("skip ") ? e.substring(0, e.indexOf(':')) : e)
                        .toList())
                .isEqualTo(expected);
        EndState end = EndState.of(pair);
        assertThat(end.hosts().get("be1"))
                .startsWith("be1: Connected Primary/Secondary UpToDate/UpToDate; mounted true; ready true;"
                        + " be1: keepalived running, current_cluster_status master;")
                .contains("postgresql=true", "bookshelf=true", "opscode-erchef=true");
        assertThat(end.hosts().get("be2"))
                .startsWith("be2: Connected Secondary/Primary UpToDate/UpToDate; mounted false; ready true;"
                        + " be2: keepalived running, current_cluster_status backup;")
                .contains("postgresql=false", "opscode-erchef=true");
        assertThat(HaStatus.read(pair.cluster).healthy()).isTrue();
        assertThat(pair.sim.dataLossDetector().report()).isEmpty();
    }

    @Test
    void withMkfsDiscardingTheDeviceThe84InitialSyncEndsAtMkfsAndTheSetupCompletes() {
        SimPair pair = SimPair.fresh("8.4");
        // the default mke2fs.conf: mkfs.ext4 discards /dev/drbd0, which DRBD 8.4.11 marks in sync
        // (real-drbd-testbed.md)
        pair.sim.runner("be1").run(Command.of(Duration.ofSeconds(5), "rm", "-f", SimPair.MKE2FS_CONF));
        Recorder recorder = new Recorder();

        pair.failoverSetup().run(recorder, Journal.at(dir.resolve("journal.jsonl")));

        assertThat(recorder.progress).isEmpty();
        assertThat(pair.sim.eventLog()).anyMatch(l -> l.endsWith("be1: discard of the whole device, marked in sync"));
        assertThat(EndState.of(pair).hosts().get("be2"))
                .startsWith("be2: Connected Secondary/Primary UpToDate/UpToDate; mounted false; ready true;");
        assertThat(HaStatus.read(pair.cluster).healthy()).isTrue();
        assertThat(pair.sim.dataLossDetector().report()).isEmpty();
    }

    @Test
    void reportsTheSyncProgressFromTheSyncSourceUntilItIsDone() {
        SimPair pair = SimPair.fresh("8.4");
        Recorder recorder = new Recorder();

        pair.failoverSetup().run(recorder, Journal.at(dir.resolve("journal.jsonl")));

        // 2 GiB at the link's 122,070 KiB/s (the rate raised on the SyncTarget): about 17 s, read every 5 s; then
        // the engine's own 100% once DRBD dropped the sync line.
        List<SyncReport> drbds = recorder.progress.subList(0, recorder.progress.size() - 1);
        assertThat(drbds).hasSizeGreaterThanOrEqualTo(3);
        assertThat(drbds).allSatisfy(r -> {
            assertThat(r.host()).isEqualTo("be1");
            assertThat(r.state()).isEqualTo("be1: SyncSource Primary/Secondary UpToDate/Inconsistent");
        });
        // the device: 2 GiB less 100 KiB of internal meta data (32 KiB AL, 4 KiB super block, 64 KiB bitmap)
        assertThat(drbds.get(0).leftKiB()).isEqualTo((2L << 20) - 100);
        SyncReport lastOfDrbd = drbds.get(drbds.size() - 1);
        assertThat(lastOfDrbd.perMille()).isGreaterThan(500);
        assertThat(lastOfDrbd.speedKiBps()).hasValue(122040);
        assertThat(lastOfDrbd.eta()).isPresent();
        assertThat(recorder.progress).extracting(SyncReport::leftKiB).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void theLastSyncReportIsOne100PercentWithNothingLeftOnceTheDisksAreUpToDate(String dialect) {
        SimPair pair = SimPair.fresh(dialect);
        Recorder recorder = new Recorder();

        pair.failoverSetup().run(recorder, Journal.at(dir.resolve("journal.jsonl")));

        SyncReport last = recorder.progress.get(recorder.progress.size() - 1);
        assertThat(last.perMille()).isEqualTo(1000);
        assertThat(last.percent()).isEqualTo(100.0);
        assertThat(last.leftKiB()).isZero();
        assertThat(last.host()).isEqualTo("be1");
        assertThat(last.state()).isEqualTo("be1: Connected Primary/Secondary UpToDate/UpToDate");
        assertThat(last.speedKiBps()).isEmpty();
        assertThat(last.eta()).isEmpty();
        assertThat(recorder.progress).filteredOn(r -> r.leftKiB() == 0).containsExactly(last);
        // the resync ended between two polls: DRBD's last line showed it short of the end
        assertThat(recorder.progress.get(recorder.progress.size() - 2).perMille())
                .isLessThan(1000);
    }

    @Test
    void onASyncedPairOnlyTheIdempotentAdjustRunsAgain() {
        SimPair pair = SimPair.fresh("8.4");
        pair.failoverSetup().run(ProgressListener.none(), Journal.at(dir.resolve("first.jsonl")));
        EndState before = EndState.of(pair);
        Recorder recorder = new Recorder();

        pair.failoverSetup().run(recorder, Journal.at(dir.resolve("second.jsonl")));

        // drbdadm adjust has no outcome to observe; it only re-applies the configuration.
        assertThat(recorder.events)
                .filteredOn(e -> e.startsWith("start "))
                .containsExactly("start " + SharedSteps.CHECK_IDENTITY, "start reset-resync-rate");
        assertThat(recorder.events)
                .contains(
                        "skip force-primary: already done: be1 UpToDate (forced before)",
                        "skip promote-primary: already done: be1 Primary",
                        "skip mkfs: already done: be1 Primary; /dev/drbd0 holds a filesystem",
                        "skip raise-resync-rate: only when a resync running to be2 (SyncTarget); seen be2: Connected"
                                + " Secondary/Primary UpToDate/UpToDate");
        assertThat(EndState.of(pair)).isEqualTo(before);
    }

    @Test
    void theSimulatedSyncOf83IsCappedByMaxBuffersAsThePlanSays() {
        SimPair pair = SimPair.fresh("8.3");
        Recorder recorder = new Recorder();

        pair.failoverSetup().run(recorder, Journal.at(dir.resolve("journal.jsonl")));

        PlannedStep raise = pair.failoverSetup().plan().steps().stream()
                .filter(st -> st.id().equals("raise-resync-rate"))
                .findFirst()
                .orElseThrow();
        assertThat(raise.commands())
                .extracting(c -> String.join(" ", c.argv()))
                .containsExactly("drbdsetup /dev/drbd0 syncer -r 1100M");
        // the last of DRBD's reports: the engine's final 100% after it shows no speed
        assertThat(recorder.progress.get(recorder.progress.size() - 2).speedKiBps())
                .hasValue(40960);
    }
}
