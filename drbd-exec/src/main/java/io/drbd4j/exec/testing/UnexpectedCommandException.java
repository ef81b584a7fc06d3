package io.drbd4j.exec.testing;

import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandException;

/** A {@link ScriptedCommandRunner} was asked to run a command nobody expected. */
public class UnexpectedCommandException extends CommandException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception for a command the script did not expect.
     *
     * @param command the command
     * @param expected what was still expected, for the message
     */
    public UnexpectedCommandException(Command command, String expected) {
        super(command, "unexpected command " + command + " (expected: " + expected + ")", null);
    }
}
