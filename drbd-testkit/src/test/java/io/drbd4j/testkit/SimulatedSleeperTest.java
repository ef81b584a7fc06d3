package io.drbd4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SimulatedSleeperTest {
    private static final Instant START = Instant.parse("2026-11-22T03:00:00Z");

    @Test
    void sleepingMovesTheClockWithoutWaiting() throws InterruptedException {
        SimulatedSleeper time = new SimulatedSleeper(START);
        Clock clock = time.clock();
        long realStart = System.nanoTime();

        time.sleep(Duration.ofHours(2));
        time.sleep(Duration.ofMillis(1500));

        assertThat(Duration.ofNanos(System.nanoTime() - realStart)).isLessThan(Duration.ofSeconds(1));
        assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofHours(2)).plusMillis(1500));
        assertThat(time.sleeps()).containsExactly(Duration.ofHours(2), Duration.ofMillis(1500));
        assertThat(time.elapsed()).isEqualTo(Duration.ofMillis(2 * 3600_000 + 1500));
    }

    @Test
    void advancingMovesTheClockButIsNoSleep() {
        SimulatedSleeper time = new SimulatedSleeper(START);

        time.advance(Duration.ofMinutes(5));

        assertThat(time.now()).isEqualTo(START.plusSeconds(300));
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void anInterruptedThreadIsToldSoAndTheClockStays() {
        SimulatedSleeper time = new SimulatedSleeper(START);
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> time.sleep(Duration.ofSeconds(1))).isInstanceOf(InterruptedException.class);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(time.now()).isEqualTo(START);
    }

    @Test
    void refusesNegativeDurations() {
        SimulatedSleeper time = new SimulatedSleeper(START);

        assertThatThrownBy(() -> time.sleep(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: zero or more");
        assertThatThrownBy(() -> time.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
