package io.drbd4j.examples.cli;

/**
 * A failure a command reports to its user and then exits with {@link Drbd4jCommand#EXIT_FAILURE}: input that
 * cannot be read or that a strict parse rejects. The message is one line, written for an operator, without the
 * command's name ({@link Drbd4jCommand} adds it).
 */
final class CliFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure with what went wrong and why.
     *
     * @param message what went wrong, for example {@code cannot read /nope: No such file or directory}
     * @param cause the underlying failure
     */
    CliFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
