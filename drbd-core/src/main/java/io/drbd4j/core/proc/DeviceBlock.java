package io.drbd4j.core.proc;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.SyncProgress;
import java.nio.charset.StandardCharsets;

/**
 * The order of lines inside one device's block, checked as they come: the device line, its counters, the
 * progress and finish lines while a resync or verify runs, then proc_details lines.
 * Also the ascending-minor rule and the device bound. A device whose line could not be read is skipped with
 * its block. Not thread-safe.
 */
final class DeviceBlock {
    private static final byte[] RESYNC = Cursor.ascii("resync:");
    private static final byte[] ACT_LOG = Cursor.ascii("act_log:");
    private static final byte[] BLOCKED = Cursor.ascii("blocked on activity log:");
    private static final byte[] LRU_HEADER = Cursor.ascii("nn: lc_number");

    private final ParseOptions options;
    private final ProblemSink sink;

    private int count;
    private int lastMinor;
    private boolean open;
    private boolean skipped;
    private int minor;
    private ConnectionState state;
    private boolean sawCounters;
    private boolean sawProgress;
    private boolean needFinish;
    private int line;
    /** The open device's line, for the problems its block reports when it closes: in place or in lineCopy. */
    private byte[] lineBytes;

    private int lineOffset;
    private byte[] lineCopy = new byte[256];
    private int lineCopyLength;

    /**
     * Whether the input lies in the caller's array, which must not change while it is read: then the device line is
     * kept where it is instead of copied. A reader's own buffer is compacted and refilled, so its lines are copied.
     */
    boolean inPlace;

    DeviceBlock(ParseOptions options, ProblemSink sink) {
        this.options = options;
        this.sink = sink;
    }

    void reset() {
        count = 0;
        lastMinor = -1;
        open = false;
        skipped = false;
        lineBytes = null;
    }

    boolean started() {
        return count > 0;
    }

    /** Opens the block of the device line at the cursor; false when the line could not be read. */
    boolean open(Cursor c, DeviceLineParser device, int lineNumber) {
        return open(c, device, lineNumber, false);
    }

    /**
     * Opens the block of the device line at the cursor, which {@code device} holds already when {@code parsed} (read by
     * {@link SinglePassLine}); false when the line could not be read.
     */
    boolean open(Cursor c, DeviceLineParser device, int lineNumber, boolean parsed) {
        if (++count > options.maxDevices()) {
            throw new ProcDrbdParseException(
                    lineNumber,
                    c.column(),
                    "more than " + options.maxDevices() + " devices (expected: at most maxDevices = "
                            + options.maxDevices() + ")",
                    c.lineText());
        }
        int column = c.column();
        open = true;
        skipped = !parsed && !device.parse(c, sink);
        if (skipped) {
            return false;
        }
        if (device.minor <= lastMinor) {
            sink.problem(
                    column,
                    "minor " + device.minor + " after minor " + lastMinor + " (expected: ascending minors, each once)");
        }
        lastMinor = Math.max(lastMinor, device.minor);
        minor = device.minor;
        state = device.state;
        sawCounters = false;
        sawProgress = false;
        needFinish = false;
        line = lineNumber;
        lineCopyLength = c.end - c.start;
        if (lineCopy.length < lineCopyLength) {
            lineCopy = new byte[lineCopyLength];
        }
        if (inPlace) {
            lineBytes = c.buf;
            lineOffset = c.start;
            return true;
        }
        System.arraycopy(c.buf, c.start, lineCopy, 0, lineCopyLength);
        lineBytes = lineCopy;
        lineOffset = 0;
        return true;
    }

    /** Closes the open block at a new device line or the end of input, reporting what it lacked. */
    void close(int lineNumber) {
        if (!open || skipped) {
            open = false;
            return;
        }
        open = false;
        if (state == ConnectionState.UNCONFIGURED) {
            return;
        }
        if (!sawCounters) {
            blockProblem("minor " + minor + " has no counters line (expected: \"ns:... oos:...\" after its device"
                    + " line)");
        } else if (state.printsProgress() && !sawProgress) {
            blockProblem("minor " + minor + " is " + state.label() + " but has no progress line (expected: \"[==>"
                    + "...] sync'ed: ...\" after its counters)");
        } else if (needFinish) {
            blockProblem("minor " + minor + " has a progress line but no finish line (expected: \"finish: h:mm:ss"
                    + " speed: ...\")");
        }
    }

    private void blockProblem(String message) {
        String text = new String(lineBytes, lineOffset, lineCopyLength, StandardCharsets.UTF_8);
        sink.problemAt(line, lineCopyLength + 1, message, text);
    }

    /**
     * Returns whether the counters at the cursor belong to the open device (problems reported).
     *
     * @return whether the counters at the cursor belong to the open device (problems reported)
     */
    boolean counters(Cursor c, CountersParser parser) {
        if (!inDevice(c, "counters")) {
            return false;
        }
        boolean first = CountersParser.isFirstKey(c);
        if (!countersAllowed(c, first)) {
            return false;
        }
        parser.parse(c, sink, !first);
        return true;
    }

    /**
     * Returns whether the counters line at the cursor, which starts with "ns:" and which {@link SinglePassLine} has
     * read, belongs to the open device (problems reported).
     *
     * @return whether the counters line at the cursor belongs to the open device
     */
    boolean countersRead(Cursor c) {
        return inDevice(c, "counters") && countersAllowed(c, true);
    }

