package io.drbd4j.examples.cli;

import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.proc.ParseOptions;
import io.drbd4j.core.proc.ProcDrbdParseException;
import io.drbd4j.core.proc.ProcDrbdParser;
import io.drbd4j.core.proc.ProcDrbdReader;
import io.drbd4j.core.time.Sleeper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code drbd4j status [--file F] [--json] [--strict] [--watch [--interval D]]}: reads {@code /proc/drbd} (or another file in its format)
 * and prints the version and every device as a table, or as one line of JSON.
 *
 * <p>Lenient by default: what cannot be read is listed as a problem and the exit code stays 0. With {@code
 * --strict} the first such line fails the command. A file that cannot be read, or a strict parse that fails,
 * exits with {@link Drbd4jCommand#EXIT_FAILURE} and one line on stderr.
 */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Shows the DRBD version and the state of every device, as /proc/drbd reports them.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success, also when a lenient read lists problems",
            "2:bad arguments, unreadable file, or a strict read that failed"
        })
public final class StatusCommand implements Callable<Integer> {
    /** Clears a terminal and puts the cursor home: ESC [H ESC [2J. */
    private static final String CLEAR = "\u001b[H\u001b[2J";

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private Drbd4jCommand parent;

    @Option(
            names = "--file",
            paramLabel = "FILE",
            defaultValue = "/proc/drbd",
            description = "File in /proc/drbd format to read (default: ${DEFAULT-VALUE}).")
    private Path file;

    @Option(names = "--json", description = "Print one line of JSON instead of a table.")
    private boolean json;

    @Option(
            names = "--strict",
            description = "Fail at the first line DRBD could not have printed, instead of listing it as a problem.")
    private boolean strict;

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

    /** Creates the command; picocli sets the options. */
    public StatusCommand() {}

    /**
     * @return {@link Drbd4jCommand#EXIT_OK}
     * @throws CliFailure when the file cannot be read or a strict parse fails
     */
    @Override
    public Integer call() {
        if (!watch) {
            print(read());
            return Drbd4jCommand.EXIT_OK;
        }
        if (count < 0) {
            throw new CliFailure("--count " + count + " (expected: 0 or more)", null);
        }
        return watch(parent == null ? Sleeper.system() : parent.sleeper());
    }

    private void print(ProcDrbdStatus status) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(StatusJson.render(status));
        } else {
            StatusTable.print(status, file.toString(), out);
        }
        out.flush();
    }

    /**
     * Keeps one channel and one reader for the whole watch: each read is a positional read from 0, which makes the
     * kernel print a fresh snapshot, and the reader allocates nothing; only the model for the table does.
     */
    private int watch(Sleeper sleeper) {
        ProcDrbdReader reader = new ProcDrbdReader(strict ? ParseOptions.strict() : ParseOptions.lenient());
        boolean redraw = parent != null && parent.stdoutIsTerminal() && !json;
        PrintWriter out = spec.commandLine().getOut();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int n = 1; count == 0 || n <= count; n++) {
                ProcDrbdStatus status = ProcDrbdParser.read(reader.reset(channel));
                Instant now = sleeper.clock().instant().truncatedTo(ChronoUnit.SECONDS);
                if (redraw) {
                    out.print(CLEAR);
                    out.println("Every " + interval.toMillis() + " ms: drbd4j status --file " + file + "    " + now);
                } else if (!json) {
                    out.println("--- " + now);
                }
                print(status);
                if (count != 0 && n == count) {
                    break;
                }
                sleeper.sleep(interval);
            }
        } catch (IOException e) {
            throw new CliFailure("cannot read " + file + ": " + reason(e), e);
        } catch (ProcDrbdParseException e) {
            throw new CliFailure(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Drbd4jCommand.EXIT_OK;
    }

    private ProcDrbdStatus read() {
        ProcDrbdParser parser = strict ? ProcDrbdParser.strict() : ProcDrbdParser.lenient();
        try {
            return parser.parse(file);
        } catch (IOException e) {
            throw new CliFailure("cannot read " + file + ": " + reason(e), e);
        } catch (ProcDrbdParseException e) {
            throw new CliFailure(e.getMessage(), e);
        }
    }

    /** Words as in {@code cat}'s messages: the file system exceptions carry only the path in their message. */
    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        } else if (e instanceof AccessDeniedException) {
            return "Permission denied";
        } else if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason();
        } else if (e.getMessage() != null) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName();
    }
}
