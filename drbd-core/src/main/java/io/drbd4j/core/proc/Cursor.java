package io.drbd4j.core.proc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A position in one line of bytes, with the few scanning steps the line parsers need. Reused for every line;
 * allocates only when asked for text. Not thread-safe.
 */
final class Cursor {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ZEROS = 0x3030_3030_3030_3030L;
    private static final long SIXES = 0x0606_0606_0606_0606L;
    private static final long HIGH_NIBBLES = 0xF0F0_F0F0_F0F0_F0F0L;
    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000
    };

    byte[] buf;
    /** Start of the raw line: column 1. */
    int start;
    /** End of the line without trailing blanks and CR (exclusive). */
    int end;

    /** End of the line without its CR only (exclusive): keeps the kernel's srcversion pad. */
    int endWithBlanks;

    int pos;
    /** Whether the last {@link #number} call read a number. */
    boolean ok;

    void set(byte[] buf, int start, int rawEnd) {
        this.buf = buf;
        this.start = start;
        int e = rawEnd;
        if (e > start && buf[e - 1] == '\r') {
            e--;
        }
        this.endWithBlanks = e;
        // Trim trailing spaces, TABs and CR, never NUL: 8.3.1 prints a NUL as a flag.
        while (e > start && (buf[e - 1] == ' ' || buf[e - 1] == '\t' || buf[e - 1] == '\r')) {
            e--;
        }
        this.end = e;
        this.pos = start;
    }

    /** Sets a line that ends with neither blanks nor CR, with pos at {@code pos}. */
    void setTrimmed(byte[] buf, int start, int end, int pos) {
        this.buf = buf;
        this.start = start;
        this.end = end;
        this.endWithBlanks = end;
        this.pos = pos;
    }

    static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }

    static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    boolean eol() {
        return pos >= end;
    }

    byte peek() {
        return pos < end ? buf[pos] : 0;
    }

    void skipBlanks() {
        while (pos < end && isBlank(buf[pos])) {
            pos++;
        }
    }

    /**
     * Returns the index of the next blank at or after pos, or the end.
     *
     * @return the index of the next blank at or after pos, or the end
     */
    int tokenEnd() {
        int i = pos;
        while (i < end && !isBlank(buf[i])) {
            i++;
        }
        return i;
    }

    /**
     * Returns the index of {@code b} at or after pos before {@code limit}, or -1.
     *
     * @return the index of {@code b} at or after pos before {@code limit}, or -1
     */
    int indexOf(byte b, int limit) {
        for (int i = pos; i < limit; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    boolean startsWith(byte[] literal) {
        if (end - pos < literal.length) {
            return false;
        }
        for (int i = 0; i < literal.length; i++) {
            if (buf[pos + i] != literal[i]) {
                return false;
            }
        }
        return true;
    }

    boolean take(byte[] literal) {
        if (startsWith(literal)) {
            pos += literal.length;
            return true;
        }
        return false;
    }

    boolean take(char c) {
        if (pos < end && buf[pos] == c) {
            pos++;
            return true;
        }
        return false;
    }

    /**
     * Returns the 1-based column of pos.
     *
     * @return the 1-based column of pos
     */
    int column() {
        return pos - start + 1;
    }

    int columnOf(int index) {
        return index - start + 1;
    }

    /**
     * Reads a decimal number at pos: digits, with a leading '-' when {@code signed}, with ',' between digits
     * when {@code grouped}. On success sets {@link #ok} and advances; otherwise leaves pos and clears ok.
     */
    long number(boolean signed, boolean grouped) {
        boolean plain = !grouped && (!signed || pos >= end || buf[pos] != '-');
        return plain ? digits() : general(signed, grouped);
    }

    private long general(boolean signed, boolean grouped) {
        int i = pos;
        boolean negative = false;
        if (signed && i < end && buf[i] == '-') {
            negative = true;
            i++;
        }
        long value = 0;
        int digits = 0;
        while (i < end) {
            byte b = buf[i];
            if (isDigit(b)) {
                if (value > (Long.MAX_VALUE - 9) / 10) {
                    ok = false;
                    return 0;
                }
                value = value * 10 + (b - '0');
                digits++;
            } else if (!(grouped && b == ',' && digits > 0 && i + 1 < end && isDigit(buf[i + 1]))) {
                break;
            }
            i++;
        }
        if (digits == 0) {
            ok = false;
            return 0;
        }
        ok = true;
        pos = i;
        return negative ? -value : value;
    }

    /**
     * The common case of {@link #number}: plain digits, eight at a time. Counters lines are mostly digits, so this
     * is where the reader spends its time. Up to 18 digits cannot overflow a long; more go the general way.
     */
    private long digits() {
        int i = pos;
        long value = 0;
        int count = 0;
        while (i + Long.BYTES <= buf.length) {
            long t = (long) LONGS.get(buf, i) - ZEROS;
            // A byte is a digit when t's byte is 0..9: high nibble clear, also after adding 6. Borrows and carries
            // only move upwards, from a non-digit byte, so the lowest flagged byte is the first non-digit.
            long nonDigits = (t | (t + SIXES)) & HIGH_NIBBLES;
            int n = nonDigits == 0 ? Long.BYTES : Long.numberOfTrailingZeros(nonDigits) >>> 3;
            n = Math.min(n, end - i);
            if (n <= 0) {
                break;
            }
            count += n;
            if (count > 18) {
                return general(false, false);
            }
            // The n digits to the top bytes, zeros (leading zeros) below, then pairs, quads, eights.
            long v = t << ((Long.BYTES - n) << 3);
            v = (v * 10 + (v >>> 8)) & 0x00FF_00FF_00FF_00FFL;
            v = (v * 100 + (v >>> 16)) & 0x0000_FFFF_0000_FFFFL;
            v = (v * 10000 + (v >>> 32)) & 0xFFFF_FFFFL;
            value = value * POWERS_OF_TEN[n] + v;
            i += n;
            if (n < Long.BYTES) {
                break;
            }
        }
        if (i + Long.BYTES > buf.length) {
            // Near the array's end: one byte at a time.
            while (i < end && isDigit(buf[i])) {
                if (++count > 18) {
                    return general(false, false);
                }
                value = value * 10 + (buf[i++] - '0');
            }
        }
        if (count == 0) {
            ok = false;
            return 0;
        }
        ok = true;
        pos = i;
        return value;
    }

    /**
     * Returns bytes [from, to) decoded as UTF-8 (for messages and values; allocates).
     *
     * @return bytes [from, to) decoded as UTF-8 (for messages and values; allocates)
     */
    String text(int from, int to) {
        return new String(buf, from, Math.max(0, to - from), StandardCharsets.UTF_8);
    }

    /**
     * Returns the next token as text, quoted for a message, or "end of line".
     *
     * @return the next token as text, quoted for a message, or "end of line"
     */
    String seen() {
        if (eol()) {
            return "end of line";
        }
        int to = Math.min(tokenEnd(), pos + 40);
        return "\"" + ProcDrbdParseException.printable(text(pos, to)) + "\"";
    }

    /**
     * Returns the whole raw line (without CR) as text.
     *
     * @return the whole raw line (without CR) as text
     */
    String lineText() {
        return text(start, end);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
