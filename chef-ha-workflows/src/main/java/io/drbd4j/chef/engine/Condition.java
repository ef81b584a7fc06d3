package io.drbd4j.chef.engine;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A named check of live state: what it requires in words, and what was seen when it does not hold.
 *
 * @param description what it requires, such as {@code be1 Primary}
 * @param check empty when it holds; otherwise the state seen, in words
 */
public record Condition(String description, Function<LiveState, Optional<String>> check) {
    /**
     * Returns the condition.
     *
     * @param description what it requires
     * @param holds whether it holds
     * @param seen the state seen, in words, when it does not
     * @return the condition
     */
    public static Condition of(String description, Predicate<LiveState> holds, Function<LiveState, String> seen) {
        return new Condition(description, s -> holds.test(s) ? Optional.empty() : Optional.of(seen.apply(s)));
    }

    /**
     * Returns a condition that holds when both hold; the description joins both with "; ".
     *
     * @return a condition that holds when both hold; the description joins both with "; "
     */
    public Condition and(Condition other) {
        return new Condition(
                description + "; " + other.description, s -> check.apply(s).or(() -> other.check.apply(s)));
    }

    /**
     * Returns what was seen when it does not hold; empty when it holds.
     *
     * @param state the live state
     * @return what was seen when it does not hold; empty when it holds
     */
    public Optional<String> seen(LiveState state) {
        return check.apply(state);
    }

    /**
     * Returns whether it holds.
     *
     * @param state the live state
     * @return whether it holds
     */
    public boolean holds(LiveState state) {
        return check.apply(state).isEmpty();
    }
}
