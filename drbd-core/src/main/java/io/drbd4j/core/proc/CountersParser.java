package io.drbd4j.core.proc;

import io.drbd4j.core.internal.LabelTable;
import io.drbd4j.core.model.WriteOrdering;

/**
 * Reads a counters line, {@code     ns:0 nr:0 dw:0 dr:200 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:1048320},
 * into primitive slots: no allocation. DRBD 8.0 ends at {@code ap}; documents sometimes wrap the line, which
 * the reader reports and passes on as a continuation. Not thread-safe.
 */
final class CountersParser {
    /** Position of wo in the printed order: after ep, before oos. */
    private static final int WO_ORDER = Counter.EP.ordinal() + 1;

    private static final Counter[] COUNTERS = Counter.values();
    private static final byte[][] KEYS = new byte[COUNTERS.length + 1][];
    private static final LabelTable<WriteOrdering> ORDERINGS =
            LabelTable.of(WriteOrdering.values(), WriteOrdering::label);

    static {
        for (Counter counter : COUNTERS) {
            KEYS[order(counter)] = Cursor.ascii(counter.key());
        }
        KEYS[WO_ORDER] = Cursor.ascii("wo");
    }

    final long[] values = new long[COUNTERS.length];
    /** Bit {@code 1 << Counter.ordinal()} for each number read. */
    int present;

    WriteOrdering wo;
    boolean continuation;

    /**
     * Returns the printed position of a key (wo included).
     *
     * @return the printed position of a key (wo included)
     */
    private static int order(Counter counter) {
        return counter.ordinal() < WO_ORDER ? counter.ordinal() : counter.ordinal() + 1;
    }

    /**
     * Returns whether the cursor is at a counter key followed by ':' (not moved).
     *
     * @return whether the cursor is at a counter key followed by ':' (not moved)
     */
    static boolean isCountersLine(Cursor c) {
        return keyAt(c) >= 0;
    }

    /**
     * Returns whether the cursor is at "ns:", the start of a counters line.
     *
     * @return whether the cursor is at "ns:", the start of a counters line
     */
    static boolean isFirstKey(Cursor c) {
        return keyAt(c) == 0;
    }

    private static int keyAt(Cursor c) {
        for (int k = 0; k < KEYS.length; k++) {
            if (keyIs(c, k)) {
                return k;
            }
        }
        return -1;
    }

    /**
     * Returns whether key {@code k} followed by ':' is at the cursor.
     *
     * @return whether key {@code k} followed by ':' is at the cursor
     */
    private static boolean keyIs(Cursor c, int k) {
        byte[] key = KEYS[k];
        byte[] b = c.buf;
        int p = c.pos;
        int colon = p + key.length;
        // Keys are two or three bytes: compare them directly.
        return colon < c.end
                && b[colon] == ':'
                && b[p] == key[0]
                && b[p + 1] == key[1]
                && (key.length == 2 || b[p + 2] == key[2]);
    }

    boolean has(Counter counter) {
        return (present & (1 << counter.ordinal())) != 0;
    }

    /** Parses the line at the cursor; keys must come in the kernel's order. */
    void parse(Cursor c, ProblemSink sink, boolean continued) {
        continuation = continued;
        present = 0;
        // A key this line lacks reads as 0, not as the previous line's value.
        java.util.Arrays.fill(values, 0L);
        wo = null;
        int next = 0;
        while (true) {
            c.skipBlanks();
            if (c.eol()) {
                break;
            }
            int keyColumn = c.column();
            // The kernel prints the keys in one order: try the expected one before searching.
            int k = next < KEYS.length && keyIs(c, next) ? next : keyAt(c);
            if (k < 0) {
                sink.problem(
                        keyColumn,
                        "counter " + c.seen() + " (expected: key:value with a key of"
                                + " ns nr dw dr al bm lo pe ua ap ep wo oos)");
                c.pos = c.tokenEnd();
                continue;
            }
            if (k < next) {
                sink.problem(
                        keyColumn,
                        "counter " + c.seen() + " repeated or out of order (expected: the order"
                                + " ns nr dw dr al bm lo pe ua ap ep wo oos, each once)");
            }
            next = Math.max(next, k + 1);
            c.pos += KEYS[k].length + 1;
            if (k == WO_ORDER) {
                readWriteOrdering(c, sink);
            } else {
                readNumber(c, sink, COUNTERS[k < WO_ORDER ? k : k - 1]);
            }
        }
        if (!continued) {
            for (int i = 0; i <= Counter.AP.ordinal(); i++) {
                if ((present & (1 << i)) == 0) {
                    sink.problem(
                            c.column(),
                            "the counters line lacks " + COUNTERS[i].key()
                                    + ": (expected: ns nr dw dr al bm lo pe ua ap, then ep wo oos from DRBD 8.2)");
                    break;
                }
            }
        }
    }

    private void readWriteOrdering(Cursor c, ProblemSink sink) {
        int valueEnd = c.tokenEnd();
        WriteOrdering found = ORDERINGS.find(c.buf, c.pos, valueEnd - c.pos);
        if (found == null) {
            sink.problem(c.column(), "wo:" + c.seen() + " (expected: one of n, d, f, b)");
        }
        wo = found;
        c.pos = valueEnd;
    }

    private void readNumber(Cursor c, ProblemSink sink, Counter counter) {
        int valueStart = c.pos;
        long value = c.number(counter.signed(), false);
        if (!c.ok || (c.pos < c.end && !Cursor.isBlank(c.buf[c.pos]))) {
            c.pos = valueStart;
            sink.problem(
                    c.column(),
                    counter.key() + ":" + c.seen() + " (expected: "
                            + (counter.signed() ? "an integer" : "an unsigned integer") + " below 2^63)");
            c.pos = c.tokenEnd();
            return;
        }
        values[counter.ordinal()] = value;
        present |= 1 << counter.ordinal();
    }
}
