package io.drbd4j.core.proc;

import static io.drbd4j.core.model.ConnectionState.*;
import static io.drbd4j.core.model.DiskState.*;
import static io.drbd4j.core.model.ReplicationProtocol.C;
import static io.drbd4j.core.model.Role.*;
import static io.drbd4j.core.model.SyncProgress.Kind.SYNC;
import static io.drbd4j.core.model.SyncProgress.Kind.VERIFY;
import static io.drbd4j.core.model.SyncProgress.Unit.KIB;
import static io.drbd4j.core.model.WriteOrdering.BARRIER;
import static io.drbd4j.core.model.WriteOrdering.FLUSH;
import static io.drbd4j.core.proc.Expect.counters;
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

import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.ProcDrbdStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines printed under the module parameter proc_details (spec §8), parsed strictly. */
class SyntheticDetailFormsTest {
    @Test
    void procDetails2On845AddsThreeSecondSpeedSectorPosLruStatsAndBlockedLines() {
        ProcDrbdStatus s = parseStrictly(SyntheticHeaderFormsTest.RICH_84.toArray(String[]::new));

        assertThat(s.devices())
                .containsExactly(
                        device(1, SYNC_TARGET, SECONDARY, PRIMARY, INCONSISTENT, UP_TO_DATE, C, "r-----")
                                .counters(counters(0, 1263008, 1257888, 0, 0, 0, 6, 8, 5, 0, 1, FLUSH, 1670512))
                                .sync(progress(SYNC, 363, 1670512, 2613068, KIB)
                                        .finish(hms(0, 0, 47))
                                        .speedKiBps(35152)
                                        .recentKiBps(36864)
                                        .averageKiBps(18124)
                                        .wantKiBps(44520)
                                        .build())
                                .addDetails(
                                        "36% sector pos: 1885112/5226136",
                                        "resync: used:1/61 hits:12345 misses:12 starving:0 locked:0 changed:12",
                                        "act_log: used:0/1237 hits:0 misses:0 starving:0 locked:0 changed:0",
                                        "blocked on activity log: 0")
                                .build(),
                        DeviceStatus.builder()
                                .from(Expect.unconfigured(2))
                                .addDetail("blocked on activity log: 0")
                                .build(),
                        device(5, STAND_ALONE, SECONDARY, UNKNOWN, UP_TO_DATE, DUNKNOWN, null, "r-----")
                                .counters(idle(FLUSH, 76))
                                .build());
    }

    @Test
    void sectorPosWithStopSectorUnderAVerify() {
        ProcDrbdStatus s = parseStrictly(
                VERSION_84,
                GIT_TAG_84,
                state(0, "VerifyS", "Primary/Secondary", "UpToDate/UpToDate", 'C', "r-----"),
                idleCounters('f', 0),
                KernelText.progress(true, 420, 608256, 1048576, 'K'),
                "\tfinish: 0:00:15 speed: 29,696 (30,720 -- 29,184) want: 30,720 K/sec",
                "\t 42% sector pos: 123/456 stop sector: 789",
                "\tresync: used:0/61 hits:0 misses:0 starving:0 locked:0 changed:0",
                "\tact_log: used:0/1237 hits:3 misses:1 starving:0 locked:0 changed:1");

        DeviceStatus d = s.device(0).orElseThrow();
        assertThat(d.sync())
                .contains(progress(VERIFY, 420, 608256, 1048576, KIB)
                        .finish(hms(0, 0, 15))
                        .speedKiBps(29696)
                        .recentKiBps(30720)
                        .averageKiBps(29184)
                        .wantKiBps(30720)
                        .build());
        assertThat(d.details())
                .containsExactly(
                        "42% sector pos: 123/456 stop sector: 789",
                        "resync: used:0/61 hits:0 misses:0 starving:0 locked:0 changed:0",
                        "act_log: used:0/1237 hits:3 misses:1 starving:0 locked:0 changed:1");
    }

