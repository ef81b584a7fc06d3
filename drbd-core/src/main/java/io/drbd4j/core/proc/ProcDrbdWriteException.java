package io.drbd4j.core.proc;

import io.drbd4j.core.DrbdException;

/**
 * A model that {@link ProcDrbdWriter} cannot write so that a strict parse reads the same model back: a field the
 * kernel's format cannot carry, such as a transport name of control characters or a detail line longer than
 * {@link ParseOptions#DEFAULT_MAX_LINE_LENGTH}. The message reads {@code transport name "\x01" (expected: a
 * name without blanks, control characters or parentheses)}.
 */
public class ProcDrbdWriteException extends DrbdException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what the model holds and what the format allows
     */
    public ProcDrbdWriteException(String message) {
        super(ProcDrbdParseException.printable(message));
    }
}
