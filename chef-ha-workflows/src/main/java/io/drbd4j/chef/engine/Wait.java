package io.drbd4j.chef.engine;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a step waits for after its commands.
 *
 * @param until the state to reach
 * @param timeout how long to wait
 * @param stuck says why the state cannot be reached any more (such as a lost connection); empty while it can
 * @param stalled says why the state is not coming now (such as a peer not connected); tolerated for the cluster's
 *     state timeout, then the wait stops as stuck
 * @param syncProgress whether to report the resync's progress while waiting
 */
public record Wait(
        Condition until,
        Duration timeout,
        Function<LiveState, Optional<String>> stuck,
        Function<LiveState, Optional<String>> stalled,
        boolean syncProgress) {
    /**
     * Returns a wait that is never stuck.
     *
     * @param until the state to reach
     * @param timeout how long to wait
     * @return a wait that is never stuck
     */
    public static Wait of(Condition until, Duration timeout) {
        return new Wait(until, timeout, s -> Optional.empty(), s -> Optional.empty(), false);
    }
}
