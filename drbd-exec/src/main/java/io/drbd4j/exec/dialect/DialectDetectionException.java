package io.drbd4j.exec.dialect;

import io.drbd4j.core.DrbdException;

/** The host's DRBD dialect could not be told, or it is one drbd4j does not drive (DRBD 9). */
public class DialectDetectionException extends DrbdException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with its message.
     *
     * @param message what was seen and what was expected
     */
    public DialectDetectionException(String message) {
        super(message);
    }
}
