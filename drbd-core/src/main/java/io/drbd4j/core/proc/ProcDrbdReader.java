package io.drbd4j.core.proc;

import io.drbd4j.core.model.Congestion;
import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.ReplicationProtocol;
import io.drbd4j.core.model.Role;
import io.drbd4j.core.model.SyncProgress;
import io.drbd4j.core.model.WriteOrdering;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A pull reader of {@code /proc/drbd}: {@link #next()} advances one token, and the accessors of that token return enums
 * and primitives. Text is exposed as ({@link #buffer()}, offset, length) and stays valid until the next call of {@link
 * #next()}; the buffer is the caller's array for {@link #reset(byte[])}, otherwise the reader's own.
 *
 * <p>After warm-up, reading the same {@code byte[]}, heap {@code ByteBuffer} or {@code FileChannel} again
 * allocates nothing on well-formed input: labels are matched against byte tables, numbers parsed in place,
 * and the reader's buffer is reused. Problems allocate their message.
 *
 * <pre>{@code
 * ProcDrbdReader reader = new ProcDrbdReader(ParseOptions.lenient());
 * reader.reset(channel);
 * for (ProcDrbdReader.Token t = reader.next(); t != ProcDrbdReader.Token.END; t = reader.next()) {
 *     if (t == ProcDrbdReader.Token.DEVICE && reader.connectionState() == ConnectionState.SYNC_TARGET) { ... }
 * }
 * }</pre>
 *
 * <p>Strict mode throws {@link ProcDrbdParseException} at the first deviation; lenient mode returns {@link
 * Token#PROBLEM} for it (before the tokens of the same line) and goes on. Not thread-safe: use one reader per thread.
 */
public final class ProcDrbdReader {
    /** What {@link #next()} found. */
    public enum Token {
        /** The version line: {@link #releaseOffset()}, {@link #api()}, {@link #protoMin()}, {@link #protoMax()}. */
        VERSION,
        /** The build tag line: {@link #textOffset()}, {@link #textLength()}. */
        BUILD_TAG,
        /** DRBD 9's transports line: {@link #transportsApi()} and the list as text. */
        TRANSPORTS,
        /** A device line: {@link #minor()}, {@link #connectionState()}, roles, disks, protocol, flags. */
        DEVICE,
        /** The counters of the last device: {@link #counter(Counter)}, {@link #writeOrdering()}. */
        COUNTERS,
        /** The progress line of the last device: {@link #syncKind()}, {@link #perMille()}, sizes. */
        PROGRESS,
        /** The finish line (or the old {@code stalled} line) of the last device: time and speeds. */
        FINISH,
        /** A proc_details line of the last device, as text. */
        DETAIL,
        /** A deviation in lenient mode: {@link #problem()}. */
        PROBLEM,
        /** The end of input. */
        END
    }

    private final ParseOptions options;
    private final LineSource source;
    private final LineDispatcher engine;

    /**
     * The builders {@link ProcDrbdParser} builds a model from this reader with: kept with the reader, which is one per
     * thread, so that they and their device list are not made anew for every input. Null until the first such parse;
     * holds no model value between inputs.
     */
    @Nullable
    StatusAssembler assembler;

    /**
     * Creates a reader with the given options; call {@code reset} before reading.
     *
     * @param options mode and bounds
     */
    public ProcDrbdReader(ParseOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.source = new LineSource(options.maxLineLength(), options.maxInputBytes());
        this.engine = new LineDispatcher(options);
    }

    /**
     * Returns this reader, positioned before the first token.
     *
     * @param data the whole text, read in place; must not change while reading
     * @return this reader, positioned before the first token
     */
    public ProcDrbdReader reset(byte[] data) {
        return reset(data, 0, data.length);
    }

    /**
     * Returns this reader, positioned before the first token.
     *
     * @param data an array holding the text, read in place
     * @param offset where the text starts
     * @param length its length in bytes
     * @return this reader, positioned before the first token
     */
    public ProcDrbdReader reset(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        source.reset(data, offset, length);
        return restart();
    }

    /**
     * Returns this reader, positioned before the first token.
     *
     * @param data the text between position and limit; neither is changed
     * @return this reader, positioned before the first token
     */
    public ProcDrbdReader reset(ByteBuffer data) {
        source.reset(data);
        return restart();
    }

    /**
     * Reads from position 0 with positional reads, leaving the channel's position alone, so an open
     * {@code /proc/drbd} can be read again for a new snapshot.
     *
     * @param channel an open channel; not closed by the reader
     * @return this reader, positioned before the first token
     */
    public ProcDrbdReader reset(FileChannel channel) {
        source.reset(channel);
        return restart();
    }

    /**
     * Returns this reader, positioned before the first token.
     *
     * @param in a stream read to its end; not closed by the reader
     * @return this reader, positioned before the first token
     */
    public ProcDrbdReader reset(InputStream in) {
        source.reset(in);
        return restart();
    }

    /** Forgets the last input (array, buffer, channel or stream); the reader's own buffers stay for the next reset. */
    void release() {
        engine.release(source);
    }

    private ProcDrbdReader restart() {
        engine.restart(source);
        return this;
    }

    /**
     * Advances to the next token.
     *
     * @return the token; {@link Token#END} at the end of input, and again on every later call
     * @throws IOException when the source fails
     * @throws ProcDrbdParseException in strict mode at the first deviation; in any mode past a bound
     */
    public Token next() throws IOException {
        return engine.next(source);
    }

    // ---- accessors of the current token ----

    /**
     * Returns the options this reader applies.
     *
     * @return the options this reader applies
     */
    public ParseOptions options() {
        return options;
    }

    /**
     * Returns the 1-based number of the line the current token came from.
     *
     * @return the 1-based number of the line the current token came from
     */
    public int lineNumber() {
        return engine.lineNumber;
    }

    /**
     * Returns the buffer holding the current token's text; owned by the caller for {@link #reset(byte[])}, by the
     * reader otherwise; valid until the next call of {@link #next()}.
     *
     * @return the buffer holding the current token's text; owned by the caller for {@link #reset(byte[])},
     *     by the reader otherwise; valid until the next call of {@link #next()}
     */
    public byte[] buffer() {
        return engine.cursor.buf;
    }

    /**
     * Returns VERSION: offset of the release in {@link #buffer()}.
     *
     * @return VERSION: offset of the release in {@link #buffer()}
     */
    public int releaseOffset() {
        return engine.header.releaseOffset;
    }

    /**
     * Returns VERSION: length of the release in bytes.
     *
     * @return VERSION: length of the release in bytes
     */
    public int releaseLength() {
        return engine.header.releaseLength;
    }

    /**
     * Returns VERSION: the api number.
     *
     * @return VERSION: the api number
     */
    public int api() {
        return engine.header.api;
    }

    /**
     * Returns VERSION: the lowest protocol.
     *
     * @return VERSION: the lowest protocol
     */
    public int protoMin() {
        return engine.header.protoMin;
    }

    /**
     * Returns VERSION: the highest protocol (equal to the lowest on 8.0).
     *
     * @return VERSION: the highest protocol (equal to the lowest on 8.0)
     */
    public int protoMax() {
        return engine.header.protoMax;
    }

    /**
     * Returns VERSION: whether {@code (compat 8.4)} followed.
     *
     * @return VERSION: whether {@code (compat 8.4)} followed
     */
    public boolean compat84() {
        return engine.header.compat84;
    }

    /**
     * Returns TRANSPORTS: the api number.
     *
     * @return TRANSPORTS: the api number
     */
    public int transportsApi() {
        return engine.header.transportsApi;
    }

    /**
     * Returns BUILD_TAG, TRANSPORTS (the list), DETAIL: offset of the text in {@link #buffer()}.
     *
     * @return BUILD_TAG, TRANSPORTS (the list), DETAIL: offset of the text in {@link #buffer()}
     */
    public int textOffset() {
        return engine.textOffset;
    }

    /**
     * Returns BUILD_TAG, TRANSPORTS, DETAIL: length of the text in bytes.
     *
     * @return BUILD_TAG, TRANSPORTS, DETAIL: length of the text in bytes
     */
    public int textLength() {
        return engine.textLength;
    }

    /**
     * Returns BUILD_TAG: how many blanks followed the text (they start at textOffset + textLength); the kernel pads a
     * srcversion to 24 characters.
     *
     * @return BUILD_TAG: how many blanks followed the text (they start at textOffset + textLength); the kernel pads
     *     a srcversion to 24 characters
     */
    public int trailingBlanks() {
        return engine.trailingBlanks;
    }

    /**
     * Returns DEVICE: the minor.
     *
     * @return DEVICE: the minor
     */
    public int minor() {
        return engine.device.minor;
    }

    /**
     * Returns DEVICE: the connection state.
     *
     * @return DEVICE: the connection state
     */
    public ConnectionState connectionState() {
        return engine.device.state;
    }

    /**
     * Returns DEVICE: the local role; null for Unconfigured.
     *
     * @return DEVICE: the local role; null for Unconfigured
     */
    public @Nullable Role role() {
        return engine.device.role;
    }

    /**
     * Returns DEVICE: the peer's role; null for Unconfigured.
     *
     * @return DEVICE: the peer's role; null for Unconfigured
     */
    public @Nullable Role peerRole() {
        return engine.device.peerRole;
    }

    /**
     * Returns DEVICE: the local disk state; null for Unconfigured.
     *
     * @return DEVICE: the local disk state; null for Unconfigured
     */
    public @Nullable DiskState diskState() {
        return engine.device.disk;
    }

    /**
     * Returns DEVICE: the peer's disk state; null for Unconfigured.
     *
     * @return DEVICE: the peer's disk state; null for Unconfigured
     */
    public @Nullable DiskState peerDiskState() {
        return engine.device.peerDisk;
    }

    /**
     * Returns DEVICE: the protocol; null when none was printed.
     *
     * @return DEVICE: the protocol; null when none was printed
     */
    public @Nullable ReplicationProtocol protocol() {
        return engine.device.protocol;
    }

    /**
     * Returns DEVICE: offset of the I/O flags in {@link #buffer()}.
     *
     * @return DEVICE: offset of the I/O flags in {@link #buffer()}
     */
    public int flagsOffset() {
        return engine.device.flagsOffset;
    }

    /**
     * Returns DEVICE: length of the I/O flags in bytes, 0 for Unconfigured.
     *
     * @return DEVICE: length of the I/O flags in bytes, 0 for Unconfigured
     */
    public int flagsLength() {
        return engine.device.flagsLength;
    }

    /**
     * Returns DEVICE: {@code s} in flag position 1.
     *
     * @return DEVICE: {@code s} in flag position 1
     */
    public boolean ioSuspended() {
        return engine.device.ioSuspended;
    }

    /**
     * Returns DEVICE: {@code a} in flag position 2.
     *
     * @return DEVICE: {@code a} in flag position 2
     */
    public boolean pausedByDependency() {
        return engine.device.pausedByDependency;
    }

    /**
     * Returns DEVICE: {@code p} in flag position 3.
     *
     * @return DEVICE: {@code p} in flag position 3
     */
    public boolean pausedByPeer() {
        return engine.device.pausedByPeer;
    }

    /**
     * Returns DEVICE: {@code u} in flag position 4.
     *
     * @return DEVICE: {@code u} in flag position 4
     */
    public boolean pausedByUser() {
        return engine.device.pausedByUser;
    }

    /**
     * Returns DEVICE: flag position 5; null when not printed or unknown.
     *
     * @return DEVICE: flag position 5; null when not printed or unknown
     */
    public @Nullable Congestion congestion() {
        return engine.device.congestion;
    }

    /**
     * Returns DEVICE: {@code s} in flag position 6.
     *
     * @return DEVICE: {@code s} in flag position 6
     */
    public boolean activityLogSuspended() {
        return engine.device.alSuspended;
    }

    /**
     * Returns COUNTERS: whether the line had it with a readable value.
     *
     * @param counter a key
     * @return COUNTERS: whether the line had it with a readable value
     */
    public boolean hasCounter(Counter counter) {
        return engine.counters.has(counter);
    }

    /** Whether the counters line holds every key whose bit (by ordinal) is set in {@code mask}. */
    boolean hasCounters(int mask) {
        return (engine.counters.present & mask) == mask;
    }

    /**
     * Returns COUNTERS: its value, 0 when {@link #hasCounter} is false.
     *
     * @param counter a key
     * @return COUNTERS: its value, 0 when {@link #hasCounter} is false
     */
    public long counter(Counter counter) {
        return engine.counters.values[counter.ordinal()];
    }

    /**
     * Returns COUNTERS: the {@code wo:} value; null when absent.
     *
     * @return COUNTERS: the {@code wo:} value; null when absent
     */
    public @Nullable WriteOrdering writeOrdering() {
        return engine.counters.wo;
    }

    /**
     * Returns COUNTERS: true when this line continues the previous counters line (lenient mode only).
     *
     * @return COUNTERS: true when this line continues the previous counters line (lenient mode only)
     */
    public boolean countersContinued() {
        return engine.counters.continuation;
    }

    /**
     * Returns PROGRESS: resync or verify.
     *
     * @return PROGRESS: resync or verify
     */
    public SyncProgress.Kind syncKind() {
        return engine.progress.kind;
    }

    /**
     * Returns PROGRESS: per-mille done.
     *
     * @return PROGRESS: per-mille done
     */
    public int perMille() {
        return engine.progress.perMille;
    }

    /**
     * Returns PROGRESS: KiB left.
     *
     * @return PROGRESS: KiB left
     */
    public long leftKiB() {
        return engine.progress.leftKiB;
    }

    /**
     * Returns PROGRESS: KiB in total.
     *
     * @return PROGRESS: KiB in total
     */
    public long totalKiB() {
        return engine.progress.totalKiB;
    }

    /**
     * Returns PROGRESS: the unit the sizes were printed in.
     *
     * @return PROGRESS: the unit the sizes were printed in
     */
    public SyncProgress.Unit sizeUnit() {
        return engine.progress.unit;
    }

    /**
     * Returns FINISH: whether a time was printed (not for {@code finish: ∞} or the {@code stalled} line).
     *
     * @return FINISH: whether a time was printed (not for {@code finish: ∞} or the {@code stalled} line)
     */
    public boolean hasFinishTime() {
        return engine.progress.hasFinish;
    }

    /**
     * Returns FINISH: seconds to the end.
     *
     * @return FINISH: seconds to the end
     */
    public long finishSeconds() {
        return engine.progress.finishSeconds;
    }

    /**
     * Returns FINISH: whether speeds were printed (not for the {@code stalled} line).
     *
     * @return FINISH: whether speeds were printed (not for the {@code stalled} line)
     */
    public boolean hasSpeed() {
        return engine.progress.hasSpeed;
    }

    /**
     * Returns FINISH: KiB/s over ~18 s.
     *
     * @return FINISH: KiB/s over ~18 s
     */
    public long speedKiBps() {
        return engine.progress.speed;
    }

    /**
     * Returns FINISH: average KiB/s.
     *
     * @return FINISH: average KiB/s
     */
    public long averageKiBps() {
        return engine.progress.average;
    }

    /**
     * Returns FINISH: whether the ~3 s speed was printed (proc_details).
     *
     * @return FINISH: whether the ~3 s speed was printed (proc_details)
     */
    public boolean hasRecentSpeed() {
        return engine.progress.hasRecent;
    }

    /**
     * Returns FINISH: KiB/s over ~3 s.
     *
     * @return FINISH: KiB/s over ~3 s
     */
    public long recentKiBps() {
        return engine.progress.recent;
    }

    /**
     * Returns FINISH: whether {@code want:} was printed.
     *
     * @return FINISH: whether {@code want:} was printed
     */
    public boolean hasWant() {
        return engine.progress.hasWant;
    }

    /**
     * Returns FINISH: the wanted KiB/s.
     *
     * @return FINISH: the wanted KiB/s
     */
    public long wantKiBps() {
        return engine.progress.want;
    }

    /**
     * Returns FINISH: whether the resync is stalled.
     *
     * @return FINISH: whether the resync is stalled
     */
    public boolean stalled() {
        return engine.progress.stalled;
    }

    /**
     * Returns PROBLEM: the problem.
     *
     * @return PROBLEM: the problem
     */
    public ParseProblem problem() {
        return engine.problem;
    }
}
