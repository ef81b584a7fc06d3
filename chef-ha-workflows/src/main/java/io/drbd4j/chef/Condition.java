package io.drbd4j.chef;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A named check of live state: what it requires in words, and what was seen when it does not hold.
 *
 * @param description what it requires, such as {@code be1 Primary}
 * @param check empty when it holds; otherwise the state seen, in words
 */
record Condition(String description, Function<LiveState, Optional<String>> check) {
    static Condition of(String description, Predicate<LiveState> holds, Function<LiveState, String> seen) {
        return new Condition(description, s -> holds.test(s) ? Optional.empty() : Optional.of(seen.apply(s)));
    }

    /** @return a condition that holds when both hold; the description joins both with "; " */
    Condition and(Condition other) {
        return new Condition(
                description + "; " + other.description, s -> check.apply(s).or(() -> other.check.apply(s)));
    }
}
