package io.drbd4j.chef;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextProgressListenerTest {
    private static final PlannedStep RAISE = step("raise-resync-rate", false);
    private static final PlannedStep WAIT_SYNC = step("wait-sync", false);
    private static final PlannedStep FORCE = step("force-primary", true);
    private static final String NL = System.lineSeparator();

    @TempDir
    Path dir;

    /** A clock that moves only when told, as the simulated pair's does. */
    static final class Ticking extends Clock {
        private Instant now = Instant.parse("2026-12-06T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void plainModeWritesOneLinePerStepEventAndASyncLinePerFivePercentAndTheEnd() {
        StringBuilder out = new StringBuilder();
        Ticking clock = new Ticking();
        TextProgressListener listener = TextProgressListener.plain(out, clock);

        play(listener, clock);

        assertThat(out.toString().split(NL, -1))
                .containsExactly(
                        "+0:00:00 start force-primary on be1   [destroys data if run in the wrong state]",
                        "         $ drbdadm primary --force pc0",
                        "+0:00:01 done  force-primary on be1 (0:00:01)",
                        "+0:00:01 skip  raise-resync-rate on be1: only when a resync\\r\\nruns",
                        "+0:00:01 start wait-sync on be1",
                        "+0:00:06 sync  [>...................]   1.0%  left 2,076,000 KiB  122,040 KiB/s  ETA 0:00:17",
                        // 3.0% and 5.9% are under 5 points past 1.0%: no line
                        "+0:00:21 sync  [=>..................]   6.0%  left 1,971,200 KiB  122,040 KiB/s  ETA 0:00:16",
                        "+0:00:26 sync  [===================>]  99.5%  left 10,480 KiB  122,040 KiB/s  ETA 0:00:01",
                        "+0:00:31 sync  [====================] 100.0%  left 0 KiB",
                        "+0:00:31 done  wait-sync on be1 (0:00:30)",
                        "");
    }

    @Test
    void terminalModeRedrawsTheBarInPlaceAndClearsWhatALongerBarLeft() {
        StringBuilder out = new StringBuilder();
        Ticking clock = new Ticking();
        TextProgressListener listener = TextProgressListener.terminal(out, clock);

        listener.stepStarted(WAIT_SYNC);
        clock.advance(Duration.ofSeconds(5));
        listener.syncProgress(WAIT_SYNC, report(10, 2_076_000, 17));
        clock.advance(Duration.ofSeconds(5));
        listener.syncProgress(WAIT_SYNC, finalReport());
        listener.stepFinished(WAIT_SYNC, Duration.ofSeconds(10));

        String first = "+0:00:05 sync  [>...................]   1.0%  left 2,076,000 KiB  122,040 KiB/s  ETA 0:00:17";
        String last = "+0:00:10 sync  [====================] 100.0%  left 0 KiB";
        assertThat(out.toString())
                .isEqualTo("+0:00:00 start wait-sync on be1" + NL
                        + "\r" + first
                        + "\r" + last + " ".repeat(first.length() - last.length())
                        + NL + "+0:00:10 done  wait-sync on be1 (0:00:10)" + NL);
    }

    @Test
    void terminalModeEndLineEndsAnOpenBarOnceAndOnlyThen() {
        StringBuilder out = new StringBuilder();
        TextProgressListener listener = TextProgressListener.terminal(out, new Ticking());

        listener.endLine();
        listener.syncProgress(WAIT_SYNC, report(500, 1_000, 1));
        listener.endLine();
        listener.endLine();
        listener.note("be1 serves meanwhile");

        assertThat(out.toString())
                .isEqualTo("\r+0:00:00 sync  [==========>.........]  50.0%  left 1,000 KiB  122,040 KiB/s  ETA 0:00:01"
                        + NL + "+0:00:00 note  be1 serves meanwhile" + NL);
    }

    @Test
    void aSecondResyncStepStartsItsPlainLinesAfresh() {
        StringBuilder out = new StringBuilder();
        TextProgressListener listener = TextProgressListener.plain(out, new Ticking());

        listener.stepStarted(WAIT_SYNC);
        listener.syncProgress(WAIT_SYNC, finalReport());
        listener.stepStarted(WAIT_SYNC);
        listener.syncProgress(WAIT_SYNC, report(10, 2_076_000, 17));

        assertThat(out.toString().split(NL))
                .filteredOn(l -> l.contains(" sync  "))
                .hasSize(2);
    }

    @Test
    void barShowsPercentKiBLeftSpeedAndEta() {
        assertThat(TextProgressListener.bar(report(275, 7_602_176, 38)))
                .isEqualTo("[=====>..............]  27.5%  left 7,602,176 KiB  122,040 KiB/s  ETA 0:00:38");
        assertThat(TextProgressListener.bar(finalReport())).isEqualTo("[====================] 100.0%  left 0 KiB");
        assertThat(TextProgressListener.duration(Duration.ofSeconds(3 * 3600 + 5 * 60 + 7)))
                .isEqualTo("3:05:07");
    }

    @Test
    void aFailoverSetupOnTheSimulatedPairEndsItsResyncAt100PercentWithNothingLeft() {
        SimPair pair = SimPair.fresh("8.4");
        StringBuilder out = new StringBuilder();

        pair.failoverSetup()
                .run(TextProgressListener.plain(out, pair.sim.time()), Journal.at(dir.resolve("journal.jsonl")));

        List<String> lines = List.of(out.toString().split(NL));
        List<String> sync = lines.stream().filter(l -> l.contains(" sync  ")).toList();
        assertThat(sync)
                .hasSizeGreaterThanOrEqualTo(2)
                .allMatch(l -> l.matches("\\+\\d+:\\d\\d:\\d\\d sync  \\[[=>.]{20}\\] +\\d+\\.\\d%  left .* KiB.*"));
        assertThat(sync.get(sync.size() - 1)).endsWith("sync  [====================] 100.0%  left 0 KiB");
        assertThat(lines.get(lines.indexOf(sync.get(sync.size() - 1)) + 1)).contains(" done  wait-sync on be1 (");
        assertThat(lines).noneMatch(l -> l.contains("\r"));
    }

    /** A FailoverSetup's force-primary, a skip, and its wait for a 2 GiB resync read every 5 s. */
    private static void play(TextProgressListener listener, Ticking clock) {
        listener.stepStarted(FORCE);
        listener.commandFinished(
                FORCE,
                PlannedCommand.builder()
                        .host("be1")
                        .timeout(Duration.ofSeconds(30))
                        .addArgv("drbdadm", "primary", "--force", "pc0")
                        .build(),
                CommandResult.of(
                        Command.of(Duration.ofSeconds(30), "drbdadm", "primary", "--force", "pc0"), 0, "", ""));
        clock.advance(Duration.ofSeconds(1));
        listener.stepFinished(FORCE, Duration.ofSeconds(1));
        listener.stepSkipped(RAISE, "only when a resync\r\nruns");
        listener.stepStarted(WAIT_SYNC);
        int[][] reports = {{10, 2_076_000, 17}, {30, 2_034_000, 17}, {59, 1_973_000, 16}, {60, 1_971_200, 16}};
        for (int[] r : reports) {
            clock.advance(Duration.ofSeconds(5));
            listener.syncProgress(WAIT_SYNC, report(r[0], r[1], r[2]));
        }
        clock.advance(Duration.ofSeconds(5));
        listener.syncProgress(WAIT_SYNC, report(995, 10_480, 1));
        clock.advance(Duration.ofSeconds(5));
        listener.syncProgress(WAIT_SYNC, finalReport());
        listener.stepFinished(WAIT_SYNC, Duration.ofSeconds(30));
    }

    private static SyncReport report(int perMille, long leftKiB, long etaSeconds) {
        return SyncReport.builder()
                .host("be1")
                .state("be1: SyncSource Primary/Secondary UpToDate/Inconsistent")
                .perMille(perMille)
                .leftKiB(leftKiB)
                .speedKiBps(122_040)
                .eta(Duration.ofSeconds(etaSeconds))
                .build();
    }

    private static SyncReport finalReport() {
        return SyncReport.builder()
                .host("be1")
                .state("be1: Connected Primary/Secondary UpToDate/UpToDate")
                .perMille(1000)
                .leftKiB(0)
                .build();
    }

    private static PlannedStep step(String id, boolean destroysData) {
        return PlannedStep.builder()
                .id(id)
                .host("be1")
                .guard("the guard")
                .destroysData(destroysData)
                .advice("the advice")
                .build();
    }
}
