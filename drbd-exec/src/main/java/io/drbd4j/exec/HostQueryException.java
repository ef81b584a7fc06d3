package io.drbd4j.exec;

import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandException;

/** A host query printed something drbd4j does not understand: it cannot be trusted for a decision. */
public class HostQueryException extends CommandException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception for a query whose output was not understood.
     *
     * @param command the query
     * @param seen what it printed that was not understood
     * @param expected what was expected instead
     */
    public HostQueryException(Command command, String seen, String expected) {
        super(command, command + " printed \"" + seen.strip() + "\" (expected: " + expected + ")", null);
    }
}
