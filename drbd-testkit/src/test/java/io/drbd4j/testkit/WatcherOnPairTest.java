package io.drbd4j.testkit;

import static io.drbd4j.core.model.ConnectionState.CONNECTED;
import static io.drbd4j.core.model.ConnectionState.STAND_ALONE;
import static io.drbd4j.core.model.ConnectionState.SYNC_SOURCE;
import static io.drbd4j.core.model.ConnectionState.WF_CONNECTION;
import static io.drbd4j.core.model.DiskState.DUNKNOWN;
import static io.drbd4j.core.model.DiskState.INCONSISTENT;
import static io.drbd4j.core.model.DiskState.UP_TO_DATE;
import static io.drbd4j.core.model.Role.PRIMARY;
import static io.drbd4j.core.model.Role.SECONDARY;
import static io.drbd4j.core.model.Role.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drbd4j.core.watch.DrbdChange;
import io.drbd4j.core.watch.DrbdChange.ConnectionChanged;
import io.drbd4j.core.watch.DrbdChange.DeviceAppeared;
import io.drbd4j.core.watch.DrbdChange.DiskChanged;
import io.drbd4j.core.watch.DrbdChange.RoleChanged;
import io.drbd4j.core.watch.DrbdChange.SplitBrainDetected;
import io.drbd4j.core.watch.DrbdChange.SyncFinished;
import io.drbd4j.core.watch.DrbdChange.SyncProgressed;
import io.drbd4j.core.watch.DrbdChange.SyncStarted;
import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.exec.watch.DrbdWatchException;
import io.drbd4j.exec.watch.DrbdWatcher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link DrbdWatcher} on the simulated pair's {@code drbdsetup events}: a scripted sequence gives the expected
 * changes in order, in both dialects, and the watcher sees a state within 100 ms of simulated time.
 */
class WatcherOnPairTest {
    private final List<DrbdChange> changes = new ArrayList<>();

    private static DrbdDialect dialect(String name) {
        return name.equals("8.3") ? DrbdDialect.drbd83() : DrbdDialect.drbd84();
    }

    private DrbdWatcher watch(Pairs p, String host, String dialect) {
        return DrbdWatcher.builder()
                .sleeper(p.cluster.sleeper())
                .listener(changes::add)
                .events(p.cluster.runner(host), dialect(dialect))
                .orElseThrow();
    }

