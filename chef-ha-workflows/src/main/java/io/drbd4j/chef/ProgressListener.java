package io.drbd4j.chef;

import io.drbd4j.exec.runner.CommandResult;
import java.time.Duration;
import java.util.Optional;

/**
 * Hears what a running workflow does. Every method has an empty default; they are called on the thread that runs
 * the workflow, in order, each after the journal line of the same event is on disk, and must return quickly. An
 * exception thrown here stops the run (as a crash would: the journal then shows the step as started).
 *
 * <p>Two methods let the caller stop a run cleanly, where no command is cut short: {@link #beforeStep} (to ask an
 * operator before a step that destroys data) and {@link #stopRequested} (between commands and between the polls of a
 * wait, for a Ctrl-C). A reason returned there stops the run with a {@link WorkflowException} of reason {@link
 * WorkflowException.Reason#STOPPED}: journaled, the cluster's lock released, resumable from the same journal.
 */
public interface ProgressListener {
    /**
     * Called when a step starts.
     *
     * @param step a step whose guard held and whose commands start now
     */
    default void stepStarted(PlannedStep step) {}

    /**
     * Called when a step finished.
     *
     * @param step a step whose commands ran and whose wait ended
     * @param took how long, on the workflow's clock
     */
    default void stepFinished(PlannedStep step, Duration took) {}

    /**
     * Called when a step is skipped.
     *
     * @param step a step not run
     * @param why its outcome already holds, or its condition does not
     */
    default void stepSkipped(PlannedStep step, String why) {}

    /**
     * Called when one of a step's commands succeeded.
     *
     * @param step the running step
     * @param command one of its commands (the {@code cat} of a copy included), with the backend it ran on
     * @param result how it ended, a success; its output with every known secret masked
     */
    default void commandFinished(PlannedStep step, PlannedCommand command, CommandResult result) {}

    /**
     * Called while a step waits for a state.
     *
     * @param step the step that waits
     * @param what the state it waits for
     * @param elapsed how long so far
     */
    default void waiting(PlannedStep step, String what, Duration elapsed) {}

    /**
     * Hears how far a resync is, at each poll of a step's wait that shows one. When the wait then sees the resync's
     * host UpToDate/UpToDate (DRBD no longer shows the sync, even when it ended between two polls) it reports once
     * more: 100% ({@link SyncReport#perMille()} 1000), 0 KiB left, no speed and no estimate. So the last report of a
     * finished resync is always 100%, and a listener need not make one up.
     *
     * @param step the step that waits for a resync
     * @param report how far the resync is
     */
    default void syncProgress(PlannedStep step, SyncReport report) {}

    /**
     * Called before a step runs with data loss the caller accepted.
     *
     * @param step a step about to run with data loss the caller accepted (journaled first)
     * @param acceptance what is lost and the caller's reason
     */
    default void lossAccepted(PlannedStep step, String acceptance) {}

    /**
     * Asked right before a step runs: it is not skipped, its guard held, and nothing of it is journaled or run yet.
     * Stopping here leaves the step as if the run had never reached it.
     *
     * @param step the step about to run; {@link PlannedStep#destroysData()} says whether it can destroy data
     * @return empty to run it; the reason to stop instead, such as {@code the operator typed 'pc0@be1' (expected:
     *     pc0@be2)}, which becomes the exception's "seen"
     */
    default Optional<String> beforeStep(PlannedStep step) {
        return Optional.empty();
    }

    /**
     * Asked before each command of a running step and before each poll of its wait: the points where the run can
     * stop without cutting a command short. Stopping here leaves the step started, as a crash would, and its resume
     * checks live state and the step's guard again. Must return at once (no input is read here).
     *
     * @param step the running step
     * @return empty to go on; the reason to stop, such as {@code SIGINT (Ctrl-C)}
     */
    default Optional<String> stopRequested(PlannedStep step) {
        return Optional.empty();
    }

    /**
     * Returns a listener that ignores everything.
     *
     * @return a listener that ignores everything
     */
    static ProgressListener none() {
        return new ProgressListener() {};
    }
}
