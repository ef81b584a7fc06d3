package io.drbd4j.examples.cli;

import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.proc.ProcDrbdParser;
import io.drbd4j.exec.Arguments;
import io.drbd4j.exec.runner.CommonsExecRunner;
import io.drbd4j.exec.runner.SshRunner;
import io.drbd4j.exec.runner.SshTarget;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where {@code status} and {@code exporter} read {@code /proc/drbd}: {@code --file F} on this host, or {@code --ssh
 * [USER@]HOST [--port N] [--identity F] [--known-hosts F] [--connect-timeout D]} for {@code cat /proc/drbd} on
 * another one ({@link RemoteProcDrbd}), and {@code --strict}. A picocli mixin: {@link #validate} checks the options
 * against each other before anything runs.
 *
 * <p>User and host are validated ({@link Arguments#userName}, {@link Arguments#hostName}): a value that could become
 * an ssh option or shell code is a usage error. The hidden option {@code --remote-file PATH} (default {@code
 * /proc/drbd}) names the remote file to read: for tests, whose "remote" host is the machine running them, and for
 * hosts that export the status elsewhere. It must be an absolute path, so that {@code cat} cannot read it as an
 * option.
 */
final class SourceOptions {
    static final String PROC_DRBD = "/proc/drbd";

    /** The options that only make sense with {@code --ssh}. */
    private static final List<String> SSH_ONLY = List.of(
            "--port", "--identity", "--known-hosts", "--connect-timeout", "--remote-file", "--no-connection-sharing");

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(
            names = "--file",
            paramLabel = "FILE",
            defaultValue = "/proc/drbd",
            description = "File in /proc/drbd format to read (default: ${DEFAULT-VALUE}).")
    private Path file;

    @Option(
            names = "--ssh",
            paramLabel = "[USER@]HOST",
            description = "Read /proc/drbd on HOST (a host name or an IP address), logged in over ssh as USER"
                    + " (default: root).")
    private String ssh;

    @Option(
            names = "--no-connection-sharing",
            description = "With --ssh, log in for every read instead of once for the whole command.")
    private boolean noConnectionSharing;

    @Option(
            names = "--port",
            paramLabel = "N",
            description = "With --ssh, the port sshd listens on (default: ssh's, usually 22).")
    private Integer port;

    @Option(
            names = "--identity",
            paramLabel = "FILE",
            description = "With --ssh, the private key to log in with (default: ssh's).")
    private Path identity;

    @Option(
            names = "--known-hosts",
            paramLabel = "FILE",
            description = "With --ssh, check the host key against this file and refuse a host it does not list"
                    + " (StrictHostKeyChecking=yes; default: ssh's files and setting).")
    private Path knownHosts;

    @Option(
            names = "--connect-timeout",
            paramLabel = "D",
            converter = IntervalConverter.class,
            description = "With --ssh, how long ssh may take to connect, in whole seconds: 5s, 1m (default: 10s).")
    private Duration connectTimeout;

    // Hidden: for tests, whose remote host is this machine, and for hosts that export the status elsewhere.
    @Option(
            names = "--remote-file",
            paramLabel = "PATH",
            hidden = true,
            defaultValue = PROC_DRBD,
            description = "With --ssh, the absolute path of the file to read on the host (default: ${DEFAULT-VALUE}).")
    private String remoteFile;

    @Option(
            names = "--strict",
            description = "Fail at the first line DRBD could not have printed, instead of listing it as a problem.")
    private boolean strict;

    /** Creates the options; picocli sets them. */
    SourceOptions() {}

    /**
     * Returns the local file to read (without {@code --ssh}).
     *
     * @return the local file to read (without {@code --ssh})
     */
    Path file() {
        return file;
    }

    /**
     * Returns true with {@code --ssh}.
     *
     * @return true with {@code --ssh}
     */
    boolean remote() {
        return ssh != null;
    }

    /**
     * Returns true with {@code --strict}.
     *
     * @return true with {@code --strict}
     */
    boolean strict() {
        return strict;
    }

    /**
     * Returns the strict or lenient parser, as {@code --strict} says.
     *
     * @return the strict or lenient parser, as {@code --strict} says
     */
    ProcDrbdParser parser() {
        return strict ? ProcDrbdParser.strict() : ProcDrbdParser.lenient();
    }

    /**
     * Returns the options that name the remote source, as a watch's heading repeats them: {@code --ssh db1 --port
     * 2222}.
     *
     * @return the options that name the remote source, as a watch's heading repeats them
     */
    String remoteInvocation() {
        return "--ssh " + ssh + (port == null ? "" : " --port " + port)
                + (PROC_DRBD.equals(remoteFile) ? "" : " --remote-file " + remoteFile);
    }

    /**
     * Returns the host whose status is read: the {@code --ssh} host, or this host's name.
     *
     * @return the host whose status is read: the {@code --ssh} host, or {@code localhost} when this host's name
     *     cannot be told
     */
    String host() {
        if (ssh != null) {
            return ClusterOptions.UserHost.parse(ssh).host();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /**
     * Checks the options against each other and returns the remote reader with {@code --ssh}.
     *
     * @param connections where the ssh connection of the command is kept, shared unless {@code
     *     --no-connection-sharing}
     * @return the reader of the remote file with {@code --ssh}; null without
     * @throws ParameterException for options that do not go together and bad ssh arguments
     */
    RemoteProcDrbd validate(SshConnections connections) {
        if (ssh == null) {
            for (String option : SSH_ONLY) {
                if (matched(option)) {
                    throw usage(option + " needs --ssh");
                }
            }
            return null;
        }
        if (matched("--file")) {
            throw usage("--file names a local file and cannot be combined with --ssh, which reads " + PROC_DRBD
                    + " on the host");
        }
        ClusterOptions.UserHost where = ClusterOptions.UserHost.parse(ssh);
        String user = where.user();
        String host = where.host();
        try {
            Arguments.userName(user);
            Arguments.hostName(host);
        } catch (IllegalArgumentException e) {
            throw usage("--ssh: " + e.getMessage());
        }
        if (!remoteFile.startsWith("/") || remoteFile.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw usage(
                    "--remote-file " + quoted(remoteFile) + " (expected: an absolute path such as " + PROC_DRBD + ")");
        }
        if (connectTimeout != null && (connectTimeout.toMillis() % 1000 != 0 || connectTimeout.toSeconds() < 1)) {
            throw usage("--connect-timeout " + connectTimeout.toMillis() + " ms (expected: whole seconds, at least"
                    + " 1s)");
        }
        requireReadable("--identity", identity);
        requireReadable("--known-hosts", knownHosts);
        SshTarget target;
        try {
            target = ClusterOptions.sshTarget(user, host, port, identity, knownHosts, connectTimeout);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage()); // port, key or known-hosts path
        }
        SshRunner runner = connections.runner(target, CommonsExecRunner.create(), !noConnectionSharing);
        return new RemoteProcDrbd(runner, remoteFile, parser());
    }

    /**
     * Returns one read of the local file.
     *
     * @return what the parser made of the local file
     * @throws CliFailure when the file cannot be read or a strict parse fails
     */
    ProcDrbdStatus readLocal() {
        return LocalProcDrbd.read(parser(), file);
    }

    private void requireReadable(String option, Path path) {
        if (path != null && !(Files.isRegularFile(path) && Files.isReadable(path))) {
            throw usage(option + " " + quoted(path.toString()) + " (expected: a readable file)");
        }
    }

    private boolean matched(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static String quoted(String value) {
        return "'" + value + "'";
    }
}
