package io.drbd4j.exec.runner;

import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands on another host through the system OpenSSH client:
 *
 * <pre>
 * ssh -o BatchMode=yes -o ConnectTimeout=N [-p port] [-o IdentityFile="K"] [-o UserKnownHostsFile="F"]
 *     [-o StrictHostKeyChecking=S] [-o ControlMaster=auto -o ControlPath="P" -o ControlPersist=N] user@host --
 *     'printf ... &gt;&amp;2; [cd -- DIR || ...;] drbd4j_reap() {...}; 'timeout' '-k' '5' 'T' 'env' 'LC_ALL=C'
 *     'DRBD4J_SSH_RUN=ID' 'drbdadm' 'role' 'pc0' ; s=$?; drbd4j_reap; exit $s'
 * </pre>
 *
 * <p>The remote side is a POSIX shell, so every word is single-quoted (embedded quotes as {@code '\''}): no
 * argument can become shell code. A word with characters outside ASCII goes as {@code "$(printf '\303\274')"} of
 * its UTF-8 bytes, so it arrives byte for byte whatever the local JVM's locale (the JVM encodes a process's argv in
 * it, and under the C locale would send {@code ?}). Quoted, a word takes at most 4 bytes per byte plus 15, so an
 * argument of {@link Command#MAX_ARGUMENT_BYTES} fits Linux's limit of 131,072 bytes on the one argument sshd hands
 * the remote shell; a line longer than that (thousands of short words) is refused with an {@link
 * IllegalArgumentException} before ssh starts. A relative working directory is relative to the remote user's home,
 * and goes to {@code cd} as {@code ./DIR}, so that a directory named {@code -P} or {@code -} is a directory; one
 * that {@code cd} cannot enter is a {@link CommandStartException}, as on this host.
 *
 * <p>How far the remote line got is not guessed from ssh's messages: it prints a line with the run's id on stderr
 * before anything else, so without that line the command did not run ({@link SshConnectionException}), whatever
 * the exit code and whatever the command would have printed; what ssh printed before it is logged, not returned.
 * Exit 255 after it is the command's own.
 *
 * <p>Timeouts: the command runs under {@code timeout -k 5 T} so that it dies on the remote host with our timeout
 * (TERM at T, KILL {@link #KILL_GRACE} later); exit 124 or 137 from {@code timeout} after at least the command's
 * timeout is a {@link CommandTimeoutException}; 124 or 137 sooner is the command's own. When the command has ended,
 * on its own or by the timeout, the line KILLs every process that still carries the run's {@code DRBD4J_SSH_RUN}
 * in its environment: what the command left behind, also after {@code setsid}, which escapes {@code timeout}'s
 * process group and would hold the ssh channel open. So a run returns soon after the timeout (after {@link
 * #KILL_GRACE} more when the command ignores TERM). The local ssh client is killed, and its streams closed, at the
 * latest after the connect timeout, the command's timeout, {@link #KILL_GRACE} and {@link #MARGIN}. Thread-safe.
 *
 * <p>Connection sharing: a runner from {@link #shared} logs in once and runs every later command over that one
 * connection (OpenSSH's {@code ControlMaster=auto}, with the control socket in a private directory of mode 0700
 * that the runner creates and owns, and {@code ControlPersist} of {@link #SHARED_PERSIST}). {@link #close()} stops
 * the master ({@code ssh -O exit}) and deletes the directory; a JVM that dies before that leaves only the
 * directory in the temporary directory, since the master exits by itself once it has been idle that long. A runner
 * from {@link #create} logs in for every command unless its target names a control socket of its own, and its
 * {@link #close()} does nothing.
 */
public final class SshRunner implements CommandRunner, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SshRunner.class);

    /**
     * How long {@code timeout(1)} on the remote host waits after its TERM before it KILLs the command's process
     * group: 5 s.
     */
    public static final Duration KILL_GRACE = Duration.ofSeconds(5);

    /**
     * What the local ssh client gets beyond the connect timeout, the command's timeout and {@link #KILL_GRACE}
     * before it is killed and its streams closed, for the login and the remote cleanup: 5 s.
     */
    public static final Duration MARGIN = Duration.ofSeconds(5);

    /** Exit codes of coreutils {@code timeout}: 124 when it timed out, 137 when it had to KILL (-k). */
    private static final int TIMED_OUT = 124;

    private static final int KILLED = 137;

    /**
     * How long the master of a {@link #shared} runner stays up without a client: long enough to bridge a
     * workflow's polls and waits, short enough that a crashed JVM's master goes away soon.
     */
    public static final Duration SHARED_PERSIST = Duration.ofSeconds(30);

    /** How long {@code ssh -O exit} may take at {@link #close()}. */
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);

    private final SshTarget target;
    private final CommandRunner local;
    private final Optional<ControlDirectory> owned;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SshRunner(SshTarget target, CommandRunner local, Optional<ControlDirectory> owned) {
        this.target = Objects.requireNonNull(target, "target");
        this.local = Objects.requireNonNull(local, "local");
        this.owned = owned;
    }

    /**
     * Returns a runner that starts {@code ssh} with a {@link CommonsExecRunner}.
     *
     * @param target where to log in
     * @return a runner that starts {@code ssh} with a {@link CommonsExecRunner}
     */
    public static SshRunner create(SshTarget target) {
        return new SshRunner(target, CommonsExecRunner.create(), Optional.empty());
    }

    /**
     * Returns the runner.
     *
     * @param target where to log in
     * @param local what runs the {@code ssh} client on this host
     * @return the runner
     */
    public static SshRunner create(SshTarget target, CommandRunner local) {
        return new SshRunner(target, local, Optional.empty());
    }

    /**
     * A runner that shares one connection among all its commands; the caller closes it.
     *
     * @param target where to log in; without a {@link SshTarget#controlPath()}
     * @param local what runs the {@code ssh} client on this host
     * @return the runner, which owns a new private directory for the control socket until {@link #close()}
     * @throws IllegalArgumentException when the target names a control socket of its own
     * @throws java.io.UncheckedIOException when the directory cannot be created
     */
    public static SshRunner shared(SshTarget target, CommandRunner local) {
        if (target.controlPath().isPresent()) {
            throw new IllegalArgumentException("target " + target.destination() + " already has the control socket "
                    + target.controlPath().get() + " (expected: none; a shared runner makes its own)");
        }
        ControlDirectory dir = ControlDirectory.create();
        SshTarget withSocket = SshTarget.builder()
                .from(target)
                .controlPath(dir.socket())
                .controlPersist(SHARED_PERSIST)
                .build();
        LOG.debug("ssh to {} shares one connection through {}", target.destination(), dir.socket());
        return new SshRunner(withSocket, local, Optional.of(dir));
    }

    /**
     * Returns a {@link #shared(SshTarget, CommandRunner)} runner that starts {@code ssh} with a {@link
     * CommonsExecRunner}.
     *
     * @param target where to log in; without a {@link SshTarget#controlPath()}
     * @return a {@link #shared(SshTarget, CommandRunner)} runner that starts {@code ssh} with a {@link
     *     CommonsExecRunner}
     */
    public static SshRunner shared(SshTarget target) {
        return shared(target, CommonsExecRunner.create());
    }

    /**
     * Returns where this runner logs in.
     *
     * @return where this runner logs in
     */
    public SshTarget target() {
        return target;
    }

    /**
     * Returns the private directory of the control socket of a {@link #shared} runner (gone after {@link #close()});
     * empty for other runners.
     *
     * @return the private directory of the control socket of a {@link #shared} runner (gone after {@link
     *     #close()}); empty for other runners
     */
    public Optional<Path> controlDirectory() {
        return owned.map(ControlDirectory::dir);
    }

    /**
     * For a {@link #shared} runner, stops the shared connection ({@code ssh -O exit}, at most 10 s) and deletes its
     * directory; afterwards {@link #run} refuses. Does nothing for other runners, or when called again. A master
     * that will not stop is logged, not thrown: it exits by itself after {@link #SHARED_PERSIST}.
     */
    @Override
    public void close() {
        if (owned.isEmpty() || !closed.compareAndSet(false, true)) {
            return;
        }
        try {
            CommandResult exit = local.run(exitCommand());
            // Exit 255 "Control socket connect(...): No such file or directory": no master was running.
            LOG.debug(
                    "ssh -O exit for {}: exit {} {}",
                    target.destination(),
                    exit.exitCode(),
                    exit.stderrText().strip());
        } catch (CommandTimeoutException | CommandStartException e) {
            LOG.debug("ssh -O exit for {} failed: {}", target.destination(), e.getMessage());
        } finally {
            owned.get().delete();
        }
    }

    /**
     * Returns {@code ssh -o ControlPath=P -O exit user@host}: asks the master to close the connection.
     *
     * @return {@code ssh -o ControlPath=P -O exit user@host}: asks the master to close the connection
     */
    Command exitCommand() {
        List<String> argv = new ArrayList<>(List.of("ssh", "-o", "BatchMode=yes"));
        target.port().ifPresent(p -> argv.addAll(List.of("-p", String.valueOf(p))));
        target.controlPath().ifPresent(socket -> argv.addAll(List.of("-o", "ControlPath=" + sshOptionPath(socket))));
        argv.addAll(List.of("-O", "exit", target.user() + "@" + target.host()));
        return Command.builder()
                .argv(argv)
                .timeout(EXIT_TIMEOUT)
                .environment(Map.of("LC_ALL", "C"))
                .build();
    }

    @Override
    public CommandResult run(Command command) {
        if (closed.get()) {
            throw new IllegalStateException("ssh runner for " + target.destination() + " is closed");
        }
        RemoteLine remote = RemoteLine.of(command, newRunId(), KILL_GRACE.toSeconds());
        Command ssh = sshCommand(command, remote);
        LOG.debug("run on {}: {}", target.destination(), command);
        CommandResult result;
        try {
            result = local.run(ssh);
        } catch (CommandTimeoutException e) {
            throw new CommandTimeoutException(
                    command, " on " + target.destination(), e.stdout(), own(remote, e.stderr()));
        } catch (CommandStartException e) {
            throw new CommandStartException(command, e);
        }
        byte[] stderr = result.stderr();
        int from = remote.commandStderrStart(stderr);
        if (from < 0) {
            // The line prints its marker before anything else: without it, ssh did not get the command to run
            // (exit 255 and ssh's own message, or a login shell that refused it), whatever the exit code.
            throw new SshConnectionException(command, target.destination(), result.stderrText());
        }
        String said = new String(stderr, 0, from, StandardCharsets.UTF_8)
                .replace("drbd4j:" + remote.runId() + "\n", "")
                .strip();
        if (!said.isEmpty()) {
            LOG.debug("ssh to {} said: {}", target.destination(), said);
        }
        byte[] own = RemoteLine.tail(stderr, from);
        if (remote.noDirectory(stderr)) {
            String reason = new String(own, StandardCharsets.UTF_8).strip();
            throw new CommandStartException(
                    command,
                    new NoSuchFileException(
                            command.workingDirectory().map(Path::toString).orElse(""),
                            null,
                            "working directory " + command.workingDirectory().orElseThrow() + " on "
                                    + target.destination() + ": "
                                    + reason.lines().findFirst().orElse("")));
        }
        // The remote timer starts after the local one, so a remote timeout always takes at least the timeout here;
        // 124 or 137 sooner is the command's own exit code (or a kill by someone else), not our timeout.
        boolean timeoutExit = result.exitCode() == TIMED_OUT || result.exitCode() == KILLED;
        if (timeoutExit && result.duration().compareTo(command.timeout()) >= 0) {
            throw new CommandTimeoutException(command, " on " + target.destination(), result.stdout(), own);
        }
        return CommandResult.builder().from(result).command(command).stderr(own).build();
    }

    /**
     * Starts the command on the host with its standard output read as it comes, over the shared connection when
     * there is one. The remote side watches the session's standard input: when the stream is closed here, or the
     * connection is lost, everything the command started there is killed (as after a timeout). Empty when the
     * local runner cannot stream.
     */
    @Override
    public Optional<CommandStream> stream(Command command) {
        if (closed.get()) {
            throw new IllegalStateException("ssh runner for " + target.destination() + " is closed");
        }
        if (command.stdin().isPresent()) {
            throw new IllegalArgumentException(
                    "stdin for a streamed command (expected: none; its standard input tells the host when to stop)");
        }
        RemoteLine remote = RemoteLine.stream(command, newRunId(), KILL_GRACE.toSeconds());
        LOG.debug("stream on {}: {}", target.destination(), command);
        Optional<CommandStream> local;
        try {
            local = this.local.stream(sshCommand(command, remote));
        } catch (CommandStartException e) {
            throw new CommandStartException(command, e);
        }
        return local.map(s -> new StreamView(
                s,
                command,
                text -> new String(own(remote, text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8)));
    }

    /** The command's part of stderr: after the start marker, or all of it when there is none. */
    private static byte[] own(RemoteLine remote, byte[] stderr) {
        int from = remote.commandStderrStart(stderr);
        return from < 0 ? stderr : RemoteLine.tail(stderr, from);
    }

    private static String newRunId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /**
     * Returns the local {@code ssh} command that runs it.
     *
     * @param command the command to run remotely
     * @return the local {@code ssh} command that runs it
     */
    public Command sshCommand(Command command) {
        return sshCommand(command, RemoteLine.of(command, newRunId(), KILL_GRACE.toSeconds()));
    }

    /** The local {@code ssh} command that runs this remote line. */
    Command sshCommand(Command command, RemoteLine remote) {
        List<String> argv = new ArrayList<>();
        argv.add("ssh");
        argv.add("-o");
        argv.add("BatchMode=yes");
        argv.add("-o");
        argv.add("ConnectTimeout=" + target.connectTimeout().toSeconds());
        target.port().ifPresent(p -> {
            argv.add("-p");
            argv.add(String.valueOf(p));
        });
        // Not -i: ssh percent-expands its argument (%d is the home directory) and offers no escape there.
        target.identity().ifPresent(key -> {
            argv.add("-o");
            argv.add("IdentityFile=" + sshOptionPath(key));
        });
        target.knownHosts().ifPresent(file -> {
            argv.add("-o");
            argv.add("UserKnownHostsFile=" + sshOptionPath(file));
        });
        target.hostKeyChecking().ifPresent(check -> {
            argv.add("-o");
            argv.add("StrictHostKeyChecking=" + check.option());
        });
        target.controlPath().ifPresent(socket -> {
            // auto: the first command becomes the master, which ControlPersist keeps in the background (its
            // standard streams on /dev/null, so our capture ends with the command); later ones reuse it.
            argv.addAll(List.of("-o", "ControlMaster=auto", "-o", "ControlPath=" + sshOptionPath(socket)));
            argv.addAll(
                    List.of("-o", "ControlPersist=" + target.controlPersist().toSeconds()));
        });
        argv.add(target.user() + "@" + target.host());
        argv.add("--");
        argv.addAll(remote.sshWords());
        Duration localTimeout =
                command.timeout().plus(target.connectTimeout()).plus(KILL_GRACE).plus(MARGIN);
        Command.Builder ssh = Command.builder().argv(argv).timeout(localTimeout).environment(Map.of("LC_ALL", "C"));
        command.stdin().ifPresent(ssh::stdin);
        return ssh.build();
    }

    /**
     * ssh splits an option's value into words (blanks, quotes, backslashes) and expands {@code %} tokens in file
     * names: double quotes, {@code \\} and {@code \"} escapes and {@code %%} make it read the path back as it is.
     * ({@code ${VAR}} cannot be escaped: {@link SshTarget} refuses such paths.)
     */
    static String sshOptionPath(Path path) {
        String escaped =
                path.toString().replace("\\", "\\\\").replace("\"", "\\\"").replace("%", "%%");
        return "\"" + escaped + "\"";
    }
}
