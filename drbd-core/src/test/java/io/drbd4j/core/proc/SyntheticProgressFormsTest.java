package io.drbd4j.core.proc;

import static io.drbd4j.core.model.ConnectionState.*;
import static io.drbd4j.core.model.DiskState.*;
import static io.drbd4j.core.model.ReplicationProtocol.C;
import static io.drbd4j.core.model.Role.*;
import static io.drbd4j.core.model.SyncProgress.Kind.SYNC;
import static io.drbd4j.core.model.SyncProgress.Kind.VERIFY;
import static io.drbd4j.core.model.SyncProgress.Unit.KIB;
import static io.drbd4j.core.model.WriteOrdering.FLUSH;
import static io.drbd4j.core.proc.Expect.device;
import static io.drbd4j.core.proc.Expect.hms;
import static io.drbd4j.core.proc.Expect.idle;
import static io.drbd4j.core.proc.Expect.progress;
import static io.drbd4j.core.proc.KernelText.GIT_TAG_84;
import static io.drbd4j.core.proc.KernelText.VERSION_84;
import static io.drbd4j.core.proc.KernelText.idleCounters;
import static io.drbd4j.core.proc.KernelText.parseStrictly;
import static io.drbd4j.core.proc.KernelText.state;
import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.model.SyncProgress;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Progress and finish lines built from the kernel's format strings (spec §6, §7, §11.2), parsed strictly. */
class SyntheticProgressFormsTest {
    private static final String VERSION_837 = "version: 8.3.7 (api:88/proto:86-91)";
    private static final String VERSION_838 = "version: 8.3.8 (api:88/proto:86-94)";
    private static final String GIT_TAG_83 =
            "GIT-hash: d78846e52224fd00562f7c225bcc25b2d422321d build by cssint@erft, 2010-06-04 08:04:09";

    private static SyncProgress syncOf(ProcDrbdStatus s, int minor) {
        return s.device(minor).orElseThrow().sync().orElseThrow();
    }

    @Test
    void kernelBarIsTwentyOneWideBelowFivePercentAndTwentyOtherwise() {
        assertThat(KernelText.bar(4)).isEqualTo(">....................");
        assertThat(KernelText.bar(349)).isEqualTo("=====>..............");
        assertThat(KernelText.bar(444)).isEqualTo("=======>............");
        assertThat(KernelText.bar(1000)).isEqualTo("===================>");
        assertThat(KernelText.grouped(8_388_608)).isEqualTo("8,388,608");
        assertThat(KernelText.grouped(-1234)).isEqualTo("-1,234");
    }

    @Test
    void verifySourceShowsVerifiedAndWant() {
        ProcDrbdStatus s = parseStrictly(
                VERSION_84,
                GIT_TAG_84,
                state(0, "VerifyS", "Primary/Secondary", "UpToDate/UpToDate", 'C', "r-----"),
                idleCounters('f', 0),
                "\t[=========>..........] verified: 47.6% (548864/1048576)K",
                "\tfinish: 0:00:12 speed: 41,864 (40,960) want: 40,960 K/sec");

        assertThat(s.devices())
                .containsExactly(device(0, VERIFY_S, PRIMARY, SECONDARY, UP_TO_DATE, UP_TO_DATE, C, "r-----")
                        .counters(idle(FLUSH, 0))
                        .sync(progress(VERIFY, 476, 548864, 1048576, KIB)
                                .finish(hms(0, 0, 12))
                                .speedKiBps(41864)
                                .averageKiBps(40960)
                                .wantKiBps(40960)
                                .build())
                        .build());
    }

    @Test
    void verifyTargetHasNoWant() {
        ProcDrbdStatus s = parseStrictly(
                VERSION_84,
                GIT_TAG_84,
                state(3, "VerifyT", "Secondary/Primary", "UpToDate/UpToDate", 'C', "r-----"),
                idleCounters('f', 0),
                KernelText.progress(true, 476, 548864, 1048576, 'K'),
                "\tfinish: 0:00:12 speed: 41,864 (40,960) K/sec");

        SyncProgress sync = syncOf(s, 3);
        assertThat(s.device(3).orElseThrow().connectionState()).isEqualTo(VERIFY_T);
        assertThat(sync)
                .isEqualTo(progress(VERIFY, 476, 548864, 1048576, KIB)
                        .finish(hms(0, 0, 12))
                        .speedKiBps(41864)
                        .averageKiBps(40960)
                        .build());
        assertThat(sync.wantKiBps()).isEmpty();
    }

