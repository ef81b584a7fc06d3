package io.drbd4j.exec.runner;

import io.drbd4j.core.DrbdException;
import org.jspecify.annotations.Nullable;

/** A command that could not run to its end: the root of the runner exceptions, carrying the command. */
public class CommandException extends DrbdException {
    private static final long serialVersionUID = 1L;

    private final transient Command command;

    /**
     * Creates the exception for a command.
     *
     * @param command the command
     * @param message what went wrong
     * @param cause the underlying failure, or null
     */
    public CommandException(Command command, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.command = command;
    }

    /**
     * Returns the command.
     *
     * @return the command
     */
    public Command command() {
        return command;
    }
}
