package io.drbd4j.exec.runner;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * A running command whose standard output is read while it runs, such as {@code drbdsetup events all}, which
 * prints a line for each state change until it is stopped. {@link CommandRunner#stream} starts one.
 *
 * <p>Its output waits in a bounded buffer until read; while the buffer is full the command blocks on its next
 * write. The command's timeout still holds: it is killed then, and its output ends. Standard input stays open
 * until {@link #close()}, so that a remote command learns through its end that nobody reads any more.
 *
 * <pre>{@code
 * try (CommandStream events = runner.stream(Command.of(Duration.ofHours(1), "drbdsetup", "events", "all"))
 *         .orElseThrow()) {
 *     int n = events.read(buffer, 0, buffer.length, Duration.ofSeconds(1)); // 0: nothing within a second
 * }
 * }</pre>
 *
 * <p>Thread-safe: one thread may read while another closes.
 */
public interface CommandStream extends AutoCloseable {
    /**
     * Returns the command as it was given.
     *
     * @return the command as it was given
     */
    Command command();

    /**
     * Reads what the command printed on its standard output and has not been read yet, waiting at most {@code
     * timeout} for the first byte.
     *
     * @param buffer where to put the bytes
     * @param offset where the first goes
     * @param length the most to read, at least 1
     * @param timeout how long to wait for the first byte; zero does not wait
     * @return how many bytes were read, 0 when none came in time, -1 once the output ended (the command exited,
     *     was killed, or the stream was closed) and every byte was read
     * @throws CommandInterruptedException when the calling thread was interrupted (the interrupt flag stays set)
     */
    int read(byte[] buffer, int offset, int length, Duration timeout);

    /**
     * Returns the command's exit code once it has exited.
     *
     * @return the command's exit code once it has exited; empty while it runs or when it was killed by {@link
     *     #close()}
     */
    OptionalInt exitCode();

    /**
     * Returns the last 64 KiB of what the command printed on standard error so far, for a message when the
     * output ended early.
     *
     * @return the last 64 KiB of what the command printed on standard error so far
     */
    String stderrText();

    /** Stops the command and everything it started, and ends its output; does nothing the second time. */
    @Override
    void close();
}
