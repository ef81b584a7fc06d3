package io.drbd4j.exec.watch;

import io.drbd4j.core.watch.DrbdChangeTracker;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandStream;
import java.time.Duration;
import java.util.Arrays;

/**
 * Reads a {@link CommandStream} into one reused buffer and feeds the tracker whole units: lines of {@code drbdsetup
 * events}, or whole readings of {@code /proc/drbd} ended by a {@link #MARK} line. A unit longer than {@link
 * #MAX_UNIT} bytes is an error: memory stays bounded whatever the command prints.
 */
final class StreamSource implements Source {
    /** The line the remote loop prints after each reading of {@code /proc/drbd}; no line of it looks like this. */
    static final String MARK = "drbd4j-reading-end";

    /** The longest unit held: 16 MiB, some 80,000 devices of {@code /proc/drbd}. */
    static final int MAX_UNIT = 16 << 20;

    private static final byte[] MARK_LINE = ("\n" + MARK + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Command command;
    private final CommandStream stream;
    private final DrbdChangeTracker tracker;
    private final boolean events;
    private byte[] buffer = new byte[64 << 10];
    private int filled;
    private int scanned;

    StreamSource(Command command, CommandStream stream, DrbdChangeTracker tracker, boolean events) {
        this.command = command;
        this.stream = stream;
        this.tracker = tracker;
        this.events = events;
    }

    @Override
    public void poll() {
        pump(0);
    }

    @Override
    public void pump(long timeoutMillis) {
        if (filled == buffer.length) {
            if (buffer.length >= MAX_UNIT) {
                throw new DrbdWatchException(command + " printed " + filled + " bytes without "
                        + (events ? "a line end" : "the end of a reading") + " (expected: at most " + MAX_UNIT + ")");
            }
            buffer = Arrays.copyOf(buffer, Math.min(MAX_UNIT, buffer.length * 2));
        }
        int n = stream.read(
                buffer,
                filled,
                buffer.length - filled,
                timeoutMillis == 0 ? Duration.ZERO : Duration.ofMillis(timeoutMillis));
        if (n < 0) {
            String said = stream.stderrText().strip();
            throw new DrbdWatchException(command + " ended"
                    + stream.exitCode().stream()
                            .mapToObj(c -> " with exit code " + c)
                            .findFirst()
                            .orElse("")
                    + (said.isEmpty()
                            ? ""
                            : ": " + said.lines().reduce((a, b) -> b).orElse(""))
                    + " (expected: it runs until the watcher is closed)");
        }
        filled += n;
        int start = 0;
        if (events) {
            for (int i = scanned; i < filled; i++) {
                if (buffer[i] == '\n') {
                    tracker.event(buffer, start, i - start);
                    start = i + 1;
                }
            }
        } else {
            int from = Math.max(0, scanned - MARK_LINE.length);
            for (int at = indexOf(from); at >= 0; at = indexOf(start)) {
                tracker.update(buffer, start, at + 1 - start);
                start = at + MARK_LINE.length;
            }
        }
        System.arraycopy(buffer, start, buffer, 0, filled - start);
        filled -= start;
        scanned = filled;
    }

    /** Where the next mark line starts (its newline), or -1. A reading starts at 0 or right after a mark. */
    private int indexOf(int from) {
        int last = filled - MARK_LINE.length;
        for (int i = Math.max(from, 0); i <= last; i++) {
            if (buffer[i] == '\n' && Arrays.equals(buffer, i, i + MARK_LINE.length, MARK_LINE, 0, MARK_LINE.length)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        stream.close();
    }
}