    /**
     * Returns whether a counters line that starts with "ns:" when {@code first} belongs to the open device, whose
     * counters it then is; the caller reads the line (problems reported).
     *
     * @return whether a counters line that starts with "ns:" when {@code first} belongs to the open device
     */
    private boolean countersAllowed(Cursor c, boolean first) {
        if (state == ConnectionState.UNCONFIGURED) {
            sink.problem(c.column(), "counters under Unconfigured minor " + minor + " (expected: none)");
            return false;
        }
        if (first && sawCounters) {
            sink.problem(c.column(), "a second counters line for minor " + minor + " (expected: one)");
            return false;
        }
        if (!first) {
            if (!sawCounters || sawProgress) {
                sink.problem(
                        c.column(),
                        "counters " + c.seen() + " without \"ns:\" first (expected: one counters"
                                + " line starting with ns:)");
                return false;
            }
            sink.problem(
                    c.column(),
                    "the counters line of minor " + minor + " continues on this line (expected:"
                            + " all counters on one line)");
        } else if (sawProgress) {
            sink.problem(
                    c.column(),
                    "counters after the progress line (expected: counters right after the" + " device line)");
        }
        sawCounters = true;
        return true;
    }

    boolean progress(Cursor c, ProgressParser parser) {
        if (!progressAllowed(c)) {
            return false;
        }
        if (!parser.progress(c, sink)) {
            return false;
        }
        progressRead(c, parser);
        return true;
    }

    /**
     * Checks a progress line that {@code parser} has read, with the cursor after it, against the open device's state.
     */
    void progressRead(Cursor c, ProgressParser parser) {
        SyncProgress.Kind expected = state.isVerify() ? SyncProgress.Kind.VERIFY : SyncProgress.Kind.SYNC;
        if (state.printsProgress() && parser.kind != expected) {
            sink.problem(
                    c.column(),
                    (parser.kind == SyncProgress.Kind.SYNC ? "sync'ed:" : "verified:") + " under "
                            + state.label() + " (expected: "
                            + (expected == SyncProgress.Kind.SYNC ? "sync'ed:" : "verified:")
                            + ")");
        }
        sawProgress = true;
        needFinish = !parser.gluedFinish;
    }

    boolean oldVerify(Cursor c, ProgressParser parser) {
        if (!progressAllowed(c)) {
            return false;
        }
        if (!state.isVerify()) {
            sink.problem(
                    c.column(),
                    "unrecognised line " + c.seen() + " (expected: a verify progress line only"
                            + " under VerifyS or VerifyT)");
            return false;
        }
        if (!parser.oldVerify(c, sink)) {
            return false;
        }
        sawProgress = true;
        return true;
    }

    /**
     * Returns whether a progress line may follow here, reporting why not; a progress line under a state without one
     * is reported and still read.
     *
     * @return whether a progress line may follow here
     */
    boolean progressAllowed(Cursor c) {
        if (!inDevice(c, "progress")) {
            return false;
        }
        if (sawProgress) {
            sink.problem(c.column(), "a second progress line for minor " + minor + " (expected: one)");
            return false;
        }
        if (!state.printsProgress()) {
            sink.problem(
                    c.column(),
                    "a progress line under " + state.label() + " (expected: progress only under"
                            + " SyncSource, SyncTarget, VerifyS or VerifyT)");
            return state != ConnectionState.UNCONFIGURED;
        }
        if (!sawCounters) {
            sink.problem(c.column(), "a progress line before the counters (expected: the counters line first)");
        }
        return true;
    }

    boolean finish(Cursor c, ProgressParser parser) {
        if (!finishAllowed(c)) {
            return false;
        }
        needFinish = false;
        return parser.finish(c, sink);
    }

    boolean stalled(Cursor c, ProgressParser parser) {
        if (!finishAllowed(c)) {
            return false;
        }
        needFinish = false;
        parser.stalledLine();
        return true;
    }

    /**
     * Returns whether the finish line at the cursor, which {@link SinglePassLine} has read, follows a progress line of
     * the open device (problems reported).
     *
     * @return whether the finish line at the cursor follows a progress line of the open device
     */
    boolean finishRead(Cursor c) {
        if (!finishAllowed(c)) {
            return false;
        }
        needFinish = false;
        return true;
    }

    private boolean finishAllowed(Cursor c) {
        if (!inDevice(c, "finish")) {
            return false;
        }
        if (!needFinish) {
            sink.problem(
                    c.column(),
                    "a finish line " + c.seen() + " without a progress line before it (expected:"
                            + " \"[==>...] sync'ed: ...\" first)");
            return false;
        }
        return true;
    }

    /**
     * Returns whether the line is a proc_details line (LRU statistics or dump, sector pos, blocked on AL).
     *
     * @return whether the line is a proc_details line (LRU statistics or dump, sector pos, blocked on AL)
     */
    static boolean isDetailLine(Cursor c) {
        if (c.startsWith(RESYNC) || c.startsWith(ACT_LOG) || c.startsWith(BLOCKED) || c.startsWith(LRU_HEADER)) {
            return true;
        }
        if (ProgressParser.isPercentLine(c)) {
            return true;
        }
        // LRU dump entries "\t%2d: FREE" and "\t%2d: %4u %4u    %5d %s %s" (the resync LRU dump of drbd_proc.c); device
        // lines were
        // recognised before this is asked.
        int i = c.pos;
        while (i < c.end && Cursor.isDigit(c.buf[i])) {
            i++;
        }
        return i > c.pos && i < c.end && c.buf[i] == ':';
    }

    boolean detail(Cursor c) {
        return inDevice(c, "proc_details");
    }

    private boolean inDevice(Cursor c, String what) {
        if (!open) {
            sink.problem(
                    c.column(),
                    "a " + what + " line " + c.seen() + " before any device line (expected: a"
                            + " device line such as \" 0: cs:Connected ...\" first)");
            return false;
        }
        return !skipped;
    }
}
