package io.drbd4j.core.proc;

import io.drbd4j.core.Drbd4jStyle;
import org.immutables.value.Value;

/**
 * One thing a lenient parse of {@code /proc/drbd} could not read, and where: {@code line 3, column 1:
 * unrecognised line "2 23:52:00" (expected: a device, counters, progress or detail line)}.
 *
 * <p>Safe to print and bounded in size: the message has its control characters escaped, and both the message
 * and the line text are cut to {@value #MAX_TEXT_LENGTH} characters, the last one {@code …}, when longer. How many
 * problems a read keeps is bounded too (see {@link ParseOptions}).
 */
@Value.Immutable
@Drbd4jStyle
public abstract class ParseProblem {
    // Only the implementation Immutables generates in this package extends this type.
    ParseProblem() {}

    /** Most characters of message and of line text a problem keeps; a longer one is cut and ends in '…'. */
    public static final int MAX_TEXT_LENGTH = 200;

    /**
     * Returns the 1-based line number.
     *
     * @return the 1-based line number
     */
    public abstract int line();

    /**
     * Returns the 1-based column (counted in bytes) where the deviation starts.
     *
     * @return the 1-based column (counted in bytes) where the deviation starts
     */
    public abstract int column();

    /**
     * Returns what was seen and what was expected, control characters escaped, at most {@value #MAX_TEXT_LENGTH}
     * characters (a longer one is cut and ends in '…').
     *
     * @return what was seen and what was expected
     */
    public abstract String message();

    /**
     * Returns the line as read, without its line end, cut to {@value #MAX_TEXT_LENGTH} characters ending in '…'
     * when longer; not escaped.
     *
     * @return the line as read, without its line end, cut when longer than {@value #MAX_TEXT_LENGTH}
     */
    public abstract String lineText();

    /**
     * Returns {@code line L, column C: message}.
     *
     * @return {@code line L, column C: message}
     */
    @Override
    public String toString() {
        return "line " + line() + ", column " + column() + ": " + message();
    }

    /**
     * Returns the problem.
     *
     * @param line 1-based line number
     * @param column 1-based column
     * @param message what was seen and what was expected; control characters are escaped, and it is cut to
     *     {@value #MAX_TEXT_LENGTH} characters
     * @param lineText the line; cut to {@value #MAX_TEXT_LENGTH} characters
     * @return the problem
     */
    public static ParseProblem of(int line, int column, String message, String lineText) {
        return ImmutableParseProblem.builder()
                .line(line)
                .column(column)
                .message(cut(ProcDrbdParseException.printable(message)))
                .lineText(cut(lineText))
                .build();
    }

    /**
     * Returns the text, or its start and '…' in {@value #MAX_TEXT_LENGTH} characters (never splitting a surrogate
     * pair); the same instance when it is short enough, so the problems of one line share one cut text.
     */
    static String cut(String text) {
        if (text.length() <= MAX_TEXT_LENGTH) {
            return text;
        }
        int end = MAX_TEXT_LENGTH - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "\u2026";
    }
}
