package io.drbd4j.core.watch;

import static io.drbd4j.core.model.ConnectionState.CONNECTED;
import static io.drbd4j.core.model.ConnectionState.DISCONNECTING;
import static io.drbd4j.core.model.ConnectionState.NETWORK_FAILURE;
import static io.drbd4j.core.model.ConnectionState.STAND_ALONE;
import static io.drbd4j.core.model.ConnectionState.SYNC_SOURCE;
import static io.drbd4j.core.model.ConnectionState.SYNC_TARGET;
import static io.drbd4j.core.model.ConnectionState.UNCONFIGURED;
import static io.drbd4j.core.model.ConnectionState.UNCONNECTED;
import static io.drbd4j.core.model.ConnectionState.WF_BIT_MAP_S;
import static io.drbd4j.core.model.ConnectionState.WF_CONNECTION;
import static io.drbd4j.core.model.ConnectionState.WF_REPORT_PARAMS;
import static io.drbd4j.core.model.DiskState.ATTACHING;
import static io.drbd4j.core.model.DiskState.CONSISTENT;
import static io.drbd4j.core.model.DiskState.DISKLESS;
import static io.drbd4j.core.model.DiskState.DUNKNOWN;
import static io.drbd4j.core.model.DiskState.FAILED;
import static io.drbd4j.core.model.DiskState.INCONSISTENT;
import static io.drbd4j.core.model.DiskState.UP_TO_DATE;
import static io.drbd4j.core.model.Role.PRIMARY;
import static io.drbd4j.core.model.Role.SECONDARY;
import static io.drbd4j.core.model.Role.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.core.watch.DrbdChange.ConnectionChanged;
import io.drbd4j.core.watch.DrbdChange.DeviceAppeared;
import io.drbd4j.core.watch.DrbdChange.DeviceGone;
import io.drbd4j.core.watch.DrbdChange.DiskChanged;
import io.drbd4j.core.watch.DrbdChange.IoSuspensionChanged;
import io.drbd4j.core.watch.DrbdChange.RoleChanged;
import io.drbd4j.core.watch.DrbdChange.SplitBrainDetected;
import io.drbd4j.core.watch.DrbdChange.SyncFinished;
import io.drbd4j.core.watch.DrbdChange.SyncProgressed;
import io.drbd4j.core.watch.DrbdChange.SyncStarted;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DrbdChangeTrackerTest {
    private final List<DrbdChange> changes = new ArrayList<>();
    private final DrbdChangeTracker tracker = new DrbdChangeTracker(changes::add);

    private static List<String> realStream() throws IOException {
        try (InputStream in = DrbdChangeTrackerTest.class.getResourceAsStream("/events/drbdsetup-events-8.4.11.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .lines()
                    .toList();
        }
    }

    private int event(String line) {
        byte[] b = line.getBytes(StandardCharsets.US_ASCII);
        return tracker.event(b, 0, b.length);
    }

    private int read(String procDrbd) {
        byte[] b = procDrbd.getBytes(StandardCharsets.US_ASCII);
        return tracker.update(b, 0, b.length);
    }

    private static SyncProgressed progress(int perMille) {
        return new SyncProgressed(0, perMille, OptionalLong.empty(), OptionalLong.empty());
    }

    @Test
    void theTestBedsEventStreamFromUpThroughAFullSyncAPartitionAndASplitBrainToDown() throws IOException {
        for (String line : realStream()) {
            event(line);
        }

        assertThat(tracker.problems()).isZero();
        assertThat(changes.subList(0, 30))
                .containsExactly(
                        // drbdadm up on be1, then be2
                        new DeviceAppeared(0, STAND_ALONE, SECONDARY, UNKNOWN, ATTACHING, DUNKNOWN),
                        new DiskChanged(0, ATTACHING, INCONSISTENT, DUNKNOWN, DUNKNOWN),
                        new ConnectionChanged(0, STAND_ALONE, UNCONNECTED),
                        new ConnectionChanged(0, UNCONNECTED, WF_CONNECTION),
                        new ConnectionChanged(0, WF_CONNECTION, WF_REPORT_PARAMS),
                        new ConnectionChanged(0, WF_REPORT_PARAMS, CONNECTED),
                        new RoleChanged(0, SECONDARY, SECONDARY, UNKNOWN, SECONDARY),
                        new DiskChanged(0, INCONSISTENT, INCONSISTENT, DUNKNOWN, INCONSISTENT),
                        // primary --force: the full sync, the kernel's progress events, its end
                        new RoleChanged(0, SECONDARY, PRIMARY, SECONDARY, SECONDARY),
                        new DiskChanged(0, INCONSISTENT, UP_TO_DATE, INCONSISTENT, INCONSISTENT),
                        new ConnectionChanged(0, CONNECTED, WF_BIT_MAP_S),
                        new ConnectionChanged(0, WF_BIT_MAP_S, SYNC_SOURCE),
                        new SyncStarted(0, SYNC_SOURCE),
                        progress(313),
                        progress(563),
                        progress(813),
                        progress(1000),
                        new ConnectionChanged(0, SYNC_SOURCE, CONNECTED),
                        new DiskChanged(0, UP_TO_DATE, UP_TO_DATE, INCONSISTENT, UP_TO_DATE),
                        new SyncFinished(0, CONNECTED),
                        // the partition: the peer is lost; the ST of seq 20 already says WFConnection
                        new ConnectionChanged(0, CONNECTED, NETWORK_FAILURE),
                        new RoleChanged(0, PRIMARY, PRIMARY, SECONDARY, UNKNOWN),
                        new DiskChanged(0, UP_TO_DATE, UP_TO_DATE, UP_TO_DATE, DUNKNOWN),
                        new ConnectionChanged(0, NETWORK_FAILURE, WF_CONNECTION),
                        // the heal: seq 21 repeats WFConnection and changes nothing; then a resync of the new writes
                        new ConnectionChanged(0, WF_CONNECTION, WF_REPORT_PARAMS),
                        new ConnectionChanged(0, WF_REPORT_PARAMS, WF_BIT_MAP_S),
                        new RoleChanged(0, PRIMARY, PRIMARY, UNKNOWN, SECONDARY),
                        new DiskChanged(0, UP_TO_DATE, UP_TO_DATE, DUNKNOWN, CONSISTENT),
                        new ConnectionChanged(0, WF_BIT_MAP_S, SYNC_SOURCE),
                        new DiskChanged(0, UP_TO_DATE, UP_TO_DATE, CONSISTENT, INCONSISTENT));
        // The split brain: the kernel's initial-split-brain handler call, then StandAlone; suspend-io and resume-io;
        // down: Secondary, Failed, Diskless.
        assertThat(changes.subList(changes.size() - 9, changes.size()))
                .containsExactly(
                        new ConnectionChanged(0, WF_CONNECTION, WF_REPORT_PARAMS),
                        new SplitBrainDetected(0),
                        new ConnectionChanged(0, WF_REPORT_PARAMS, DISCONNECTING),
                        new ConnectionChanged(0, DISCONNECTING, STAND_ALONE),
                        new IoSuspensionChanged(0, true),
                        new IoSuspensionChanged(0, false),
                        new RoleChanged(0, PRIMARY, SECONDARY, UNKNOWN, UNKNOWN),
                        new DiskChanged(0, UP_TO_DATE, FAILED, DUNKNOWN, DUNKNOWN),
                        // nothing says the device was deleted: its last state stays
                        new DiskChanged(0, FAILED, DISKLESS, DUNKNOWN, DUNKNOWN));
        assertThat(changes).filteredOn(c -> c instanceof SyncStarted).hasSize(2);
        assertThat(changes).filteredOn(c -> c instanceof SyncFinished).hasSize(2);
        assertThat(tracker.connectionState(0)).isEqualTo(STAND_ALONE);
    }

    @Test
    void aLineThatChangesNothingTellsNothing() {
        assertThat(event("1796588024 ST 0,pc0[0] { cs:Connected ro:Secondary/Secondary ds:Inconsistent/Inconsistent"
                        + " r--- }"))
                .as("the first dump of a stream carries a ten-digit sequence number")
                .isEqualTo(1);
        assertThat(event("2 ST 0,pc0[0] { cs:Connected ro:Secondary/Secondary ds:Inconsistent/Inconsistent r--- }"))
                .isZero();
        assertThat(event("3 R - pc0")).isZero();
        assertThat(event("4 UH 0,pc0[0] before-resync-source")).isZero();
        assertThat(event("5 UH-post 0,pc0[0] before-resync-source 0x0000")).isZero();
        assertThat(event("6 SP 0,pc0[0] 12.5"))
                .as("progress of a device not syncing is still progress")
                .isOne();
        assertThat(event("7 SP 0,pc0[0] 12.5")).isZero();
        assertThat(tracker.problems()).isZero();
    }

    @Test
    void eightThreeLinesNameOnlyTheMinorAndDeleteDevices() {
        event("1 ST 1 { cs:WFConnection ro:Secondary/Unknown ds:UpToDate/DUnknown r--- }");
        event("2 ST 1 { cs:Connected ro:Secondary/Secondary ds:UpToDate/UpToDate r--u }");
        event("3 DE 1");

        assertThat(changes)
                .containsExactly(
                        new DeviceAppeared(1, WF_CONNECTION, SECONDARY, UNKNOWN, UP_TO_DATE, DUNKNOWN),
                        new ConnectionChanged(1, WF_CONNECTION, CONNECTED),
                        new RoleChanged(1, SECONDARY, SECONDARY, UNKNOWN, SECONDARY),
                        new DiskChanged(1, UP_TO_DATE, UP_TO_DATE, DUNKNOWN, UP_TO_DATE),
                        new DeviceGone(1));
        assertThat(tracker.knows(1)).isFalse();
    }

    @Test
    void linesNotUnderstoodAreCountedAndChangeNothing() {
        List<String> bad = List.of(
                "",
                "ST 0,pc0[0] { cs:Connected ro:Secondary/Secondary ds:UpToDate/UpToDate r--- }",
                "1 ST 0,pc0[0] { cs:Linked ro:Secondary/Secondary ds:UpToDate/UpToDate r--- }",
                "1 ST 0,pc0[0] { cs:Connected ro:Secondary/Secondary ds:UpToDate/UpToDate x--- }",
                "1 ST 0,pc0[0] { cs:Connected ro:Secondary ds:UpToDate/UpToDate r--- }",
                "1 ST 0,pc0[0] { cs:Connected ro:Secondary/Secondary ds:UpToDate/UpToDate r--- ",
                "1 SP 0,pc0[0] 101.0",
                "1 SP 0,pc0[0] 12",
                "1 DE x",
                "1 ST 12345678901 { cs:Connected ro:Secondary/Secondary ds:UpToDate/UpToDate r--- }");
        for (String line : bad) {
            assertThat(event(line)).as(line).isZero();
        }

        assertThat(tracker.problems()).isEqualTo(bad.size());
        assertThat(changes).isEmpty();
    }

    @Test
    void procDrbdReadingsOfTheTestBedFromSyncToSplitBrainAndDown() {
        String header = "version: 8.4.11 (api:1/proto:86-101)\nsrcversion: F73C670A7EC572DB9CF3E5B \n";
        String syncing = header
                + " 0: cs:SyncSource ro:Primary/Secondary ds:UpToDate/Inconsistent C r-----\n"
                + "    ns:22728 nr:0 dw:0 dr:24380 al:8 bm:0 lo:0 pe:2 ua:10 ap:0 ep:1 wo:f oos:43480\n"
                + "\t[======>.............] sync'ed: 37.5% (43480/65496)K\n"
                + "\tfinish: 0:00:05 speed: 7,336 (7,336) K/sec\n";
        String synced = header
                + " 0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----\n"
                + "    ns:65496 nr:0 dw:0 dr:67148 al:8 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0\n";
        String splitBrain = header
                + " 0: cs:StandAlone ro:Primary/Unknown ds:UpToDate/DUnknown   r-----\n"
                + "    ns:0 nr:0 dw:40 dr:65496 al:9 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:40\n";

        assertThat(read(syncing)).isEqualTo(3);
        assertThat(read(syncing)).as("the same reading again").isZero();
        assertThat(read(synced)).isEqualTo(3);
        assertThat(read(splitBrain)).isEqualTo(4);
        assertThat(read(splitBrain)).isZero();
        assertThat(read(header)).as("down: the device is gone").isOne();

        assertThat(changes)
                .containsExactly(
                        new DeviceAppeared(0, SYNC_SOURCE, PRIMARY, SECONDARY, UP_TO_DATE, INCONSISTENT),
                        new SyncStarted(0, SYNC_SOURCE),
                        new SyncProgressed(0, 375, OptionalLong.of(43480), OptionalLong.of(7336)),
                        new ConnectionChanged(0, SYNC_SOURCE, CONNECTED),
                        new DiskChanged(0, UP_TO_DATE, UP_TO_DATE, INCONSISTENT, UP_TO_DATE),
                        new SyncFinished(0, CONNECTED),
                        new ConnectionChanged(0, CONNECTED, STAND_ALONE),
                        new RoleChanged(0, PRIMARY, PRIMARY, SECONDARY, UNKNOWN),
                        new DiskChanged(0, UP_TO_DATE, UP_TO_DATE, UP_TO_DATE, DUNKNOWN),
                        new SplitBrainDetected(0),
                        new DeviceGone(0));
    }

    @Test
    void devicesThatComeAndGoAmongOthersAndProgressOnlyWhenTheShareChanges() {
        String two = " 0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----\n"
                + " 1: cs:SyncTarget ro:Secondary/Primary ds:Inconsistent/UpToDate C r-----\n"
                + "\t[======>.............] sync'ed: 36.3% (1670512/2613068)K\n"
                + "\tfinish: 0:00:47 speed: 35,152 (18,124) want: 44,520 K/sec\n";
        String slower = two.replace("35,152", "30,000").replace("1670512", "1670000");
        String three = two.replace("36.3%", "36.4%") + " 5: cs:Unconfigured\n";
        String oneGone = three.replace(" 0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----\n", "");

        read(two);
        changes.clear();
        assertThat(read(slower))
                .as("only the speed and what is left changed, not the share")
                .isZero();
        assertThat(read(three)).isEqualTo(2);
        assertThat(read(oneGone)).isOne();

        assertThat(changes)
                .containsExactly(
                        new SyncProgressed(1, 364, OptionalLong.of(1670512), OptionalLong.of(35152)),
                        new DeviceAppeared(5, UNCONFIGURED, null, null, null, null),
                        new DeviceGone(0));
        assertThat(tracker.knows(1)).isTrue();
        assertThat(tracker.connectionState(1)).isEqualTo(SYNC_TARGET);
    }

    @Test
    void linesTheLenientReaderCannotReadAreProblemsAndTheirDeviceIsLeftOut() {
        read(" 0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----\n");
        changes.clear();

        assertThat(read(" 0: cs:Linked ro:Primary/Secondary ds:UpToDate/UpToDate C r-----\n"))
                .isOne();
        assertThat(tracker.problems()).isPositive();
        assertThat(changes).containsExactly(new DeviceGone(0));
    }
}
