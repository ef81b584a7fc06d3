package io.drbd4j.exec;

import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.proc.ProcDrbdParser;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.runner.CommandRunner;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link HostProbe} over a {@link CommandRunner} (local, SSH or the test kit's simulated host), one command per
 * call with the given timeout. Thread-safe when the runner is.
 */
public final class CliHostProbe implements HostProbe {
    // coreutils' strerror(ENOENT), as cat(1) and test print it: "cat: /proc/drbd: No such file or directory".
    private static final String NO_SUCH_FILE = "No such file or directory";

    private final CommandRunner runner;
    private final Duration timeout;

    /**
     * Creates a probe that runs its commands through {@code runner}.
     *
     * @param runner runs the commands on the host
     * @param timeout the timeout of each command
     */
    public CliHostProbe(CommandRunner runner, Duration timeout) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public Optional<ProcDrbdStatus> procDrbd() {
        return read("/proc/drbd").map(bytes -> ProcDrbdParser.strict().parse(bytes));
    }

    @Override
    public List<Mount> mounts() {
        Command command = command("cat", "/proc/mounts");
        CommandResult result = CommandFailedException.requireSuccess(run(command));
        List<Mount> mounts = new ArrayList<>();
        for (String line : result.stdoutText().split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            // proc(5): "source mountpoint type options dump pass", separated by one space; spaces, tabs, newlines
            // and backslashes inside a field are written as octal escapes (\040, \011, \012, \134).
            String[] fields = line.split(" ");
            if (fields.length != 6) {
                throw new HostQueryException(command, line, "six fields: source mountpoint type options 0 0");
            }
            mounts.add(Mount.of(
                    unescape(command, fields[0]),
                    unescape(command, fields[1]),
                    unescape(command, fields[2]),
                    fields[3]));
        }
        return mounts;
    }

    @Override
    public Optional<Mount> mountAt(String mountPoint) {
        Arguments.mountPoint(mountPoint);
        String target = canonical(mountPoint);
        Optional<Mount> found = Optional.empty();
        for (Mount mount : mounts()) {
            if (mount.mountPoint().equals(target)) {
                found = Optional.of(mount); // the last one on a path hides those below it
            }
        }
        return found;
    }

    /**
     * The kernel lists a mount under the path it resolved, symbolic links followed: a mount made at {@code
     * /var/opt/opscode/drbd/data} where {@code /var/opt/opscode} links to {@code /persist/var/opt/opscode} is listed
     * as {@code /persist/var/opt/opscode/drbd/data} (seen on the test bed's VMs).
     *
     * @return the path with every link resolved ({@code readlink -f}); the path as given when that fails (a missing
     *     parent: nothing can be mounted there)
     */
    private String canonical(String path) {
        CommandResult result = run(command("readlink", "-f", path));
        String resolved = result.stdoutText().strip();
        return result.succeeded() && resolved.startsWith("/") && !resolved.contains("\n") ? resolved : path;
    }

    /** Decodes the octal escapes of a /proc/mounts field; a backslash not followed by three octal digits is an error. */
    static String unescape(Command command, String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\\') {
                out.write(bytes[i]);
                continue;
            }
            if (!octal(bytes, i + 1)) {
                throw new HostQueryException(
                        command, field, "a /proc/mounts field whose backslashes start octal escapes such as \\040");
            }
            out.write((bytes[i + 1] - '0') * 64 + (bytes[i + 2] - '0') * 8 + (bytes[i + 3] - '0'));
            i += 3;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean octal(byte[] bytes, int from) {
        if (from + 3 > bytes.length) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (bytes[i] < '0' || bytes[i] > '7') {
                return false;
            }
        }
        return bytes[from] <= '3';
    }

    @Override
    public Optional<String> filesystemType(String device) {
        Arguments.mountPoint(device);
        CommandResult result = run(command("blkid", "-p", "-o", "value", "-s", "TYPE", device));
        // blkid(8): exit 2 with no output when nothing was identified; with an error message it could not look.
        if (result.exitCode() == 2
                && result.stdoutText().isBlank()
                && result.stderrText().isBlank()) {
            return Optional.empty();
        }
        CommandFailedException.requireSuccess(result);
        String type = result.stdoutText().strip();
        if (type.isEmpty() || type.contains("\n")) {
            throw new HostQueryException(result.command(), result.stdoutText(), "one filesystem type, such as ext4");
        }
        return Optional.of(type);
    }

    @Override
    public boolean exists(String path) {
        Arguments.mountPoint(path);
        CommandResult result = run(command("test", "-e", path));
        // test(1): 0 true, 1 false, more than 1 an error.
        if (result.exitCode() > 1) {
            throw new CommandFailedException(result);
        }
        return result.succeeded();
    }

    @Override
    public Optional<byte[]> read(String path) {
        Arguments.mountPoint(path);
        CommandResult result = run(command("cat", path));
        if (!result.succeeded() && result.exitCode() == 1 && result.stderrText().contains(path + ": " + NO_SUCH_FILE)) {
            return Optional.empty();
        }
        return Optional.of(CommandFailedException.requireSuccess(result).stdout());
    }

    @Override
    public boolean listening(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " (expected: 1..65535)");
        }
        CommandResult result =
                CommandFailedException.requireSuccess(run(command("ss", "-Hltn", "sport", "=", ":" + port)));
        return result.stdoutText().lines().anyMatch(l -> l.startsWith("LISTEN"));
    }

    @Override
    public String nodeName() {
        CommandResult result = CommandFailedException.requireSuccess(run(command("uname", "-n")));
        String name = result.stdoutText().strip();
        if (name.isEmpty() || name.contains("\n")) {
            throw new HostQueryException(result.command(), result.stdoutText(), "one node name, such as be1");
        }
        return name;
    }

    @Override
    public List<String> addresses() {
        CommandResult result = CommandFailedException.requireSuccess(run(command("ip", "-o", "addr", "show")));
        List<String> addresses = new ArrayList<>();
        // ip-address(8), one line per address: "2: eth0    inet 10.0.0.1/24 brd ... scope global eth0\ ...".
        for (String line : result.stdoutText().split("\n")) {
            String[] words = line.strip().split("\\s+");
            for (int i = 0; i + 1 < words.length; i++) {
                if (words[i].equals("inet") || words[i].equals("inet6")) {
                    int slash = words[i + 1].indexOf('/');
                    addresses.add(slash < 0 ? words[i + 1] : words[i + 1].substring(0, slash));
                    break;
                }
            }
        }
        if (addresses.isEmpty()) {
            throw new HostQueryException(
                    result.command(), result.stdoutText(), "one line per address, such as 2: eth0    inet 10.0.0.1/24");
        }
        return addresses;
    }

    private Command command(String... argv) {
        return Command.of(timeout, argv);
    }

    /** Runs a query; output the runner cut off at its capture limit would pass for a shorter file or mount list. */
    private CommandResult run(Command command) {
        CommandResult result = runner.run(command);
        if (result.stdoutTruncated()) {
            throw new HostQueryException(
                    command,
                    result.stdout().length + " bytes and more, cut off at the runner's capture limit",
                    "output within the capture limit");
        }
        return result;
    }
}