    /** Waits in simulated time until no change comes for 5 s (progress comes every 2 s), and returns what came. */
    private List<DrbdChange> settle(DrbdWatcher w) {
        int before = changes.size();
        while (w.awaitChange(Duration.ofSeconds(5))) {
            // keep reading
        }
        return List.copyOf(changes.subList(before, changes.size()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void upSyncPartitionHealAndSplitBrainGiveTheirChangesInOrder(String dialect) {
        Pairs p = Pairs.of(dialect);
        try (DrbdWatcher w = watch(p, "be1", dialect)) {
            assertThat(w.awaitChange(Duration.ofSeconds(1)))
                    .as("no device before up")
                    .isFalse();

            p.ok("be1", "drbdadm", "create-md", "pc0");
            p.ok("be1", "drbdadm", "up", "pc0");
            assertThat(settle(w))
                    .containsExactly(new DeviceAppeared(0, WF_CONNECTION, SECONDARY, UNKNOWN, INCONSISTENT, DUNKNOWN));

            p.ok("be2", "drbdadm", "create-md", "pc0");
            p.ok("be2", "drbdadm", "up", "pc0");
            assertThat(settle(w))
                    .containsExactly(
                            new ConnectionChanged(0, WF_CONNECTION, CONNECTED),
                            new RoleChanged(0, SECONDARY, SECONDARY, UNKNOWN, SECONDARY),
                            new DiskChanged(0, INCONSISTENT, INCONSISTENT, DUNKNOWN, INCONSISTENT));

            // The full sync of 1 GiB at the link's 40 MiB/s: progress every 2 s, as the kernel paces it.
            p.forcePrimary("be1");
            List<DrbdChange> sync = settle(w);
            assertThat(sync.subList(0, 4))
                    .containsExactly(
                            new ConnectionChanged(0, CONNECTED, SYNC_SOURCE),
                            new RoleChanged(0, SECONDARY, PRIMARY, SECONDARY, SECONDARY),
                            new DiskChanged(0, INCONSISTENT, UP_TO_DATE, INCONSISTENT, INCONSISTENT),
                            new SyncStarted(0, SYNC_SOURCE));
            assertThat(sync.subList(sync.size() - 3, sync.size()))
                    .containsExactly(
                            new ConnectionChanged(0, SYNC_SOURCE, CONNECTED),
                            new DiskChanged(0, UP_TO_DATE, UP_TO_DATE, INCONSISTENT, UP_TO_DATE),
                            new SyncFinished(0, CONNECTED));
            List<Integer> perMille = sync.subList(4, sync.size() - 3).stream()
                    .map(c -> ((SyncProgressed) c).perMille())
                    .toList();
            assertThat(perMille).hasSizeGreaterThan(5).isSorted().doesNotHaveDuplicates();
            assertThat(perMille.get(perMille.size() - 1)).isGreaterThan(900);

            p.cluster.link(false);
            assertThat(settle(w))
                    .containsExactly(
                            new ConnectionChanged(0, CONNECTED, WF_CONNECTION),
                            new RoleChanged(0, PRIMARY, PRIMARY, SECONDARY, UNKNOWN),
                            new DiskChanged(0, UP_TO_DATE, UP_TO_DATE, UP_TO_DATE, DUNKNOWN));
            p.cluster.link(true);
            assertThat(settle(w))
                    .containsExactly(
                            new ConnectionChanged(0, WF_CONNECTION, CONNECTED),
                            new RoleChanged(0, PRIMARY, PRIMARY, UNKNOWN, SECONDARY),
                            new DiskChanged(0, UP_TO_DATE, UP_TO_DATE, DUNKNOWN, UP_TO_DATE));

            // Two Primaries that wrote apart meet again: the kernel's split-brain handler, then StandAlone.
            p.ok("be2", "drbdadm", "disconnect", "pc0");
            p.ok("be1", "drbdadm", "disconnect", "pc0");
            p.ok("be2", "drbdadm", "primary", "pc0");
            p.cluster.write("be1", 64);
            p.cluster.write("be2", 64);
            settle(w);
            p.ok("be1", "drbdadm", "connect", "pc0");
            assertThat(settle(w)).containsExactly(new ConnectionChanged(0, STAND_ALONE, WF_CONNECTION));
            p.ok("be2", "drbdadm", "connect", "pc0");
            // As on the test bed: the handler call first, then StandAlone (the kernel also shows Disconnecting).
            assertThat(settle(w))
                    .containsExactly(new SplitBrainDetected(0), new ConnectionChanged(0, WF_CONNECTION, STAND_ALONE));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void aStateIsSeenWithinOneHundredMillisecondsOfSimulatedTime(String dialect) {
        Pairs p = Pairs.of(dialect).upFresh();
        p.forcePrimary("be1");
        try (DrbdWatcher w = watch(p, "be2", dialect)) {
            w.awaitChange(Duration.ZERO);
            changes.clear();
            Instant start = p.cluster.time().instant();
            while (changes.stream().noneMatch(c -> c instanceof SyncFinished)) {
                assertThat(w.awaitChange(Duration.ofMinutes(5))).isTrue();
            }
            Instant seen = p.cluster.time().instant();
            Instant done = doneAt(p, start);

            assertThat(Duration.between(done, seen))
                    .as("seen at %s, UpToDate since %s", seen, done)
                    .isBetween(Duration.ZERO, Duration.ofMillis(100));
        }
    }

    /** When be2 became UpToDate, from the simulator's own log ("Resync done" stamped with its simulated time). */
    private static Instant doneAt(Pairs p, Instant start) {
        String line = p.cluster.eventLog().stream()
                .filter(l -> l.contains("Resync done"))
                .reduce((a, b) -> b)
                .orElseThrow();
        String stamp = line.substring(2, line.indexOf('s'));
        long millis = Math.round(Double.parseDouble(stamp) * 1000);
        SimulatedTime time = p.cluster.time();
        return time.instant().minus(time.elapsed()).plusMillis(millis);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void aCrashedHostEndsItsStream(String dialect) {
        Pairs p = Pairs.of(dialect).upFresh();
        DrbdWatcher w = watch(p, "be2", dialect);
        w.awaitChange(Duration.ZERO);

        p.cluster.faults().crash("be2");

        assertThatThrownBy(() -> w.awaitChange(Duration.ofSeconds(1))).isInstanceOf(DrbdWatchException.class);
    }
}
