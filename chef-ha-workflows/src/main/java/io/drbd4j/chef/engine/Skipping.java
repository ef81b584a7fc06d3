package io.drbd4j.chef.engine;

import io.drbd4j.chef.JournalEntry;
import io.drbd4j.chef.JournalEntry.Event;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a step runs or is skipped, from the live state and from what a resumed run's journal says of the
 * steps: which finished, which were skipped because their outcome held, which started. A new run's journal says
 * nothing, so only the state decides.
 */
final class Skipping {
    /**
     * Why a step is skipped, typed for the journal and in words for people.
     *
     * @param why the journal's reason
     * @param words the reason in words
     */
    record Skip(JournalEntry.Skip why, String words) {}

    private final List<Step> steps;
    private final Set<String> finished = new HashSet<>();
    private final Set<String> settled = new HashSet<>();
    private final Set<String> started = new HashSet<>();

    Skipping(List<Step> steps) {
        this.steps = steps;
    }

    /** Learns from the journal of the run being resumed. */
    void learn(List<JournalEntry> entries) {
        for (JournalEntry e : entries) {
            if (e.event() == Event.FINISHED) {
                finished.add(e.step().orElseThrow());
            } else if (e.event() == Event.SKIPPED && e.skip().equals(Optional.of(JournalEntry.Skip.OUTCOME_HELD))) {
                settled.add(e.step().orElseThrow()); // counts as done for a step run once
            } else if (e.event() == Event.STARTED) {
                started.add(e.step().orElseThrow());
            }
        }
    }

    /** Returns why the step is skipped in this state, or empty when it runs (once its guard holds). */
    Optional<Skip> of(Step step, LiveState state) {
        if (step.always()) {
            return Optional.empty();
        }
        if (step.when().isPresent()) {
            Condition when = step.when().get();
            Optional<String> not = when.seen(state);
            if (not.isPresent()) {
                return Optional.of(new Skip(
                        JournalEntry.Skip.NOT_NEEDED, "only when " + when.description() + "; seen " + not.get()));
            }
        }
        if (step.done().isPresent() && step.done().get().holds(state)) {
            return Optional.of(new Skip(
                    JournalEntry.Skip.OUTCOME_HELD,
                    "already done: " + step.done().get().description()));
        }
        Optional<Skip> pending = pending(step, state);
        if (pending.isPresent()) {
            return pending;
        }
        if ((step.done().isEmpty() || step.once()) && finished.contains(step.id())) {
            return Optional.of(new Skip(JournalEntry.Skip.FINISHED_IN_JOURNAL, "finished in the journal"));
        }
        if (step.once() && settled.contains(step.id())) {
            return Optional.of(
                    new Skip(JournalEntry.Skip.DONE_IN_JOURNAL, "done in the journal (its outcome held then)"));
        }
        return Optional.empty();
    }

    /**
     * Returns why a step is skipped because the journal shows a step started, its guard held then, and the state now
     * shows that its command ran and its effect is pending: neither that step nor one that would undo it runs again.
     */
    private Optional<Skip> pending(Step step, LiveState state) {
        Step ran = step.notWhilePending()
                .flatMap(id -> steps.stream().filter(s -> s.id().equals(id)).findFirst())
                .orElse(step);
        Optional<Condition> effect = ran.pendingOnceStarted();
        if (effect.isEmpty() || !started.contains(ran.id()) || !effect.get().holds(state)) {
            return Optional.empty();
        }
        String words = "the journal shows " + ran.id() + " started, and "
                + effect.get().description();
        return Optional.of(
                ran == step
                        ? new Skip(JournalEntry.Skip.DONE_IN_JOURNAL, words)
                        : new Skip(JournalEntry.Skip.NOT_NEEDED, words));
    }
}
