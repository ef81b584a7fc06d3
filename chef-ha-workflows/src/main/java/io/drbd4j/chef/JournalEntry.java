package io.drbd4j.chef;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.immutables.value.Value;

/**
 * One line of a {@link Journal}:
 * {@code {"time":"2026-11-22T03:00:00Z","workflow":"failover-setup","event":"started","step":"mkfs","host":"be1"}}.
 * What resume decides on is in typed fields ({@link #event()}, {@link #skip()}, {@link #reason()}); {@link #detail()}
 * is for people.
 */
@Value.Immutable
public abstract class JournalEntry {
    // Only the implementation Immutables generates in this package extends this type.
    JournalEntry() {}

    /** The journal format this version writes on a BEGIN line; 0.1.0 wrote none (format 1). */
    public static final int FORMAT = 2;

    /** What happened. */
    public enum Event {
        /** a run began; the context names the resource, the backends and their dialects */
        BEGIN,
        /** a run was resumed from this journal */
        RESUME,
        /** a step's guard held and its commands start */
        STARTED,
        /** one command of a step ran: its host, argv and exit code */
        COMMAND,
        /** a step's commands ran and its wait ended */
        FINISHED,
        /** a step was not run: {@link #skip()} says why */
        SKIPPED,
        /** a step's guard refused it; nothing ran */
        REFUSED,
        /** a step's command failed, a wait timed out or the state could not be read: {@link #reason()} says which */
        FAILED,
        /** the caller accepted losing data; the detail says what and why */
        ACCEPTED_LOSS,
        /** the cluster's lock, held by another run, was broken by the caller; the detail says whose and why */
        LOCK_OVERRIDDEN,
        /** every step is done */
        COMPLETED
    }

    /** Why a step was skipped. */
    public enum Skip {
        /** its outcome held already: what it does is done */
        OUTCOME_HELD,
        /** the state it runs in did not hold (a step for some states only) */
        NOT_NEEDED,
        /** a step without an observable outcome that this journal shows finished */
        FINISHED_IN_JOURNAL,
        /** a step run once that this journal shows done (finished, or skipped because its outcome held) */
        DONE_IN_JOURNAL
    }

    /**
     * Returns when, on the workflow's clock.
     *
     * @return when, on the workflow's clock
     */
    public abstract Instant time();

    /**
     * Returns the workflow's name.
     *
     * @return the workflow's name
     */
    public abstract String workflow();

    /**
     * Returns what happened.
     *
     * @return what happened
     */
    public abstract Event event();

    /**
     * Returns the step's id, for step events.
     *
     * @return the step's id, for step events
     */
    public abstract Optional<String> step();

    /**
     * Returns the step's backend, for step events; for COMMAND the backend the command ran on.
     *
     * @return the step's backend, for step events; for COMMAND the backend the command ran on
     */
    public abstract Optional<String> host();

    /**
     * Returns why the step was skipped, for SKIPPED.
     *
     * @return why the step was skipped, for SKIPPED
     */
    public abstract Optional<Skip> skip();

    /**
     * Returns why the run stopped, for REFUSED and FAILED.
     *
     * @return why the run stopped, for REFUSED and FAILED
     */
    public abstract Optional<WorkflowException.Reason> reason();

    /**
     * Returns the command's program and arguments, for COMMAND; empty otherwise.
     *
     * @return the command's program and arguments, for COMMAND; empty otherwise
     */
    public abstract List<String> argv();

    /**
     * Returns the command's exit code, for COMMAND.
     *
     * @return the command's exit code, for COMMAND
     */
    public abstract OptionalInt exitCode();

    /**
     * Returns in words: why a step was skipped, refused or failed, or the data loss accepted.
     *
     * @return in words: why a step was skipped, refused or failed, or the data loss accepted
     */
    public abstract Optional<String> detail();

    /**
     * Returns names and values, such as the resource and backends of a BEGIN.
     *
     * @return names and values, such as the resource and backends of a BEGIN
     */
    public abstract Map<String, String> context();

    /**
     * Returns the journal format, on a BEGIN line: {@link #FORMAT}, or 1 for a journal 0.1.0 wrote.
     *
     * @return the journal format, on a BEGIN line: {@link #FORMAT}, or 1 for a journal 0.1.0 wrote
     */
    public abstract OptionalInt format();

    /**
     * Returns a new builder of {@link JournalEntry} values.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link JournalEntry} values; not thread-safe. */
    public static final class Builder extends ImmutableJournalEntry.Builder {
        Builder() {}
    }
}
