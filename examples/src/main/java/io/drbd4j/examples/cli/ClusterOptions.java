package io.drbd4j.examples.cli;

import io.drbd4j.chef.Backend;
import io.drbd4j.chef.ChefHaCluster;
import io.drbd4j.exec.Arguments;
import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.exec.runner.CommandRunner;
import io.drbd4j.exec.runner.CommonsExecRunner;
import io.drbd4j.exec.runner.SshRunner;
import io.drbd4j.exec.runner.SshTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options that name two live Chef HA backends, shared by {@code plan}, {@code run}, {@code resume}, {@code
 * ha-status} and {@code check} (a picocli mixin, whose ssh options also serve {@code check --ssh}):
 * {@code --backend NAME=[USER@]HOST[:PORT]} twice, {@code --keeper NAME}, and the ssh options of {@code status}
 * ({@code --port}, {@code --identity}, {@code --known-hosts}, {@code --connect-timeout}) that apply to both, and
 * {@code --no-connection-sharing}.
 *
 * <p>Each host is logged in to once for the whole command: its runner shares one ssh connection among all the
 * probes and commands ({@link SshConnections}, closed when the command returns), unless {@code
 * --no-connection-sharing} asks for a login per command (for an sshd that refuses multiplexed sessions).
 *
 * <p>NAME is the backend's name in {@code pc0.res} (its {@code uname -n}); HOST is where ssh logs in, also taken as
 * its replication address; USER defaults to {@code root}, the user the Chef HA procedures run as. Every value is
 * validated ({@link Arguments}) before anything runs: a bad one is a usage error of the command.
 */
final class ClusterOptions {
    private static final String DEFAULT_USER = "root";

    /** The options that only make sense with {@code --backend}. */
    private static final List<String> SSH_ONLY = List.of(
            "--keeper",
            "--primary",
            "--port",
            "--identity",
            "--known-hosts",
            "--connect-timeout",
            "--no-connection-sharing");

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(
            names = "--backend",
            paramLabel = "NAME=[USER@]HOST[:PORT]",
            description = "A backend reached over ssh: its name in pc0.res, then where to log in (user root unless"
                    + " given). Give it twice; the first is the bootstrap backend unless --keeper says otherwise.")
    private List<String> backends = new ArrayList<>();

    @Option(
            names = {"--keeper", "--primary"},
            paramLabel = "NAME",
            description = "With --backend, the keeper: the backend whose data the workflow keeps (the bootstrap"
                    + " backend, the master, the survivor, the copy kept; default: the first --backend). --primary is"
                    + " its old name.")
    private String primary;

    @Option(
            names = "--port",
            paramLabel = "N",
            description = "With --backend, the port sshd listens on where a backend names none (default: ssh's).")
    private Integer port;

    @Option(
            names = "--identity",
            paramLabel = "FILE",
            description = "With --backend, the private key to log in with (default: ssh's).")
    private Path identity;

    @Option(
            names = "--known-hosts",
            paramLabel = "FILE",
            description = "With --backend, check host keys against this file and refuse a host it does not list"
                    + " (StrictHostKeyChecking=yes; default: ssh's files and setting).")
    private Path knownHosts;

    @Option(
            names = "--connect-timeout",
            paramLabel = "D",
            converter = IntervalConverter.class,
            description = "With --backend, how long ssh may take to connect, in whole seconds: 5s, 1m (default: 10s).")
    private Duration connectTimeout;

    @Option(
            names = "--no-connection-sharing",
            description = "Log in to a host for every command drbd4j runs there, instead of once for the whole"
                    + " command (OpenSSH ControlMaster, with the socket in a private temporary directory).")
    private boolean noConnectionSharing;

    /** Creates the options; picocli sets them. */
    ClusterOptions() {}

    /**
     * Returns true when {@code --backend} was given.
     *
     * @return true when {@code --backend} was given
     * @throws ParameterException when an ssh option came without {@code --backend}
     */
    boolean live() {
        return live("two --backend");
    }

    /**
     * Returns true when {@code --backend} was given.
     *
     * @param needs what an ssh option needs in the mixee's words, such as {@code --ssh or two --backend}
     * @return true when {@code --backend} was given
     * @throws ParameterException when an ssh option came without {@code --backend}
     */
    boolean live(String needs) {
        if (backends.isEmpty()) {
            for (String option : SSH_ONLY) {
                if (mixee.commandLine().getParseResult().hasMatchedOption(option)) {
                    throw usage(option + " needs " + needs);
                }
            }
            return false;
        }
        return true;
    }

    /**
     * The target of a single host, for {@code check --ssh}: the same ssh options as {@code status --ssh}.
     *
     * @param destination {@code [USER@]HOST}: the host name or IP address ({@code [2001:db8::1]} for IPv6), user root
     *     unless given
     * @param option the option that gave it, for the messages
     * @return the validated target
     * @throws ParameterException for a bad destination, {@code --keeper} or {@code --backend} given too, or a bad
     *     ssh option
     */
    SshTarget single(String destination, String option) {
        if (!backends.isEmpty() || primary != null) {
            throw usage(option + " reads one host and cannot be combined with --backend or --keeper");
        }
        UserHost where = UserHost.parse(destination);
        checkFiles();
        try {
            Arguments.userName(where.user());
            Arguments.hostName(where.host());
            return sshTarget(where.user(), where.host(), port, identity, knownHosts, connectTimeout);
        } catch (IllegalArgumentException e) {
            throw usage(option + ": " + e.getMessage());
        }
    }