    @Test
    void stalledSuffixMarksTheResyncStalledAndKeepsTheNumbers() {
        ProcDrbdStatus s = parseStrictly(
                VERSION_84,
                GIT_TAG_84,
                state(0, "SyncTarget", "Secondary/Primary", "Inconsistent/UpToDate", 'C', "r-----"),
                idleCounters('f', 1670512),
                KernelText.progress(false, 363, 1670512, 2613068, 'K'),
                "\tfinish: 1:23:45 speed: 12 (3,456) want: 4,096 K/sec (stalled)");

        assertThat(syncOf(s, 0))
                .isEqualTo(progress(SYNC, 363, 1670512, 2613068, KIB)
                        .finish(hms(1, 23, 45))
                        .speedKiBps(12)
                        .averageKiBps(3456)
                        .wantKiBps(4096)
                        .stalled(true)
                        .build());
    }

    @Test
    void oldStalledLineReplacesTheFinishLine() {
        ProcDrbdStatus s = parseStrictly(
                VERSION_837,
                GIT_TAG_83,
                state(0, "SyncTarget", "Secondary/Primary", "Inconsistent/UpToDate", 'C', "r----"),
                "    ns:0 nr:300720 dw:300720 dr:0 al:0 bm:18 lo:0 pe:0 ua:0 ap:0 ep:1 wo:b oos:747856",
                KernelText.progress(false, 287, 747856, 1048576, 'K'),
                "\tstalled");

        SyncProgress sync = syncOf(s, 0);
        assertThat(sync)
                .isEqualTo(
                        progress(SYNC, 287, 747856, 1048576, KIB).stalled(true).build());
        assertThat(sync.finish()).isEmpty();
        assertThat(sync.speedKiBps()).isEmpty();
    }

    @Test
    void oldVerifyLineCountsBitmapBitsOfFourKib() {
        ProcDrbdStatus s = parseStrictly(
                VERSION_837,
                GIT_TAG_83,
                state(0, "VerifyS", "Primary/Secondary", "UpToDate/UpToDate", 'C', "r----"),
                "    ns:493828 nr:0 dw:0 dr:494084 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:b oos:0",
                "\t 42%      123456/654321");

        assertThat(syncOf(s, 0))
                .isEqualTo(progress(VERIFY, 420, (654321L - 123456L) * 4, 654321L * 4, KIB)
                        .build());
    }

    @Test
    void queueDelayAfterTheSizesAndOldWantGrouping() {
        ProcDrbdStatus s = parseStrictly(
                VERSION_838,
                GIT_TAG_83,
                state(0, "SyncTarget", "Secondary/Primary", "Inconsistent/UpToDate", 'C', "r----"),
                "    ns:0 nr:300720 dw:300720 dr:0 al:0 bm:18 lo:0 pe:0 ua:0 ap:0 ep:1 wo:b oos:747856",
                KernelText.progress(false, 287, 747856, 1048576, 'K') + " queue_delay: 0.0 ms",
                "\tfinish: 0:00:13 speed: 55,096 (53,728) want: 1024,000 K/sec");

        assertThat(syncOf(s, 0))
                .isEqualTo(progress(SYNC, 287, 747856, 1048576, KIB)
                        .finish(hms(0, 0, 13))
                        .speedKiBps(55096)
                        .averageKiBps(53728)
                        .wantKiBps(1_024_000)
                        .build());
    }

    @Test
    void delayProbeAfterTheSizes() {
        ProcDrbdStatus s = parseStrictly(
                VERSION_838,
                GIT_TAG_83,
                state(0, "SyncSource", "Primary/Secondary", "UpToDate/Inconsistent", 'C', "r----"),
                "    ns:300720 nr:0 dw:0 dr:300720 al:0 bm:18 lo:0 pe:0 ua:0 ap:0 ep:1 wo:b oos:747856",
                KernelText.progress(false, 287, 747856, 1048576, 'K') + " delay_probe: 12",
                "\tfinish: 0:00:13 speed: 55,096 (53,728) K/sec");

        assertThat(syncOf(s, 0))
                .isEqualTo(progress(SYNC, 287, 747856, 1048576, KIB)
                        .finish(hms(0, 0, 13))
                        .speedKiBps(55096)
                        .averageKiBps(53728)
                        .build());
    }

