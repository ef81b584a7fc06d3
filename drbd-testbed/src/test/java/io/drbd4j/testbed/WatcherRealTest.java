package io.drbd4j.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.Role;
import io.drbd4j.core.watch.DrbdChange;
import io.drbd4j.core.watch.DrbdChange.ConnectionChanged;
import io.drbd4j.core.watch.DrbdChange.DiskChanged;
import io.drbd4j.core.watch.DrbdChange.RoleChanged;
import io.drbd4j.core.watch.DrbdChange.SyncFinished;
import io.drbd4j.core.watch.DrbdChange.SyncProgressed;
import io.drbd4j.core.watch.DrbdChange.SyncStarted;
import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.exec.watch.DrbdWatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link DrbdWatcher} on the real 8.4.11 pair over ssh: DRBD's own event stream on be1 and the remote {@code
 * /proc/drbd} loop on be2, through a promotion with its full sync, a partition and its heal. Both sources must tell
 * the same story in the same order; the stream costs no login of its own, and closing it leaves no {@code drbdsetup}
 * running on the host.
 */
@Tag("real-drbd")
class WatcherRealTest {
    private static final String R = RealDrbdPair.RESOURCE;
    private static final Duration LONG = Duration.ofMinutes(3);
    private static final Set<ConnectionState> LINK_LOST = EnumSet.of(
            ConnectionState.NETWORK_FAILURE,
            ConnectionState.TIMEOUT,
            ConnectionState.BROKEN_PIPE,
            ConnectionState.UNCONNECTED);

    private final List<DrbdChange> be1 = new ArrayList<>();
    private final List<DrbdChange> be2 = new ArrayList<>();

    /** Reads until a change matches, within {@link #LONG}, and returns the changes that came meanwhile. */
    private static List<DrbdChange> until(DrbdWatcher w, List<DrbdChange> seen, Predicate<DrbdChange> last) {
        int from = seen.size();
        long deadline = System.nanoTime() + LONG.toNanos();
        while (seen.subList(from, seen.size()).stream().noneMatch(last)) {
            assertThat(System.nanoTime())
                    .as("waiting for a change; seen %s", seen)
                    .isLessThan(deadline);
            w.awaitChange(Duration.ofSeconds(5));
        }
        return List.copyOf(seen.subList(from, seen.size()));
    }

    private static List<DrbdChange> withoutProgress(List<DrbdChange> changes) {
        return changes.stream().filter(c -> !(c instanceof SyncProgressed)).toList();
    }

    private static boolean connection(DrbdChange c, ConnectionState to) {
        return c instanceof ConnectionChanged cc && cc.to() == to;
    }

