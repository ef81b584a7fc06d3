package io.drbd4j.exec.runner;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands on this host with Apache commons-exec: an argument vector, never a shell; stdin closed unless the
 * command brings bytes; stdout and stderr captured up to a limit each (16 MiB by default), the rest drained and
 * counted; at the timeout the whole process tree killed.
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
        CommandLine line = new CommandLine(command.program());
        CapturingStreamHandler streams =
                new CapturingStreamHandler(command.stdin().orElse(null), captureLimit, stopTimeout);
        TreeKillingWatchdog watchdog = new TreeKillingWatchdog(command.timeout().toMillis());
        DefaultExecutor executor = new ArgvExecutor(command.argv(), command.workingDirectory());
        executor.setStreamHandler(streams);
        executor.setWatchdog(watchdog);
        executor.setExitValues(null);
        long start = System.nanoTime();
        int exit;
        try {
            exit = executor.execute(line, environment(command));
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
        if (watchdog.timedOut()) {
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

    private static Map<String, String> environment(Command command) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(command.environment());
        return env;
    }
}
