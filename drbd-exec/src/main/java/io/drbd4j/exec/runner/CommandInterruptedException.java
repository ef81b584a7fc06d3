package io.drbd4j.exec.runner;

/**
 * The calling thread was interrupted while its command ran: the command and every process it started that the
 * runner could reach were killed, and the thread's interrupt flag is still set when this is thrown.
 */
public class CommandInterruptedException extends CommandException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception for a command killed because its caller was interrupted.
     *
     * @param command the command
     * @param where "" for this host, or " on user@host"
     */
    public CommandInterruptedException(Command command, String where) {
        super(command, "interrupted while running" + where + ", killed: " + command, null);
    }

    /** A copy with its text already redacted ({@link Redactor}). */
    CommandInterruptedException(String message, Command command) {
        super(command, message, null);
    }
}
