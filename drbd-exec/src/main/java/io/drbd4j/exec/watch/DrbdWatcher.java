package io.drbd4j.exec.watch;

import io.drbd4j.core.time.Sleeper;
import io.drbd4j.core.watch.DrbdChangeListener;
import io.drbd4j.core.watch.DrbdChangeTracker;
import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Watches one node's DRBD state and tells a {@link DrbdChangeListener} of every change, without a connection or a
 * command per look. Three sources:
 *
 * <ul>
 *   <li>{@link Builder#events}: DRBD's own event stream, {@code drbdsetup events all} (8.3: {@code drbdsetup
 *       /dev/drbd0 events --all-devices}), one long-running command through the node's runner, locally or over
 *       ssh: each change arrives as the kernel reports it;
 *   <li>{@link Builder#procDrbd}: a loop on the node that prints {@code /proc/drbd} whenever it changed, looking
 *       every interval, read as one stream; it also sees the sizes and speeds the event stream leaves out;
 *   <li>{@link Builder#file}: this host's {@code /proc/drbd}, read every interval.
 * </ul>
 *
 * <p>The watcher reads in the thread that calls {@link #awaitChange}; the listener runs there too. Between calls the
 * stream's output waits in a bounded buffer. A reading that changes nothing allocates nothing.
 *
 * <pre>{@code
 * try (DrbdWatcher watcher = DrbdWatcher.builder()
 *         .listener(change -> System.out.println(change))
 *         .events(runner, DrbdDialect.drbd84())
 *         .orElseThrow()) {
 *     while (watcher.awaitChange(Duration.ofMinutes(1))) {
 *         // the listener has seen what changed
 *     }
 * }
 * }</pre>
 *
 * <p>Not thread-safe, except {@link #close()}, which any thread may call.
 */
public final class DrbdWatcher implements AutoCloseable {
    /** How long an event stream or remote loop runs at most unless the builder says otherwise: 12 hours. */
    public static final Duration DEFAULT_SESSION = Duration.ofHours(12);

    private final Source source;
    private final DrbdChangeTracker tracker;
    private final Clock clock;
    private volatile boolean closed;

    private DrbdWatcher(Source source, DrbdChangeTracker tracker, Clock clock) {
        this.source = source;
        this.tracker = tracker;
        this.clock = clock;
    }

    /**
     * Returns a builder.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads what the source has and waits, at most {@code timeout}, until at least one change has been told to the
     * listener in this call.
     *
     * @param timeout how long to wait at most; zero reads only what has come
     * @return true when the listener was told of at least one change, false when none came in time
     * @throws DrbdWatchException when the source ended or failed; the watcher is closed then
     * @throws IllegalStateException when the watcher is closed
     */
    public boolean awaitChange(Duration timeout) {
        open();
        long before = tracker.changes();
        long deadline = clock.millis() + timeout.toMillis();
        try {
            while (true) {
                source.pump(Math.max(0, deadline - clock.millis()));
                if (tracker.changes() > before) {
                    return true;
                }
                if (clock.millis() >= deadline || closed) {
                    return false;
                }
            }
        } catch (DrbdWatchException e) {
            close();
            throw e;
        }
    }

    /**
     * Reads what the source has now, without waiting: the file once, or what the stream has printed so far. A poll
     * that finds nothing changed allocates nothing.
     *
     * @return true when the listener was told of at least one change
     * @throws DrbdWatchException when the source ended or failed; the watcher is closed then
     * @throws IllegalStateException when the watcher is closed
     */
    public boolean poll() {
        open();
        long before = tracker.changes();
        try {
            source.poll();
        } catch (DrbdWatchException e) {
            close();
            throw e;
        }
        return tracker.changes() > before;
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("the watcher is closed");
        }
    }

    /**
     * Returns how many changes the listener has been told of.
     *
     * @return how many changes the listener has been told of
     */
    public long changes() {
        return tracker.changes();
    }

    /**
     * Returns how many lines of the source could not be read (see {@link DrbdChangeTracker#problems()}).
     *
     * @return how many lines of the source could not be read
     */
    public int problems() {
        return tracker.problems();
    }

    /** Stops the source: ends the stream's command, or closes the file. Does nothing the second time. */
    @Override
    public void close() {
        closed = true;
        source.close();
    }

    /** Where a watcher reads from, and what it tells. */
    public static final class Builder {
        private DrbdChangeListener listener = change -> {};
        private Sleeper sleeper = Sleeper.system();
        private Duration session = DEFAULT_SESSION;
        private int minor;
        private String procFile = "/proc/drbd";

        private Builder() {}

        /**
         * Sets the file the {@link #procDrbd} loop prints; {@code /proc/drbd} by default.
         *
         * @param absolutePath an absolute path on the node
         * @return this builder
         */
        public Builder procFile(String absolutePath) {
            if (!absolutePath.startsWith("/")) {
                throw new IllegalArgumentException(
                        "file \"" + absolutePath + "\" (expected: an absolute path, such as /proc/drbd)");
            }
            this.procFile = absolutePath;
            return this;
        }

        /**
         * Sets who is told of each change; by default nobody (then only {@link #awaitChange}'s result tells).
         *
         * @param value the listener
         * @return this builder
         */
        public Builder listener(DrbdChangeListener value) {
            this.listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /**
         * Sets the time source of waits and intervals (simulated time in tests); {@link Sleeper#system()} by
         * default.
         *
         * @param value the time source
         * @return this builder
         */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /**
         * Sets how long the stream's command may run ({@link #DEFAULT_SESSION} by default); after that {@link
         * #awaitChange} throws {@link DrbdWatchException}.
         *
         * @param value how long, positive
         * @return this builder
         */
        public Builder session(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("session " + value + " (expected: positive)");
            }
            this.session = value;
            return this;
        }

        /**
         * Sets the device minor 8.3's {@code drbdsetup events} is started on (it reports every device); 0 by
         * default.
         *
         * @param value a minor that exists on the node
         * @return this builder
         */
        public Builder minor(int value) {
            this.minor = value;
            return this;
        }

        /**
         * Starts a watcher on DRBD's event stream.
         *
         * @param runner runs the stream on the node (a {@link io.drbd4j.exec.runner.CommonsExecRunner}, an {@link
         *     io.drbd4j.exec.runner.SshRunner}, or a simulated host)
         * @param dialect the node's DRBD userland
         * @return the watcher, or empty when the runner cannot stream
         */
        public Optional<DrbdWatcher> events(CommandRunner runner, DrbdDialect dialect) {
            DrbdChangeTracker tracker = new DrbdChangeTracker(listener);
            Command events = dialect.events(minor, session);
            return runner.stream(events)
                    .map(s -> new DrbdWatcher(new StreamSource(events, s, tracker, true), tracker, sleeper.clock()));
        }

        /**
         * Starts a watcher on a loop that runs on the node and prints its {@code /proc/drbd} whenever it differs
         * from the reading before, looking every {@code interval}: {@code sh -c 'SCRIPT' drbd4j-watch SECONDS
         * FILE}, the file being {@code /proc/drbd} unless {@link #procFile} says otherwise. The loop prints nothing
         * while nothing changes.
         *
         * @param runner runs the loop on the node
         * @param interval how often the loop looks, at least 10 ms
         * @return the watcher, or empty when the runner cannot stream
         */
        public Optional<DrbdWatcher> procDrbd(CommandRunner runner, Duration interval) {
            Command loop = Command.of(session, "sh", "-c", LOOP, "drbd4j-watch", seconds(interval), procFile);
            DrbdChangeTracker tracker = new DrbdChangeTracker(listener);
            return runner.stream(loop)
                    .map(s -> new DrbdWatcher(new StreamSource(loop, s, tracker, false), tracker, sleeper.clock()));
        }

        /**
         * Starts a watcher that reads a file in {@code /proc/drbd}'s format on this host every {@code interval}.
         *
         * @param file the file, usually {@code /proc/drbd}
         * @param interval how often to read it, at least 10 ms
         * @return the watcher
         */
        public DrbdWatcher file(Path file, Duration interval) {
            seconds(interval);
            DrbdChangeTracker tracker = new DrbdChangeTracker(listener);
            return new DrbdWatcher(new FileSource(file, interval, sleeper, tracker), tracker, sleeper.clock());
        }

        private static String seconds(Duration interval) {
            if (interval.compareTo(Duration.ofMillis(10)) < 0) {
                throw new IllegalArgumentException("interval " + interval + " (expected: at least 10 ms)");
            }
            return String.format(Locale.ROOT, "%d.%03d", interval.toSeconds(), interval.toMillisPart());
        }
    }

    /**
     * The remote loop: $1 is the interval in seconds, $2 the file. {@code $(cat)} drops the trailing newline, which
     * printf puts back before the mark; a failed cat ends the loop with its exit code.
     */
    static final String LOOP = "p=; while :; do c=$(cat -- \"$2\") || exit $?; if [ \"$c\" != \"$p\" ]; then"
            + " printf '%s\\n%s\\n' \"$c\" " + StreamSource.MARK + "; p=$c; fi; sleep \"$1\"; done";
}
