package io.drbd4j.core.proc;

/**
 * Reads the header lines: {@code version: 8.4.11-1 (api:1/proto:86-101)} (8.0: {@code proto:86}; DRBD 9
 * compat: a trailing {@code (compat 8.4)}) and DRBD 9's {@code Transports (api:10): tcp (1.0.0)}. Results
 * stay in fields until the next line. Not thread-safe.
 */
final class HeaderParser {
    static final byte[] VERSION = Cursor.ascii("version:");
    static final byte[] TRANSPORTS = Cursor.ascii("Transports (api:");
    private static final byte[] API = Cursor.ascii("(api:");
    private static final byte[] PROTO = Cursor.ascii("/proto:");
    private static final byte[] COMPAT = Cursor.ascii("(compat 8.4)");
    private static final byte[] CLOSE_COLON = Cursor.ascii("):");

    private static final byte[] GIT_HASH = Cursor.ascii("GIT-hash:");
    private static final byte[] SRCVERSION = Cursor.ascii("srcversion:");
    private static final byte[] BUILT_IN = Cursor.ascii("built-in");

    /** The largest api or protocol number read; DRBD's are two or three digits. */
    static final long MAX_NUMBER = 1_000_000;

    int releaseOffset;
    int releaseLength;
    int api;
    int protoMin;
    int protoMax;
    boolean compat84;

    int transportsApi;
    int listOffset;
    int listLength;

    /**
     * Returns whether the line has one of the known build tag forms (cursor not moved).
     *
     * @return whether the line has one of the known build tag forms (cursor not moved)
     */
    static boolean isBuildTag(Cursor c) {
        return c.startsWith(GIT_HASH)
                || c.startsWith(SRCVERSION)
                || (c.startsWith(BUILT_IN) && c.end - c.pos == BUILT_IN.length);
    }

    /** Parses a version line; the cursor is at "version:". Returns false when the line is unusable. */
    boolean version(Cursor c, ProblemSink sink) {
        c.take(VERSION);
        c.skipBlanks();
        int relEnd = c.tokenEnd();
        if (relEnd == c.pos || !Cursor.isDigit(c.buf[c.pos]) || c.indexOf((byte) '.', relEnd) < 0) {
            sink.problem(c.column(), "release " + c.seen() + " (expected: a release such as 8.4.11-1)");
            return false;
        }
        releaseOffset = c.pos;
        releaseLength = relEnd - c.pos;
        c.pos = relEnd;
        c.skipBlanks();
        if (!c.take(API)) {
            sink.problem(c.column(), "saw " + c.seen() + " (expected: \"(api:N/proto:A-B)\")");
            return false;
        }
        // Each number is checked as the long it was read as, before it is narrowed: (int) 4294967297 is 1.
        long apiRead = c.number(false, false);
        if (!c.ok || apiRead > MAX_NUMBER) {
            sink.problem(c.column(), "api number " + c.seen() + " (expected: digits, at most " + MAX_NUMBER + ")");
            return false;
        }
        api = (int) apiRead;
        if (!c.take(PROTO)) {
            sink.problem(c.column(), "saw " + c.seen() + " (expected: \"/proto:\")");
            return false;
        }
        long minRead = c.number(false, false);
        if (!c.ok || minRead > MAX_NUMBER) {
            sink.problem(c.column(), "protocol number " + c.seen() + " (expected: digits, at most " + MAX_NUMBER + ")");
            return false;
        }
        protoMin = (int) minRead;
        protoMax = protoMin;
        if (c.take('-')) {
            long maxRead = c.number(false, false);
            if (!c.ok || maxRead > MAX_NUMBER || maxRead < protoMin) {
                sink.problem(
                        c.column(),
                        "protocol range end " + c.seen() + " (expected: a number from " + protoMin + " to " + MAX_NUMBER
                                + ")");
                return false;
            }
            protoMax = (int) maxRead;
        }
        if (!c.take(')')) {
            sink.problem(c.column(), "saw " + c.seen() + " (expected: \")\" closing the api/proto part)");
            return false;
        }
        c.skipBlanks();
        compat84 = c.take(COMPAT);
        c.skipBlanks();
        if (!c.eol()) {
            sink.problem(
                    c.column(),
                    "unexpected " + c.seen() + " after the version (expected: end of line or " + "\"(compat 8.4)\")");
        }
        return true;
    }

    /** Parses {@code Transports (api:N): name (version) ...}; the cursor is at "Transports". */
    boolean transports(Cursor c, ProblemSink sink) {
        c.take(TRANSPORTS);
        long apiRead = c.number(false, false);
        if (!c.ok || apiRead > MAX_NUMBER || !c.take(CLOSE_COLON)) {
            sink.problem(
                    c.column(),
                    "saw " + c.seen() + " (expected: \"Transports (api:N):\" with N at most " + MAX_NUMBER + ")");
            return false;
        }
        transportsApi = (int) apiRead;
        c.skipBlanks();
        listOffset = c.pos;
        listLength = c.end - c.pos;
        // Each entry is "name (version)"; check the shape so the model can split it without surprises.
        while (!c.eol()) {
            int nameEnd = c.tokenEnd();
            c.pos = nameEnd;
            c.skipBlanks();
            int close = c.indexOf((byte) ')', c.end);
            if (!c.take('(') || close < 0) {
                sink.problem(c.column(), "transport entry " + c.seen() + " (expected: \"name (version)\")");
                return false;
            }
            c.pos = close + 1;
            c.skipBlanks();
        }
        return true;
    }
}
