package io.drbd4j.chef;

import io.drbd4j.exec.runner.Command;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a workflow: a stable id, the backend it runs on, its commands in that backend's dialect, the guard
 * checked against live state right before it runs, whether it destroys data, an optional condition for steps that
 * run only in some states, and the state it then waits for. A step whose outcome already holds is skipped, so a
 * resumed run never repeats what took effect. Immutable.
 */
public final class Step {
    private final String id;
    private final String host;
    private final List<Action> actions;
    private final Condition guard;
    private final boolean destroysData;
    private final Optional<Condition> when;
    private final Optional<Condition> done;
    private final Optional<Wait> waitFor;
    private final Optional<String> note;
    private final String advice;
    private final boolean once;
    private final Optional<String> acceptedLoss;

    private Step(Builder b) {
        this.id = b.id;
        this.host = b.host;
        this.actions = List.copyOf(b.actions);
        this.guard = Objects.requireNonNull(b.guard, "guard of " + b.id);
        this.destroysData = b.destroysData;
        this.when = Optional.ofNullable(b.when);
        this.done = Optional.ofNullable(b.done);
        this.waitFor = Optional.ofNullable(b.waitFor);
        this.note = Optional.ofNullable(b.note);
        this.advice = Objects.requireNonNull(b.advice, "advice of " + b.id);
        this.once = b.once;
        this.acceptedLoss = Optional.ofNullable(b.acceptedLoss);
    }

    static Builder builder(String id, String host) {
        return new Builder(id, host);
    }

    /** @return the stable id, such as {@code force-primary}; the journal records it */
    public String id() {
        return id;
    }

    /** @return the backend the step runs on */
    public String host() {
        return host;
    }

    /** @return the commands, in order; empty for a step that only waits */
    public List<Command> commands() {
        return actions.stream().map(Action::command).toList();
    }

    /** @return the state the step requires, in words, such as {@code be1 Primary; /dev/drbd0 holds no filesystem} */
    public String guard() {
        return guard.description();
    }

    /** @return true when the step can destroy data if run in the wrong state */
    public boolean destroysData() {
        return destroysData;
    }

    /** @return the state in which the step runs at all; empty: always */
    public Optional<String> when() {
        return when.map(Condition::description);
    }

    /** @return the outcome that, already holding, makes the step skip; empty: skipped only when journaled done */
    public Optional<String> outcome() {
        return done.map(Condition::description);
    }

    /** @return the state the step waits for after its commands; empty: none */
    public Optional<String> waitFor() {
        return waitFor.map(w -> w.until().description());
    }

    /** @return what to expect, such as the resync rate a rate change gives */
    public Optional<String> note() {
        return note;
    }

    /** @return what the operator can do when the guard refuses */
    public String advice() {
        return advice;
    }

    /**
     * @return the data loss the caller accepted for this step, journaled as ACCEPTED_LOSS when it starts; empty for
     *     a step that loses nothing
     */
    public Optional<String> acceptedLoss() {
        return acceptedLoss;
    }

    List<Action> actions() {
        return actions;
    }

    /**
     * @return whether the journal (finished, or skipped because its outcome held) skips the step even when its
     *     outcome no longer holds
     */
    boolean once() {
        return once;
    }

    Condition guardCondition() {
        return guard;
    }

    Optional<Condition> whenCondition() {
        return when;
    }

    Optional<Condition> doneCondition() {
        return done;
    }

    Optional<Wait> waitCondition() {
        return waitFor;
    }

    @Override
    public String toString() {
        return id + " on " + host;
    }

    /** Collects a step; package-private: workflows define their steps. */
    static final class Builder {
        private final String id;
        private final String host;
        private final List<Action> actions = new ArrayList<>();
        private Condition guard;
        private boolean destroysData;
        private Condition when;
        private Condition done;
        private Wait waitFor;
        private String note;
        private String advice;
        private boolean once;
        private String acceptedLoss;

        private Builder(String id, String host) {
            if (!id.matches("[a-z][a-z0-9-]*")) {
                throw new IllegalArgumentException("step id \"" + id + "\" (expected: lower-case words joined by -)");
            }
            this.id = id;
            this.host = host;
        }

        Builder run(Command command) {
            actions.add(Action.of(command));
            return this;
        }

        Builder run(Action action) {
            actions.add(action);
            return this;
        }

        Builder guard(Condition condition) {
            this.guard = condition;
            return this;
        }

        Builder destroysData() {
            this.destroysData = true;
            return this;
        }

        Builder when(Condition condition) {
            this.when = condition;
            return this;
        }

        Builder done(Condition condition) {
            this.done = condition;
            return this;
        }

        Builder waitFor(Wait wait) {
            this.waitFor = wait;
            return this;
        }

        Builder note(String text) {
            this.note = text;
            return this;
        }

        Builder advice(String text) {
            this.advice = text;
            return this;
        }

        /**
         * The step's effect is undone by a later step by design: once journaled finished, or skipped because its
         * outcome held, it is not run again.
         */
        Builder once() {
            this.once = true;
            return this;
        }

        Builder acceptedLoss(String text) {
            this.acceptedLoss = text;
            return this;
        }

        Step build() {
            return new Step(this);
        }
    }
}
