package io.drbd4j.core.proc;

import static io.drbd4j.core.model.ConnectionState.*;
import static io.drbd4j.core.model.DiskState.*;
import static io.drbd4j.core.model.ReplicationProtocol.C;
import static io.drbd4j.core.model.Role.*;
import static io.drbd4j.core.model.WriteOrdering.FLUSH;
import static io.drbd4j.core.proc.Expect.device;
import static io.drbd4j.core.proc.Expect.idle;
import static io.drbd4j.core.proc.Expect.minors;
import static io.drbd4j.core.proc.KernelText.GIT_TAG_84;
import static io.drbd4j.core.proc.KernelText.VERSION_84;
import static io.drbd4j.core.proc.KernelText.idleCounters;
import static io.drbd4j.core.proc.KernelText.parseStrictly;
import static io.drbd4j.core.proc.KernelText.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.drbd4j.core.model.Congestion;
import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.IoFlags;
import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.model.ReplicationProtocol;
import io.drbd4j.core.model.Role;
import io.drbd4j.core.model.WriteOrdering;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** State lines built from {@code "%2d: cs:%s ro:%s/%s ds:%s/%s %c %c%c%c%c%c%c"} (spec §3, §4), parsed strictly. */
class SyntheticStateFormsTest {
    private static IoFlags flagsOf(ProcDrbdStatus s, int minor) {
        return s.device(minor).orElseThrow().ioFlags().orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = ConnectionState.class,
            names = {"UNCONFIGURED", "SYNC_SOURCE", "SYNC_TARGET", "VERIFY_S", "VERIFY_T"},
            mode = EnumSource.Mode.EXCLUDE)
    void everyConnectionStateWithoutProgressLinesIsReadByItsKernelLabel(ConnectionState cs) {
        ProcDrbdStatus s = parseStrictly(
                VERSION_84,
                GIT_TAG_84,
                state(0, cs.label(), "Primary/Unknown", "UpToDate/DUnknown", 'C', "r-----"),
                idleCounters('f', 4096));

        assertThat(s.devices())
                .containsExactly(device(0, cs, PRIMARY, UNKNOWN, UP_TO_DATE, DUNKNOWN, C, "r-----")
                        .counters(idle(FLUSH, 4096))
                        .build());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DiskState.class)
    void everyDiskStateIsReadOnBothSides(DiskState disk) {
        ProcDrbdStatus s = parseStrictly(
                VERSION_84,
                GIT_TAG_84,
                state(0, "WFConnection", "Secondary/Unknown", disk.label() + "/" + disk.label(), 'C', "r-----"),
                idleCounters('f', 0));

        DeviceStatus d = s.device(0).orElseThrow();
        assertThat(List.of(d.diskState().orElseThrow(), d.peerDiskState().orElseThrow()))
                .containsExactly(disk, disk);
    }

    @ParameterizedTest(name = "protocol {0}")
    @EnumSource(ReplicationProtocol.class)
    void everyProtocolLetterIsRead(ReplicationProtocol protocol) {
        ProcDrbdStatus s = parseStrictly(
                VERSION_84,
                GIT_TAG_84,
                state(
                        0,
                        "Connected",
                        "Primary/Secondary",
                        "UpToDate/UpToDate",
                        protocol.label().charAt(0),
                        "r-----"),
                idleCounters('f', 0));

        assertThat(s.device(0).orElseThrow().protocol()).contains(protocol);
    }

    @Test
    void pausedSyncSourcePausedByTheUserHasNoProgressLines() {
        ProcDrbdStatus s = parseStrictly(
                VERSION_84,
                GIT_TAG_84,
                state(0, "PausedSyncS", "Primary/Secondary", "UpToDate/Inconsistent", 'C', "r--u--"),
                idleCounters('f', 1670512));

        assertThat(s.devices())
                .containsExactly(device(0, PAUSED_SYNC_S, PRIMARY, SECONDARY, UP_TO_DATE, INCONSISTENT, C, "r--u--")
                        .counters(idle(FLUSH, 1670512))
                        .build());
        IoFlags flags = flagsOf(s, 0);
        assertThat(List.of(flags.pausedByUser(), flags.pausedByPeer(), flags.pausedByDependency(), flags.ioSuspended()))
                .containsExactly(true, false, false, false);
        assertThat(s.device(0).orElseThrow().sync()).isEmpty();
    }

