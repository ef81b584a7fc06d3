package io.drbd4j.core.proc;

import io.drbd4j.core.proc.ProcDrbdReader.Token;
import java.io.IOException;
import java.util.ArrayDeque;

/**
 * The engine under {@link ProcDrbdReader}: takes one line at a time from a {@link LineSource}, recognises it by
 * content, checks the order of header and device blocks, and queues the tokens and problems the line yields.
 * The line parsers keep their results in fields that the reader's accessors read. Not thread-safe.
 */
final class LineDispatcher {
    private enum Section {
        START,
        AFTER_VERSION,
        BODY
    }

    private static final byte[] EMPTY = new byte[0];

    private final ParseOptions options;
    final Cursor cursor = new Cursor();
    private final Sink sink = new Sink();
    final HeaderParser header = new HeaderParser();
    final DeviceLineParser device = new DeviceLineParser();
    final CountersParser counters = new CountersParser();
    final ProgressParser progress = new ProgressParser();
    private final SinglePassLine fast = new SinglePassLine();
    private final DeviceBlock block;

    /** A line yields at most two value tokens; its problems wait in {@link #problems} and come first. */
    private final Token[] queue = new Token[4];

    /** The token of the line {@link #singlePass} read, if any; handed out directly when no problem precedes it. */
    private Token direct;

    private int queueHead;
    private int queueSize;
    private final ArrayDeque<ParseProblem> problems = new ArrayDeque<>();
    ParseProblem problem;

    private Section section;
    int lineNumber;
    private boolean versionSeen;
    private boolean buildTagSeen;
    private boolean ended;
    int textOffset;
    int textLength;
    int trailingBlanks;

    LineDispatcher(ParseOptions options) {
        this.options = options;
        this.block = new DeviceBlock(options, sink);
    }

    void restart(LineSource source) {
        direct = null;
        queueHead = 0;
        queueSize = 0;
        problems.clear();
        sink.restart();
        problem = null;
        section = Section.START;
        lineNumber = 0;
        versionSeen = false;
        buildTagSeen = false;
        ended = false;
        block.reset();
        block.inPlace = source.inPlace();
    }

    /**
     * Drops the references to the last input (array, buffer, channel or stream) that the source and the cursor hold,
     * keeping the reader's own buffers for the next {@code reset}.
     */
    void release(LineSource source) {
        source.reset(EMPTY, 0, 0);
        cursor.set(EMPTY, 0, 0);
        block.reset();
    }

