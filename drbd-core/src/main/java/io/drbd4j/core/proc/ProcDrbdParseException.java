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
        super(format(line, column, detail, lineText));
        this.line = line;
        this.column = column;
        this.lineText = lineText;
        this.detail = detail;
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
     * Returns what was seen and what was expected, without the position.
     *
     * @return what was seen and what was expected, without the position
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

    static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\t') {
                b.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
