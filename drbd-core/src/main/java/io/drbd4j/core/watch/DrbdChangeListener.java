package io.drbd4j.core.watch;

/**
 * Told of every change a {@link DrbdChangeTracker} sees, in order, on the thread that fed the tracker.
 *
 * <pre>{@code
 * DrbdChangeTracker tracker = new DrbdChangeTracker(change -> {
 *     if (change instanceof DrbdChange.SyncFinished done) {
 *         System.out.println("minor " + done.minor() + " in sync");
 *     }
 * });
 * }</pre>
 */
@FunctionalInterface
public interface DrbdChangeListener {
    /**
     * Takes one change.
     *
     * @param change what changed
     */
    void changed(DrbdChange change);
}