    @ParameterizedTest(name = "{0}: speed {1} ({2}) want {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                "8.4   | 8,388,608 | 1,048,576 | 8,388,608 | 8388608 | 1048576 | 8388608",
                "8.4   | 999       | 1,000     | 250       | 999     | 1000    | 250",
                "8.3.8 | 1000      | 1234,567  | 1024,000  | 1000    | 1234567 | 1024000"
            })
    void thousandsGroupingOfEveryEraIsReadAsOneNumber(
            String era, String speed, String average, String want, long speedValue, long averageValue, long wantValue) {
        boolean is84 = era.equals("8.4");
        ProcDrbdStatus s = parseStrictly(
                is84 ? VERSION_84 : VERSION_838,
                is84 ? GIT_TAG_84 : GIT_TAG_83,
                state(0, "SyncTarget", "Secondary/Primary", "Inconsistent/UpToDate", 'C', is84 ? "r-----" : "r----"),
                idleCounters('f', 1670512),
                KernelText.progress(false, 363, 1670512, 2613068, 'K'),
                "\tfinish: 0:00:01 speed: " + speed + " (" + average + ") want: " + want + " K/sec");

        SyncProgress sync = syncOf(s, 0);
        assertThat(List.of(sync.speedKiBps(), sync.averageKiBps(), sync.wantKiBps()))
                .containsExactly(
                        OptionalLong.of(speedValue), OptionalLong.of(averageValue), OptionalLong.of(wantValue));
    }

    @Test
    void finishHoursAreUnbounded() {
        ProcDrbdStatus s = parseStrictly(
                VERSION_84,
                GIT_TAG_84,
                state(0, "SyncTarget", "Secondary/Primary", "Inconsistent/UpToDate", 'C', "r-----"),
                idleCounters('f', 1670512),
                KernelText.progress(false, 363, 1670512, 2613068, 'K'),
                "\tfinish: 123:04:05 speed: 1 (2) want: 250 K/sec");

        assertThat(syncOf(s, 0).finish()).contains(hms(123, 4, 5));
        assertThat(syncOf(s, 0).finish().orElseThrow().getSeconds()).isEqualTo(443_045);
    }

    @Test
    void twentyOneCharacterBarAndTwoSpacesBeforeASmallPercentage() {
        ProcDrbdStatus s = parseStrictly(
                VERSION_84,
                GIT_TAG_84,
                state(0, "SyncSource", "Primary/Secondary", "UpToDate/Inconsistent", 'C', "r-----"),
                idleCounters('f', 1044480),
                "\t[>....................] sync'ed:  0.4% (1044480/1048576)K",
                "\tfinish: 0:04:15 speed: 4,096 (4,096) K/sec");

        assertThat(syncOf(s, 0))
                .isEqualTo(progress(SYNC, 4, 1044480, 1048576, KIB)
                        .finish(hms(0, 4, 15))
                        .speedKiBps(4096)
                        .averageKiBps(4096)
                        .build());
    }

    @Test
    void hundredPercentHasNoSpaceAfterTheColonAndMayStillHaveDataLeft() {
        ProcDrbdStatus s = parseStrictly(
                VERSION_84,
                GIT_TAG_84,
                state(0, "SyncSource", "Primary/Secondary", "UpToDate/Inconsistent", 'C', "r-----"),
                idleCounters('f', 4),
                "\t[===================>] sync'ed:100.0% (4/1048576)K",
                "\tfinish: 0:00:00 speed: 40,960 (40,000) K/sec");

        assertThat(syncOf(s, 0).perMille()).isEqualTo(1000);
        assertThat(syncOf(s, 0).leftKiB()).isEqualTo(4);
        assertThat(syncOf(s, 0).finish()).contains(hms(0, 0, 0));
    }

    @Test
    void drbd9CompatModeWithInfiniteFinishNegativeSpeedAndThreeSecondAverage() {
        ProcDrbdStatus s = parseStrictly(
                "version: 9.3.3 (api:2/proto:118-124) (compat 8.4)",
                "GIT-hash: 9a7f2c2a6d2f4e1b0c3d5e7f9a1b3c5d7e9f1a3b build by @buildhost, 2026-05-20 10:00:00",
                state(0, "SyncTarget", "Secondary/Primary", "Inconsistent/UpToDate", 'C', "r-----"),
                "    ns:0 nr:40960 dw:40960 dr:0 al:0 bm:0 lo:0 pe:2 ua:0 ap:0 ep:1 wo:f oos:1003520",
                "\t[>....................] sync'ed:  2.4% (1003520/1024000)K",
                "\tfinish: \u221e speed: -1,234 (-56 -- 1,000) want: 2,048 K/sec",
                "\t  2% sector pos: 40960/2048000");

        assertThat(s.version().orElseThrow().compat84()).isTrue();
        assertThat(s.version().orElseThrow().release()).isEqualTo("9.3.3");
        assertThat(s.transports()).isEmpty();
        assertThat(s.transportsApi()).isEmpty();
        assertThat(s.devices())
                .containsExactly(device(0, SYNC_TARGET, SECONDARY, PRIMARY, INCONSISTENT, UP_TO_DATE, C, "r-----")
                        .counters(Expect.counters(0, 40960, 40960, 0, 0, 0, 0, 2, 0, 0, 1, FLUSH, 1003520))
                        .sync(progress(SYNC, 24, 1003520, 1024000, KIB)
                                .speedKiBps(-1234)
                                .recentKiBps(-56)
                                .averageKiBps(1000)
                                .wantKiBps(2048)
                                .build())
                        .addDetail("2% sector pos: 40960/2048000")
                        .build());
        assertThat(syncOf(s, 0).finish()).as("finish: \u221e").isEmpty();
    }
}
