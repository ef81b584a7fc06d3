package io.drbd4j.chef.engine;

import io.drbd4j.core.DrbdException;
import java.util.Optional;

/** A probe of live state failed; the step that asked turns it into a {@link io.drbd4j.chef.WorkflowException}. */
public final class StateUnknownException extends DrbdException {
    private static final long serialVersionUID = 1L;

    private final String host;
    private final String advice;

    StateUnknownException(String host, String message, Throwable cause) {
        this(host, message, null, cause);
    }

    /**
     * Creates the exception for a host whose state could not be read.
     *
     * @param advice what to do, when the probe knows better than "check that the host is reachable" (the host
     *     answered, the tool it ran failed)
     */
    StateUnknownException(String host, String message, String advice, Throwable cause) {
        super(message, cause);
        this.host = host;
        this.advice = advice;
    }

    /**
     * Returns the backend that could not be read.
     *
     * @return the backend that could not be read
     */
    public String host() {
        return host;
    }

    /**
     * Returns the probe's own advice, if it has one.
     *
     * @return the probe's own advice, if it has one
     */
    public Optional<String> advice() {
        return Optional.ofNullable(advice);
    }
}
