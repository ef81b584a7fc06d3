package io.drbd4j.exec;

import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandException;

/** A DRBD query printed something that is not a state: it cannot be trusted for a decision. */
public class DrbdQueryException extends CommandException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception for a DRBD query whose output was not understood.
     *
     * @param command the query
     * @param seen what it printed
     */
    public DrbdQueryException(Command command, String seen) {
        super(
                command,
                command + " printed \"" + seen.strip() + "\" (expected: one DRBD state label per volume, such"
                        + " as Connected, Primary/Secondary or UpToDate/UpToDate)",
                null);
    }
}
