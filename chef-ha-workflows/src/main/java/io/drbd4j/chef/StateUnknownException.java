package io.drbd4j.chef;

import io.drbd4j.core.DrbdException;

/** A probe of live state failed; the step that asked turns it into a {@link WorkflowException}. */
final class StateUnknownException extends DrbdException {
    private static final long serialVersionUID = 1L;

    private final String host;

    StateUnknownException(String host, String message, Throwable cause) {
        super(message, cause);
        this.host = host;
    }

    String host() {
        return host;
    }
}
