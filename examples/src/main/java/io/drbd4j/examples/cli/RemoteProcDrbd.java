package io.drbd4j.examples.cli;

import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.proc.ProcDrbdParseException;
import io.drbd4j.core.proc.ProcDrbdParser;
import io.drbd4j.exec.CliHostProbe;
import io.drbd4j.exec.CommandFailedException;
import io.drbd4j.exec.HostProbe;
import io.drbd4j.exec.HostQueryException;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandStartException;
import io.drbd4j.exec.runner.CommandTimeoutException;
import io.drbd4j.exec.runner.SshConnectionException;
import io.drbd4j.exec.runner.SshRunner;
import io.drbd4j.exec.runner.SshTarget;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a file in {@code /proc/drbd} format on another host: drbd-exec's {@link HostProbe#read} ({@code cat FILE})
 * through an {@link SshRunner}, then {@link ProcDrbdParser} on its bytes. Each {@link #read()} is one ssh command: a
 * login of its own unless the runner shares its connection ({@link SshRunner#shared}).
 *
 * <p>Every way the read can fail is a {@link CliFailure} whose one-line message names the host: ssh could not
 * connect or log in ({@code cannot reach root@db1 over ssh: ...}), {@code cat} ran past {@link #TIMEOUT}, or
 * the file does not exist ({@code cannot read /proc/drbd on root@db1: No such file or directory}), or {@code
 * cat} exited non-zero otherwise ({@code cannot read /proc/drbd on root@db1: cat: /proc/drbd: Permission denied
 * (exit 1)}). A strict parse that fails has the same message as for a local file.
 */
final class RemoteProcDrbd {
    /** How long {@code cat} may run on the remote host; ssh gets this plus its connect timeout and a margin. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final SshTarget target;
    private final String path;
    private final SshRunner runner;
    private final HostProbe probe;
    private final ProcDrbdParser parser;

    /**
     * Creates the reader of a remote host's /proc/drbd.
     *
     * @param runner the ssh runner of the host; its owner closes it
     * @param path the absolute path of the file on the remote host
     * @param parser how to parse what {@code cat} printed
     */
    RemoteProcDrbd(SshRunner runner, String path, ProcDrbdParser parser) {
        this.target = runner.target();
        this.path = Objects.requireNonNull(path, "path");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.runner = runner;
        this.probe = new CliHostProbe(runner, TIMEOUT);
    }

    /**
     * Returns for messages and the problems heading, for example {@code /proc/drbd on root@db1:2222}.
     *
     * @return for messages and the problems heading, for example {@code /proc/drbd on root@db1:2222}
     */
    String name() {
        return path + " on " + target.destination();
    }

    /**
     * Returns the host's resource names and mount points, read over ssh as far as it can tell them.
     *
     * @return the host's resource names and mount points, read over ssh as far as it can tell them
     */
    DeviceNames names() {
        return DeviceNames.read(runner);
    }

    /**
     * Returns the command that runs on the remote host.
     *
     * @return the command that runs on the remote host
     */
    Command command() {
        return Command.of(TIMEOUT, "cat", path);
    }

    /**
     * Returns the parsed status.
     *
     * @return the parsed status
     * @throws CliFailure when ssh cannot connect, {@code cat} fails or times out, or a strict parse fails
     */
    ProcDrbdStatus read() {
        Optional<byte[]> bytes;
        try {
            bytes = probe.read(path);
        } catch (SshConnectionException e) {
            throw new CliFailure(
                    "cannot reach " + target.destination() + " over ssh: " + lastLine(e.stderr(), "ssh exited 255"), e);
        } catch (CommandTimeoutException e) {
            throw new CliFailure(
                    "cannot read " + name() + ": cat still running after " + TIMEOUT.toSeconds() + " s, killed", e);
        } catch (CommandStartException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new CliFailure("cannot read " + name() + ": cannot start ssh: " + cause.getMessage(), e);
        } catch (CommandFailedException e) {
            String reason = lastLine(e.stderr(), null);
            throw new CliFailure(
                    "cannot read " + name() + ": " + (reason == null ? "" : reason + " ") + "(exit " + e.exitCode()
                            + ")",
                    e);
        } catch (HostQueryException e) {
            throw new CliFailure("cannot read " + name() + ": more output than a /proc/drbd can hold", e);
        } catch (IllegalArgumentException e) {
            // HostProbe checks the path before anything runs: it is never shell code, but only plain paths are read.
            throw new CliFailure("cannot read " + name() + ": " + e.getMessage(), e);
        }
        if (bytes.isEmpty() && path.equals(LocalProcDrbd.PROC_DRBD.toString())) {
            // The drbd kernel module creates /proc/drbd when it loads (drbd_main.c, drbd_init).
            throw new CliFailure(
                    "DRBD is not loaded on " + target.destination() + ": there is no " + path
                            + " (load the drbd module there: modprobe drbd)",
                    null);
        }
        if (bytes.isEmpty()) {
            throw new CliFailure("cannot read " + name() + ": No such file or directory", null);
        }
        try {
            return parser.parse(bytes.get());
        } catch (ProcDrbdParseException e) {
            throw new CliFailure(e.getMessage(), e);
        }
    }

    /**
     * The last line that is not blank: ssh and cat print their reason last, after warnings such as ssh's banner
     * for a changed host key.
     */
    private static String lastLine(String text, String otherwise) {
        String[] lines = text.strip().split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank()) {
                return lines[i].strip();
            }
        }
        return otherwise;
    }
}
