package io.drbd4j.core.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the reader's promise: after warm-up, reading the same input again allocates nothing. Measured with the
 * JVM's per-thread allocation counter over a batch of whole reads.
 */
class ReaderAllocationTest {
    private static final int WARM_UP = 20_000;
    private static final int BATCH = 2_000;

    /** Every token kind of a healthy 8.4 host: header, gaps, Unconfigured, sync with want, verify, details. */
    static final String SAMPLE = "version: 8.4.11-1 (api:1/proto:86-101)\n"
            + "GIT-hash: 66145a308421e9c124ec391a7848ac20203bb03c build by mockbuild@, 2018-11-03 01:26:55\n"
            + " 0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----\n"
            + "    ns:1048576 nr:0 dw:1048576 dr:2048 al:12 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0\n"
            + " 1: cs:SyncTarget ro:Secondary/Primary ds:Inconsistent/UpToDate C r-----\n"
            + "    ns:0 nr:1263008 dw:1257888 dr:0 al:0 bm:60 lo:6 pe:8 ua:5 ap:0 ep:1 wo:f oos:1670512\n"
            + "\t[======>.............] sync'ed: 36.3% (1670512/2613068)K\n"
            + "\tfinish: 0:00:47 speed: 35,152 (18,124) want: 44,520 K/sec\n"
            + " 2: cs:Unconfigured\n"
            + "\n"
            + " 4: cs:VerifyS ro:Primary/Secondary ds:UpToDate/UpToDate C r---n-\n"
            + "    ns:10 nr:0 dw:0 dr:20 al:0 bm:0 lo:0 pe:1 ua:0 ap:0 ep:1 wo:d oos:0\n"
            + "\t[>....................] verified:  0.4% (8185600/8192000)M\n"
            + "\tfinish: 22:24:00 speed: 1,296 (537,160 -- 1,296) want: 8,388,608 K/sec (stalled)\n"
            + "\t  4% sector pos: 123456/16777216\n"
            + "\tresync: used:0/61 hits:0 misses:0 starving:0 locked:0 changed:0\n"
            + "\tact_log: used:0/1237 hits:0 misses:0 starving:0 locked:0 changed:0\n"
            + "\tblocked on activity log: 0\n";

    static final byte[] BYTES = SAMPLE.getBytes(StandardCharsets.US_ASCII);

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
    void rereadingTheSameByteArrayAllocatesNothing() throws IOException {
        ProcDrbdReader reader = new ProcDrbdReader(ParseOptions.strict());
        assertThat(allocatedPerBatch(reader, () -> reader.reset(BYTES))).isZero();
    }

    @Test
    void rereadingTheSameHeapByteBufferAllocatesNothing() throws IOException {
        ProcDrbdReader reader = new ProcDrbdReader(ParseOptions.strict());
        ByteBuffer buffer = ByteBuffer.wrap(BYTES);
        assertThat(allocatedPerBatch(reader, () -> reader.reset(buffer))).isZero();
    }

    @Test
    void rereadingTheSameDirectByteBufferAllocatesNothing() throws IOException {
        ProcDrbdReader reader = new ProcDrbdReader(ParseOptions.strict());
        ByteBuffer buffer = ByteBuffer.allocateDirect(BYTES.length).put(BYTES).flip();
        assertThat(allocatedPerBatch(reader, () -> reader.reset(buffer))).isZero();
    }

