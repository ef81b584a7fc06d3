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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Virtual time, both the {@link Clock} and the {@link Sleeper} seam: {@link #sleep} returns at once and moves the
 * clock forward, so a test of a procedure that waits minutes for a resync runs in milliseconds. Whatever must
 * happen as time passes (a simulated resync) subscribes with {@link #onAdvance} and is told of every step.
 * Thread-safe; every thread shares the one clock.
 *
 * <pre>{@code
 * SimulatedTime time = new SimulatedTime(Instant.parse("2026-01-01T00:00:00Z"));
 * time.sleep(Duration.ofMinutes(3)); // returns at once: the clock moves instead
 * assertThat(time.elapsed()).isEqualTo(Duration.ofMinutes(3));
 * assertThat(time.sleeps()).containsExactly(Duration.ofMinutes(3));
 * }</pre>
 */
public final class SimulatedTime extends Clock implements Sleeper {
    private final Instant start;
    private final ZoneId zone;
    private final Shared shared;

    /** The state every zone view shares. */
    private static final class Shared {
        private final List<Duration> sleeps = new ArrayList<>();
        private final List<Consumer<Duration>> listeners = new CopyOnWriteArrayList<>();
        private Instant now;

        Shared(Instant now) {
            this.now = now;
        }
    }

    /**
     * Creates a clock that stands at {@code start} until advanced.
     *
     * @param start the clock's first instant
     */
    public SimulatedTime(Instant start) {
        this(Objects.requireNonNull(start, "start"), ZoneOffset.UTC, new Shared(start));
    }

    /** Starts at 2026-01-01T00:00:00Z. */
    public SimulatedTime() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    private SimulatedTime(Instant start, ZoneId zone, Shared shared) {
        this.start = start;
        this.zone = zone;
        this.shared = shared;
    }

    @Override
    public Clock clock() {
        return this;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new SimulatedTime(start, other, shared);
    }

    @Override
    public Instant instant() {
        synchronized (shared) {
            return shared.now;
        }
    }

    /**
     * Moves the clock forward by {@code duration}, tells the listeners, and returns at once.
     *
     * @throws InterruptedException when the calling thread is interrupted (the flag is cleared, as with
     *     {@code Thread.sleep}); the clock does not move then
     */
    @Override
    public void sleep(Duration duration) throws InterruptedException {
        requireNotNegative("sleep", duration);
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before a simulated sleep of " + duration);
        }
        synchronized (shared) {
            shared.sleeps.add(duration);
        }
        move(duration);
    }

    /**
     * Moves the clock forward without recording a sleep: time that passes while the code under test works.
     *
     * @param duration how far, zero or more
     */
    public void advance(Duration duration) {
        requireNotNegative("advance", duration);
        move(duration);
    }

    /**
     * Adds a listener told of every step the clock takes.
     *
     * @param listener told of every step the clock takes, after the clock moved, on the thread that moved it
     */
    public void onAdvance(Consumer<Duration> listener) {
        shared.listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Returns the current virtual instant.
     *
     * @return the current virtual instant
     */
    public Instant now() {
        return instant();
    }

    /**
     * Returns virtual time since the start, sleeps and advances together.
     *
     * @return virtual time since the start, sleeps and advances together
     */
    public Duration elapsed() {
        return Duration.between(start, instant());
    }

    /**
     * Returns every sleep so far, in order.
     *
     * @return every sleep so far, in order
     */
    public List<Duration> sleeps() {
        synchronized (shared) {
            return List.copyOf(shared.sleeps);
        }
    }

    private void move(Duration duration) {
        synchronized (shared) {
            shared.now = shared.now.plus(duration);
        }
        for (Consumer<Duration> listener : shared.listeners) {
            listener.accept(duration);
        }
    }

    private static void requireNotNegative(String what, Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException(what + " of " + duration + " (expected: zero or more)");
        }
    }
}
