package io.drbd4j.examples.cli;

import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.proc.ParseOptions;
import io.drbd4j.core.proc.ProcDrbdParseException;
import io.drbd4j.core.proc.ProcDrbdParser;
import io.drbd4j.core.proc.ProcDrbdReader;
import io.drbd4j.core.safety.DataSafety;
import io.drbd4j.core.time.Sleeper;
import io.drbd4j.exec.Arguments;
import io.drbd4j.micrometer.StateMeters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code drbd4j status [--file F | --ssh [USER@]HOST [--port N] [--identity F] [--known-hosts F] [--connect-timeout
 * D]] [--json | --wide | --prometheus [--one-hot-states]] [--strict] [--watch [--interval D] [--count N]]}: reads
 * {@code /proc/drbd} (or another file in its format), on this host or on another one over ssh ({@link
 * SourceOptions}), and prints the version and every device as a table, as one line of JSON, or once as the
 * Prometheus text that {@code drbd4j exporter} serves ({@link PrometheusText}).
 *
 * <p>The table ({@link StatusTable}) fits 100 columns unless {@code --wide}, is coloured only on a terminal without
 * {@code NO_COLOR} ({@link Palette}), and for the host's own {@code /proc/drbd} names resources and mount points
 * ({@link DeviceNames}, best effort). Under a watch's table, each syncing device's speed over the last reads is a
 * {@link Sparkline}.
 *
 * <p>Lenient by default: what cannot be read is listed as a problem and the exit code stays 0. With {@code
 * --strict} the first such line fails the command. With {@code --fail-unless-safe} the exit code is {@link
 * Drbd4jCommand#EXIT_NOT_SAFE} unless the read is {@link #safe}. {@code --interval} and {@code --count} without
 * {@code --watch} are usage errors. A file that cannot be read, or a strict parse that fails,
 * exits with {@link Drbd4jCommand#EXIT_FAILURE} and one line on stderr.
 *
 * <p>With {@code --ssh} the command runs {@code cat /proc/drbd} on the host through the system OpenSSH client
 * ({@link RemoteProcDrbd}) and parses its stdout; the output is the one a local read prints. ssh always runs with
 * {@code BatchMode=yes}, so it never asks for a password or a host key decision; host keys are checked as ssh is
 * configured to, unless {@code --known-hosts} names the file to check against, which also turns on {@code
 * StrictHostKeyChecking=yes}. User and host are validated ({@link Arguments#userName}, {@link
 * Arguments#hostName}): a value that could become an ssh option or shell code is a usage error. A host that ssh
 * cannot reach or log in to, a {@code cat} that fails (no {@code /proc/drbd}: DRBD not loaded) or runs past 30 s
 * exits with {@link Drbd4jCommand#EXIT_FAILURE} and one line naming the host. USER is root unless given. {@code
 * --watch} works with {@code --ssh}: every read goes over the one connection the command opened ({@link
 * SshConnections}; {@code --no-connection-sharing}: a login per read), and the first failed read ends the watch as
 * it does for a local file.
 *
 * <p>The hidden option {@code --remote-file PATH} (default {@code /proc/drbd}) names the remote file to read: for
 * tests, whose "remote" host is the machine running them, and for hosts that export the status elsewhere. It must
 * be an absolute path, so that {@code cat} cannot read it as an option.
 */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Shows the DRBD version and the state of every device, as /proc/drbd reports them.",
            "With --ssh, reads /proc/drbd on another host: 'cat /proc/drbd' through the OpenSSH client in batch"
                    + " mode (no prompts; host keys checked as ssh is configured to, or strictly against"
                    + " --known-hosts)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success, also when a lenient read lists problems",
            "1:with --fail-unless-safe: a configured device is not safe (either node can be lost), none is"
                    + " configured, or a lenient read listed problems (with --watch: in the last read)",
            "2:bad arguments (--interval or --count without --watch too), unreadable file, a host that ssh cannot"
                    + " reach or where cat fails, or a strict read that failed"
        })
public final class StatusCommand implements Callable<Integer> {
    /** Clears a terminal and puts the cursor home: ESC [H ESC [2J. */
    private static final String CLEAR = "\u001b[H\u001b[2J";

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private Drbd4jCommand parent;

    @Mixin
    private SourceOptions source;

    @Option(
            names = "--wide",
            description = "Print every column (protocol, I/O flags, out-of-sync KiB, the full resync line) on lines"
                    + " as long as they need; by default the table fits 100 columns.")
    private boolean wide;

    @Option(
            names = "--names-from-this-host",
            hidden = true,
            description = "Look up names and mount points on this host for any --file (tests; a copy of /proc/drbd).")
    private boolean namesFromThisHost;

    @Option(names = "--json", description = "Print one line of JSON instead of a table.")
    private boolean json;

    @Option(
            names = "--prometheus",
            description = "Print the text 'drbd4j exporter' serves instead of a table, for node_exporter's textfile"
                    + " collector.")
    private boolean prometheus;

    @Option(
            names = "--one-hot-states",
            description = "With --prometheus, also print one 0/1 gauge per possible connection state, role and disk"
                    + " state.")
    private boolean oneHotStates;

    @Option(
            names = "--watch",
            description = "Re-read and redraw every interval until interrupted; plain lines when stdout is"
                    + " not a terminal.")
    private boolean watch;

    @Option(
            names = "--interval",
            paramLabel = "D",
            defaultValue = "2s",
            converter = IntervalConverter.class,
            description = "Time between reads with --watch: 2s, 500ms, 1m (default: ${DEFAULT-VALUE}).")
    private Duration interval;

    @Option(
            names = "--count",
            paramLabel = "N",
            defaultValue = "0",
            description = "With --watch, stop after N reads (default: 0, until interrupted).")
    private int count;

    @Option(
            names = "--fail-unless-safe",
            description = "Exit 1 unless every configured device is safe (either node can be lost now), for scripts;"
                    + " with --watch, judged on the last read.")
    private boolean failUnlessSafe;

    /** Whether the last status printed was safe, for {@code --fail-unless-safe}. */
    private boolean lastSafe;

    /** Creates the command; picocli sets the options. */
    public StatusCommand() {}

    /**
     * Returns {@link Drbd4jCommand#EXIT_OK}; {@link Drbd4jCommand#EXIT_NOT_SAFE} with {@code --fail-unless-safe} when
     * the (last) read is not {@link #safe}.
     *
     * @return {@link Drbd4jCommand#EXIT_OK}; {@link Drbd4jCommand#EXIT_NOT_SAFE} with {@code --fail-unless-safe} when
     *     the (last) read is not {@link #safe}
     * @throws ParameterException for options that do not go together and bad ssh arguments
     * @throws CliFailure when the file cannot be read, the host cannot be reached or read, or a strict parse fails
     */
    @Override
    public Integer call() {
        for (String option : List.of("--interval", "--count")) {
            if (!watch && matched(option)) {
                throw usage(option + " needs --watch");
            }
        }
        if (json && wide) {
            throw usage("--wide shapes the table and cannot be combined with --json");
        }
        if (prometheus && (json || wide || watch)) {
            throw usage("--prometheus prints the exporter's text once and cannot be combined with "
                    + (json ? "--json" : wide ? "--wide" : "--watch"));
        }
        if (oneHotStates && !prometheus) {
            throw usage("--one-hot-states needs --prometheus");
        }
        RemoteProcDrbd remote = source.validate(Drbd4jCommand.connections(spec));
        if (watch && count < 0) {
            throw new CliFailure("--count " + count + " (expected: 0 or more)", null);
        }
        Sleeper sleeper = parent == null ? Sleeper.system() : parent.sleeper();
        if (remote != null) {
            if (!watch) {
                print(remote.read(), remote.name(), remote::names);
            } else {
                watch(sleeper, remote);
            }
        } else if (!watch) {
            print(source.readLocal(), source.file().toString(), this::localNames);
        } else {
            watch(sleeper);
        }
        return failUnlessSafe && !lastSafe ? Drbd4jCommand.EXIT_NOT_SAFE : Drbd4jCommand.EXIT_OK;
    }

    /**
     * Returns true when at least one device is configured, every configured one is safe ({@link StatusJson#safe}) and
     * the read listed no problem.
     *
     * @param status what was read
     * @return true when at least one device is configured, every configured one is safe ({@link StatusJson#safe})
     *     and the read listed no problem
     */
    static boolean safe(ProcDrbdStatus status) {
        return status.problems().isEmpty()
                && status.devices().stream().anyMatch(d -> !d.isUnconfigured())
                && status.devices().stream()
                        .filter(d -> !d.isUnconfigured())
                        .allMatch(d -> StatusJson.safe(DataSafety.of(d)));
    }

    private boolean matched(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /**
     * Prints the status as a table or as JSON.
     *
     * @param status what to print
     * @param sourceName where it was read
     * @param names looked up only when a table or Prometheus' text is printed: JSON does not carry them
     */
    private void print(ProcDrbdStatus status, String sourceName, Supplier<DeviceNames> names) {
        lastSafe = safe(status);
        PrintWriter out = spec.commandLine().getOut();
        if (prometheus) {
            printPrometheus(status, names.get(), out);
        } else if (json) {
            out.println(StatusJson.render(status, Drbd4jCommand.now(parent)));
        } else {
            Palette palette = parent == null ? Palette.none() : parent.palette();
            StatusTable.print(status, sourceName, names.get(), wide, palette, out);
        }
        out.flush();
    }

    private void printPrometheus(ProcDrbdStatus status, DeviceNames names, PrintWriter out) {
        StateMeters states = oneHotStates ? StateMeters.NUMBERS_AND_ONE_HOT : StateMeters.NUMBERS;
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try {
            new PrometheusText(() -> status, source.host(), names, states).write(text);
        } catch (IOException e) {
            throw new IllegalStateException("the status was read already, and memory does not fail", e);
        }
        out.print(text.toString(StandardCharsets.UTF_8));
    }

    /** Names belong to the host: looked up for its own /proc/drbd (or --names-from-this-host), never for a sample. */
    private DeviceNames localNames() {
        boolean ownProcDrbd = source.file().equals(LocalProcDrbd.PROC_DRBD) || namesFromThisHost;
        return ownProcDrbd && parent != null ? DeviceNames.read(parent.localRunner()) : DeviceNames.none();
    }

    /** One read of a watch. */
    @FunctionalInterface
    private interface Snapshot {
        ProcDrbdStatus take() throws IOException;
    }

    /**
     * Keeps one channel and one reader for the whole watch: each read is a positional read from 0, which makes the
     * kernel print a fresh snapshot, and the reader allocates nothing; only the model for the table does.
     */
    private void watch(Sleeper sleeper) {
        Path file = source.file();
        ProcDrbdReader reader = new ProcDrbdReader(source.strict() ? ParseOptions.strict() : ParseOptions.lenient());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            watch(
                    sleeper,
                    "--file " + file,
                    file.toString(),
                    () -> ProcDrbdParser.read(reader.reset(channel)),
                    this::localNames);
        } catch (IOException e) {
            throw new CliFailure("cannot read " + file + ": " + LocalProcDrbd.reason(e), e);
        } catch (ProcDrbdParseException e) {
            throw new CliFailure(e.getMessage(), e);
        }
    }

    /** Runs {@code cat} over a new ssh connection for every read. */
    private void watch(Sleeper sleeper, RemoteProcDrbd remote) {
        try {
            watch(sleeper, source.remoteInvocation(), remote.name(), remote::read, remote::names);
        } catch (IOException e) {
            throw new IllegalStateException("a remote read throws CliFailure, not IOException", e);
        }
    }

    private void watch(
            Sleeper sleeper, String invocation, String sourceName, Snapshot snapshot, Supplier<DeviceNames> names)
            throws IOException {
        boolean redraw = parent != null && parent.stdoutIsTerminal() && !json;
        PrintWriter out = spec.commandLine().getOut();
        Sparkline speeds = new Sparkline();
        boolean unicode = parent != null && parent.palette().on() && Terminal.stdoutIsUtf8();
        try {
            for (int n = 1; count == 0 || n <= count; n++) {
                ProcDrbdStatus status = snapshot.take();
                Instant now = sleeper.clock().instant().truncatedTo(ChronoUnit.SECONDS);
                if (redraw) {
                    out.print(CLEAR);
                    out.println("Every " + interval.toMillis() + " ms: drbd4j status " + Visible.escape(invocation)
                            + "    " + now);
                } else if (!json) {
                    out.println("--- " + now);
                }
                print(status, sourceName, json ? DeviceNames::none : names);
                if (!json) {
                    speeds.add(status);
                    speeds.print(out, unicode);
                    out.flush();
                }
                if (count != 0 && n == count) {
                    break;
                }
                sleeper.sleep(interval);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
