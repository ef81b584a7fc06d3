package io.drbd4j.chef.engine;

import io.drbd4j.chef.PlannedCommand;
import io.drbd4j.chef.PlannedStep;
import io.drbd4j.exec.runner.Command;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a workflow: a stable id, the backend it runs on, its actions in that backend's dialect, the guard
 * checked against live state right before it runs, whether it destroys data, an optional condition for steps that
 * run only in some states, the outcome that makes it skip, and the state it then waits for. A step whose outcome
 * already holds is skipped, so a resumed run never repeats what took effect. Immutable; {@link #planned()} is what
 * plans, listeners and the journal show of it.
 */
public final class Step {
    private final String id;
    private final Side side;
    private final List<Action> actions;
    private final Condition guard;
    private final Optional<Condition> when;
    private final Optional<Condition> done;
    private final Optional<Wait> waitFor;
    private final boolean once;
    private final boolean always;
    private final Optional<Condition> pendingOnceStarted;
    private final Optional<String> notWhilePending;
    private final Optional<java.util.function.Function<LiveState, String>> seen;
    private final PlannedStep planned;

    private Step(Builder b) {
        Pair pair = b.pair;
        this.id = b.id;
        this.side = b.side;
        this.actions = List.copyOf(b.actions);
        this.guard = Objects.requireNonNull(b.guard, "guard of " + b.id);
        this.when = Optional.ofNullable(b.when);
        this.done = Optional.ofNullable(b.done);
        this.waitFor = Optional.ofNullable(b.waitFor);
        this.once = b.once;
        this.always = b.always;
        this.pendingOnceStarted = Optional.ofNullable(b.pendingOnceStarted);
        this.notWhilePending = Optional.ofNullable(b.notWhilePending);
        this.seen = Optional.ofNullable(b.seen);
        List<PlannedCommand> commands = new ArrayList<>();
        for (Action action : actions) {
            if (action.copy().isPresent()) {
                String from = pair.name(action.copy().get().from());
                Command cat = action.read().orElseThrow();
                commands.add(planned(from, cat, Optional.empty()));
                commands.add(planned(b.host, action.command(), Optional.of("the output of " + cat + " on " + from)));
            } else {
                commands.add(planned(b.host, action.command(), Optional.empty()));
            }
        }
        this.planned = PlannedStep.builder()
                .id(id)
                .host(b.host)
                .commands(commands)
                .guard(guard.description())
                .destroysData(b.destroysData)
                .when(when.map(Condition::description))
                .outcome(done.map(Condition::description))
                .waitFor(waitFor.map(w -> w.until().description()))
                .note(Optional.ofNullable(b.note))
                .advice(Objects.requireNonNull(b.advice, "advice of " + b.id))
                .acceptedLoss(Optional.ofNullable(b.acceptedLoss))
                .build();
    }

    private static PlannedCommand planned(String host, Command command, Optional<String> input) {
        return PlannedCommand.builder()
                .host(host)
                .argv(command.argv())
                .timeout(command.timeout())
                .input(input)
                .build();
    }

    static Builder builder(String id, Side side, Pair pair) {
        return new Builder(id, side, pair);
    }

    /**
     * Returns what plans, listeners and the journal show.
     *
     * @return what plans, listeners and the journal show
     */
    public PlannedStep planned() {
        return planned;
    }

    /**
     * Returns the stable id.
     *
     * @return the stable id
     */
    public String id() {
        return id;
    }

    /**
     * Returns the backend's part.
     *
     * @return the backend's part
     */
    public Side side() {
        return side;
    }

    /**
     * Returns the backend's name.
     *
     * @return the backend's name
     */
    public String host() {
        return planned.host();
    }

    List<Action> actions() {
        return actions;
    }

    /**
     * Returns whether the journal (finished, or skipped because its outcome held) skips the step even when its outcome
     * no longer holds.
     *
     * @return whether the journal (finished, or skipped because its outcome held) skips the step even when its
     *     outcome no longer holds
     */
    boolean once() {
        return once;
    }

    /**
     * Returns whether the step runs on every run and resume, whatever the journal says.
     *
     * @return whether the step runs on every run and resume, whatever the journal says
     */
    boolean always() {
        return always;
    }

    /**
     * Returns what the step records in its STARTED journal line, read from the state its guard saw.
     *
     * @return what the step records in its STARTED journal line, read from the state its guard saw
     */
    Optional<java.util.function.Function<LiveState, String>> seen() {
        return seen;
    }

    Condition guard() {
        return guard;
    }

    Optional<Condition> when() {
        return when;
    }

    Optional<Condition> done() {
        return done;
    }

    Optional<Wait> waitFor() {
        return waitFor;
    }

    Optional<Condition> pendingOnceStarted() {
        return pendingOnceStarted;
    }

    Optional<String> notWhilePending() {
        return notWhilePending;
    }

    @Override
    public String toString() {
        return planned.toString();
    }

    /** Collects a step; made by {@link Pair#step}. */
    public static final class Builder {
        private final String id;
        private final Side side;
        private final Pair pair;
        private final String host;
        private final List<Action> actions = new ArrayList<>();
        private Condition pendingOnceStarted;
        private String notWhilePending;
        private Condition guard;
        private boolean destroysData;
        private Condition when;
        private Condition done;
        private Wait waitFor;
        private String note;
        private String advice;
        private boolean once;
        private boolean always;
        private java.util.function.Function<LiveState, String> seen;
        private String acceptedLoss;

        private Builder(String id, Side side, Pair pair) {
            if (!id.matches("[a-z][a-z0-9-]*")) {
                throw new IllegalArgumentException("step id \"" + id + "\" (expected: lower-case words joined by -)");
            }
            this.id = id;
            this.side = side;
            this.pair = pair;
            this.host = pair.name(side);
        }

        /**
         * Returns this.
         *
         * @param command a command, a success when it exits 0
         * @return this
         */
        public Builder run(Command command) {
            actions.add(Action.of(command));
            return this;
        }

        /**
         * Returns this.
         *
         * @param action an action
         * @return this
         */
        public Builder run(Action action) {
            actions.add(action);
            return this;
        }

        /**
         * Returns this.
         *
         * @param commands commands, each a success when it exits 0
         * @return this
         */
        public Builder runAll(List<Command> commands) {
            commands.forEach(this::run);
            return this;
        }

        /**
         * Returns this.
         *
         * @param condition the state the step requires right before it runs
         * @return this
         */
        public Builder guard(Condition condition) {
            this.guard = condition;
            return this;
        }

        /**
         * Returns this, marked as destroying data when run in the wrong state.
         *
         * @return this, marked as destroying data when run in the wrong state
         */
        public Builder destroysData() {
            this.destroysData = true;
            return this;
        }

        /**
         * Returns this.
         *
         * @param condition the state in which the step runs at all
         * @return this
         */
        public Builder when(Condition condition) {
            this.when = condition;
            return this;
        }

        /**
         * Returns this.
         *
         * @param condition the outcome that, already holding, makes the step skip
         * @return this
         */
        public Builder done(Condition condition) {
            this.done = condition;
            return this;
        }

        /**
         * Returns this.
         *
         * @param wait what to wait for after the commands
         * @return this
         */
        public Builder waitFor(Wait wait) {
            this.waitFor = wait;
            return this;
        }

        /**
         * Returns this.
         *
         * @param text what to expect; null for nothing
         * @return this
         */
        public Builder note(String text) {
            this.note = text;
            return this;
        }

        /**
         * Returns this.
         *
         * @param text what the operator can do when the guard refuses
         * @return this
         */
        public Builder advice(String text) {
            this.advice = text;
            return this;
        }

        /**
         * The step's effect is undone by a later step by design: once journaled finished, or skipped because its
         * outcome held, it is not run again.
         *
         * @return this
         */
        public Builder once() {
            this.once = true;
            return this;
        }

        /**
         * Names the state that shows the step's command ran while its effect is still to come (a discard that happens
         * only at the next handshake): on resume, a step the journal shows started, whose guard therefore held, is not
         * run again while that state holds, since only its command brought it.
         *
         * @param pending the state of a command that ran and whose effect is pending
         * @return this
         */
        public Builder pendingOnceStarted(Condition pending) {
            this.pendingOnceStarted = pending;
            return this;
        }

        /**
         * Skips the step while a later step's command ran and its effect is pending ({@link #pendingOnceStarted}): this
         * step would undo it (a disconnect before a discard).
         *
         * @param laterStep the id of the later step
         * @return this
         */
        public Builder notWhilePending(String laterStep) {
            this.notWhilePending = laterStep;
            return this;
        }

        /**
         * The step checks something that must hold on every run and every resume (such as which host each runner
         * reaches): it is never skipped, and its STARTED journal line records what it saw.
         *
         * @param what what the guard saw, in words
         * @return this
         */
        public Builder always(java.util.function.Function<LiveState, String> what) {
            this.always = true;
            this.seen = what;
            return this;
        }

        /**
         * Returns this.
         *
         * @param text the data loss the caller accepted, journaled before the step runs
         * @return this
         */
        public Builder acceptedLoss(String text) {
            this.acceptedLoss = text;
            return this;
        }

        /**
         * Returns the step.
         *
         * @return the step
         */
        public Step build() {
            if (destroysData && actions.size() != 1) {
                // The guard is checked right before a step's first command: a second command of a destructive step
                // would run on a state nobody checked (issue 15, class 7).
                throw new IllegalStateException("destructive step " + id + " has " + actions.size()
                        + " commands (expected: exactly one, so that its guard is checked right before it)");
            }
            return new Step(this);
        }
    }
}