    @Test
    void aPromotionWithItsFullSyncAPartitionAndAHealComeInOrderFromBothSources() {
        try (RealDrbdPair pair =
                RealPairs.start(RealDrbdPair.builder().backingSize(48L << 20).replicationRate("40mbit"))) {
            pair.configureDrbd();
            for (String host : pair.hosts()) {
                RealPairs.ok(pair, host, "drbdadm", "create-md", "--force", R);
                RealPairs.ok(pair, host, "drbdadm", "up", R);
            }
            int logins = pair.sshConnections("be1");
            try (DrbdWatcher events = DrbdWatcher.builder()
                            .listener(be1::add)
                            .events(pair.runner("be1"), DrbdDialect.drbd84())
                            .orElseThrow();
                    DrbdWatcher loop = DrbdWatcher.builder()
                            .listener(be2::add)
                            .procDrbd(pair.runner("be2"), Duration.ofMillis(200))
                            .orElseThrow()) {
                // Each stream begins with the state as it is; both are up, so they connect if not yet connected.
                Predicate<DrbdChange> connected = c -> connection(c, ConnectionState.CONNECTED)
                        || (c instanceof DrbdChange.DeviceAppeared a && a.connection() == ConnectionState.CONNECTED);
                until(events, be1, c -> c instanceof DrbdChange.DeviceAppeared);
                if (be1.stream().noneMatch(connected)) {
                    until(events, be1, connected);
                }
                until(loop, be2, c -> c instanceof DrbdChange.DeviceAppeared);
                if (be2.stream().noneMatch(connected)) {
                    until(loop, be2, connected);
                }

                // The promotion: be1 becomes the SyncSource of a full sync.
                long promoted = System.nanoTime();
                RealPairs.ok(pair, "be1", "drbdadm", "primary", "--force", R);
                List<DrbdChange> first = until(events, be1, c -> c instanceof RoleChanged);
                long seenAfter = (System.nanoTime() - promoted) / 1_000_000;
                System.out.println("be1's RoleChanged arrived " + seenAfter + " ms after drbdadm primary was started"
                        + " (its own ssh round trip included)");
                assertThat(first.get(0))
                        .isEqualTo(new RoleChanged(0, Role.SECONDARY, Role.PRIMARY, Role.SECONDARY, Role.SECONDARY));
                List<DrbdChange> sync = new ArrayList<>(first);
                sync.addAll(until(events, be1, c -> c instanceof SyncFinished));
                assertThat(withoutProgress(sync))
                        .as("be1's events")
                        .containsExactly(
                                new RoleChanged(0, Role.SECONDARY, Role.PRIMARY, Role.SECONDARY, Role.SECONDARY),
                                new DiskChanged(
                                        0,
                                        DiskState.INCONSISTENT,
                                        DiskState.UP_TO_DATE,
                                        DiskState.INCONSISTENT,
                                        DiskState.INCONSISTENT),
                                new ConnectionChanged(0, ConnectionState.CONNECTED, ConnectionState.WF_BIT_MAP_S),
                                new ConnectionChanged(0, ConnectionState.WF_BIT_MAP_S, ConnectionState.SYNC_SOURCE),
                                new SyncStarted(0, ConnectionState.SYNC_SOURCE),
                                new ConnectionChanged(0, ConnectionState.SYNC_SOURCE, ConnectionState.CONNECTED),
                                new DiskChanged(
                                        0,
                                        DiskState.UP_TO_DATE,
                                        DiskState.UP_TO_DATE,
                                        DiskState.INCONSISTENT,
                                        DiskState.UP_TO_DATE),
                                new SyncFinished(0, ConnectionState.CONNECTED));
                List<Integer> perMille = sync.stream()
                        .filter(c -> c instanceof SyncProgressed)
                        .map(c -> ((SyncProgressed) c).perMille())
                        .toList();
                assertThat(perMille)
                        .as("the kernel's progress events")
                        .isNotEmpty()
                        .isSorted();

                // be2's /proc/drbd loop sees the same sync from the other side, with sizes and speeds.
                List<DrbdChange> target = until(loop, be2, c -> c instanceof SyncFinished);
                assertThat(target)
                        .contains(
                                new RoleChanged(0, Role.SECONDARY, Role.SECONDARY, Role.SECONDARY, Role.PRIMARY),
                                new SyncStarted(0, ConnectionState.SYNC_TARGET),
                                new SyncFinished(0, ConnectionState.CONNECTED));
                assertThat(target)
                        .filteredOn(c ->
                                c instanceof SyncProgressed p && p.leftKiB().isPresent())
                        .isNotEmpty();

                // The partition, then the heal.
                pair.faults().partition();
                List<DrbdChange> lost = until(events, be1, c -> connection(c, ConnectionState.WF_CONNECTION));
                ConnectionChanged firstLoss = (ConnectionChanged) lost.get(0);
                assertThat(firstLoss.from()).isEqualTo(ConnectionState.CONNECTED);
                assertThat(firstLoss.to()).isIn(LINK_LOST);
                assertThat(lost)
                        .contains(
                                new RoleChanged(0, Role.PRIMARY, Role.PRIMARY, Role.SECONDARY, Role.UNKNOWN),
                                new DiskChanged(
                                        0,
                                        DiskState.UP_TO_DATE,
                                        DiskState.UP_TO_DATE,
                                        DiskState.UP_TO_DATE,
                                        DiskState.DUNKNOWN));
                pair.faults().heal();
                List<DrbdChange> healed =
                        until(events, be1, c -> c instanceof DiskChanged d && d.peerTo() == DiskState.UP_TO_DATE);
                assertThat(healed)
                        .filteredOn(c -> connection(c, ConnectionState.WF_REPORT_PARAMS))
                        .hasSize(1);
                List<DrbdChange> reconnecting = healed.stream()
                        .filter(c -> c instanceof ConnectionChanged)
                        .toList();
                assertThat(((ConnectionChanged) reconnecting.get(reconnecting.size() - 1)).to())
                        .as("after the heal (a resync of what the bitmap marked may come between): %s", healed)
                        .isEqualTo(ConnectionState.CONNECTED);
                assertThat(events.problems()).isZero();
                assertThat(loop.problems()).isZero();
            }
            assertThat(pair.sshConnections("be1"))
                    .as("the stream used the host's shared connection")
                    .isEqualTo(logins);
            // Closed: the host killed drbdsetup when the stream's input ended.
            String left = "";
            for (int i = 0; i < 20; i++) {
                left = RealPairs.run(pair, "be1", "pgrep", "-fa", "drbdsetup-84 events")
                        .stdoutText();
                if (left.isBlank()) {
                    break;
                }
                RealPairs.ok(pair, "be1", "sleep", "0.5");
            }
            assertThat(left).as("drbdsetup events still running on be1").isBlank();
        }
    }
}
