package io.drbd4j.chef.engine;

import io.drbd4j.chef.JournalEntry;
import io.drbd4j.chef.JournalEntry.Event;
import io.drbd4j.chef.PlannedCommand;
import io.drbd4j.chef.ProgressListener;
import io.drbd4j.chef.SyncReport;
import io.drbd4j.chef.WorkflowException;
import io.drbd4j.exec.runner.CommandResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns each event of a run into its journal line (written and forced to disk first), its log line
 * and its listener call. Not thread-safe; one per run.
 */
final class RunEvents {
    private static final Logger LOG = LoggerFactory.getLogger(RunEvents.class);

    private final String workflow;
    private final Path journal;
    private final ProgressListener listener;
    private final Clock clock;

    RunEvents(String workflow, Path journal, ProgressListener listener, Clock clock) {
        this.workflow = workflow;
        this.journal = journal;
        this.listener = listener;
        this.clock = clock;
    }

    Clock clock() {
        return clock;
    }

    private JournalEntry.Builder entry(Event event) {
        return JournalEntry.builder().time(clock.instant()).workflow(workflow).event(event);
    }

    private JournalEntry.Builder entry(Event event, Step step) {
        return entry(event).step(step.id()).host(step.host());
    }

    private void write(JournalEntry.Builder entry) {
        JournalFile.append(journal, entry.build());
    }

    void began(Map<String, String> context) {
        write(entry(Event.BEGIN).format(JournalEntry.FORMAT).context(context));
        LOG.info("{}: begin, journal {}", workflow, journal);
    }

    void resumed(int entries, Map<String, String> context) {
        write(entry(Event.RESUME).context(context));
        LOG.info("{}: resuming from {} ({} entries)", workflow, journal, entries);
    }

    /** Journals that the cluster's lock refused the run (or could not be taken). */
    void lockRefused(WorkflowException e) {
        write(entry(e.reason() == WorkflowException.Reason.LOCKED ? Event.REFUSED : Event.FAILED)
                .reason(e.reason())
                .host(e.host())
                .detail(e.seen()));
        LOG.warn("{}: {}", workflow, e.getMessage());
    }

    void lockOverridden(String previous, String reason) {
        write(entry(Event.LOCK_OVERRIDDEN).detail("broke the lock of " + previous + ": " + reason));
        LOG.warn("{}: broke the cluster lock of {}: {}", workflow, previous, reason);
    }

    void skipped(Step step, JournalEntry.Skip why, String words) {
        write(entry(Event.SKIPPED, step).skip(why).detail(words));
        LOG.info("{}: {} skipped: {}", workflow, step, words);
        listener.stepSkipped(step.planned(), words);
    }

    void lossAccepted(Step step, String acceptance) {
        write(entry(Event.ACCEPTED_LOSS, step).detail(acceptance));
        LOG.warn("{}: {} runs with data loss accepted: {}", workflow, step, acceptance);
        listener.lossAccepted(step.planned(), acceptance);
    }

    /**
     * Records that a step started.
     *
     * @param seen what the step records of the state its guard saw; empty for most steps
     */
    void started(Step step, Optional<String> seen) {
        write(entry(Event.STARTED, step).detail(seen));
        LOG.info("{}: {} started", workflow, step);
        listener.stepStarted(step.planned());
    }

    /**
     * Records a command a step ran.
     *
     * @param result the command's result, its output already redacted
     */
    void commandFinished(Step step, PlannedCommand command, CommandResult result) {
        write(entry(Event.COMMAND, step)
                .host(command.host())
                .argv(command.argv())
                .exitCode(result.exitCode()));
        LOG.debug(
                "{}: {} ran {} on {}: exit {}",
                workflow,
                step,
                command.toShellString(),
                command.host(),
                result.exitCode());
        listener.commandFinished(step.planned(), command, result);
    }

    void waiting(Step step, String what, Duration elapsed) {
        LOG.debug("{}: {} waiting for {} ({} so far)", workflow, step, what, elapsed);
        listener.waiting(step.planned(), what, elapsed);
    }

    void syncProgress(Step step, SyncReport report) {
        LOG.debug("{}: {} resync {}", workflow, step, report);
        listener.syncProgress(step.planned(), report);
    }

    void finished(Step step, Duration took, Map<String, String> context) {
        write(entry(Event.FINISHED, step).context(context));
        LOG.info("{}: {} finished in {}", workflow, step, took);
        listener.stepFinished(step.planned(), took);
    }

    /** Journals the stop (REFUSED or FAILED, with the reason and the state seen) and builds what reports it. */
    WorkflowException stopped(
            WorkflowException.Reason reason, Step step, String seen, String required, String advice, Throwable cause) {
        Event event = reason == WorkflowException.Reason.REFUSED ? Event.REFUSED : Event.FAILED;
        write(entry(event, step).reason(reason).detail(seen));
        LOG.warn("{}: {} stopped ({}): {}", workflow, step, reason, seen);
        return new WorkflowException(reason, workflow, step.id(), step.host(), seen, required, advice, cause);
    }

    /**
     * Asks the listener whether the step may run (it is about to: its guard held, nothing of it journaled).
     *
     * @throws WorkflowException (STOPPED, journaled) when the listener gives a reason not to
     */
    void goAhead(Step step) {
        Optional<String> stop = listener.beforeStep(step.planned());
        if (stop.isPresent()) {
            throw stopped(
                    WorkflowException.Reason.STOPPED,
                    step,
                    stop.get(),
                    "the go-ahead to run " + step,
                    "nothing of this step ran; resume with the same journal to be asked again",
                    null);
        }
    }

    /**
     * Asks the listener whether to stop at this point between two commands (or two polls of a wait) of a started step.
     *
     * @param next what would come next, such as {@code drbdadm primary --force pc0}, for the message
     * @throws WorkflowException (STOPPED, journaled) when the listener gives a reason to
     */
    void checkStop(Step step, String next) {
        Optional<String> stop = listener.stopRequested(step.planned());
        if (stop.isPresent()) {
            throw stopped(
                    WorkflowException.Reason.STOPPED,
                    step,
                    stop.get() + ", before " + next,
                    "no stop before " + step + " finished",
                    "no command was cut short; resume with the same journal: live state and the step's guard are"
                            + " checked again",
                    null);
        }
    }

    void completed() {
        write(entry(Event.COMPLETED));
        LOG.info("{}: completed", workflow);
    }

    /**
     * Returns a journal error: nothing of the run was written.
     *
     * @return a journal error: nothing of the run was written
     */
    WorkflowException journalError(String seen, String required, String advice) {
        return new WorkflowException(
                WorkflowException.Reason.JOURNAL, workflow, "journal", null, seen, required, advice, null);
    }
}
