package io.drbd4j.core;

/**
 * The unchecked root of every exception drbd4j throws, so callers can catch all of them in one place.
 *
 * <p>Subclasses carry what was seen and what was expected; their messages are written for an operator.
 */
public class DrbdException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with its message.
     *
     * @param message what went wrong, in words an operator can act on
     */
    public DrbdException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its message and the failure underneath.
     *
     * @param message what went wrong, in words an operator can act on
     * @param cause the underlying failure
     */
    public DrbdException(String message, Throwable cause) {
        super(message, cause);
    }
}
