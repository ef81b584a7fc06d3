package io.drbd4j.benchmarks;

import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.proc.Counter;
import io.drbd4j.core.proc.ParseOptions;
import io.drbd4j.core.proc.ProcDrbdParser;
import io.drbd4j.core.proc.ProcDrbdReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
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
 * Reading a whole {@code /proc/drbd} held in a {@code byte[]}, four ways:
 *
 * <ul>
 *   <li>{@link #newlineCount}: one pass counting {@code '\n'}, the floor for anything that looks at every byte;
 *   <li>{@link #baseline}: what a typical Java user writes ({@link RegexProcDrbd}: BufferedReader, regexes, split);
 *   <li>{@link #reader}: {@link ProcDrbdReader} reused, pulling every token and every value;
 *   <li>{@link #parser}: {@link ProcDrbdParser#parse(byte[])} building the immutable model.
 * </ul>
 *
 * <p>The inputs are resources written by {@code gen-proc-drbd.py --minors N --seed 1} (see BENCHMARKS.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ProcDrbdBenchmark {

    /** Number of minors in the generated input: resource {@code proc-drbd-<minors>.txt}. */
    @Param({"1", "1000"})
    public int minors;

    private byte[] buf;
    private ProcDrbdReader reusedReader;
    private final ProcDrbdParser strictParser = ProcDrbdParser.strict();

    @Setup
    public void setUp() throws IOException {
        String name = "/proc-drbd-" + minors + ".txt";
        try (InputStream in = ProcDrbdBenchmark.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            buf = in.readAllBytes();
        }
        reusedReader = new ProcDrbdReader(ParseOptions.strict());
        sanityCheck();
    }

    /** The four ways must agree on what the input holds, or the comparison means nothing. */
    private void sanityCheck() throws IOException {
        ProcDrbdStatus model = strictParser.parse(buf);
        List<RegexProcDrbd.Device> devices = RegexProcDrbd.parse(buf);
        int modelDevices = model.devices().size();
        if (devices.size() != modelDevices) {
            throw new IllegalStateException("baseline found " + devices.size() + " devices, the parser " + modelDevices
                    + " (minors=" + minors + ")");
        }
        if (modelDevices != minors) {
            throw new IllegalStateException("the parser found " + modelDevices + " devices in " + minors + " minors");
        }
        long modelSyncs =
                model.devices().stream().filter(d -> d.sync().isPresent()).count();
        long baselineSyncs = devices.stream().filter(d -> d.syncKind != null).count();
        long modelNs = model.devices().stream()
                .mapToLong(d -> d.counters().map(c -> c.ns()).orElse(0L))
                .sum();
        long baselineNs = devices.stream()
                .mapToLong(d -> d.counters == null ? 0 : d.counters.get("ns"))
                .sum();
        long modelLeft = model.devices().stream()
                .mapToLong(d -> d.sync().map(s -> s.leftKiB()).orElse(0L))
                .sum();
        long baselineLeft = devices.stream().mapToLong(d -> d.leftKiB).sum();
        long modelSpeed = model.devices().stream()
                .mapToLong(d -> d.sync().map(s -> s.speedKiBps().orElse(0)).orElse(0L))
                .sum();
        long baselineSpeed = devices.stream().mapToLong(d -> d.speedKiBps).sum();
        for (int i = 0; i < modelDevices; i++) {
            DeviceStatus m = model.devices().get(i);
            RegexProcDrbd.Device b = devices.get(i);
            if (m.minor() != b.minor) {
                throw new IllegalStateException("device " + i + ": minor " + b.minor + " vs " + m.minor());
            }
        }
        if (modelSyncs != baselineSyncs
                || modelNs != baselineNs
                || modelLeft != baselineLeft
                || modelSpeed != baselineSpeed) {
            throw new IllegalStateException("baseline and parser disagree: syncs " + baselineSyncs + "/" + modelSyncs
                    + ", sum ns " + baselineNs + "/" + modelNs + ", sum left " + baselineLeft + "/" + modelLeft
                    + ", sum speed " + baselineSpeed + "/" + modelSpeed);
        }
        if (consume(reusedReader.reset(buf)) == 0 || newlineCount() == 0) {
            throw new IllegalStateException("reader or newline count saw nothing");
        }
    }

    /** The floor: touch every byte once. */
    @Benchmark
    public int newlineCount() {
        return newlines(buf);
    }

    /** The newline count's loop, shared with {@link ReaderFloorBenchmark} so that both time the same code. */
    static int newlines(byte[] buf) {
        int n = 0;
        for (byte b : buf) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }

    /** A typical hand-written parser: BufferedReader, regexes, String.split, one object per device. */
    @Benchmark
    public List<RegexProcDrbd.Device> baseline() throws IOException {
        return RegexProcDrbd.parse(buf);
    }

    /** The pull reader, reused, reading every token and every value. */
    @Benchmark
    public long reader() throws IOException {
        return consume(reusedReader.reset(buf));
    }

    /** The full immutable model. */
    @Benchmark
    public ProcDrbdStatus parser() {
        return strictParser.parse(buf);
    }

    /** Pulls every token and every value a consumer would read (as drbd-core's ReaderAllocationTest does). */
    static long consume(ProcDrbdReader r) throws IOException {
        long sum = 0;
        for (ProcDrbdReader.Token t = r.next(); t != ProcDrbdReader.Token.END; t = r.next()) {
            switch (t) {
                case VERSION -> sum += r.api() + r.protoMin() + r.protoMax() + r.releaseLength();
                case BUILD_TAG, DETAIL, TRANSPORTS -> sum += r.textLength() + r.buffer()[r.textOffset()];
                case DEVICE -> sum += device(r);
                case COUNTERS -> sum += counters(r);
                case PROGRESS -> sum += progress(r);
                case FINISH -> sum += finish(r);
                default -> throw new IllegalStateException("unexpected " + t);
            }
        }
        return sum;
    }

    private static long device(ProcDrbdReader r) {
        long sum = r.minor() + r.connectionState().ordinal() + r.flagsLength();
        if (r.role() != null) {
            sum += r.role().ordinal() + r.peerRole().ordinal();
        }
        if (r.diskState() != null) {
            sum += r.diskState().ordinal() + r.peerDiskState().ordinal();
        }
        if (r.protocol() != null) {
            sum += r.protocol().ordinal();
        }
        if (r.congestion() != null) {
            sum += r.congestion().ordinal();
        }
        sum += r.ioSuspended() ? 1 : 0;
        sum += r.pausedByDependency() ? 2 : 0;
        sum += r.pausedByPeer() ? 4 : 0;
        sum += r.pausedByUser() ? 8 : 0;
        sum += r.activityLogSuspended() ? 16 : 0;
        return sum;
    }

    private static long counters(ProcDrbdReader r) {
        long sum = 0;
        for (Counter c : COUNTERS) {
            sum += r.hasCounter(c) ? r.counter(c) : 0;
        }
        return sum + (r.writeOrdering() == null ? 0 : r.writeOrdering().ordinal());
    }

    private static long progress(ProcDrbdReader r) {
        return r.syncKind().ordinal()
                + r.perMille()
                + r.leftKiB()
                + r.totalKiB()
                + r.sizeUnit().ordinal();
    }

    private static long finish(ProcDrbdReader r) {
        return r.finishSeconds()
                + r.speedKiBps()
                + r.averageKiBps()
                + r.recentKiBps()
                + r.wantKiBps()
                + (r.stalled() ? 1 : 0);
    }

    private static final Counter[] COUNTERS = Counter.values();
}
