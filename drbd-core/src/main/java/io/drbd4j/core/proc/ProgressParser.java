package io.drbd4j.core.proc;

import io.drbd4j.core.model.SyncProgress;

/**
 * Reads the progress lines under a syncing or verifying device:
 *
 * <pre>{@code
 * 	[======>.............] sync'ed: 36.3% (1670512/2613068)K
 * 	finish: 0:00:47 speed: 35,152 (18,124) want: 44,520 K/sec
 * }</pre>
 *
 * and their older forms: the finish part glued to {@code )M} by mainline kernels, the {@code stalled} line
 * of 8.0 to 8.3.8, 8.3.8's {@code queue_delay:}/{@code delay_probe:} suffixes and the bar-less verify line
 * {@code \t 42%      123456/654321} (bitmap bits) before 8.3.10. Not thread-safe.
 */
final class ProgressParser {
    static final byte[] FINISH = Cursor.ascii("finish:");
    static final byte[] STALLED = Cursor.ascii("stalled");
    private static final byte[] SYNCED = Cursor.ascii("sync'ed:");
    private static final byte[] VERIFIED = Cursor.ascii("verified:");
    // Documents turn the apostrophe into U+2019 (fixture 030) or drop it.
    private static final byte[] SYNCED_TYPOGRAPHIC = {
        's', 'y', 'n', 'c', (byte) 0xE2, (byte) 0x80, (byte) 0x99, 'e', 'd', ':'
    };
    private static final byte[] SYNCED_PLAIN = Cursor.ascii("synced:");
    private static final byte[] QUEUE_DELAY = Cursor.ascii("queue_delay:");
    private static final byte[] DELAY_PROBE = Cursor.ascii("delay_probe:");
    private static final byte[] MS = Cursor.ascii("ms");
    private static final byte[] SPEED = Cursor.ascii("speed:");
    private static final byte[] WANT = Cursor.ascii("want:");
    private static final byte[] K_SEC = Cursor.ascii("K/sec");
    private static final byte[] STALLED_SUFFIX = Cursor.ascii("(stalled)");
    private static final byte[] DASHES = Cursor.ascii("--");
    private static final byte[] SECTOR_POS = Cursor.ascii("sector pos:");
    /** U+221E, printed by DRBD 9 compat mode when the resync does not converge. */
    private static final byte[] INFINITY = {(byte) 0xE2, (byte) 0x88, (byte) 0x9E};

    SyncProgress.Kind kind;
    int perMille;
    long leftKiB;
    long totalKiB;
    SyncProgress.Unit unit;
    /** True after a progress line whose finish part was glued to it. */
    boolean gluedFinish;

    long finishSeconds;
    long speed;
    long average;
    long recent;
    long want;
    boolean hasFinish;
    boolean hasSpeed;
    boolean hasRecent;
    boolean hasWant;
    boolean stalled;

    /**
     * Returns whether the line at the cursor is a percent line: old verify or sector pos (not moved).
     *
     * @return whether the line at the cursor is a percent line: old verify or sector pos (not moved)
     */
    static boolean isPercentLine(Cursor c) {
        int i = c.pos;
        while (i < c.end && Cursor.isDigit(c.buf[i])) {
            i++;
        }
        return i > c.pos && i < c.end && c.buf[i] == '%';
    }

    /**
     * Returns whether a percent line is {@code N% sector pos: ...} (a proc_details line); cursor not moved.
     *
     * @return whether a percent line is {@code N% sector pos: ...} (a proc_details line); cursor not moved
     */
    static boolean isSectorPos(Cursor c) {
        int save = c.pos;
        c.pos = c.indexOf((byte) '%', c.end) + 1;
        c.skipBlanks();
        boolean sector = c.startsWith(SECTOR_POS);
        c.pos = save;
        return sector;
    }

