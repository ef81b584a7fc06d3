package io.drbd4j.core.proc;

import static io.drbd4j.core.model.ConnectionState.*;
import static io.drbd4j.core.model.DiskState.*;
import static io.drbd4j.core.model.ReplicationProtocol.A;
import static io.drbd4j.core.model.ReplicationProtocol.C;
import static io.drbd4j.core.model.Role.*;
import static io.drbd4j.core.model.SyncProgress.Kind.SYNC;
import static io.drbd4j.core.model.SyncProgress.Unit.KIB;
import static io.drbd4j.core.model.SyncProgress.Unit.MIB;
import static io.drbd4j.core.model.WriteOrdering.BARRIER;
import static io.drbd4j.core.model.WriteOrdering.FLUSH;
import static io.drbd4j.core.proc.Expect.counters;
import static io.drbd4j.core.proc.Expect.counters80;
import static io.drbd4j.core.proc.Expect.device;
import static io.drbd4j.core.proc.Expect.hms;
import static io.drbd4j.core.proc.Expect.idle;
import static io.drbd4j.core.proc.Expect.problemLines;
import static io.drbd4j.core.proc.Expect.progress;
import static io.drbd4j.core.proc.Expect.unconfigured;
import static io.drbd4j.core.proc.Expect.version;
import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.core.model.BuildTag;
import io.drbd4j.core.model.Congestion;
import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.proc.Fixtures.CoversFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The values of the DRBD 8.0 and 8.3 fixtures, read by hand from each .txt and its .source, parsed leniently
 * through every input mode.
 */
class FixtureValuesDrbd80And83Test {
    private static final String GANETI_80_TAG =
            "GIT-hash: 5c9f89594553e32adb87d9638dce591782f947e3 build by root@node1.example.com, 2009-05-22 12:47:52";
    private static final String DRBD_831_TAG =
            "GIT-hash: fd40f4a8f9104941537d1afc8521e584a6d3003c build by phil@fat-tyre, 2009-03-27 12:19:49";
    private static final String RESYNC_IDLE_80 = "resync: used:0/61 hits:0 misses:0 starving:0 dirty:0 changed:0";

    static void assertHeader(ProcDrbdStatus status, String release, int api, int protoMin, int protoMax, String tag) {
        assertThat(status.version()).contains(version(release, api, protoMin, protoMax));
        assertThat(status.buildTag()).contains(BuildTag.of(tag));
        assertThat(status.transportsApi()).isEmpty();
        assertThat(status.transports()).isEmpty();
    }