    @Test
    void pausedSyncTargetPausedByThePeerOrByADependency() {
        ProcDrbdStatus s = parseStrictly(
                VERSION_84,
                GIT_TAG_84,
                state(0, "PausedSyncT", "Secondary/Primary", "Inconsistent/UpToDate", 'C', "r-p---"),
                idleCounters('f', 1670512),
                state(1, "PausedSyncT", "Secondary/Primary", "Inconsistent/UpToDate", 'C', "ra----"),
                idleCounters('f', 524288));

        assertThat(s.devices()).extracting(DeviceStatus::connectionState).containsOnly(PAUSED_SYNC_T);
        assertThat(flagsOf(s, 0).pausedByPeer()).isTrue();
        assertThat(flagsOf(s, 0).pausedByDependency()).isFalse();
        assertThat(flagsOf(s, 1).pausedByDependency()).isTrue();
        assertThat(flagsOf(s, 1).pausedByPeer()).isFalse();
        assertThat(s.devices()).allSatisfy(d -> assertThat(d.sync()).isEmpty());
    }

    @Test
    void aheadAndBehindWithAnOutdatedBehindDisk() {
        ProcDrbdStatus s = parseStrictly(
                VERSION_84,
                GIT_TAG_84,
                state(0, "Ahead", "Primary/Secondary", "UpToDate/Outdated", 'A', "r-----"),
                idleCounters('f', 81920),
                state(1, "Behind", "Secondary/Primary", "Outdated/UpToDate", 'A', "r-----"),
                idleCounters('f', 81920));

        assertThat(s.devices())
                .containsExactly(
                        device(0, AHEAD, PRIMARY, SECONDARY, UP_TO_DATE, OUTDATED, ReplicationProtocol.A, "r-----")
                                .counters(idle(FLUSH, 81920))
                                .build(),
                        device(1, BEHIND, SECONDARY, PRIMARY, OUTDATED, UP_TO_DATE, ReplicationProtocol.A, "r-----")
                                .counters(idle(FLUSH, 81920))
                                .build());
    }

    @Test
    void disconnectedPeerShownAsOutdated() {
        ProcDrbdStatus s = parseStrictly(
                VERSION_84,
                GIT_TAG_84,
                state(0, "WFConnection", "Primary/Unknown", "UpToDate/Outdated", 'C', "r-----"),
                idleCounters('f', 0));

        assertThat(s.device(0).orElseThrow().peerDiskState()).contains(OUTDATED);
        assertThat(s.device(0).orElseThrow().peerRole()).contains(UNKNOWN);
    }

    @Test
    void suspendedIoAndSuspendedActivityLog() {
        ProcDrbdStatus s = parseStrictly(
                VERSION_84,
                GIT_TAG_84,
                state(0, "Connected", "Primary/Secondary", "UpToDate/UpToDate", 'C', "s-----"),
                idleCounters('f', 0),
                state(1, "Connected", "Secondary/Secondary", "Inconsistent/Inconsistent", 'C', "r----s"),
                idleCounters('f', 1048576));

        assertThat(flagsOf(s, 0).ioSuspended()).isTrue();
        assertThat(flagsOf(s, 0).activityLogSuspended()).isFalse();
        assertThat(flagsOf(s, 1).ioSuspended()).isFalse();
        assertThat(flagsOf(s, 1).activityLogSuspended()).isTrue();
        assertThat(flagsOf(s, 1)).isEqualTo(Expect.flags("r----s"));
    }

    @ParameterizedTest(name = "r---{0}-")
    @CsvSource({
        "d, DRBD_FROZEN",
        "c, CALLBACK_PENDING",
        "b, BACKING_DEVICE",
        "n, NETWORK",
        "a, BACKING_DEVICE_AND_NETWORK",
        "-, NONE"
    })
    void congestionLetterInPositionFive(char letter, Congestion expected) {
        String flags = "r---" + letter + "-";
        ProcDrbdStatus s = parseStrictly(
                VERSION_84,
                GIT_TAG_84,
                state(0, "Connected", "Primary/Secondary", "UpToDate/UpToDate", 'C', flags),
                idleCounters('f', 0));

        assertThat(flagsOf(s, 0).congestion()).contains(expected);
        assertThat(flagsOf(s, 0).raw()).isEqualTo(flags);
    }