    /**
     * Advances to the next token.
     *
     * @return the token; {@link Token#END} at the end of input, and again on every later call
     * @throws IOException when the source fails
     * @throws ProcDrbdParseException in strict mode at the first deviation; in any mode past a bound
     */
    Token next(LineSource source) throws IOException {
        // A line's problems are all found before its tokens are queued, so handing out problems first keeps
        // input order.
        while (problems.isEmpty() && queueSize == 0) {
            if (ended) {
                return Token.END;
            }
            if (versionSeen && singlePass(source)) {
                Token t = direct;
                if (t != null) {
                    direct = null;
                    if (problems.isEmpty()) {
                        // The common case: the line's one token, handed out without the queue.
                        return t;
                    }
                    emit(t);
                }
                continue;
            }
            if (source.next(lineNumber + 1)) {
                lineNumber++;
                cursor.set(source.buffer(), source.lineStart, source.lineEnd);
                line();
            } else {
                endOfInput(source);
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

    /**
     * Reads the next line in one pass when it is a device, counters, progress or finish line in the kernel's exact
     * form ({@link SinglePassLine}); false leaves the line to {@link LineSource#next} and {@link #line()}. Past the
     * version line only: before it, every line is a problem.
     */
    private boolean singlePass(LineSource source) {
        byte[] b = source.buffer();
        int start = source.position();
        int newline = fast.scan(b, start, source.limit());
        if (newline < 0 || !source.take(newline)) {
            return false;
        }
        lineNumber++;
        Cursor c = cursor;
        c.setTrimmed(b, start, newline, fast.tokenStart);
        if (fast.kind == SinglePassLine.Kind.DEVICE) {
            block.close(lineNumber);
            section = Section.BODY;
            fast.commitDevice(device, b);
            if (block.open(c, device, lineNumber, true)) {
                direct = Token.DEVICE;
            }
        } else if (fast.kind == SinglePassLine.Kind.COUNTERS) {
            if (block.countersRead(c)) {
                fast.counters.commit(counters);
                direct = Token.COUNTERS;
            }
        } else if (fast.kind == SinglePassLine.Kind.PROGRESS) {
            if (block.progressAllowed(c)) {
                fast.progress.commitProgress(progress);
                // The state check reports at the line's end, where the general parser leaves the cursor.
                c.pos = c.end;
                block.progressRead(c, progress);
                direct = Token.PROGRESS;
            }
        } else if (block.finishRead(c)) {
            fast.progress.commitFinish(progress);
            direct = Token.FINISH;
        }
        return true;
    }

    private void emit(Token t) {
        queue[(queueHead + queueSize) & (queue.length - 1)] = t;
        queueSize++;
    }

    private void report(int column, String message) {
        sink.problem(column, message);
    }

    /**
     * Strict mode throws; lenient mode queues the problem, within the caps of {@link ParseOptions}: a line of
     * 16 KiB full of junk tokens once gave 8,189 problems, each with its own copy of the line.
     */
    private final class Sink implements ProblemSink {
        /** Problems reported for this input, and for {@link #countedLine}. */
        private int reported;

        private int countedLine;
        private int inLine;

        /** The cut text of {@link #textLine}, shared by the problems of that line. */
        private int textLine;

        private String text;

        void restart() {
            reported = 0;
            countedLine = 0;
            inLine = 0;
            textLine = 0;
            text = null;
        }

        @Override
        public void problem(int column, String message) {
            if (options.isStrict()) {
                throw new ProcDrbdParseException(lineNumber, column, message, cursor.lineText());
            }
            if (reported > ParseOptions.MAX_PROBLEMS) {
                // Past the input's cap nothing is kept: do not even decode the line.
                return;
            }
            if (textLine != lineNumber || text == null) {
                textLine = lineNumber;
                text = ParseProblem.cut(cursor.lineText());
            }
            problemAt(lineNumber, column, message, text);
        }

        @Override
        public void problemAt(int line, int column, String message, String lineText) {
            if (options.isStrict()) {
                throw new ProcDrbdParseException(line, column, message, lineText);
            }
            if (reported > ParseOptions.MAX_PROBLEMS) {
                return;
            }
            if (line != countedLine) {
                countedLine = line;
                inLine = 0;
            } else if (inLine > ParseOptions.MAX_PROBLEMS_PER_LINE) {
                return;
            }
            reported++;
            inLine++;
            if (reported > ParseOptions.MAX_PROBLEMS) {
                problems.add(ParseProblem.of(
                        line,
                        column,
                        "more than " + ParseOptions.MAX_PROBLEMS + " problems in this input; further ones are not"
                                + " reported (expected: at most " + ParseOptions.MAX_PROBLEMS + " reported)",
                        lineText));
            } else if (inLine > ParseOptions.MAX_PROBLEMS_PER_LINE) {
                problems.add(ParseProblem.of(
                        line,
                        column,
                        "more than " + ParseOptions.MAX_PROBLEMS_PER_LINE + " problems on line " + line
                                + "; the rest of them are not reported (expected: at most "
                                + ParseOptions.MAX_PROBLEMS_PER_LINE + " reported per line)",
                        lineText));
            } else {
                problems.add(ParseProblem.of(line, column, message, lineText));
            }
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

    private void endOfInput(LineSource source) {
        ended = true;
        if (!versionSeen) {
            versionSeen = true;
            cursor.set(source.buffer(), 0, 0);
            lineNumber = Math.max(lineNumber, 1);
            report(1, "empty input (expected: the version line, such as \"version: 8.4.11-1 (api:1/proto:86-101)\")");
        }
        block.close(lineNumber);
    }
}
