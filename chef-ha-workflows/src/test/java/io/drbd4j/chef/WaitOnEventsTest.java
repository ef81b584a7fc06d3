package io.drbd4j.chef;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.exec.runner.CommandRunner;
import io.drbd4j.testkit.SimulatedTime;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A wait ends as soon as DRBD reports the state it waits for: the initial sync's wait of FailoverSetup finishes
 * within 100 ms of simulated time after the simulated kernel ends the resync, where it used to end at the next poll
 * (every 5 s by default). Runners that cannot stream still work, one poll interval late at most.
 */
class WaitOnEventsTest {
    @TempDir
    Path dir;

    /** When each step finished, in simulated time. */
    static final class Finished implements ProgressListener {
        final Map<String, Instant> at = new HashMap<>();
        private final SimulatedTime time;

        Finished(SimulatedTime time) {
            this.time = time;
        }

        @Override
        public void stepFinished(PlannedStep step, Duration took) {
            at.put(step.id(), time.instant());
        }
    }

    /** When the simulated kernel ended the last resync ("Resync done", stamped with simulated time). */
    private static Instant resyncDone(SimPair pair) {
        String line = pair.sim.eventLog().stream()
                .filter(l -> l.contains("Resync done"))
                .reduce((a, b) -> b)
                .orElseThrow();
        long millis = Math.round(Double.parseDouble(line.substring(2, line.indexOf('s'))) * 1000);
        SimulatedTime time = pair.sim.time();
        return time.instant().minus(time.elapsed()).plusMillis(millis);
    }

    private Duration lateness(SimPair pair) {
        Finished finished = new Finished(pair.sim.time());
        pair.failoverSetup().run(finished, Journal.at(dir.resolve("journal-" + System.nanoTime() + ".jsonl")));
        return Duration.between(resyncDone(pair), finished.at.get("wait-sync"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void theSyncWaitEndsWithinOneHundredMillisecondsOfTheResyncsEnd(String dialect) {
        Duration late = lateness(SimPair.fresh(dialect));

        System.out.println(dialect + ": wait-sync finished " + late.toMillis() + " ms after the resync ended");
        assertThat(late).isBetween(Duration.ZERO, Duration.ofMillis(100));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void runnersThatCannotStreamStillWaitByPollingAtMostOneIntervalLate(String dialect) {
        SimPair polled = SimPair.fresh(dialect).wrapped(runner -> (CommandRunner) runner::run);

        Duration late = lateness(polled);

        System.out.println(
                dialect + ", polling every " + polled.cluster.pollInterval().toSeconds() + " s: wait-sync finished "
                        + late.toMillis() + " ms after the resync ended");
        assertThat(late).isBetween(Duration.ZERO, polled.cluster.pollInterval());
    }
}
