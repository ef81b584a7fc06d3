package io.drbd4j.testkit;

import io.drbd4j.core.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Virtual time: {@link #sleep} returns at once and moves this sleeper's clock forward, so a test of a procedure
 * that waits minutes for a resync runs in milliseconds. Thread-safe; every thread shares the one clock.
 *
 * <pre>{@code
 * SimulatedSleeper time = new SimulatedSleeper(Instant.parse("2026-01-01T00:00:00Z"));
 * workflow.run(time);
 * assertThat(time.elapsed()).isEqualTo(Duration.ofMinutes(3));
 * }</pre>
 */
public final class SimulatedSleeper implements Sleeper {
    private final Instant start;
    private final List<Duration> sleeps = new ArrayList<>();
    private Instant now;

    /** @param start the clock's first instant */
    public SimulatedSleeper(Instant start) {
        this.start = Objects.requireNonNull(start, "start");
        this.now = start;
    }

    /** Starts at 2026-01-01T00:00:00Z. */
    public SimulatedSleeper() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Override
    public Clock clock() {
        return new VirtualClock(ZoneOffset.UTC);
    }

    /**
     * Moves the clock forward by {@code duration} and returns at once.
     *
     * @throws InterruptedException when the calling thread is interrupted (the flag is cleared, as with
     *     {@code Thread.sleep}); the clock does not move then
     */
    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("sleep of " + duration + " (expected: zero or more)");
        }
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before a simulated sleep of " + duration);
        }
        synchronized (this) {
            sleeps.add(duration);
            now = now.plus(duration);
        }
    }

    /**
     * Moves the clock forward without recording a sleep: time that passes while the code under test works.
     *
     * @param duration how far, zero or more
     */
    public synchronized void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("advance of " + duration + " (expected: zero or more)");
        }
        now = now.plus(duration);
    }

    /** @return the current virtual instant */
    public synchronized Instant now() {
        return now;
    }

    /** @return virtual time since the start, sleeps and advances together */
    public synchronized Duration elapsed() {
        return Duration.between(start, now);
    }

    /** @return every sleep so far, in order */
    public synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    /** A clock that reads this sleeper's virtual instant. */
    private final class VirtualClock extends Clock {
        private final ZoneId zone;

        VirtualClock(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new VirtualClock(other);
        }

        @Override
        public Instant instant() {
            return now();
        }
    }
}