    @Test
    void wideMinorsUpToTheLargestWithGapBlankLines() {
        ProcDrbdStatus s = parseStrictly(
                VERSION_84,
                GIT_TAG_84,
                "",
                state(9, "Connected", "Primary/Secondary", "UpToDate/UpToDate", 'C', "r-----"),
                idleCounters('f', 0),
                KernelText.unconfigured(10),
                state(11, "StandAlone", "Secondary/Unknown", "UpToDate/DUnknown", ' ', "r-----"),
                idleCounters('f', 0),
                "",
                state(1048575, "WFConnection", "Primary/Unknown", "UpToDate/DUnknown", 'C', "r-----"),
                idleCounters('f', 0));

        assertThat(minors(s)).containsExactly(9, 10, 11, 1048575);
        assertThat(s.device(10).orElseThrow()).isEqualTo(Expect.unconfigured(10));
        assertThat(s.device(11).orElseThrow().protocol()).isEmpty();
        assertThat(s.device(1048575).orElseThrow())
                .isEqualTo(device(1048575, WF_CONNECTION, PRIMARY, UNKNOWN, UP_TO_DATE, DUNKNOWN, C, "r-----")
                        .counters(idle(FLUSH, 0))
                        .build());
    }

    @Test
    void primaryDisklessStandAloneIsAStateLineNotUnconfigured() {
        ProcDrbdStatus s = parseStrictly(
                VERSION_84,
                GIT_TAG_84,
                state(0, "StandAlone", "Primary/Unknown", "Diskless/DUnknown", ' ', "r-----"),
                idleCounters('f', 0));

        assertThat(s.devices())
                .containsExactly(device(0, STAND_ALONE, PRIMARY, UNKNOWN, DISKLESS, DUNKNOWN, null, "r-----")
                        .counters(idle(FLUSH, 0))
                        .build());
    }

    @Test
    void everyRoleIsReadOnBothSides() {
        List<String> roles = List.of(Role.values()).stream().map(Role::label).collect(Collectors.toList());
        ProcDrbdStatus s = parseStrictly(
                VERSION_84,
                GIT_TAG_84,
                state(0, "Connected", roles.get(0) + "/" + roles.get(1), "UpToDate/UpToDate", 'C', "r-----"),
                idleCounters('f', 0),
                state(1, "WFConnection", roles.get(1) + "/" + roles.get(2), "UpToDate/DUnknown", 'C', "r-----"),
                idleCounters('f', 0));

        assertThat(s.devices())
                .extracting(d -> d.role().orElseThrow(), d -> d.peerRole().orElseThrow())
                .containsExactly(tuple(PRIMARY, SECONDARY), tuple(SECONDARY, UNKNOWN));
    }

    @Test
    void gaugesMayBeNegative() {
        ProcDrbdStatus s = parseStrictly(
                VERSION_84,
                GIT_TAG_84,
                state(0, "Connected", "Primary/Secondary", "UpToDate/UpToDate", 'C', "r-----"),
                "    ns:2147483647 nr:2147483647 dw:0 dr:0 al:4294967295 bm:0 lo:-1 pe:-2 ua:-3 ap:-4 ep:-5 wo:n"
                        + " oos:17592186044416");

        var c = s.device(0).orElseThrow().counters().orElseThrow();
        assertThat(List.of(c.ns(), c.nr(), c.al(), c.lo(), c.pe(), c.ua(), c.ap(), c.ep().orElseThrow()))
                .containsExactly(2147483647L, 2147483647L, 4294967295L, -1L, -2L, -3L, -4L, -5L);
        assertThat(c.oos()).hasValue(17592186044416L);
        assertThat(c.wo()).contains(WriteOrdering.NONE);
    }
}
