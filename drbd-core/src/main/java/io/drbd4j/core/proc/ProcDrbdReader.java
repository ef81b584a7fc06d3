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
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * A pull reader of {@code /proc/drbd}: {@link #next()} advances one token, and the accessors of that token
 * return enums and primitives. Text is exposed as ({@link #buffer()}, offset, length) and stays valid until the
 * next call of {@link #next()}; the buffer is the caller's array for {@link #reset(byte[])}, otherwise the
 * reader's own.
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
 * <p>Strict mode throws {@link ProcDrbdParseException} at the first deviation; lenient mode returns a
 * {@link Token#PROBLEM} token for it (before the tokens of the same line) and goes on. Not thread-safe: use one
 * reader per thread.
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

    private enum Section {
        START,
        AFTER_VERSION,
        BODY
    }

    private final ParseOptions options;
    private final LineSource source;
    private final Cursor cursor = new Cursor();
    private final ProblemSink sink = new Sink();
    private final HeaderParser header = new HeaderParser();
    private final DeviceLineParser device = new DeviceLineParser();
    private final CountersParser counters = new CountersParser();
    private final ProgressParser progress = new ProgressParser();
    private final DeviceBlock block;

    /** A line yields at most two value tokens; its problems wait in {@link #problems} and come first. */
    private final Token[] queue = new Token[4];

    private int queueHead;
    private int queueSize;
    private final ArrayDeque<ParseProblem> problems = new ArrayDeque<>();
    private ParseProblem problem;

    private Section section;
    private int lineNumber;
    private boolean versionSeen;
    private boolean buildTagSeen;
    private boolean ended;
    private int textOffset;
    private int textLength;
    private int trailingBlanks;

    /** @param options mode and bounds */
    public ProcDrbdReader(ParseOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.source = new LineSource(options.maxLineLength(), options.maxInputBytes());
        this.block = new DeviceBlock(options, sink);
    }

    /**
     * @param data the whole text, read in place; must not change while reading
     * @return this reader, positioned before the first token
     */
    public ProcDrbdReader reset(byte[] data) {
        return reset(data, 0, data.length);
    }

    /**
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
     * @param in a stream read to its end; not closed by the reader
     * @return this reader, positioned before the first token
     */
    public ProcDrbdReader reset(InputStream in) {
        source.reset(in);
        return restart();
    }

    /**
     * Drops the reference to the last input (array, buffer, channel or stream), keeping the reader's own buffers
     * for the next {@code reset}.
     */
    void release() {
        source.reset(EMPTY, 0, 0);
        cursor.set(EMPTY, 0, 0);
    }

    private static final byte[] EMPTY = new byte[0];

    private ProcDrbdReader restart() {
        queueHead = 0;
        queueSize = 0;
        problems.clear();
        problem = null;
        section = Section.START;
        lineNumber = 0;
        versionSeen = false;
        buildTagSeen = false;
        ended = false;
        block.reset();
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
        // A line's problems are all found before its tokens are queued, so handing out problems first keeps
        // input order.
        while (problems.isEmpty() && queueSize == 0) {
            if (ended) {
                return Token.END;
            }
            if (source.next(lineNumber + 1)) {
                lineNumber++;
                cursor.set(source.buffer(), source.lineStart, source.lineEnd);
                line();
            } else {
                endOfInput();
            }
        }
        if (!problems.isEmpty()) {
            problem = problems.poll();
            return Token.PROBLEM;
        }
        Token t = queue[queueHead];
        queueHead = (queueHead + 1) & (queue.length - 1);
        queueSize--;
        return t;
    }

    private void emit(Token t) {
        queue[(queueHead + queueSize) & (queue.length - 1)] = t;
        queueSize++;
    }

    private void report(int column, String message) {
        sink.problem(column, message);
    }

    private final class Sink implements ProblemSink {
        @Override
        public void problem(int column, String message) {
            problemAt(lineNumber, column, message, cursor.lineText());
        }

        @Override
        public void problemAt(int line, int column, String message, String lineText) {
            if (options.isStrict()) {
                throw new ProcDrbdParseException(line, column, message, lineText);
            }
            problems.add(ParseProblem.of(line, column, message, lineText));
        }
    }

    private void line() {
        Cursor c = cursor;
        c.skipBlanks();
        if (c.eol()) {
            return;
        }
        byte first = c.peek();
        if (first == 'v' && c.startsWith(HeaderParser.VERSION)) {
            version(c);
            return;
        }
        if (!versionSeen) {
            versionSeen = true;
            report(
                    c.column(),
                    "saw " + c.seen() + " (expected: the version line, such as"
                            + " \"version: 8.4.11-1 (api:1/proto:86-101)\", first)");
        }
        // The common lines first, by their first byte: device, counters, progress, finish.
        if (Cursor.isDigit(first)) {
            if (DeviceLineParser.isDeviceLine(c)) {
                device(c);
                return;
            }
            if (ProgressParser.isPercentLine(c) && !ProgressParser.isSectorPos(c)) {
                if (block.oldVerify(c, progress)) {
                    emit(Token.PROGRESS);
                }
                return;
            }
        } else if (first == '[') {
            if (block.progress(c, progress)) {
                emit(Token.PROGRESS);
                if (progress.gluedFinish) {
                    emit(Token.FINISH);
                }
            }
            return;
        } else if (first == 'f' && c.startsWith(ProgressParser.FINISH)) {
            if (block.finish(c, progress)) {
                emit(Token.FINISH);
            }
            return;
        }
        if (CountersParser.isCountersLine(c)) {
            if (block.counters(c, counters)) {
                emit(Token.COUNTERS);
            }
        } else if (c.startsWith(HeaderParser.TRANSPORTS)) {
            transports(c);
        } else if (c.startsWith(ProgressParser.STALLED) && c.end - c.pos == ProgressParser.STALLED.length) {
            if (block.stalled(c, progress)) {
                emit(Token.FINISH);
            }
        } else if (isBuildTag(c)) {
            buildTag(c);
        } else if (DeviceBlock.isDetailLine(c)) {
            if (block.detail(c)) {
                textOffset = c.pos;
                textLength = c.end - c.pos;
                emit(Token.DETAIL);
            }
        } else {
            String seen = ProcDrbdParseException.printable(c.text(c.pos, Math.min(c.end, c.pos + 60)));
            report(
                    c.column(),
                    "unrecognised line \"" + seen + "\" (expected: a device, counters, progress,"
                            + " finish or proc_details line)");
        }
    }

    private void device(Cursor c) {
        block.close(lineNumber);
        section = Section.BODY;
        if (block.open(c, device, lineNumber)) {
            emit(Token.DEVICE);
        }
    }

    private boolean isBuildTag(Cursor c) {
        return section == Section.AFTER_VERSION || HeaderParser.isBuildTag(c);
    }

    private void version(Cursor c) {
        if (versionSeen) {
            report(c.column(), "a second version line (expected: one, as the first line)");
            return;
        }
        versionSeen = true;
        section = Section.AFTER_VERSION;
        if (header.version(c, sink)) {
            emit(Token.VERSION);
        }
    }

    private void buildTag(Cursor c) {
        if (buildTagSeen) {
            report(c.column(), "a second build tag line " + c.seen() + " (expected: one, after the version line)");
            return;
        }
        buildTagSeen = true;
        section = Section.BODY;
        textOffset = c.pos;
        textLength = c.end - c.pos;
        int blanks = 0;
        while (c.end + blanks < c.endWithBlanks && Cursor.isBlank(c.buf[c.end + blanks])) {
            blanks++;
        }
        trailingBlanks = blanks;
        emit(Token.BUILD_TAG);
    }

    private void transports(Cursor c) {
        if (block.started()) {
            report(c.column(), "a Transports line after the devices (expected: it right after the build tag)");
            return;
        }
        section = Section.BODY;
        if (header.transports(c, sink)) {
            textOffset = header.listOffset;
            textLength = header.listLength;
            emit(Token.TRANSPORTS);
        }
    }

    private void endOfInput() {
        ended = true;
        if (!versionSeen) {
            versionSeen = true;
            cursor.set(source.buffer(), 0, 0);
            lineNumber = Math.max(lineNumber, 1);
            report(1, "empty input (expected: the version line, such as \"version: 8.4.11-1 (api:1/proto:86-101)\")");
        }
        block.close(lineNumber);
    }

    // ---- accessors of the current token ----

    /** @return the options this reader applies */
    public ParseOptions options() {
        return options;
    }

    /** @return the 1-based number of the line the current token came from */
    public int lineNumber() {
        return lineNumber;
    }

    /**
     * @return the buffer holding the current token's text; owned by the caller for {@link #reset(byte[])},
     *     by the reader otherwise; valid until the next call of {@link #next()}
     */
    public byte[] buffer() {
        return cursor.buf;
    }

    /** @return VERSION: offset of the release in {@link #buffer()} */
    public int releaseOffset() {
        return header.releaseOffset;
    }

    /** @return VERSION: length of the release in bytes */
    public int releaseLength() {
        return header.releaseLength;
    }

    /** @return VERSION: the api number */
    public int api() {
        return header.api;
    }

    /** @return VERSION: the lowest protocol */
    public int protoMin() {
        return header.protoMin;
    }

    /** @return VERSION: the highest protocol (equal to the lowest on 8.0) */
    public int protoMax() {
        return header.protoMax;
    }

    /** @return VERSION: whether {@code (compat 8.4)} followed */
    public boolean compat84() {
        return header.compat84;
    }

    /** @return TRANSPORTS: the api number */
    public int transportsApi() {
        return header.transportsApi;
    }

    /** @return BUILD_TAG, TRANSPORTS (the list), DETAIL: offset of the text in {@link #buffer()} */
    public int textOffset() {
        return textOffset;
    }

    /** @return BUILD_TAG, TRANSPORTS, DETAIL: length of the text in bytes */
    public int textLength() {
        return textLength;
    }

    /**
     * @return BUILD_TAG: how many blanks followed the text (they start at textOffset + textLength); the kernel pads
     *     a srcversion to 24 characters
     */
    public int trailingBlanks() {
        return trailingBlanks;
    }

    /** @return DEVICE: the minor */
    public int minor() {
        return device.minor;
    }

    /** @return DEVICE: the connection state */
    public ConnectionState connectionState() {
        return device.state;
    }

    /** @return DEVICE: the local role; null for Unconfigured */
    public Role role() {
        return device.role;
    }

    /** @return DEVICE: the peer's role; null for Unconfigured */
    public Role peerRole() {
        return device.peerRole;
    }

    /** @return DEVICE: the local disk state; null for Unconfigured */
    public DiskState diskState() {
        return device.disk;
    }

    /** @return DEVICE: the peer's disk state; null for Unconfigured */
    public DiskState peerDiskState() {
        return device.peerDisk;
    }

    /** @return DEVICE: the protocol; null when none was printed */
    public ReplicationProtocol protocol() {
        return device.protocol;
    }

    /** @return DEVICE: offset of the I/O flags in {@link #buffer()} */
    public int flagsOffset() {
        return device.flagsOffset;
    }

    /** @return DEVICE: length of the I/O flags in bytes, 0 for Unconfigured */
    public int flagsLength() {
        return device.flagsLength;
    }

    /** @return DEVICE: {@code s} in flag position 1 */
    public boolean ioSuspended() {
        return device.ioSuspended;
    }

    /** @return DEVICE: {@code a} in flag position 2 */
    public boolean pausedByDependency() {
        return device.pausedByDependency;
    }

    /** @return DEVICE: {@code p} in flag position 3 */
    public boolean pausedByPeer() {
        return device.pausedByPeer;
    }

    /** @return DEVICE: {@code u} in flag position 4 */
    public boolean pausedByUser() {
        return device.pausedByUser;
    }

    /** @return DEVICE: flag position 5; null when not printed or unknown */
    public Congestion congestion() {
        return device.congestion;
    }

    /** @return DEVICE: {@code s} in flag position 6 */
    public boolean activityLogSuspended() {
        return device.alSuspended;
    }

    /**
     * @param counter a key
     * @return COUNTERS: whether the line had it with a readable value
     */
    public boolean hasCounter(Counter counter) {
        return counters.has(counter);
    }

    /**
     * @param counter a key
     * @return COUNTERS: its value, 0 when {@link #hasCounter} is false
     */
    public long counter(Counter counter) {
        return counters.values[counter.ordinal()];
    }

    /** @return COUNTERS: the {@code wo:} value; null when absent */
    public WriteOrdering writeOrdering() {
        return counters.wo;
    }

    /** @return COUNTERS: true when this line continues the previous counters line (lenient mode only) */
    public boolean countersContinued() {
        return counters.continuation;
    }

    /** @return PROGRESS: resync or verify */
    public SyncProgress.Kind syncKind() {
        return progress.kind;
    }

    /** @return PROGRESS: per-mille done */
    public int perMille() {
        return progress.perMille;
    }

    /** @return PROGRESS: KiB left */
    public long leftKiB() {
        return progress.leftKiB;
    }

    /** @return PROGRESS: KiB in total */
    public long totalKiB() {
        return progress.totalKiB;
    }

    /** @return PROGRESS: the unit the sizes were printed in */
    public SyncProgress.Unit sizeUnit() {
        return progress.unit;
    }

    /** @return FINISH: whether a time was printed (not for {@code finish: ∞} or the {@code stalled} line) */
    public boolean hasFinishTime() {
        return progress.hasFinish;
    }

    /** @return FINISH: seconds to the end */
    public long finishSeconds() {
        return progress.finishSeconds;
    }

    /** @return FINISH: whether speeds were printed (not for the {@code stalled} line) */
    public boolean hasSpeed() {
        return progress.hasSpeed;
    }

    /** @return FINISH: KiB/s over ~18 s */
    public long speedKiBps() {
        return progress.speed;
    }

    /** @return FINISH: average KiB/s */
    public long averageKiBps() {
        return progress.average;
    }

    /** @return FINISH: whether the ~3 s speed was printed (proc_details) */
    public boolean hasRecentSpeed() {
        return progress.hasRecent;
    }

    /** @return FINISH: KiB/s over ~3 s */
    public long recentKiBps() {
        return progress.recent;
    }

    /** @return FINISH: whether {@code want:} was printed */
    public boolean hasWant() {
        return progress.hasWant;
    }

    /** @return FINISH: the wanted KiB/s */
    public long wantKiBps() {
        return progress.want;
    }

    /** @return FINISH: whether the resync is stalled */
    public boolean stalled() {
        return progress.stalled;
    }

    /** @return PROBLEM: the problem */
    public ParseProblem problem() {
        return problem;
    }
}
