package io.drbd4j.exec.runner;

import java.util.List;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.Watchdog;
import org.jspecify.annotations.Nullable;

/**
 * Commons-exec's watchdog kills only the process it started. At the timeout this one kills everything the command
 * started that a {@link ProcessSweeper} reaches: the process, its descendants, and every process carrying the
 * command's marker, also those re-parented to init after their parent died.
 */
final class TreeKillingWatchdog extends ExecuteWatchdog {
    private final ProcessSweeper sweeper;
    private Process process;
    private volatile boolean timedOut;
    private List<ProcessHandle> survivors = List.of();

    @SuppressWarnings("deprecation") // the Builder cannot make a subclass
    TreeKillingWatchdog(long timeoutMillis, ProcessSweeper sweeper) {
        super(timeoutMillis);
        this.sweeper = sweeper;
    }

    @Override
    public synchronized void start(Process started) {
        this.process = started;
        super.start(started);
    }

    @Override
    public synchronized void timeoutOccured(Watchdog w) {
        timedOut = true;
        if (process != null) {
            survivors = sweeper.killAll(process.toHandle());
        }
        super.timeoutOccured(w);
    }

    /**
     * Returns whether the timeout struck.
     *
     * @return whether the timeout struck
     */
    boolean timedOut() {
        return timedOut;
    }

    /**
     * Returns the processes the kill at the timeout could not reach; waits for that kill to end.
     *
     * @return the processes the kill at the timeout could not reach
     */
    synchronized List<ProcessHandle> survivors() {
        return survivors;
    }

    /**
     * Returns the started process, or null when none was.
     *
     * @return the started process, or null when none was
     */
    synchronized @Nullable Process process() {
        return process;
    }
}
