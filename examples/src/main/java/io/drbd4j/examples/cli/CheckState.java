package io.drbd4j.examples.cli;

/**
 * A Nagios plugin's service state: its exit code and its word in the one-line output ({@code DRBD WARNING - ...}),
 * as the Nagios plugin guidelines define them (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN).
 *
 * <p>Constants are declared from least to most severe, so {@link #worst} can compare them: OK, then UNKNOWN (the
 * plugin could not tell), then WARNING, then CRITICAL; the order check_multi and most aggregating plugins use. An
 * UNKNOWN therefore never hides a WARNING or CRITICAL that was seen.
 */
enum CheckState {
    /** Every device can lose either node now. */
    OK(0),
    /** The plugin could not read or parse what it checks, or cannot vouch for what it read. */
    UNKNOWN(3),
    /** Redundancy is reduced but the data is safe now: a resync runs, a peer is not connected. */
    WARNING(1),
    /** Data is at risk now and DRBD will not fix it by itself: a split brain, no good copy reachable. */
    CRITICAL(2);

    private final int exitCode;

    CheckState(int exitCode) {
        this.exitCode = exitCode;
    }

    /**
     * Returns the plugin's exit code for this state.
     *
     * @return the plugin's exit code for this state
     */
    int exitCode() {
        return exitCode;
    }

    /**
     * Returns the more severe of the two.
     *
     * @param other another state
     * @return the more severe of the two
     */
    CheckState worst(CheckState other) {
        return other.compareTo(this) > 0 ? other : this;
    }
}
