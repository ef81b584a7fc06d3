package io.drbd4j.testkit.internal;

import java.util.Objects;

/**
 * What a simulated command printed and how it exited: the real tool's exit code, stdout and stderr.
 *
 * @param exitCode the exit code
 * @param stdout standard output
 * @param stderr standard error
 */
public record Outcome(int exitCode, String stdout, String stderr) {
    /**
     * Checks the texts.
     *
     * @param exitCode the exit code
     * @param stdout standard output
     * @param stderr standard error
     */
    public Outcome {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }

    /**
     * Returns exit 0, no output.
     *
     * @return exit 0, no output
     */
    public static Outcome ok() {
        return new Outcome(0, "", "");
    }

    /**
     * Returns exit 0 with that output.
     *
     * @param stdout what it printed
     * @return exit 0 with that output
     */
    public static Outcome ok(String stdout) {
        return new Outcome(0, stdout, "");
    }

    /**
     * Returns the failure.
     *
     * @param exitCode a non-zero exit code
     * @param stderr what it printed on stderr
     * @return the failure
     */
    public static Outcome fail(int exitCode, String stderr) {
        return new Outcome(exitCode, "", stderr);
    }
}