    @Test
    void sectorPosWithoutStopSector() {
        ProcDrbdStatus s = parseStrictly(
                VERSION_84,
                GIT_TAG_84,
                state(0, "SyncSource", "Primary/Secondary", "UpToDate/Inconsistent", 'C', "r-----"),
                idleCounters('f', 608256),
                KernelText.progress(false, 420, 608256, 1048576, 'K'),
                "\tfinish: 0:00:15 speed: 29,696 (30,720 -- 29,184) K/sec",
                "\t 42% sector pos: 123/456");

        assertThat(s.device(0).orElseThrow().details()).containsExactly("42% sector pos: 123/456");
        assertThat(s.device(0).orElseThrow().sync().orElseThrow().recentKiBps()).hasValue(30720);
    }

    @Test
    void lruStatisticsOfAConnectedDeviceWithoutProgress() {
        ProcDrbdStatus s = parseStrictly(
                VERSION_84,
                GIT_TAG_84,
                state(0, "Connected", "Primary/Secondary", "UpToDate/UpToDate", 'C', "r-----"),
                idleCounters('f', 0),
                "\tresync: used:0/61 hits:0 misses:0 starving:0 locked:0 changed:0",
                "\tact_log: used:0/1237 hits:15 misses:3 starving:0 locked:0 changed:3",
                state(1, "Connected", "Secondary/Primary", "Diskless/UpToDate", 'C', "r-----"),
                idleCounters('f', 0));

        assertThat(s.device(0).orElseThrow().details())
                .containsExactly(
                        "resync: used:0/61 hits:0 misses:0 starving:0 locked:0 changed:0",
                        "act_log: used:0/1237 hits:15 misses:3 starving:0 locked:0 changed:3");
        assertThat(s.device(1).orElseThrow().details())
                .as("no disk, no LRU lines")
                .isEmpty();
    }

    @Test
    void drbd83LruDumpIsKeptAsDetailsAndItsNumberedLinesAreNotMinors() {
        List<String> lines = new ArrayList<>(List.of(
                "version: 8.3.12 (api:88/proto:86-96)",
                "GIT-hash: e2a8ef4656be026bbae540305fcb998a5991090f build by buildsystem@linbit, 2011-10-28 10:20:38",
                state(0, "Connected", "Primary/Secondary", "UpToDate/UpToDate", 'C', "r-----"),
                idleCounters('b', 0),
                "\tresync: used:1/61 hits:20 misses:4 starving:0 dirty:0 changed:4",
                "\tact_log: used:0/257 hits:160 misses:3 starving:0 dirty:0 changed:3",
                "\tnn: lc_number refcnt rs_left"));
        List<String> expectedDetails = new ArrayList<>(List.of(
                "resync: used:1/61 hits:20 misses:4 starving:0 dirty:0 changed:4",
                "act_log: used:0/257 hits:160 misses:3 starving:0 dirty:0 changed:3",
                "nn: lc_number refcnt rs_left"));
        for (int i = 0; i < 61; i++) {
            String element = i == 5
                    ? String.format("%2d: %4d %4d    %5d %s %s", i, 17, 0, 12, "---------", "------")
                    : String.format("%2d: FREE", i);
            // the dump header ends with "\n ", so the first element line starts with a space before its TAB
            lines.add((i == 0 ? " \t" : "\t") + element);
            expectedDetails.add(element.stripLeading());
        }

        ProcDrbdStatus s = parseStrictly(lines.toArray(String[]::new));

        assertThat(s.devices())
                .containsExactly(device(0, CONNECTED, PRIMARY, SECONDARY, UP_TO_DATE, UP_TO_DATE, C, "r-----")
                        .counters(idle(BARRIER, 0))
                        .addAllDetails(expectedDetails)
                        .build());
        assertThat(s.device(0).orElseThrow().details()).contains("0: FREE", "5:   17    0       12 --------- ------");
    }
}