    /** Parses {@code [bar] sync'ed: P% (L/T)K|M}, then a glued finish part if there is one. */
    boolean progress(Cursor c, ProblemSink sink) {
        clearFinish();
        gluedFinish = false;
        c.take('[');
        int close = c.indexOf((byte) ']', c.end);
        if (close < 0) {
            sink.problem(c.column(), "progress bar without ']' (expected: [====>....] then sync'ed: or verified:)");
            return false;
        }
        for (int i = c.pos; i < close; i++) {
            byte b = c.buf[i];
            if (b != '=' && b != '>' && b != '.') {
                sink.problem(
                        c.columnOf(i),
                        "progress bar character \"" + c.text(i, close).charAt(0) + "\" (expected: '=', '>' or '.')");
                break;
            }
        }
        c.pos = close + 1;
        c.skipBlanks();
        if (c.take(SYNCED)) {
            kind = SyncProgress.Kind.SYNC;
        } else if (c.take(VERIFIED)) {
            kind = SyncProgress.Kind.VERIFY;
        } else if (c.startsWith(SYNCED_TYPOGRAPHIC) || c.startsWith(SYNCED_PLAIN)) {
            sink.problem(c.column(), "saw " + c.seen() + " (expected: \"sync'ed:\" with an ASCII apostrophe)");
            c.take(SYNCED_TYPOGRAPHIC);
            c.take(SYNCED_PLAIN);
            kind = SyncProgress.Kind.SYNC;
        } else {
            sink.problem(c.column(), "saw " + c.seen() + " (expected: \"sync'ed:\" or \"verified:\")");
            return false;
        }
        c.skipBlanks();
        if (!percent(c, sink)) {
            return false;
        }
        c.skipBlanks();
        if (!sizes(c, sink)) {
            return false;
        }
        c.skipBlanks();
        if (c.take(QUEUE_DELAY)) {
            c.skipBlanks();
            c.number(false, false);
            c.take('.');
            c.number(false, false);
            c.skipBlanks();
            c.take(MS);
            c.skipBlanks();
        } else if (c.take(DELAY_PROBE)) {
            c.skipBlanks();
            c.number(false, false);
            c.skipBlanks();
        }
        if (c.startsWith(FINISH)) {
            // Mainline kernels print "(%lu/%lu)M" without "\n\t" before "finish:"
            gluedFinish = finish(c, sink);
            return true;
        }
        if (!c.eol()) {
            sink.problem(c.column(), "unexpected " + c.seen() + " after the sizes (expected: end of line)");
        }
        return true;
    }

    private boolean percent(Cursor c, ProblemSink sink) {
        int column = c.column();
        long whole = c.number(false, false);
        if (!c.ok || whole > 100 || !c.take('.') || !Cursor.isDigit(c.peek())) {
            sink.problem(column, "percentage " + c.seen() + " (expected: %3u.%u% such as 36.3%)");
            return false;
        }
        int tenth = c.buf[c.pos++] - '0';
        if (!c.take('%')) {
            sink.problem(c.column(), "saw " + c.seen() + " (expected: '%' after the percentage)");
            return false;
        }
        perMille = (int) whole * 10 + tenth;
        if (perMille > 1000) {
            sink.problem(column, "percentage above 100.0% (expected: 0.0% to 100.0%)");
            return false;
        }
        return true;
    }

    private boolean sizes(Cursor c, ProblemSink sink) {
        if (!c.take('(')) {
            sink.problem(c.column(), "saw " + c.seen() + " (expected: \"(left/total)K\" or \"(left/total)M\")");
            return false;
        }
        long left = c.number(false, false);
        boolean leftOk = c.ok && c.take('/');
        long total = leftOk ? c.number(false, false) : 0;
        if (!leftOk || !c.ok || !c.take(')')) {
            sink.problem(c.column(), "saw " + c.seen() + " (expected: \"(left/total)\" in digits)");
            return false;
        }
        if (c.take('K')) {
            unit = SyncProgress.Unit.KIB;
            leftKiB = left;
            totalKiB = total;
        } else if (c.take('M')) {
            unit = SyncProgress.Unit.MIB;
            // Both sizes are checked before the shift: only the total was, and 2^53 + 1 MiB left wrapped negative.
            if (total > Long.MAX_VALUE >> 10 || left > Long.MAX_VALUE >> 10) {
                sink.problem(c.column() - 1, "sizes " + left + "/" + total + " MiB (expected: each below 2^53 MiB)");
                return false;
            }
            leftKiB = left << 10;
            totalKiB = total << 10;
        } else {
            sink.problem(c.column(), "unit " + c.seen() + " (expected: K or M)");
            return false;
        }
        return true;
    }

