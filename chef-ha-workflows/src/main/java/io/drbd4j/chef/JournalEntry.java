package io.drbd4j.chef;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One line of a {@link Journal}:
 * {@code {"time":"2026-11-22T03:00:00Z","workflow":"failover-setup","event":"started","step":"mkfs","host":"be1"}}.
 */
@Value.Immutable
public abstract class JournalEntry {
    /** What happened. */
    public enum Event {
        /** a run began; the context names the resource and the backends */
        BEGIN,
        /** a run was resumed from this journal */
        RESUME,
        /** a step's guard held and its commands start */
        STARTED,
        /** a step's commands ran and its wait ended */
        FINISHED,
        /** a step was not run: its outcome held already, or its condition did not */
        SKIPPED,
        /** a step's guard refused it; nothing ran */
        REFUSED,
        /** a step's command failed or a wait timed out */
        FAILED,
        /** the caller accepted losing data; the detail says what and why */
        ACCEPTED_LOSS,
        /** every step is done */
        COMPLETED
    }

    /** @return when, on the workflow's clock */
    public abstract Instant time();

    /** @return the workflow's name */
    public abstract String workflow();

    /** @return what happened */
    public abstract Event event();

    /** @return the step's id, for step events */
    public abstract Optional<String> step();

    /** @return the step's backend, for step events */
    public abstract Optional<String> host();

    /** @return why, for skips, refusals and failures */
    public abstract Optional<String> detail();

    /** @return names and values, such as the resource and backends of a BEGIN */
    public abstract Map<String, String> context();

    /** @return a builder */
    public static ImmutableJournalEntry.Builder builder() {
        return ImmutableJournalEntry.builder();
    }
}
