package io.drbd4j.chef.engine;

import io.drbd4j.core.time.Sleeper;
import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.exec.watch.DrbdWatchException;
import io.drbd4j.exec.watch.DrbdWatcher;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a run's waits block on between two reads of the state: DRBD's event stream of each backend ({@code drbdsetup
 * events}, one long-running command per backend for the whole run), so that a wait reads the state again as soon as
 * DRBD reports a change instead of one poll interval later. Where a backend's runner cannot stream, or its stream
 * ended (the host went down), the wait sleeps as before; a wait one poll interval later tries to start it again.
 *
 * <p>Not thread-safe: the run's thread uses it.
 */
final class PairWatch implements AutoCloseable {
    /** How long a wait blocks on one backend's stream before it looks at the other's. */
    static final Duration SLICE = Duration.ofMillis(100);

    private static final Logger LOG = LoggerFactory.getLogger(PairWatch.class);

    private final Pair pair;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Map<Side, DrbdWatcher> watchers = new EnumMap<>(Side.class);
    private final Map<Side, Long> retryAt = new EnumMap<>(Side.class);
    private long wakeUps;

    PairWatch(Pair pair) {
        this.pair = pair;
        this.sleeper = pair.cluster().sleeper();
        this.clock = sleeper.clock();
    }

    /**
     * Returns after {@code max}, or sooner once either backend's DRBD reported a change.
     *
     * @param max how long at most
     * @return true when a change ended the wait early
     * @throws InterruptedException when the thread was interrupted while sleeping
     */
    boolean await(Duration max) throws InterruptedException {
        open();
        if (watchers.isEmpty()) {
            sleeper.sleep(max);
            return false;
        }
        long end = clock.millis() + max.toMillis();
        while (true) {
            Side last = null;
            for (Side side : Side.values()) {
                if (watchers.containsKey(side)) {
                    if (last != null && changed(last, Duration.ZERO)) {
                        return woke();
                    }
                    last = side;
                }
            }
            long left = end - clock.millis();
            if (last == null) {
                if (left > 0) {
                    sleeper.sleep(Duration.ofMillis(left));
                }
                return false;
            }
            if (left <= 0) {
                return changed(last, Duration.ZERO) && woke();
            }
            if (changed(last, Duration.ofMillis(Math.min(left, SLICE.toMillis())))) {
                return woke();
            }
        }
    }

    private boolean woke() {
        wakeUps++;
        return true;
    }

    /**
     * Returns how many waits a reported change ended early.
     *
     * @return how many waits a reported change ended early
     */
    long wakeUps() {
        return wakeUps;
    }

    private boolean changed(Side side, Duration timeout) {
        DrbdWatcher w = watchers.get(side);
        try {
            return w.awaitChange(timeout);
        } catch (DrbdWatchException e) {
            LOG.debug("DRBD's event stream of {} ended, waits poll it: {}", pair.name(side), e.getMessage());
            watchers.remove(side);
            retryAt.put(side, clock.millis() + pair.cluster().pollInterval().toMillis());
            return true; // the stream's end is news too: the host may be gone
        }
    }

    /** Starts the streams that are not running. */
    private void open() {
        for (Side side : Side.values()) {
            Optional<DrbdDialect> dialect = pair.dialectIfKnown(side);
            if (watchers.containsKey(side)
                    || dialect.isEmpty()
                    || !pair.reached().contains(side)
                    || clock.millis() < retryAt.getOrDefault(side, Long.MIN_VALUE)) {
                continue;
            }
            retryAt.put(side, clock.millis() + pair.cluster().pollInterval().toMillis());
            try {
                Optional<DrbdWatcher> w = DrbdWatcher.builder()
                        .sleeper(sleeper)
                        .minor(pair.cluster().minor())
                        .events(pair.backend(side).runner(), dialect.get());
                if (w.isPresent()) {
                    // The stream begins with the state as it is: take it in now, so that it wakes no wait.
                    w.get().awaitChange(Duration.ZERO);
                    watchers.put(side, w.get());
                }
            } catch (RuntimeException e) {
                LOG.debug("cannot watch DRBD's events on {}, waits poll it: {}", pair.name(side), e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        watchers.values().forEach(DrbdWatcher::close);
        watchers.clear();
    }
}
