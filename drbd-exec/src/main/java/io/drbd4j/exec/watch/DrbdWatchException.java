package io.drbd4j.exec.watch;

/**
 * A watcher's source ended or failed: the event stream's command exited (DRBD not loaded, the connection lost, its
 * time used up), or a reading was larger than a watcher holds. The message says what was seen. A watcher that threw
 * it is closed; open a new one to go on.
 */
public final class DrbdWatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was seen and what was expected
     */
    public DrbdWatchException(String message) {
        super(message);
    }
}