    @Test
    @CoversFixture("001-ganeti-drbd80-multi-minor")
    void fixture001_drbd80EightMinorsWithStKeyFourFlagsAndLruLines() {
        ProcDrbdStatus s = Fixtures.lenient("001");

        assertHeader(s, "8.0.12", 86, 86, 86, "GIT-hash: 5c9f89594553e32adb87d9638dce591782f947e3 build by XXX");
        assertThat(s.buildTag().orElseThrow().kind()).isEqualTo(BuildTag.Kind.GIT_HASH);
        assertThat(s.buildTag().orElseThrow().id()).contains("5c9f89594553e32adb87d9638dce591782f947e3");
        String al1 = "act_log: used:0/257 hits:92464 misses:67 starving:0 dirty:0 changed:67";
        String alIdle = "act_log: used:0/257 hits:0 misses:0 starving:0 dirty:0 changed:0";
        assertThat(s.devices())
                .containsExactly(
                        device(0, CONNECTED, PRIMARY, SECONDARY, UP_TO_DATE, UP_TO_DATE, C, "r---")
                                .counters(counters80(4375577, 0, 4446279, 674, 1067, 69, 0, 0, 0, 0))
                                .addDetail(RESYNC_IDLE_80)
                                .addDetail(
                                        "act_log: used:0/257 hits:793749 misses:1067 starving:0 dirty:0 changed:1067")
                                .build(),
                        device(1, CONNECTED, SECONDARY, PRIMARY, UP_TO_DATE, UP_TO_DATE, C, "r---")
                                .counters(counters80(738320, 0, 738320, 554400, 67, 0, 0, 0, 0, 0))
                                .addDetails(RESYNC_IDLE_80, al1)
                                .build(),
                        unconfigured(2),
                        device(4, WF_CONNECTION, PRIMARY, UNKNOWN, UP_TO_DATE, DUNKNOWN, C, "r---")
                                .counters(counters80(738320, 0, 738320, 554400, 67, 0, 0, 0, 0, 0))
                                .addDetails(RESYNC_IDLE_80, al1)
                                .build(),
                        device(5, CONNECTED, PRIMARY, SECONDARY, UP_TO_DATE, DISKLESS, C, "r---")
                                .counters(counters80(4375581, 0, 4446283, 674, 1069, 69, 0, 0, 0, 0))
                                .addDetail(RESYNC_IDLE_80)
                                .addDetail(
                                        "act_log: used:0/257 hits:793750 misses:1069 starving:0 dirty:0 changed:1069")
                                .build(),
                        device(6, CONNECTED, SECONDARY, PRIMARY, DISKLESS, UP_TO_DATE, C, "r---")
                                .counters(counters80(0, 4375581, 5186925, 327, 75, 214, 0, 0, 0, 0))
                                .build(),
                        device(7, WF_CONNECTION, SECONDARY, UNKNOWN, UP_TO_DATE, DUNKNOWN, C, "r---")
                                .counters(counters80(0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
                                .addDetails(RESYNC_IDLE_80, alIdle)
                                .build(),
                        device(8, STAND_ALONE, SECONDARY, UNKNOWN, UP_TO_DATE, DUNKNOWN, null, "r---")
                                .counters(counters80(0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
                                .addDetails(RESYNC_IDLE_80, alIdle)
                                .build());
        DeviceStatus d0 = s.device(0).orElseThrow();
        assertThat(d0.counters().orElseThrow().ep()).isEmpty();
        assertThat(d0.counters().orElseThrow().wo()).isEmpty();
        assertThat(d0.counters().orElseThrow().oos()).isEmpty();
        assertThat(d0.ioFlags().orElseThrow().congestion())
                .as("4-char flags have no congestion")
                .isEmpty();
        assertThat(s.device(8).orElseThrow().protocol()).isEmpty();
        assertThat(s.problems()).isEmpty();
    }

    @Test
    @CoversFixture("002-ganeti-drbd80-unconfigured-gap")
    void fixture002_drbd80UnconfiguredMinorsAndGapBlankLine() {
        ProcDrbdStatus s = Fixtures.lenient("002");

        assertHeader(s, "8.0.12", 86, 86, 86, GANETI_80_TAG);
        assertThat(s.devices())
                .containsExactly(ganeti80Minor0(), unconfigured(1), unconfigured(2), unconfigured(5), unconfigured(6));
        assertThat(s.device(5).orElseThrow().isUnconfigured()).isTrue();
        assertThat(s.problems()).isEmpty();
    }

    private static DeviceStatus ganeti80Minor0() {
        return device(0, CONNECTED, PRIMARY, SECONDARY, UP_TO_DATE, UP_TO_DATE, C, "r---")
                .counters(counters80(78728316, 0, 77675644, 1277039, 254, 270, 0, 0, 0, 0))
                .addDetail("resync: used:0/61 hits:65657 misses:135 starving:0 dirty:0 changed:135")
                .addDetail("act_log: used:0/257 hits:11378843 misses:254 starving:0 dirty:0 changed:254")
                .build();
    }

    @Test
    @CoversFixture("003-ganeti-drbd80-missing-version-line")
    void fixture003_missingVersionLineIsReportedAtLine1AndDevicesAreStillRead() {
        ProcDrbdStatus s = Fixtures.lenient("003");

        assertThat(s.version()).isEmpty();
        assertThat(s.buildTag()).as("the GIT-hash line is still recognisable").contains(BuildTag.of(GANETI_80_TAG));
        assertThat(s.devices())
                .containsExactly(ganeti80Minor0(), unconfigured(1), unconfigured(2), unconfigured(5), unconfigured(6));
        assertThat(problemLines(s)).containsExactly(1);
        assertThat(s.problems().get(0).column()).isEqualTo(1);
        assertThat(s.problems().get(0).message()).contains("version");
        assertThat(s.problems().get(0).lineText()).startsWith("GIT-hash:");
    }

    @Test
    @CoversFixture("004-ganeti-drbd831-multi-minor-nul-flag")
    void fixture004_drbd831NulByteIsTheFifthFlagCharacter() {
        ProcDrbdStatus s = Fixtures.lenient("004");

        assertHeader(s, "8.3.1", 88, 86, 89, DRBD_831_TAG);
        assertThat(s.devices())
                .containsExactly(
                        ganeti831Minor0(),
                        ganeti831Minor1(),
                        unconfigured(2),
                        device(4, WF_CONNECTION, PRIMARY, UNKNOWN, UP_TO_DATE, DUNKNOWN, C, "r----")
                                .counters(counters(140978, 0, 9906, 131534, 27, 8, 0, 0, 0, 0, 1, BARRIER, 0))
                                .build(),
                        device(5, CONNECTED, PRIMARY, SECONDARY, UP_TO_DATE, DISKLESS, C, "r----")
                                .counters(counters(140978, 0, 9906, 131533, 19, 8, 0, 0, 0, 0, 1, BARRIER, 0))
                                .build(),
                        device(6, CONNECTED, SECONDARY, PRIMARY, DISKLESS, UP_TO_DATE, C, "r---\0")
                                .counters(counters(0, 140978, 140978, 0, 0, 8, 0, 0, 0, 0, 1, FLUSH, 0))
                                .build(),
                        device(7, WF_CONNECTION, SECONDARY, UNKNOWN, UP_TO_DATE, DUNKNOWN, C, "r---\0")
                                .counters(counters(0, 140978, 140978, 0, 0, 8, 0, 0, 0, 0, 1, FLUSH, 0))
                                .build(),
                        device(8, STAND_ALONE, SECONDARY, UNKNOWN, UP_TO_DATE, DUNKNOWN, null, "r---\0")
                                .counters(counters(0, 140978, 140978, 0, 0, 8, 0, 0, 0, 0, 1, FLUSH, 0))
                                .build());
        for (int minor : List.of(1, 6, 7, 8)) {
            var flags = s.device(minor).orElseThrow().ioFlags().orElseThrow();
            assertThat(flags.raw())
                    .as("minor %d", minor)
                    .isEqualTo("r---\u0000")
                    .hasSize(5);
            assertThat(flags.congestion()).as("minor %d", minor).contains(Congestion.UNSET);
        }
        assertThat(s.device(0).orElseThrow().ioFlags().orElseThrow().congestion())
                .contains(Congestion.NONE);
        assertThat(s.problems()).isEmpty();
    }

    private static DeviceStatus ganeti831Minor0() {
        return device(0, CONNECTED, PRIMARY, SECONDARY, UP_TO_DATE, UP_TO_DATE, C, "r----")
                .counters(counters(140978, 0, 9906, 131533, 27, 8, 0, 0, 0, 0, 1, BARRIER, 0))
                .build();
    }

    private static DeviceStatus ganeti831Minor1() {
        return device(1, CONNECTED, SECONDARY, PRIMARY, UP_TO_DATE, UP_TO_DATE, C, "r---\0")
                .counters(counters(0, 140980, 140980, 0, 0, 8, 0, 0, 0, 0, 1, FLUSH, 0))
                .build();
    }

    @Test
    @CoversFixture("005-ganeti-drbd831-synctarget-handedited")
    void fixture005_syncTargetWithMibProgressAndFiveSpaceIndent() {
        ProcDrbdStatus s = Fixtures.lenient("005");

        assertHeader(s, "8.3.1", 88, 86, 89, DRBD_831_TAG);
        assertThat(s.devices())
                .containsExactly(
                        ganeti831Minor0(),
                        ganeti831Minor1(),
                        unconfigured(2),
                        device(3, SYNC_TARGET, PRIMARY, SECONDARY, INCONSISTENT, UP_TO_DATE, C, "r----")
                                .counters(counters(0, 178176, 178176, 0, 104, 42, 0, 0, 0, 0, 1, BARRIER, 346112))
                                .sync(progress(SYNC, 349, 346112L * 1024, 524288L * 1024, MIB)
                                        .finish(hms(0, 0, 5))
                                        .speedKiBps(59392)
                                        .averageKiBps(59392)
                                        .build())
                                .build(),
                        device(4, WF_CONNECTION, PRIMARY, UNKNOWN, UP_TO_DATE, DUNKNOWN, C, "r----")
                                .counters(counters(140978, 0, 9906, 131534, 27, 8, 0, 0, 0, 0, 1, BARRIER, 0))
                                .build());
        var sync = s.device(3).orElseThrow().sync().orElseThrow();
        assertThat(sync.percent()).isEqualTo(34.9);
        assertThat(sync.wantKiBps()).isEmpty();
        assertThat(sync.recentKiBps()).isEmpty();
        assertThat(sync.stalled()).isFalse();
        assertThat(s.problems()).isEmpty();
    }

    @Test
    @CoversFixture("007-ganeti-drbd8311-synctarget-want-srcversion")
    void fixture007_syncTargetWithKibProgressWantAndSrcversion() {
        ProcDrbdStatus s = Fixtures.lenient("007");

        assertHeader(s, "8.3.11", 88, 86, 96, "srcversion: 2D876214BAAD53B31ADC1D6");
        assertThat(s.buildTag().orElseThrow().kind()).isEqualTo(BuildTag.Kind.SRCVERSION);
        assertThat(s.buildTag().orElseThrow().id()).contains("2D876214BAAD53B31ADC1D6");
        assertThat(s.devices())
                .containsExactly(
                        device(0, SYNC_TARGET, SECONDARY, PRIMARY, INCONSISTENT, UP_TO_DATE, C, "r-----")
                                .counters(counters(0, 460288, 460160, 0, 0, 28, 2, 4, 1, 0, 1, FLUSH, 588416))
                                .sync(progress(SYNC, 444, 588416, 1048576, KIB)
                                        .finish(hms(0, 0, 8))
                                        .speedKiBps(65736)
                                        .averageKiBps(65736)
                                        .wantKiBps(61440)
                                        .build())
                                .build(),
                        unconfigured(1),
                        unconfigured(2),
                        unconfigured(3));
        assertThat(s.problems()).as("a trailing space after oos: is harmless").isEmpty();
    }

    @Test
    @CoversFixture("013-linbit-ug84-drbd8312-connected")
    void fixture013_drbd8312ConnectedSecondaryPrimary() {
        ProcDrbdStatus s = Fixtures.lenient("013");

        assertHeader(
                s,
                "8.3.12",
                88,
                86,
                96,
                "GIT-hash: e2a8ef4656be026bbae540305fcb998a5991090f build by buildsystem@linbit, 2011-10-28 10:20:38");
        assertThat(s.devices())
                .containsExactly(device(0, CONNECTED, SECONDARY, PRIMARY, UP_TO_DATE, UP_TO_DATE, C, "r-----")
                        .counters(counters(0, 33300, 33300, 0, 0, 0, 0, 0, 0, 0, 1, BARRIER, 0))
                        .build());
        assertThat(s.problems()).isEmpty();
    }

    private static final String UG83_TAG =
            "GIT-hash: 9ba8b93e24d842f0dd3fb1f9b90e8348ddb95829 build by buildsystem@linbit, 2008-12-18 16:02:26";

    @Test
    @CoversFixture("017-drbd-ug83-drbd830-three-minors")
    void fixture017_truncatedMinor2HasNoCountersAndIsReported() {
        ProcDrbdStatus s = Fixtures.lenient("017");

        assertHeader(s, "8.3.0", 88, 86, 89, UG83_TAG);
        assertThat(s.devices())
                .containsExactly(
                        device(0, CONNECTED, SECONDARY, SECONDARY, UP_TO_DATE, UP_TO_DATE, C, "r---")
                                .counters(counters(0, 8, 8, 0, 0, 2, 0, 0, 0, 0, 1, BARRIER, 0))
                                .build(),
                        device(1, CONNECTED, SECONDARY, SECONDARY, UP_TO_DATE, UP_TO_DATE, C, "r---")
                                .counters(counters(0, 12, 12, 0, 0, 1, 0, 0, 0, 0, 1, BARRIER, 0))
                                .build(),
                        device(2, CONNECTED, SECONDARY, SECONDARY, UP_TO_DATE, UP_TO_DATE, C, "r---")
                                .build());
        assertThat(s.device(2).orElseThrow().counters()).isEmpty();
        assertThat(s.problems()).hasSize(1);
        assertThat(s.problems().get(0).line())
                .as("at or after minor 2's state line")
                .isBetween(7, 8);
        assertThat(s.problems().get(0).message()).contains("counters");
    }

    @Test
    @CoversFixture("018-drbd-ug83-drbd830-inconsistent-unindented")
    void fixture018_unindentedMinorAndCountersLinesAreRead() {
        ProcDrbdStatus s = Fixtures.lenient("018");

        assertHeader(s, "8.3.0", 88, 86, 89, UG83_TAG);
        assertThat(s.devices())
                .containsExactly(device(1, CONNECTED, SECONDARY, SECONDARY, INCONSISTENT, INCONSISTENT, C, "r---")
                        .counters(idle(BARRIER, 200768))
                        .build());
        assertThat(s.problems()).isEmpty();
    }

    @Test
    @CoversFixture("027-tcarlos-drbd830-two-minors-syncsource-indented")
    void fixture027_syncSourceProtocolAWithMibProgressUnderUniformIndent() {
        ProcDrbdStatus s = Fixtures.lenient("027");

        assertHeader(
                s,
                "8.3.0",
                88,
                86,
                89,
                "GIT-hash: 9ba8b93e24d842f0dd3fb1f9b90e8348ddb95829 build by root@alpha, 2009-02-05 10:36:11");
        assertThat(s.devices())
                .containsExactly(
                        device(0, CONNECTED, PRIMARY, SECONDARY, UP_TO_DATE, UP_TO_DATE, C, "r---")
                                .counters(counters(19532532, 0, 1688, 34046020, 1, 1196, 156, 0, 0, 156, 1, BARRIER, 0))
                                .build(),
                        device(1, SYNC_SOURCE, PRIMARY, SECONDARY, UP_TO_DATE, INCONSISTENT, A, "r---")
                                .counters(counters(
                                        14512132, 0, 0, 14512676, 0, 885, 156, 32, 292, 0, 1, BARRIER, 5018200))
                                .sync(progress(SYNC, 744, 4900L * 1024, 19072L * 1024, MIB)
                                        .finish(hms(0, 7, 6))
                                        .speedKiBps(11776)
                                        .averageKiBps(10992)
                                        .build())
                                .build());
        assertThat(s.problems()).isEmpty();
    }

    @Test
    @CoversFixture("029-noqqe-drbd8311-syncsource-mfinish")
    void fixture029_gluedMfinishOnTheProgressLineIsParsed() {
        ProcDrbdStatus s = Fixtures.lenient("029");

        assertHeader(s, "8.3.11", 88, 86, 96, "srcversion: 71955441799F513ACA6DA60");
        assertThat(s.devices())
                .containsExactly(device(0, SYNC_SOURCE, PRIMARY, SECONDARY, UP_TO_DATE, INCONSISTENT, C, "r-----")
                        .counters(counters(748544, 0, 0, 749208, 0, 45, 0, 0, 0, 0, 1, FLUSH, 194018468))
                        .sync(progress(SYNC, 4, 189468L * 1024, 190200L * 1024, MIB)
                                .finish(hms(5, 14, 6))
                                .speedKiBps(10284)
                                .averageKiBps(10252)
                                .build())
                        .build());
        assertThat(s.device(0).orElseThrow().sync().orElseThrow().finish())
                .contains(java.time.Duration.ofSeconds(18846));
        assertThat(s.problems()).isEmpty();
    }

    @Test
    @CoversFixture("037-pacemaker-blog-drbd837-standalone-outdated-fragment")
    void fixture037_singleStateLineFragmentWithLocalOutdatedDisk() {
        ProcDrbdStatus s = Fixtures.lenient("037");

        assertThat(s.version()).isEmpty();
        assertThat(s.buildTag()).isEmpty();
        assertThat(s.devices())
                .containsExactly(device(0, STAND_ALONE, SECONDARY, UNKNOWN, OUTDATED, DUNKNOWN, null, "r----")
                        .build());
        assertThat(problemLines(s))
                .as("missing version line, missing counters line")
                .hasSize(2);
        assertThat(s.problems().get(0).line()).isEqualTo(1);
        assertThat(s.problems().get(0).column()).as("where the content starts").isEqualTo(5);
        assertThat(s.problems().get(0).message()).contains("version");
        assertThat(s.problems().get(1).line()).isBetween(1, 2);
        assertThat(s.problems().get(1).message()).contains("counters");
    }

    @Test
    @CoversFixture("038-ec2-howto-drbd8311-mfinish-tab-and-pad-preserved")
    void fixture038_gluedMfinishWithTwoDigitHoursAndPaddedSrcversion() {
        ProcDrbdStatus s = Fixtures.lenient("038");

        assertHeader(s, "8.3.11", 88, 86, 96, "srcversion: 71955441799F513ACA6DA60");
        assertThat(s.buildTag().orElseThrow().id()).contains("71955441799F513ACA6DA60");
        assertThat(s.devices())
                .containsExactly(device(0, SYNC_SOURCE, PRIMARY, SECONDARY, UP_TO_DATE, INCONSISTENT, C, "r-----")
                        .counters(counters(20736, 0, 0, 21400, 0, 1, 0, 0, 0, 0, 1, FLUSH, 104832604))
                        .sync(progress(SYNC, 1, 102372L * 1024, 102392L * 1024, MIB)
                                .finish(hms(22, 24, 0))
                                .speedKiBps(1296)
                                .averageKiBps(1296)
                                .build())
                        .build());
        assertThat(s.problems()).isEmpty();
    }
}
