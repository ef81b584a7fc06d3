package io.drbd4j.examples.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code drbd4j check} prints: a {@link CheckState}, the parts of the one-line summary and the performance data,
 * rendered as a Nagios plugin's output line {@code DRBD WARNING - part; part | label=value;;;0 ...}.
 *
 * <p>Not thread-safe: one check builds it.
 */
final class CheckResult {
    private CheckState state = CheckState.OK;
    private final List<String> parts = new ArrayList<>();
    private final List<String> perfdata = new ArrayList<>();

    /**
     * Returns this, its state now the worst seen so far.
     *
     * @param seen a state found while checking
     * @return this, its state now the worst seen so far
     */
    CheckResult raise(CheckState seen) {
        state = state.worst(seen);
        return this;
    }

    /**
     * Returns this.
     *
     * @param part one part of the summary, joined to the others with {@code "; "}
     * @return this
     */
    CheckResult part(String part) {
        parts.add(part);
        return this;
    }

    /**
     * Returns this.
     *
     * @param label the metric's name, such as {@code drbd0_oos}
     * @param value the value with its unit, such as {@code 100KB} or {@code 43.1%}
     * @param max the maximum ({@code 100} for a percentage), empty for none
     * @return this
     */
    CheckResult perf(String label, String value, String max) {
        perfdata.add(label + "=" + value + ";;;0" + (max.isEmpty() ? "" : ";" + max));
        return this;
    }

    /**
     * Returns the state, which gives the exit code.
     *
     * @return the state, which gives the exit code
     */
    CheckState state() {
        return state;
    }

    /**
     * Returns {@code DRBD STATE - summary}, then {@code " | "} and the performance data when there is any; one line
     * whose text from the input is made visible ({@link Visible}) and holds no {@code |} but the separator.
     *
     * @return {@code DRBD STATE - summary}, then {@code " | "} and the performance data when there is any; one line
     *     whose text from the input is made visible ({@link Visible}) and holds no {@code |} but the separator
     */
    String line() {
        String summary = Visible.escape(String.join("; ", parts)).replace("|", "\\x7c");
        String line = "DRBD " + state.name() + " - " + summary;
        return perfdata.isEmpty() ? line : line + " | " + String.join(" ", perfdata);
    }
}
