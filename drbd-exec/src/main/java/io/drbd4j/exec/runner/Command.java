package io.drbd4j.exec.runner;

import io.drbd4j.exec.internal.Shell;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One program to run, as an argument vector: never a shell line. A timeout is required: nothing drbd4j runs may
 * hang.
 *
 * <pre>{@code
 * Command role = Command.of(Duration.ofSeconds(10), "drbdadm", "role", "pc0");
 * }</pre>
 *
 * <p>The environment additions default to {@code LC_ALL=C}, so DRBD prints its messages in the English the
 * error classification expects. Immutable and thread-safe.
 */
@Value.Immutable
public abstract class Command {
    // Only the implementation Immutables generates in this package extends this type.
    Command() {}

    /**
     * Returns the program and its arguments; not empty, no NUL characters.
     *
     * @return the program and its arguments; not empty, no NUL characters
     */
    public abstract List<String> argv();

    /**
     * Returns how long the command may run before it and its children are killed; positive.
     *
     * @return how long the command may run before it and its children are killed; positive
     */
    public abstract Duration timeout();

    /**
     * Returns variables added to the runner's environment; {@code LC_ALL=C} unless set otherwise.
     *
     * @return variables added to the runner's environment; {@code LC_ALL=C} unless set otherwise
     */
    @Value.Default
    public Map<String, String> environment() {
        return Map.of("LC_ALL", "C");
    }

    /**
     * Returns bytes to write to the program's standard input, which is closed after them; empty: closed at once.
     *
     * @return bytes to write to the program's standard input, which is closed after them; empty: closed at once
     */
    public abstract Optional<byte[]> stdin();

    /**
     * Returns the directory to run in; empty: the runner's own.
     *
     * @return the directory to run in; empty: the runner's own
     */
    public abstract Optional<Path> workingDirectory();

    /**
     * Returns the program, the first word of {@link #argv()}.
     *
     * @return the program, the first word of {@link #argv()}
     */
    public String program() {
        return argv().get(0);
    }

    /**
     * Returns the command as one POSIX shell line, each word single-quoted: safe to paste, for logs.
     *
     * @return the command as one POSIX shell line, each word single-quoted: safe to paste, for logs
     */
    public String toShellString() {
        return Shell.join(argv());
    }

    /**
     * Returns {@link #toShellString()}.
     *
     * @return {@link #toShellString()}
     */
    @Override
    public String toString() {
        return toShellString();
    }

    /**
     * Returns the command with the default environment and a closed stdin.
     *
     * @param timeout how long it may run
     * @param argv program and arguments
     * @return the command with the default environment and a closed stdin
     */
    public static Command of(Duration timeout, String... argv) {
        return builder().timeout(timeout).addArgv(argv).build();
    }

    /**
     * Returns the command with the default environment and a closed stdin.
     *
     * @param timeout how long it may run
     * @param argv program and arguments
     * @return the command with the default environment and a closed stdin
     */
    public static Command of(Duration timeout, List<String> argv) {
        return builder().timeout(timeout).addAllArgv(argv).build();
    }

    /**
     * Returns a new builder of {@link Command} values.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link Command} values; not thread-safe. */
    public static final class Builder extends ImmutableCommand.Builder {
        Builder() {}
    }

    @Value.Check
    void check() {
        if (argv().isEmpty() || argv().get(0).isEmpty()) {
            throw new IllegalArgumentException("command without a program (expected: argv starting with one)");
        }
        for (String arg : argv()) {
            if (arg.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("argument with a NUL character in "
                        + Shell.join(argv()).replace("\0", "\\0")
                        + " (expected: none; a process cannot receive NUL in argv)");
            }
        }
        if (timeout().isNegative() || timeout().isZero()) {
            throw new IllegalArgumentException("timeout " + timeout() + " (expected: positive)");
        }
        environment().forEach((name, value) -> {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException(
                        "environment variable name \"" + name + "\" (expected: letters, digits, _)");
            }
            if (value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("environment variable " + name + " with a NUL character"
                        + " (expected: none; a process cannot receive NUL in its environment)");
            }
        });
    }
}
