package io.drbd4j.exec.runner;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.ExecuteException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands on this host with Apache commons-exec: an argument vector, never a shell; stdin closed unless the
 * command brings bytes; stdout and stderr captured up to a limit each (16 MiB by default), the rest drained and
 * counted; at the timeout, or when the calling thread is interrupted, everything the command started killed.
 *
 * <p>What is killed: each command runs with the environment variable {@code DRBD4J_RUN} set to a random UUID of
 * its own, which every process it starts inherits. At the timeout or interrupt the runner sends SIGKILL (which a
 * trap cannot ignore) to the command's process, to its descendants, and to every process whose
 * {@code /proc/PID/environ} carries that marker, so also to children re-parented to init by a double fork or
 * {@code setsid}; it sweeps again until two sweeps in a row find nothing new, so a shell that keeps forking loses
 * every child it made before it died. Sweeping gives up after 2 s (a fork bomb) and logs what survived at warning
 * level. What escapes: a process that replaced its environment ({@code env -i}, sudo's {@code env_reset}, a daemon
 * re-executing itself with a clean environment) and is no longer a descendant of the command; a process whose
 * environment the JVM may not read (another user's, or a setuid program's, unless the JVM runs as root); work
 * handed to another service ({@code systemd-run}, {@code at}, a daemon); and, without {@code /proc}, everything
 * that left the process tree.
 *
 * <p>Timing: at the timeout {@code run} throws {@link CommandTimeoutException} once the sweeps are done and the
 * output pumps have ended, typically well under 0.5 s after the timeout; at worst 2 s of sweeping plus the stop
 * timeout later, when something escaped and holds the output open. An interrupt of the calling thread kills the
 * same way and throws {@link CommandInterruptedException} with the interrupt flag still set; a thread interrupted
 * before the call starts nothing. A command that exits on its own is not swept: a daemon it leaves running stays.
 *
 * <p>The JVM encodes argv in its {@code sun.jnu.encoding}, which follows the locale: run it with a UTF-8 locale
 * ({@code LANG=C.UTF-8}) when arguments may hold non-ASCII text. Thread-safe: each call uses its own executor.
 */
public final class CommonsExecRunner implements CommandRunner {
    /** Default capture limit per stream: 16 MiB. */
    public static final long DEFAULT_CAPTURE_LIMIT = 16L << 20;

    /** How long to wait for output pumps after the process exited: a descendant may keep the pipe open. */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(CommonsExecRunner.class);

    private final long captureLimit;
    private final Duration stopTimeout;

    private CommonsExecRunner(long captureLimit, Duration stopTimeout) {
        if (captureLimit < 0) {
            throw new IllegalArgumentException("capture limit " + captureLimit + " (expected: 0 or more bytes)");
        }
        this.captureLimit = captureLimit;
        this.stopTimeout = Objects.requireNonNull(stopTimeout, "stopTimeout");
    }

    /**
     * Returns a runner with the default capture limit and stop timeout.
     *
     * @return a runner with the default capture limit and stop timeout
     */
    public static CommonsExecRunner create() {
        return new CommonsExecRunner(DEFAULT_CAPTURE_LIMIT, DEFAULT_STOP_TIMEOUT);
    }

    /**
     * Returns a runner with these limits.
     *
     * @param captureLimit bytes kept per stream; the rest is read and dropped
     * @param stopTimeout how long to wait for the output after the process exited
     * @return a runner with these limits
     */
    public static CommonsExecRunner create(long captureLimit, Duration stopTimeout) {
        return new CommonsExecRunner(captureLimit, stopTimeout);
    }

    @Override
    public CommandResult run(Command command) {
        LOG.debug("run {}", command);
        if (Thread.currentThread().isInterrupted()) {
            throw new CommandInterruptedException(command, "");
        }
        ProcessSweeper sweeper = new ProcessSweeper();
        CommandLine line = new CommandLine(command.program());
        CapturingStreamHandler streams =
                new CapturingStreamHandler(command.stdin().orElse(null), captureLimit, stopTimeout);
        TreeKillingWatchdog watchdog = new TreeKillingWatchdog(command.timeout().toMillis(), sweeper);
        ArgvExecutor executor = new ArgvExecutor(command.argv(), command.workingDirectory(), sweeper);
        executor.setStreamHandler(streams);
        executor.setWatchdog(watchdog);
        executor.setExitValues(null);
        long start = System.nanoTime();
        int exit;
        try {
            exit = executor.execute(line, environment(command, sweeper));
        } catch (ExecuteException e) {
            Process p = watchdog.process();
            if (p == null) {
                throw new CommandStartException(command, e);
            }
            exit = e.getExitValue();
        } catch (IOException e) {
            throw new CommandStartException(command, e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        WatchedProcess process = executor.process();
        if (process != null && process.interruptedWhileRunning()) {
            Thread.currentThread().interrupt(); // commons-exec cleared it
            warnAboutSurvivors(command, process.survivors());
            throw new CommandInterruptedException(command, "");
        }
        if (process != null && process.interruptedAfterExit()) {
            Thread.currentThread().interrupt(); // the result is real, but the interrupt must not be lost
        }
        if (watchdog.timedOut()) {
            warnAboutSurvivors(command, watchdog.survivors());
            throw new CommandTimeoutException(command, "", streams.stdout(), streams.stderr());
        }
        if (streams.pipeHeldOpen()) {
            LOG.debug("{} exited {}, but a process it started still holds its output open", command, exit);
        }
        return CommandResult.builder()
                .command(command)
                .exitCode(exit)
                .stdout(streams.stdout())
                .stderr(streams.stderr())
                .stdoutTruncated(streams.stdoutTruncated())
                .stderrTruncated(streams.stderrTruncated())
                .duration(took)
                .build();
    }

    /**
     * Starts the command in the background; its standard output waits in a buffer of {@value
     * ProcessStream#BUFFER_BYTES} bytes until read, and its standard input stays open until the stream is closed.
     * The timeout and {@link CommandStream#close()} kill it and everything it started.
     *
     * @throws IllegalArgumentException when the command has stdin: a stream's standard input stays open instead
     */
    @Override
    public Optional<CommandStream> stream(Command command) {
        LOG.debug("stream {}", command);
        if (command.stdin().isPresent()) {
            throw new IllegalArgumentException(
                    "stdin for a streamed command (expected: none; its standard input stays open until close)");
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(command.environment());
        return Optional.of(ProcessStream.start(command, env));
    }

    private static Map<String, String> environment(Command command, ProcessSweeper sweeper) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(command.environment());
        env.put(ProcessSweeper.VARIABLE, sweeper.value());
        return env;
    }

    private static void warnAboutSurvivors(Command command, List<ProcessHandle> survivors) {
        if (!survivors.isEmpty()) {
            LOG.warn(
                    "{} was killed, but these processes it started survived (kill refused or still forking): {}",
                    command,
                    survivors.stream().map(ProcessHandle::pid).toList());
        }
    }
}