    /**
     * Returns a runner for it that the command closes when it returns; one login for all its commands unless {@code
     * --no-connection-sharing}.
     *
     * @param target where to log in
     * @param local what runs the ssh client on this host
     * @return a runner for it that the command closes when it returns; one login for all its commands unless
     *     {@code --no-connection-sharing}
     */
    SshRunner runner(SshTarget target, CommandRunner local) {
        return Drbd4jCommand.connections(mixee).runner(target, local, !noConnectionSharing);
    }

    /**
     * {@code [USER@]HOST} of {@code --ssh}: USER {@value #DEFAULT_USER} when not given; the brackets of {@code
     * [2001:db8::1]} (as ssh's own tools write IPv6) removed. Neither part is validated here.
     *
     * @param user the remote user
     * @param host the host name or address
     */
    record UserHost(String user, String host) {
        static UserHost parse(String destination) {
            int at = destination.indexOf('@');
            String user = at < 0 ? DEFAULT_USER : destination.substring(0, at);
            String host = destination.substring(at + 1);
            if (host.length() > 2 && host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            return new UserHost(user, host);
        }
    }

    private void checkFiles() {
        if (connectTimeout != null && (connectTimeout.toMillis() % 1000 != 0 || connectTimeout.toSeconds() < 1)) {
            throw usage("--connect-timeout " + connectTimeout.toMillis() + " ms (expected: whole seconds, at least"
                    + " 1s)");
        }
        requireReadable("--identity", identity);
        requireReadable("--known-hosts", knownHosts);
    }

    /**
     * Returns the two backends over ssh.
     *
     * @param dialect the drbdadm dialect of both backends; empty: detected on each host when a workflow plans
     * @return the two backends over ssh
     * @throws ParameterException when there are not exactly two {@code --backend}, or a value is invalid
     */
    ChefHaCluster cluster(Optional<DrbdDialect> dialect) {
        return cluster(dialect, CommonsExecRunner.create());
    }

    /**
     * Returns the two backends over ssh.
     *
     * @param dialect the drbdadm dialect of both backends; empty: detected on each host when a workflow plans
     * @param local what runs the {@code ssh} client on this host
     * @return the two backends over ssh
     * @throws ParameterException when there are not exactly two {@code --backend}, or a value is invalid
     */
    ChefHaCluster cluster(Optional<DrbdDialect> dialect, CommandRunner local) {
        if (backends.size() != 2) {
            throw usage(backends.size() + " --backend given (expected: two, such as --backend be1=root@10.0.0.1"
                    + " --backend be2=root@10.0.0.2)");
        }
        checkFiles();
        try {
            List<Backend> list = new ArrayList<>();
            for (String spec : backends) {
                list.add(backend(spec, dialect, local));
            }
            return ChefHaCluster.builder()
                    .backends(list)
                    .keeper(primary == null ? list.get(0).name() : primary)
                    .build();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage()); // names, user, host, port, and two backends of one name
        }
    }

    private Backend backend(String spec, Optional<DrbdDialect> dialect, CommandRunner local) {
        int equals = spec.indexOf('=');
        if (equals < 1) {
            throw new IllegalArgumentException(
                    "--backend '" + spec + "' (expected: NAME=[USER@]HOST[:PORT], such as be1=root@10.0.0.1)");
        }
        String name = spec.substring(0, equals);
        String destination = spec.substring(equals + 1);
        int at = destination.indexOf('@');
        String user = at < 0 ? DEFAULT_USER : destination.substring(0, at);
        String hostPort = destination.substring(at + 1);
        Integer hostPortNumber = null;
        String host = hostPort;
        if (hostPort.startsWith("[")) { // [2001:db8::1] or [2001:db8::1]:22, as ssh's own tools write IPv6
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("--backend '" + spec + "': no ] after the IPv6 address");
            }
            host = hostPort.substring(1, close);
            String rest = hostPort.substring(close + 1);
            if (!rest.isEmpty()) {
                hostPortNumber = portNumber(spec, rest.startsWith(":") ? rest.substring(1) : rest);
            }
        } else if (hostPort.indexOf(':') >= 0 && hostPort.indexOf(':') == hostPort.lastIndexOf(':')) {
            host = hostPort.substring(0, hostPort.indexOf(':'));
            hostPortNumber = portNumber(spec, hostPort.substring(hostPort.indexOf(':') + 1));
        }
        Arguments.userName(user);
        Arguments.hostName(host);
        Integer sshPort = hostPortNumber != null ? hostPortNumber : port;
        return Backend.builder()
                .name(name)
                .address(host)
                .runner(runner(sshTarget(user, host, sshPort, identity, knownHosts, connectTimeout), local))
                .dialect(dialect)
                .build();
    }

    private static int portNumber(String spec, String text) {
        if (!text.matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException("--backend '" + spec + "': port '" + text + "' (expected: 1..65535)");
        }
        return Integer.parseInt(text);
    }

    private void requireReadable(String option, Path path) {
        if (path != null && !(Files.isRegularFile(path) && Files.isReadable(path))) {
            throw usage(option + " '" + path + "' (expected: a readable file)");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(mixee.commandLine(), message);
    }

    /**
     * The ssh options {@code status --ssh} and {@code --backend} share, as a target; null means not given.
     *
     * @throws IllegalArgumentException for a bad port, key or known-hosts path
     */
    static SshTarget sshTarget(
            String user, String host, Integer port, Path identity, Path knownHosts, Duration connectTimeout) {
        SshTarget.Builder target = SshTarget.builder().user(user).host(host);
        if (port != null) {
            target.port(port);
        }
        if (identity != null) {
            target.identity(identity);
        }
        if (knownHosts != null) {
            target.knownHosts(knownHosts).hostKeyChecking(SshTarget.HostKeyChecking.YES);
        }
        if (connectTimeout != null) {
            target.connectTimeout(connectTimeout);
        }
        return target.build();
    }
}