    @Test
    void rereadingAnOpenFileChannelFromPositionZeroAllocatesNothing() throws IOException {
        Path file = Files.write(dir.resolve("drbd"), BYTES);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ProcDrbdReader reader = new ProcDrbdReader(ParseOptions.strict());
            assertThat(allocatedPerBatch(reader, () -> reader.reset(channel))).isZero();
        }
    }

    @Test
    void theSampleExercisesEveryValueToken() throws IOException {
        ProcDrbdReader reader = new ProcDrbdReader(ParseOptions.strict()).reset(BYTES);
        int[] seen = new int[ProcDrbdReader.Token.values().length];
        for (ProcDrbdReader.Token t = reader.next(); t != ProcDrbdReader.Token.END; t = reader.next()) {
            seen[t.ordinal()]++;
        }
        assertThat(seen[ProcDrbdReader.Token.VERSION.ordinal()]).isEqualTo(1);
        assertThat(seen[ProcDrbdReader.Token.BUILD_TAG.ordinal()]).isEqualTo(1);
        assertThat(seen[ProcDrbdReader.Token.DEVICE.ordinal()]).isEqualTo(4);
        assertThat(seen[ProcDrbdReader.Token.COUNTERS.ordinal()]).isEqualTo(3);
        assertThat(seen[ProcDrbdReader.Token.PROGRESS.ordinal()]).isEqualTo(2);
        assertThat(seen[ProcDrbdReader.Token.FINISH.ordinal()]).isEqualTo(2);
        assertThat(seen[ProcDrbdReader.Token.DETAIL.ordinal()]).isEqualTo(4);
        assertThat(seen[ProcDrbdReader.Token.PROBLEM.ordinal()]).isZero();
    }

    interface Reset {
        void reset() throws IOException;
    }

    /**
     * Reads the input WARM_UP times, then returns the fewest bytes that any of five batches of BATCH more whole reads
     * allocated. A reader that allocates per read shows in every batch; a one-off allocation inside the JDK (a
     * deoptimisation re-materialising an object, seen once in FileChannel's read path) shows in one batch only.
     */
    private static long allocatedPerBatch(ProcDrbdReader reader, Reset reset) throws IOException {
        long sink = 0;
        for (int i = 0; i < WARM_UP; i++) {
            reset.reset();
            sink += consume(reader);
        }
        long fewest = Long.MAX_VALUE;
        for (int batch = 0; batch < 5; batch++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < BATCH; i++) {
                reset.reset();
                sink += consume(reader);
            }
            fewest = Math.min(fewest, threads.getCurrentThreadAllocatedBytes() - before);
        }
        assertThat(sink).isPositive();
        return fewest;
    }

    /** Pulls every token and every value a consumer would read. */
    static long consume(ProcDrbdReader r) throws IOException {
        long sum = 0;
        for (ProcDrbdReader.Token t = r.next(); t != ProcDrbdReader.Token.END; t = r.next()) {
            switch (t) {
                case VERSION -> sum += r.api() + r.protoMin() + r.protoMax() + r.releaseLength();
                case BUILD_TAG, DETAIL, TRANSPORTS -> sum += r.textLength() + r.buffer()[r.textOffset()];
                case DEVICE ->
                    sum += r.minor()
                            + r.connectionState().ordinal()
                            + (r.role() == null
                                    ? 0
                                    : r.role().ordinal() + r.peerRole().ordinal())
                            + (r.diskState() == null
                                    ? 0
                                    : r.diskState().ordinal()
                                            + r.peerDiskState().ordinal())
                            + (r.protocol() == null ? 0 : r.protocol().ordinal())
                            + r.flagsLength()
                            + (r.ioSuspended() ? 1 : 0)
                            + (r.congestion() == null ? 0 : r.congestion().ordinal());
                case COUNTERS -> {
                    for (Counter c : COUNTERS) {
                        sum += r.hasCounter(c) ? r.counter(c) : 0;
                    }
                    sum += r.writeOrdering() == null ? 0 : r.writeOrdering().ordinal();
                }
                case PROGRESS ->
                    sum += r.perMille()
                            + r.leftKiB()
                            + r.totalKiB()
                            + r.sizeUnit().ordinal();
                case FINISH ->
                    sum += r.finishSeconds()
                            + r.speedKiBps()
                            + r.averageKiBps()
                            + r.recentKiBps()
                            + r.wantKiBps()
                            + (r.stalled() ? 1 : 0);
                default -> throw new AssertionError("unexpected " + t);
            }
        }
        return sum;
    }

    private static final Counter[] COUNTERS = Counter.values();
}