    /** Parses the pre-8.3.10 verify line {@code  42%      123456/654321} (bitmap bits done and total). */
    boolean oldVerify(Cursor c, ProblemSink sink) {
        clearFinish();
        gluedFinish = false;
        int column = c.column();
        long pct = c.number(false, false);
        c.take('%');
        c.skipBlanks();
        long done = c.number(false, false);
        boolean ok = c.ok && c.take('/');
        long total = ok ? c.number(false, false) : 0;
        if (pct > 100 || !ok || !c.ok || !c.eol() || done > total || total > Long.MAX_VALUE >> 2) {
            sink.problem(
                    column,
                    "verify progress \""
                            + c.text(c.start, Math.min(c.end, c.start + 60)).trim() + "\" (expected: N%   done/total)");
            return false;
        }
        kind = SyncProgress.Kind.VERIFY;
        perMille = (int) pct * 10;
        unit = SyncProgress.Unit.KIB;
        // One bitmap bit covers 4 KiB (BM_BLOCK_SHIFT 12).
        totalKiB = total * 4;
        leftKiB = (total - done) * 4;
        return true;
    }

    /** Parses the {@code stalled} line that 8.0 to 8.3.8 print instead of the finish line. */
    void stalledLine() {
        clearFinish();
        stalled = true;
    }

    /** Parses {@code finish: h:mm:ss speed: S1 ([S3 -- ]S2) [want: W] K/sec [(stalled)]} at the cursor. */
    boolean finish(Cursor c, ProblemSink sink) {
        clearFinish();
        c.take(FINISH);
        c.skipBlanks();
        if (c.take(INFINITY)) {
            hasFinish = false;
        } else {
            int column = c.column();
            long h = c.number(false, false);
            boolean ok = c.ok && c.take(':');
            long m = ok ? c.number(false, false) : 0;
            ok = ok && c.ok && c.take(':');
            long s = ok ? c.number(false, false) : 0;
            if (!ok || !c.ok || m > 59 || s > 59 || h > Long.MAX_VALUE / 3600 - 1) {
                sink.problem(column, "finish time " + c.seen() + " (expected: h:mm:ss)");
                return false;
            }
            finishSeconds = h * 3600 + m * 60 + s;
            hasFinish = true;
        }
        c.skipBlanks();
        if (!c.take(SPEED)) {
            return expected(c, sink, "\"speed:\"");
        }
        c.skipBlanks();
        speed = c.number(true, true);
        if (!c.ok) {
            return expected(c, sink, "the speed in KiB/s");
        }
        hasSpeed = true;
        c.skipBlanks();
        if (!c.take('(')) {
            return expected(c, sink, "\"(\" and the average speed");
        }
        average = c.number(true, true);
        if (!c.ok) {
            return expected(c, sink, "the average speed in KiB/s");
        }
        c.skipBlanks();
        if (c.take(DASHES)) {
            // proc_details >= 1: "(S3 -- S2)", the ~3 s speed first.
            recent = average;
            hasRecent = true;
            c.skipBlanks();
            average = c.number(true, true);
            if (!c.ok) {
                return expected(c, sink, "the average speed after \"--\"");
            }
        }
        if (!c.take(')')) {
            return expected(c, sink, "\")\"");
        }
        c.skipBlanks();
        if (c.take(WANT)) {
            c.skipBlanks();
            want = c.number(true, true);
            if (!c.ok) {
                return expected(c, sink, "the wanted rate in KiB/s");
            }
            hasWant = true;
            c.skipBlanks();
        }
        if (!c.take(K_SEC)) {
            return expected(c, sink, "\"K/sec\"");
        }
        c.skipBlanks();
        stalled = c.take(STALLED_SUFFIX);
        c.skipBlanks();
        if (!c.eol()) {
            return expected(c, sink, "end of line");
        }
        return true;
    }

    private static boolean expected(Cursor c, ProblemSink sink, String what) {
        sink.problem(c.column(), "saw " + c.seen() + " in the finish line (expected: " + what + ")");
        return false;
    }

    private void clearFinish() {
        hasFinish = false;
        hasSpeed = false;
        hasRecent = false;
        hasWant = false;
        stalled = false;
        finishSeconds = 0;
        speed = 0;
        average = 0;
        recent = 0;
        want = 0;
    }
}
