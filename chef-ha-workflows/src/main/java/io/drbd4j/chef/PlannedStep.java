package io.drbd4j.chef;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One step of a workflow as plans, listeners and journals show it: its stable id, the backend it runs on, every
 * command it runs (copies from the other backend included), the guard checked right before it, whether it can
 * destroy data, and the states it skips on and waits for. Immutable.
 */
@Value.Immutable
public abstract class PlannedStep {
    // Only the implementation Immutables generates in this package extends this type.
    PlannedStep() {}

    /**
     * Returns the stable id, such as {@code force-primary}; the journal records it.
     *
     * @return the stable id, such as {@code force-primary}; the journal records it
     */
    public abstract String id();

    /**
     * Returns the backend the step runs on.
     *
     * @return the backend the step runs on
     */
    public abstract String host();

    /**
     * Returns every command, in order, each with the backend it runs on; empty for a step that only waits.
     *
     * @return every command, in order, each with the backend it runs on; empty for a step that only waits
     */
    public abstract List<PlannedCommand> commands();

    /**
     * Returns the state the step requires, in words, such as {@code be1 Primary; /dev/drbd0 holds no filesystem}.
     *
     * @return the state the step requires, in words, such as {@code be1 Primary; /dev/drbd0 holds no filesystem}
     */
    public abstract String guard();

    /**
     * Returns true when the step can destroy data if run in the wrong state.
     *
     * @return true when the step can destroy data if run in the wrong state
     */
    public abstract boolean destroysData();

    /**
     * Returns the state in which the step runs at all; empty: always.
     *
     * @return the state in which the step runs at all; empty: always
     */
    public abstract Optional<String> when();

    /**
     * Returns the outcome that, already holding, makes the step skip; empty: skipped only when journaled done.
     *
     * @return the outcome that, already holding, makes the step skip; empty: skipped only when journaled done
     */
    public abstract Optional<String> outcome();

    /**
     * Returns the state the step waits for after its commands; empty: none.
     *
     * @return the state the step waits for after its commands; empty: none
     */
    public abstract Optional<String> waitFor();

    /**
     * Returns what to expect, such as the resync rate a rate change gives.
     *
     * @return what to expect, such as the resync rate a rate change gives
     */
    public abstract Optional<String> note();

    /**
     * Returns what the operator can do when the guard refuses.
     *
     * @return what the operator can do when the guard refuses
     */
    public abstract String advice();

    /**
     * Returns the data loss the caller accepted for this step, journaled when it starts; empty: it loses nothing.
     *
     * @return the data loss the caller accepted for this step, journaled when it starts; empty: it loses nothing
     */
    public abstract Optional<String> acceptedLoss();

    @Override
    public String toString() {
        return id() + " on " + host();
    }

    /**
     * Returns a new builder of {@link PlannedStep} values.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link PlannedStep} values; not thread-safe. */
    public static final class Builder extends ImmutablePlannedStep.Builder {
        Builder() {}
    }
}
