package io.drbd4j.benchmarks;

import io.drbd4j.core.watch.DrbdChangeTracker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What a watcher's look costs when nothing changed, the steady state between two changes:
 *
 * <ul>
 *   <li>{@link #unchangedReading}: {@link DrbdChangeTracker#update(byte[], int, int)} on the same {@code /proc/drbd}
 *       as the reading before (read, compared, nothing told);
 *   <li>{@link #unchangedEvent}: {@link DrbdChangeTracker#event(byte[], int, int)} on a state line that repeats the
 *       device's state.
 * </ul>
 *
 * <p>The readings are the resources of {@link ProcDrbdBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WatchBenchmark {
    /** Number of minors in the reading: resource {@code proc-drbd-<minors>.txt}. */
    @Param({"1", "1000"})
    public int minors;

    private byte[] reading;
    private final byte[] event = "28 ST 0,pc0[0] { cs:Connected ro:Secondary/Secondary ds:UpToDate/UpToDate r--- }"
            .getBytes(StandardCharsets.US_ASCII);
    private DrbdChangeTracker tracker;
    private DrbdChangeTracker eventTracker;

    /**
     * Loads the reading and takes it in once.
     *
     * @throws IOException when the resource cannot be read
     */
    @Setup
    public void setUp() throws IOException {
        String name = "/proc-drbd-" + minors + ".txt";
        try (InputStream in = WatchBenchmark.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            reading = in.readAllBytes();
        }
        tracker = new DrbdChangeTracker(change -> {});
        int first = tracker.update(reading, 0, reading.length);
        if (first < minors || tracker.problems() != 0) {
            throw new IllegalStateException(first + " changes and " + tracker.problems() + " problems in the first"
                    + " reading of " + minors + " minors");
        }
        eventTracker = new DrbdChangeTracker(change -> {});
        eventTracker.event(event, 0, event.length);
    }

    /**
     * Reads the same reading again.
     *
     * @return how many changes were told: 0
     */
    @Benchmark
    public int unchangedReading() {
        return tracker.update(reading, 0, reading.length);
    }

    /**
     * Reads the same state line again.
     *
     * @return how many changes were told: 0
     */
    @Benchmark
    public int unchangedEvent() {
        return eventTracker.event(event, 0, event.length);
    }
}
