package io.drbd4j.core.time;

import java.time.Clock;
import java.time.Duration;

/** {@link Sleeper#system()}: wall-clock time. */
final class SystemSleeper implements Sleeper {
    static final SystemSleeper INSTANCE = new SystemSleeper();

    private SystemSleeper() {}

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("sleep of " + duration + " (expected: zero or more)");
        }
        // The one place that sleeps for real.
        Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
    }
}
