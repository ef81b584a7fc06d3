package io.drbd4j.exec.watch;

/** Where a {@link DrbdWatcher} reads from. Not thread-safe. */
interface Source extends AutoCloseable {
    /**
     * Reads what there is now without waiting: the file, or what the stream has printed so far.
     *
     * @throws DrbdWatchException when the source ended or failed
     */
    void poll();

    /**
     * Waits, at most {@code timeoutMillis}, until there may be something new, and reads it.
     *
     * @param timeoutMillis how long to wait; zero does not wait
     * @throws DrbdWatchException when the source ended or failed
     */
    void pump(long timeoutMillis);

    @Override
    void close();
}
