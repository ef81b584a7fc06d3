package io.drbd4j.exec.runner;

import java.util.List;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.Watchdog;
import org.jspecify.annotations.Nullable;

/**
 * Commons-exec's watchdog kills only the process it started. At the timeout this one first collects the whole
 * process tree, while the children still have their parent (once it dies they are re-parented and lost), then
 * kills every descendant and the process itself.
 */
final class TreeKillingWatchdog extends ExecuteWatchdog {
    private Process process;
    private volatile boolean timedOut;

    @SuppressWarnings("deprecation") // the Builder cannot make a subclass
    TreeKillingWatchdog(long timeoutMillis) {
        super(timeoutMillis);
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
            ProcessHandle root = process.toHandle();
            List<ProcessHandle> tree = root.descendants().toList();
            tree.forEach(ProcessHandle::destroyForcibly);
            root.destroyForcibly();
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
     * Returns the started process, or null when none was.
     *
     * @return the started process, or null when none was
     */
    synchronized @Nullable Process process() {
        return process;
    }
}
