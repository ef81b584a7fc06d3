package io.drbd4j.core.proc;

import java.nio.charset.StandardCharsets;

/**
 * A position in one line of bytes, with the few scanning steps the line parsers need. Reused for every line;
 * allocates only when asked for text. Not thread-safe.
 */
final class Cursor {
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
        // Trim trailing spaces, TABs and CR, never NUL: 8.3.1 prints a NUL as a flag (spec §13.15).
        while (e > start && (buf[e - 1] == ' ' || buf[e - 1] == '\t' || buf[e - 1] == '\r')) {
            e--;
        }
        this.end = e;
        this.pos = start;
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

    /** @return the index of the next blank at or after pos, or the end */
    int tokenEnd() {
        int i = pos;
        while (i < end && !isBlank(buf[i])) {
            i++;
        }
        return i;
    }

    /** @return the index of {@code b} at or after pos before {@code limit}, or -1 */
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

    /** @return the 1-based column of pos */
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
        return !signed && !grouped ? digits() : general(signed, grouped);
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

    /** The common case of {@link #number}: plain digits; up to 18 of them cannot overflow a long. */
    private long digits() {
        int i = pos;
        int limit = Math.min(end, pos + 18);
        long value = 0;
        while (i < limit) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            value = value * 10 + d;
            i++;
        }
        if (i == pos) {
            ok = false;
            return 0;
        }
        if (i == limit && i < end && isDigit(buf[i])) {
            return general(false, false);
        }
        ok = true;
        pos = i;
        return value;
    }

    /** @return bytes [from, to) decoded as UTF-8 (for messages and values; allocates) */
    String text(int from, int to) {
        return new String(buf, from, Math.max(0, to - from), StandardCharsets.UTF_8);
    }

    /** @return the next token as text, quoted for a message, or "end of line" */
    String seen() {
        if (eol()) {
            return "end of line";
        }
        int to = Math.min(tokenEnd(), pos + 40);
        return "\"" + ProcDrbdParseException.printable(text(pos, to)) + "\"";
    }

    /** @return the whole raw line (without CR) as text */
    String lineText() {
        return text(start, end);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
