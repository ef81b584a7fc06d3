package io.drbd4j.core.proc;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.core.watch.DrbdChangeTracker;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reading or an event that changes nothing allocates nothing, measured as the reader's own allocation test does:
 * the JVM's per-thread allocation counter over batches of whole readings after warm-up.
 */
class TrackerAllocationTest {
    private static final int WARM_UP = 20_000;
    private static final int BATCH = 2_000;

    /** Every token kind a healthy 8.4 host prints, from the reader's own allocation test. */
    static final byte[] READING = ReaderAllocationTest.SAMPLE.getBytes(StandardCharsets.US_ASCII);

    static final byte[] EVENT = "28 ST 0,pc0[0] { cs:Connected ro:Secondary/Secondary ds:UpToDate/UpToDate r--- }"
            .getBytes(StandardCharsets.US_ASCII);

    private static com.sun.management.ThreadMXBean threads;

    @TempDir
    Path dir;

    @BeforeAll
    static void allocationCounterAvailable() {
        threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        threads.setThreadAllocatedMemoryEnabled(true);
        assertThat(threads.isThreadAllocatedMemoryEnabled()).isTrue();
    }

    @Test
    void theSameReadingAgainAllocatesNothing() {
        long[] told = new long[1];
        DrbdChangeTracker tracker = new DrbdChangeTracker(c -> told[0]++);
        assertThat(tracker.update(READING, 0, READING.length))
                .as("the first reading")
                .isEqualTo(8);

        assertThat(allocatedPerBatch(() -> tracker.update(READING, 0, READING.length)))
                .isZero();
        assertThat(told[0]).as("nothing changed after the first reading").isEqualTo(8);
    }

    @Test
    void theSameFileReadAgainFromItsStartAllocatesNothing() throws IOException {
        Path file = Files.write(dir.resolve("drbd"), READING);
        DrbdChangeTracker tracker = new DrbdChangeTracker(c -> {});
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            tracker.update(channel);
            assertThat(allocatedPerBatch(() -> {
                        try {
                            channel.position(0);
                        } catch (IOException e) {
                            throw new AssertionError(e);
                        }
                        return tracker.update(channel);
                    }))
                    .isZero();
        }
        assertThat(tracker.changes()).isEqualTo(8);
    }

    @Test
    void aStateEventThatChangesNothingAllocatesNothing() {
        DrbdChangeTracker tracker = new DrbdChangeTracker(c -> {});
        assertThat(tracker.event(EVENT, 0, EVENT.length)).isOne();

        assertThat(allocatedPerBatch(() -> tracker.event(EVENT, 0, EVENT.length)))
                .isZero();
        assertThat(tracker.changes()).isOne();
    }

    interface Reading {
        int read();
    }

    /** The fewest bytes any of five batches of BATCH readings allocated, after WARM_UP readings. */
    private static long allocatedPerBatch(Reading reading) {
        long sink = 0;
        for (int i = 0; i < WARM_UP; i++) {
            sink += reading.read();
        }
        long fewest = Long.MAX_VALUE;
        for (int batch = 0; batch < 5; batch++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < BATCH; i++) {
                sink += reading.read();
            }
            fewest = Math.min(fewest, threads.getCurrentThreadAllocatedBytes() - before);
        }
        assertThat(sink).as("no reading after the first changed anything").isZero();
        return fewest;
    }
}
