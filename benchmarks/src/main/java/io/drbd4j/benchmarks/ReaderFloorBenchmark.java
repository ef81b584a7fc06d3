package io.drbd4j.benchmarks;

import io.drbd4j.core.proc.Counter;
import io.drbd4j.core.proc.ParseOptions;
import io.drbd4j.core.proc.ProcDrbdReader;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * How fast a reader of the 1,000-minor input could be at the very least work, to put {@link ProcDrbdBenchmark}'s
 * reader against something other than the newline count. Neither loop is a reader: they check nothing, name no
 * state and hand out nothing; they only do what any reader that gives every counter's value must do.
 *
 * <ul>
 *   <li>{@link #newlineCount}: the same byte loop as {@link ProcDrbdBenchmark#newlineCount}, for the ratio in one run;
 *   <li>{@link #lineEnds}: each line's end found eight bytes at a time, the way the reader finds it;
 *   <li>{@link #lineEndsAndCounters}: the same, and the thirteen values of each counters line converted eight digits at
 *       a time where the kernel puts them (keys skipped unread, digits not checked).
 * </ul>
 *
 * <p>The input is padded with 32 zero bytes so that the loops need no bounds of their own at its end.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ReaderFloorBenchmark {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ZEROS = 0x3030_3030_3030_3030L;
    private static final long SIXES = 0x0606_0606_0606_0606L;
    private static final long HIGH_NIBBLES = 0xF0F0_F0F0_F0F0_F0F0L;
    private static final long NEWLINES = 0x0A0A_0A0A_0A0A_0A0AL;
    private static final long LOW_BITS = 0x0101_0101_0101_0101L;
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000
    };
    private static final int PADDING = 32;
    private static final int FIELDS = 13;

    private byte[] buf;
    private byte[] padded;

    @Setup
    public void setUp() throws IOException {
        try (InputStream in = ReaderFloorBenchmark.class.getResourceAsStream("/proc-drbd-1000.txt")) {
            if (in == null) {
                throw new IllegalStateException("missing resource /proc-drbd-1000.txt");
            }
            buf = in.readAllBytes();
        }
        padded = Arrays.copyOf(buf, buf.length + PADDING);
        int lines = newlineCount();
        if (lineEnds() != lines) {
            throw new IllegalStateException("lineEnds found " + lineEnds() + " lines, the newline count " + lines);
        }
        long expected = countersSum(new ProcDrbdReader(ParseOptions.strict()).reset(buf));
        if (lineEndsAndCounters() != expected) {
            throw new IllegalStateException("lineEndsAndCounters summed " + lineEndsAndCounters() + ", the reader "
                    + expected + ": the loop does not convert what it is meant to time");
        }
    }

    /** The byte loop of {@link ProcDrbdBenchmark#newlineCount}. */
    @Benchmark
    public int newlineCount() {
        return ProcDrbdBenchmark.newlines(buf);
    }

    /** Every line's end, found eight bytes at a time; returns the number of lines. */
    @Benchmark
    public int lineEnds() {
        byte[] b = padded;
        int lines = 0;
        int pos = 0;
        int end = buf.length;
        while (pos < end) {
            pos = newline(b, pos) + 1;
            lines++;
        }
        return lines;
    }

    /** Every line's end, and the thirteen values of every counters line; returns the sum of the values. */
    @Benchmark
    public long lineEndsAndCounters() {
        byte[] b = padded;
        long sum = 0;
        int pos = 0;
        int end = buf.length;
        while (pos < end) {
            if (b[pos + 4] == 'n' && b[pos + 5] == 's' && b[pos + 6] == ':') {
                int i = pos + 4;
                for (int k = 0; k < FIELDS; k++) {
                    // "ns:" to "wo:" have three bytes with the colon, "oos:" four; wo's letter converts as no digits.
                    i += k == FIELDS - 1 ? 4 : 3;
                    long t = (long) LONGS.get(b, i) - ZEROS;
                    int n = Long.numberOfTrailingZeros((t | (t + SIXES)) & HIGH_NIBBLES) >>> 3;
                    long value;
                    if (n < Long.BYTES) {
                        value = convert(t, n);
                    } else {
                        long u = (long) LONGS.get(b, i + Long.BYTES) - ZEROS;
                        int m = Long.numberOfTrailingZeros((u | (u + SIXES)) & HIGH_NIBBLES) >>> 3;
                        value = convert(t, Long.BYTES) * POWERS_OF_TEN[m] + convert(u, m);
                        n += m;
                    }
                    sum += value;
                    i += n == 0 ? 2 : n + 1;
                }
                pos = i;
            } else {
                pos = newline(b, pos) + 1;
            }
        }
        return sum;
    }

    private static long countersSum(ProcDrbdReader r) throws IOException {
        long sum = 0;
        for (ProcDrbdReader.Token t = r.next(); t != ProcDrbdReader.Token.END; t = r.next()) {
            if (t == ProcDrbdReader.Token.COUNTERS) {
                for (Counter c : Counter.values()) {
                    sum += r.counter(c);
                }
            }
        }
        return sum;
    }

    private static int newline(byte[] b, int from) {
        int i = from;
        while (true) {
            long x = (long) LONGS.get(b, i) ^ NEWLINES;
            long found = (x - LOW_BITS) & ~x & HIGH_BITS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            i += Long.BYTES;
        }
    }

    private static long convert(long t, int n) {
        long v = n == 0 ? 0 : t << ((Long.BYTES - n) << 3);
        v = ((v * 2561) >>> 8) & 0x00FF_00FF_00FF_00FFL;
        v = ((v * 6553601) >>> 16) & 0x0000_FFFF_0000_FFFFL;
        return (v * 42949672960001L) >>> 32;
    }
}
