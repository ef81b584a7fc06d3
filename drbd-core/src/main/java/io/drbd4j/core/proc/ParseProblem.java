package io.drbd4j.core.proc;

import io.drbd4j.core.Drbd4jStyle;
import org.immutables.value.Value;

/**
 * One thing a lenient parse of {@code /proc/drbd} could not read, and where: {@code line 3, column 1:
 * unrecognised line "2 23:52:00" (expected: a device, counters, progress or detail line)}.
 */
@Value.Immutable
@Drbd4jStyle
public abstract class ParseProblem {
    // Only the implementation Immutables generates in this package extends this type.
    ParseProblem() {}

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
     * Returns what was seen and what was expected.
     *
     * @return what was seen and what was expected
     */
    public abstract String message();

    /**
     * Returns the whole line as read, without its line end.
     *
     * @return the whole line as read, without its line end
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
     * @param message what was seen and what was expected
     * @param lineText the line
     * @return the problem
     */
    public static ParseProblem of(int line, int column, String message, String lineText) {
        return ImmutableParseProblem.builder()
                .line(line)
                .column(column)
                .message(message)
                .lineText(lineText)
                .build();
    }
}
