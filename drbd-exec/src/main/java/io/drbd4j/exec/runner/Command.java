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
 *
 * <p>Size: each argument and environment value holds at most {@link #MAX_ARGUMENT_BYTES} bytes of UTF-8; a command
 * with a longer one cannot be built, whichever runner was to run it. The limit comes from {@link SshRunner}: quoted
 * for the remote shell, a word takes up to 4 bytes per byte, and the whole remote line has to fit Linux's limit of
 * 131,072 bytes on one argument, which a single argument at the limit still does. Several long arguments together
 * can exceed it: {@link SshRunner} refuses such a line before it starts ssh. Longer input goes on {@link #stdin()}.
 */
@Value.Immutable
public abstract class Command {
    // Only the implementation Immutables generates in this package extends this type.
    Command() {}

    /** The most bytes of UTF-8 in one argument or environment value: 30,000. */
    public static final int MAX_ARGUMENT_BYTES = 30_000;

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
        checkSize();
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

    private void checkSize() {
        for (int i = 0; i < argv().size(); i++) {
            int bytes = utf8Length(argv().get(i));
            if (bytes > MAX_ARGUMENT_BYTES) {
                throw new IllegalArgumentException(
                        "argv[" + i + "] has " + bytes + " bytes of UTF-8 (expected: at most " + MAX_ARGUMENT_BYTES
                                + " per argument; pass longer input on standard input)");
            }
        }
        for (Map.Entry<String, String> e : environment().entrySet()) {
            int bytes = utf8Length(e.getValue());
            if (bytes > MAX_ARGUMENT_BYTES) {
                throw new IllegalArgumentException("environment variable " + e.getKey() + " has " + bytes
                        + " bytes of UTF-8 (expected: at most " + MAX_ARGUMENT_BYTES + " per value)");
            }
        }
    }

    private static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
