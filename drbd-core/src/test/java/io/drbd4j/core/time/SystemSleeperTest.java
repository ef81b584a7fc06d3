package io.drbd4j.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SystemSleeperTest {
    private final Sleeper sleeper = Sleeper.system();

    @Test
    void sleepsAtLeastTheDurationOnTheWallClock() throws InterruptedException {
        Instant before = sleeper.clock().instant();
        long start = System.nanoTime();

        sleeper.sleep(Duration.ofMillis(50));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        assertThat(sleeper.clock().instant()).isAfterOrEqualTo(before.plusMillis(50));
    }

    @Test
    void anInterruptedThreadStopsSleepingAtOnce() {
        Thread.currentThread().interrupt();
        long start = System.nanoTime();

        assertThatThrownBy(() -> sleeper.sleep(Duration.ofSeconds(30))).isInstanceOf(InterruptedException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void refusesANegativeDuration() {
        assertThatThrownBy(() -> sleeper.sleep(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: zero or more");
    }
}
