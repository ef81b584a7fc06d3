package io.drbd4j.core.proc;

import io.drbd4j.core.DrbdException;

/**
 * {@code /proc/drbd} text that a strict parse rejects, or any input past a configured bound. Carries the line,
 * the column and the line's text; the message reads {@code line 3, column 10: unknown connection state
 * "Conected" (expected: one of StandAlone, ...): " 0: cs:Conected ro:..."}.
 */
public class ProcDrbdParseException extends DrbdException {
    private static final long serialVersionUID = 1L;

    /** 1-based line number, 0 when the problem is not tied to a line. */
    private final int line;

    /** 1-based column in bytes. */
    private final int column;

    /** The offending line, without its line end. */
    private final String lineText;

    /** What was seen and what was expected. */
    private final String detail;

    /**
     * Creates the exception for a problem at a line and column.
     *
     * @param line 1-based line number (0 when the problem is not tied to a line)
     * @param column 1-based column in bytes
     * @param detail what was seen and what was expected
     * @param lineText the offending line, without its line end
     */
    public ProcDrbdParseException(int line, int column, String detail, String lineText) {
        super(format(line, column, printable(detail), lineText));
        this.line = line;
        this.column = column;
        this.lineText = lineText;
        // Escaped here, not only in getMessage(): callers print detail() and problems on their own.
        this.detail = printable(detail);
    }

    /**
     * Returns the 1-based line number, 0 when the problem concerns the input as a whole.
     *
     * @return the 1-based line number, 0 when the problem concerns the input as a whole
     */
    public int line() {
        return line;
    }

    /**
     * Returns the 1-based column (bytes).
     *
     * @return the 1-based column (bytes)
     */
    public int column() {
        return column;
    }

    /**
     * Returns the offending line as read.
     *
     * @return the offending line as read
     */
    public String lineText() {
        return lineText;
    }

    /**
     * Returns what was seen and what was expected, without the position; control characters are escaped.
     *
     * @return what was seen and what was expected, without the position; control characters are escaped
     */
    public String detail() {
        return detail;
    }

    /**
     * Returns the same information as a problem record.
     *
     * @return the same information as a problem record
     */
    public ParseProblem toProblem() {
        return ParseProblem.of(line, column, detail, lineText);
    }

    private static String format(int line, int column, String detail, String lineText) {
        String where = line > 0 ? "line " + line + ", column " + column + ": " : "";
        String text = lineText.isEmpty() ? "" : ": \"" + printable(lineText) + "\"";
        return where + detail + text;
    }

    /**
     * Returns the text with every character a terminal would act on escaped: TAB as {@code \t}, the C0 and C1
     * controls and DEL as {@code \xNN}, line separators and bidirectional or other format characters as
     * {@code \}{@code uNNNN}. Returns the same instance when there is nothing to escape.
     */
    static String printable(String s) {
        int i = 0;
        while (i < s.length() && !needsEscape(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\t') {
                b.append("\\t");
            } else if (c <= 0xff && needsEscape(c)) {
                b.append(String.format("\\x%02x", (int) c));
            } else if (needsEscape(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean needsEscape(char c) {
        if (c >= 0x20 && c < 0x7f) {
            return false;
        }
        int type = Character.getType(c);
        return type == Character.CONTROL
                || type == Character.FORMAT
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }
}
