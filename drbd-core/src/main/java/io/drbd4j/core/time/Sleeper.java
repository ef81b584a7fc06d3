package io.drbd4j.core.time;

import java.time.Clock;
import java.time.Duration;

/**
 * Waits and tells the time. Library code never calls {@code Thread.sleep} directly: it sleeps through a Sleeper,
 * which production code gets from {@link #system()} and tests replace with one that advances virtual time.
 *
 * <p>Implementations are thread-safe.
 */
public interface Sleeper {
    /**
     * Returns the clock that {@link #sleep} advances.
     *
     * @return the clock that {@link #sleep} advances
     */
    Clock clock();

    /**
     * Returns after {@code duration} has passed on {@link #clock()}.
     *
     * @param duration how long, not negative
     * @throws InterruptedException when the thread is interrupted; the interrupt flag is then clear, as with
     *     {@code Thread.sleep}, so a caller that cannot rethrow must restore it
     */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * Returns the real one: the UTC system clock, and {@code Thread.sleep}.
     *
     * @return the real one: the UTC system clock, and {@code Thread.sleep}
     */
    static Sleeper system() {
        return SystemSleeper.INSTANCE;
    }
}
