package io.drbd4j.exec.runner;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.immutables.value.Value;

/**
 * How a command ended: its exit code and what it printed. A non-zero exit code is a result, not an exception.
 * Output is kept as bytes ({@code /proc/drbd} can hold a NUL) up to the runner's capture limit; the rest is
 * counted and dropped, and {@link #stdoutTruncated()} says so. Immutable and thread-safe.
 */
@Value.Immutable
public abstract class CommandResult {
    // Only the implementation Immutables generates in this package extends this type.
    CommandResult() {}

    /**
     * Returns the command that ran.
     *
     * @return the command that ran
     */
    public abstract Command command();

    /**
     * Returns the exit code.
     *
     * @return the exit code
     */
    public abstract int exitCode();

    /**
     * Returns standard output as captured.
     *
     * @return standard output as captured
     */
    public abstract byte[] stdout();

    /**
     * Returns standard error as captured.
     *
     * @return standard error as captured
     */
    public abstract byte[] stderr();

    /**
     * Returns true when standard output exceeded the capture limit.
     *
     * @return true when standard output exceeded the capture limit
     */
    @Value.Default
    public boolean stdoutTruncated() {
        return false;
    }

    /**
     * Returns true when standard error exceeded the capture limit.
     *
     * @return true when standard error exceeded the capture limit
     */
    @Value.Default
    public boolean stderrTruncated() {
        return false;
    }

    /**
     * Returns how long the command ran.
     *
     * @return how long the command ran
     */
    public abstract Duration duration();

    /**
     * Returns true for exit code 0.
     *
     * @return true for exit code 0
     */
    public boolean succeeded() {
        return exitCode() == 0;
    }

    /**
     * Returns standard output decoded as UTF-8, malformed bytes replaced.
     *
     * @return standard output decoded as UTF-8, malformed bytes replaced
     */
    public String stdoutText() {
        return new String(stdout(), StandardCharsets.UTF_8);
    }

    /**
     * Returns standard error decoded as UTF-8, malformed bytes replaced.
     *
     * @return standard error decoded as UTF-8, malformed bytes replaced
     */
    public String stderrText() {
        return new String(stderr(), StandardCharsets.UTF_8);
    }

    /**
     * Returns a new builder of {@link CommandResult} values.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link CommandResult} values; not thread-safe. */
    public static final class Builder extends ImmutableCommandResult.Builder {
        Builder() {}
    }

    /**
     * Returns a result that took no time, for test doubles.
     *
     * @param command the command
     * @param exitCode its exit code
     * @param stdout its standard output as text
     * @param stderr its standard error as text
     * @return a result that took no time, for test doubles
     */
    public static CommandResult of(Command command, int exitCode, String stdout, String stderr) {
        return builder()
                .command(command)
                .exitCode(exitCode)
                .stdout(stdout.getBytes(StandardCharsets.UTF_8))
                .stderr(stderr.getBytes(StandardCharsets.UTF_8))
                .duration(Duration.ZERO)
                .build();
    }

    /**
     * Returns exit code and the first line of stderr, for messages.
     *
     * @return exit code and the first line of stderr, for messages
     */
    @Override
    public String toString() {
        String err = stderrText().strip();
        String firstLine = err.split("\\R", 2)[0].strip();
        return "exit " + exitCode() + " from " + command() + (err.isEmpty() ? "" : ": " + firstLine);
    }
}
