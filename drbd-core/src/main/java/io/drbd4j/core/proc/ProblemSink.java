package io.drbd4j.core.proc;

/** Where line parsers report a deviation: strict mode throws, lenient mode records a {@link ParseProblem}. */
interface ProblemSink {
    /**
     * Reports a deviation in the current line.
     *
     * @param column 1-based column where the deviation starts
     * @param message what was seen and what was expected
     * @throws ProcDrbdParseException in strict mode
     */
    void problem(int column, String message);

    /**
     * Reports a deviation that belongs to an earlier line (a device block found incomplete later).
     *
     * @param line 1-based line number
     * @param column 1-based column
     * @param message what was seen and what was expected
     * @param lineText that line
     * @throws ProcDrbdParseException in strict mode
     */
    void problemAt(int line, int column, String message, String lineText);
}
