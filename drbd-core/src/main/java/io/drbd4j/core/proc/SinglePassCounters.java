package io.drbd4j.core.proc;

import io.drbd4j.core.model.WriteOrdering;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The fast path of {@link SinglePassLine} for the counters line in the kernel's fixed order,
 * {@code ns:0 nr:0 dw:0 dr:200 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:1048320}: each key is compared as one
 * int where the kernel puts it, and each value is accumulated eight digits at a time while its end is looked for, up
 * to the '\n'; a value of one digit followed by its separator is taken as it is. (Finding the blanks first and
 * converting the fields apart was tried and measured slower: the branches on where the blanks fall mispredict.)
 *
 * <p>Accepts only the thirteen keys in that order, one blank between fields, values of 1 to 16 digits and no blank
 * before the '\n'; anything else returns -1 and keeps nothing. Not thread-safe.
 */
final class SinglePassCounters {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ZEROS = 0x3030_3030_3030_3030L;
    private static final long SIXES = 0x0606_0606_0606_0606L;
    private static final long HIGH_NIBBLES = 0xF0F0_F0F0_F0F0_F0F0L;
    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000
    };

    /** The keys with their colon in the kernel's order, wo included, as little-endian ints; oos: has four bytes. */
    private static final int[] KEYS = new int[Counter.values().length + 1];

    private static final int[] KEY_MASKS = new int[KEYS.length];
    private static final int[] KEY_LENGTHS = new int[KEYS.length];
    /** Where wo sits: after ep, before oos. */
    private static final int WO_ORDER = Counter.EP.ordinal() + 1;

    private static final int FIELDS = KEYS.length;
    /** The write orderings by their one-letter label. */
    private static final WriteOrdering[] ORDERINGS = new WriteOrdering[128];

    static {
        Counter[] counters = Counter.values();
        for (int k = 0; k < FIELDS; k++) {
            String key = (k == WO_ORDER ? "wo" : counters[k < WO_ORDER ? k : k - 1].key()) + ":";
            KEY_LENGTHS[k] = key.length();
            KEY_MASKS[k] = key.length() == 4 ? -1 : (1 << (key.length() << 3)) - 1;
            for (int j = 0; j < key.length(); j++) {
                KEYS[k] |= key.charAt(j) << (j << 3);
            }
        }
        for (WriteOrdering w : WriteOrdering.values()) {
            ORDERINGS[w.label().charAt(0)] = w;
        }
    }

    /** The value of the last {@link #digits} call. */
    private long number;

    final long[] values = new long[Counter.values().length];
    WriteOrdering wo;

    /**
     * Reads the counters line whose "ns:" is at {@code from}.
     *
     * @return the index of the line's '\n', or -1
     */
    int scan(byte[] b, int from, int limit) {
        int i = from;
        for (int k = 0; k < FIELDS; k++) {
            if (i + 3 * Long.BYTES > b.length || ((int) INTS.get(b, i) & KEY_MASKS[k]) != KEYS[k]) {
                return -1;
            }
            i += KEY_LENGTHS[k];
            if (k == WO_ORDER) {
                byte letter = b[i];
                WriteOrdering w = letter >= 0 ? ORDERINGS[letter] : null;
                if (w == null || b[i + 1] != ' ') {
                    return -1;
                }
                wo = w;
                i += 2;
                continue;
            }
            i = digits(b, i, limit);
            if (i < 0 || b[i] != (k == FIELDS - 1 ? '\n' : ' ')) {
                return -1;
            }
            values[k < WO_ORDER ? k : k - 1] = number;
            i++;
        }
        return i - 1;
    }

    /**
     * Returns the index after the digits at {@code i} (their value in {@link #number}), accumulated eight at a time as
     * they are scanned; -1 when there are none, more than 16, or they reach {@code limit}.
     */
    private int digits(byte[] b, int i, int limit) {
        // Half the values a kernel prints are one digit (lo, pe, ua, ap, ep, often oos): those skip the word.
        int d = b[i] - '0';
        byte after = b[i + 1];
        if (d >= 0 && d <= 9 && (after == ' ' || after == '\n')) {
            if (i + 1 >= limit) {
                return -1;
            }
            number = d;
            return i + 1;
        }
        long t = (long) LONGS.get(b, i) - ZEROS;
        // A byte is a digit when t's byte is 0..9: high nibble clear, also after adding 6. Borrows and carries only
        // move
        // upwards, from a non-digit byte, so the lowest flagged byte is the first non-digit.
        long nonDigits = (t | (t + SIXES)) & HIGH_NIBBLES;
        int n = Long.numberOfTrailingZeros(nonDigits) >>> 3;
        long value;
        if (n < Long.BYTES) {
            value = convert(t, n);
        } else {
            long u = (long) LONGS.get(b, i + Long.BYTES) - ZEROS;
            int m = Long.numberOfTrailingZeros((u | (u + SIXES)) & HIGH_NIBBLES) >>> 3;
            if (m == Long.BYTES) {
                return -1;
            }
            value = convert(t, Long.BYTES) * POWERS_OF_TEN[m] + convert(u, m);
            n += m;
        }
        i += n;
        if (n == 0 || i >= limit) {
            return -1;
        }
        number = value;
        return i;
    }

    /** Returns the value of the low {@code n} (0 to 8) digit bytes of t, each 0 to 9. */
    private static long convert(long t, int n) {
        // The n digits to the top bytes, zeros below, then pairs, quads, eights, each step one multiply that adds ten
        // (a hundred, ten thousand) times the higher lane to the lower: 2561 = 10 * 2^8 + 1, 6553601 = 100 * 2^16 + 1,
        // 42949672960001 = 10000 * 2^32 + 1.
        long v = n == 0 ? 0 : t << ((Long.BYTES - n) << 3);
        v = ((v * 2561) >>> 8) & 0x00FF_00FF_00FF_00FFL;
        v = ((v * 6553601) >>> 16) & 0x0000_FFFF_0000_FFFFL;
        return (v * 42949672960001L) >>> 32;
    }

    /** Hands the line just read to the parser that the reader's accessors read. */
    void commit(CountersParser counters) {
        System.arraycopy(values, 0, counters.values, 0, values.length);
        counters.present = (1 << values.length) - 1;
        counters.wo = wo;
        counters.continuation = false;
    }
}
