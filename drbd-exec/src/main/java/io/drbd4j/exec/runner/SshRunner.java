package io.drbd4j.exec.runner;

import io.drbd4j.exec.internal.Shell;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands on another host through the system OpenSSH client:
 *
 * <pre>
 * ssh -o BatchMode=yes -o ConnectTimeout=N [-p port] [-o IdentityFile="K"] [-o UserKnownHostsFile="F"]
 *     [-o StrictHostKeyChecking=S] [-o ControlMaster=auto -o ControlPath="P" -o ControlPersist=N] user@host --
 *     'timeout' '-k' '5' 'T' 'env' 'LC_ALL=C' 'drbdadm' 'role' 'pc0'; exit $?
 * </pre>
 *
 * <p>The remote side is a POSIX shell, so every word is single-quoted (embedded quotes as {@code '\''}): no
 * argument can become shell code. Characters outside ASCII go as {@code "$(printf '\303\274')"} of their UTF-8
 * bytes, so they arrive byte for byte whatever the local JVM's locale (the JVM encodes a process's argv in it, and
 * under the C locale would send {@code ?}). The command runs under {@code timeout -k 5 T} so that it dies on the
 * remote host with our timeout; locally the ssh client gets the timeout plus the connect timeout and a margin. Exit
 * 255 with one of ssh's own messages is a {@link SshConnectionException}; exit 124 or 137 from {@code timeout}
 * after at least the command's timeout is a {@link CommandTimeoutException}; any other exit code, or 124 or 137
 * sooner, is the remote command's. Thread-safe.
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
    private static final Duration MARGIN = Duration.ofSeconds(10);

    // Messages of the OpenSSH client when it cannot connect or log in (openssh-portable ssh.c, sshconnect.c,
    // sshconnect2.c, clientloop.c); with BatchMode=yes none of them waits for input.
    private static final List<String> SSH_MESSAGES = List.of(
            "ssh: ",
            "Connection refused",
            "Connection timed out",
            "Permission denied",
            "Host key verification failed",
            "No route to host",
            "Could not resolve hostname",
            "kex_exchange_identification",
            "Connection closed by",
            "Connection reset by",
            "Too many authentication failures",
            "REMOTE HOST IDENTIFICATION HAS CHANGED",
            "Warning: Identity file");

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
        Command ssh = sshCommand(command);
        LOG.debug("run on {}: {}", target.destination(), command);
        CommandResult result;
        try {
            result = local.run(ssh);
        } catch (CommandTimeoutException e) {
            throw new CommandTimeoutException(command, " on " + target.destination(), e.stdout(), e.stderr());
        } catch (CommandStartException e) {
            throw new CommandStartException(command, e);
        }
        String stderr = result.stderrText();
        if (result.exitCode() == 255 && SSH_MESSAGES.stream().anyMatch(stderr::contains)) {
            throw new SshConnectionException(command, target.destination(), stderr);
        }
        // The remote timer starts after the local one, so a remote timeout always takes at least the timeout here;
        // 124 or 137 sooner is the command's own exit code (or a kill by someone else), not our timeout.
        boolean timeoutExit = result.exitCode() == TIMED_OUT || result.exitCode() == KILLED;
        if (timeoutExit && result.duration().compareTo(command.timeout()) >= 0) {
            throw new CommandTimeoutException(command, " on " + target.destination(), result.stdout(), result.stderr());
        }
        return CommandResult.builder().from(result).command(command).build();
    }

    /**
     * Returns the local {@code ssh} command that runs it.
     *
     * @param command the command to run remotely
     * @return the local {@code ssh} command that runs it
     */
    public Command sshCommand(Command command) {
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
        argv.add(remoteLine(command));
        Duration localTimeout = command.timeout().plus(target.connectTimeout()).plus(MARGIN);
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

    /**
     * One word for the remote POSIX shell in ASCII only: runs of ASCII single-quoted as {@link Shell#quote} does,
     * runs of other characters as {@code "$(printf '\ooo...')"} of their UTF-8 bytes (command substitution strips
     * only trailing newlines, and no such byte is one), all adjacent so that the shell reads one word.
     */
    static String remoteWord(String word) {
        if (word.isEmpty()) {
            return "''";
        }
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < word.length()) {
            int j = i;
            while (j < word.length() && word.charAt(j) < 0x80) {
                j++;
            }
            if (j > i) {
                b.append(Shell.quote(word.substring(i, j)));
            }
            int k = j;
            while (k < word.length() && word.charAt(k) >= 0x80) {
                k++;
            }
            if (k > j) {
                b.append("\"$(printf '");
                for (byte x : word.substring(j, k).getBytes(StandardCharsets.UTF_8)) {
                    String octal = Integer.toOctalString(x & 0xff);
                    b.append('\\').append("000", octal.length(), 3).append(octal);
                }
                b.append("')\"");
            }
            i = k;
        }
        return b.toString();
    }

    /**
     * Returns the remote shell line: cd if asked, then timeout, env additions and the quoted argv, then {@code exit
     * $?}, which keeps the shell from exec'ing {@code timeout}: when {@code timeout -k} has to KILL, it kills its own
     * process group, itself included, and only a shell above it turns that into exit 137 (with nothing above it sshd
     * reports a signal, and ssh exits 255 without a word).
     *
     * @return the remote shell line: cd if asked, then timeout, env additions and the quoted argv, then {@code exit
     *     $?}, which keeps the shell from exec'ing {@code timeout}: when {@code timeout -k} has to KILL, it kills
     *     its own process group, itself included, and only a shell above it turns that into exit 137 (with nothing
     *     above it sshd reports a signal, and ssh exits 255 without a word)
     */
    static String remoteLine(Command command) {
        String program = command.program();
        if (program.startsWith("-") || program.contains("=")) {
            // env(1) would read such a word as an option or an assignment, not as the program.
            throw new IllegalArgumentException("program \"" + program + "\" (expected: a name or path that starts"
                    + " with neither '-' nor contains '=')");
        }
        long seconds = Math.max(1, (command.timeout().toMillis() + 999) / 1000);
        List<String> words = new ArrayList<>(List.of("timeout", "-k", "5", String.valueOf(seconds), "env"));
        command.environment().forEach((k, v) -> words.add(k + "=" + v));
        words.addAll(command.argv());
        StringBuilder line = new StringBuilder();
        command.workingDirectory()
                .ifPresent(dir ->
                        line.append("cd ").append(remoteWord(dir.toString())).append(" && "));
        for (String word : words) {
            line.append(remoteWord(word)).append(' ');
        }
        line.setLength(line.length() - 1);
        return line.append("; exit $?").toString();
    }
}
