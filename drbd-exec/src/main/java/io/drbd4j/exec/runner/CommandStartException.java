package io.drbd4j.exec.runner;

/** The program could not be started: not found, not executable, or the working directory is missing. */
public class CommandStartException extends CommandException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception for a command that could not start.
     *
     * @param command the command
     * @param cause why it could not start
     */
    public CommandStartException(Command command, Throwable cause) {
        super(command, "cannot start " + command + ": " + cause.getMessage(), cause);
    }

    /** A copy with its text already redacted ({@link Redactor}); the cause only when it holds no secret. */
    CommandStartException(String message, Command command, Throwable cause) {
        super(command, message, cause);
    }
}
