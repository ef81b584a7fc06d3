package io.drbd4j.chef;

import io.drbd4j.exec.runner.CommandResult;
import java.time.Duration;

/**
 * Hears what a running workflow does. Every method has an empty default; they are called on the thread that runs
 * the workflow, in order, each after the journal line of the same event is on disk, and must return quickly. An
 * exception thrown here stops the run (as a crash would: the journal then shows the step as started).
 */
public interface ProgressListener {
    /** @param step a step whose guard held and whose commands start now */
    default void stepStarted(PlannedStep step) {}

    /** @param step a step whose commands ran and whose wait ended @param took how long, on the workflow's clock */
    default void stepFinished(PlannedStep step, Duration took) {}

    /** @param step a step not run @param why its outcome already holds, or its condition does not */
    default void stepSkipped(PlannedStep step, String why) {}

    /**
     * @param step the running step
     * @param command one of its commands (the {@code cat} of a copy included), with the backend it ran on
     * @param result how it ended, a success; its output with every known secret masked
     */
    default void commandFinished(PlannedStep step, PlannedCommand command, CommandResult result) {}

    /**
     * @param step the step that waits
     * @param what the state it waits for
     * @param elapsed how long so far
     */
    default void waiting(PlannedStep step, String what, Duration elapsed) {}

    /** @param step the step that waits for a resync @param report how far the resync is */
    default void syncProgress(PlannedStep step, SyncReport report) {}

    /**
     * @param step a step about to run with data loss the caller accepted (journaled first)
     * @param acceptance what is lost and the caller's reason
     */
    default void lossAccepted(PlannedStep step, String acceptance) {}

    /** @return a listener that ignores everything */
    static ProgressListener none() {
        return new ProgressListener() {};
    }
}
