package io.drbd4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SimulatedTimeTest {
    private static final Instant START = Instant.parse("2026-11-22T03:00:00Z");

    @Test
    void sleepingMovesTheClockWithoutWaiting() throws InterruptedException {
        SimulatedTime time = new SimulatedTime(START);
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
        SimulatedTime time = new SimulatedTime(START);

        time.advance(Duration.ofMinutes(5));

        assertThat(time.now()).isEqualTo(START.plusSeconds(300));
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void anInterruptedThreadIsToldSoAndTheClockStays() {
        SimulatedTime time = new SimulatedTime(START);
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> time.sleep(Duration.ofSeconds(1))).isInstanceOf(InterruptedException.class);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(time.now()).isEqualTo(START);
    }

    @Test
    void refusesNegativeDurations() {
        SimulatedTime time = new SimulatedTime(START);

        assertThatThrownBy(() -> time.sleep(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: zero or more");
        assertThatThrownBy(() -> time.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isItsOwnClockAndTellsListenersOfEveryStep() throws InterruptedException {
        SimulatedTime time = new SimulatedTime(START);
        java.util.List<Duration> steps = new java.util.ArrayList<>();
        time.onAdvance(steps::add);

        time.sleep(Duration.ofSeconds(3));
        time.advance(Duration.ofMillis(100));

        assertThat(steps).containsExactly(Duration.ofSeconds(3), Duration.ofMillis(100));
        assertThat(time.instant()).isEqualTo(START.plusMillis(3100));
        assertThat(time.withZone(java.time.ZoneId.of("Europe/Berlin")).instant())
                .isEqualTo(time.instant());
        assertThat(time.clock()).isSameAs(time);
    }
}
