package io.drbd4j.testbed;

import io.drbd4j.core.DrbdException;

/** The test bed cannot run on this machine: a tool or package is missing, or the image or a VM did not come up. */
public final class TestbedUnavailableException extends DrbdException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with its message.
     *
     * @param message what is missing or failed, and what to do
     */
    public TestbedUnavailableException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its message and the failure underneath.
     *
     * @param message what failed, and what to do
     * @param cause the underlying failure
     */
    public TestbedUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
