package io.drbd4j.exec.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.drbd4j.exec.sshd.SshServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SshRunner} against a real sshd on 127.0.0.1 (see {@link SshServer}), through the system ssh client and
 * {@link CommonsExecRunner}: arguments arrive byte for byte, exit codes come back, connection failures and timeouts
 * are typed, and a timed-out remote command is gone. The sshd runs on this machine, so the tests look at what the
 * remote side wrote and which processes it left by reading the local file system and process table.
 */
class SshRunnerTest {
    /** No single remote run in these tests may take longer than this, whatever goes wrong. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    private static final Duration SHORT = Duration.ofSeconds(20);

    private static SshServer server;
    private static SshRunner runner;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startSshd() throws Exception {
        server = assertTimeoutPreemptively(Duration.ofSeconds(60), SshServer::start);
        runner = SshRunner.create(server.target().build());
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    // ---------------------------------------------------------------- arguments arrive byte for byte

    @Test
    void hostileArgumentsArriveByteForByteAndNoneRunsAsShellCode() throws IOException {
        List<String> args = new ArrayList<>(List.of(
                "pc0; touch " + tmp.resolve("pwned-semicolon"),
                "$(touch " + tmp.resolve("pwned-dollar") + ")",
                "`touch " + tmp.resolve("pwned-backquote") + "`",
                "x && touch " + tmp.resolve("pwned-and"),
                "| touch " + tmp.resolve("pwned-pipe"),
                "> " + tmp.resolve("pwned-redirect"),
                "-oProxyCommand=touch " + tmp.resolve("pwned-proxy"),
                "'; touch " + tmp.resolve("pwned-quote") + "; '",
                "'",
                "\"",
                "\\",
                "a'b\"c",
                "'\\''",
                "--force",
                "-",
                "--",
                "x\ny",
                "\n",
                "\t",
                "\r\n",
                " leading space",
                "trailing space ",
                "*",
                "/*",
                "~",
                "~root",
                "$HOME",
                "${HOME}",
                "$",
                "|",
                "&&",
                "&",
                ">",
                "<",
                ";",
                "{a,b}",
                "[ab]",
                "!",
                "!!",
                "#comment",
                "%d %s %n",
                "über €",
                "日本語 🙂",
                "e\u0301",
                "\u00a0non-breaking",
                "\u007f\u001b[31mred",
                "",
                "2000: " + "'\"$`\\ ;|&<>(){}*?[]~!#\n".repeat(100)));
        args.set(args.size() - 1, args.get(args.size() - 1).substring(0, 2000));
        List<String> argv = new ArrayList<>(List.of("printf", "%s\\0"));
        argv.addAll(args);

        CommandResult result = run(Command.of(SHORT, argv));

        assertThat(result.exitCode()).as(result.stderrText()).isZero();
        assertThat(splitOnNul(result.stdout())).containsExactlyElementsOf(args);
        assertThat(result.stdout()).isEqualTo(nulTerminated(args));
        assertThat(result.stderrText()).isEmpty();
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files)
                    .as("marker files the hostile arguments would create as shell code")
                    .isEmpty();
        }
    }

    @Test
    void standardInputPassesThroughByteForByte() {
        byte[] input = new byte[256 * 1024];
        for (int i = 0; i < input.length; i++) {
            input[i] = (byte) (i * 31 + i / 256);
        }
        Command cat =
                Command.builder().addArgv("cat").timeout(SHORT).stdin(input).build();

        CommandResult result = run(cat);

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).hasSize(input.length).isEqualTo(input);
    }

    @Test
    void environmentAdditionsArriveAsGiven() {
        String value = "bar 'baz' \"q\" $HOME `id` ;| über\nline";
        Command printFoo = Command.builder()
                .addArgv("sh", "-c", "printf %s \"$FOO\"")
                .timeout(SHORT)
                .environment(Map.of("FOO", value, "LC_ALL", "C"))
                .build();

        CommandResult result = run(printFoo);

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdoutText()).isEqualTo(value);
    }

    @Test
    void localeIsCByDefaultAndTheCommandsOwnWhenSet() {
        CommandResult byDefault = run(Command.of(SHORT, "sh", "-c", "printf %s \"$LC_ALL\""));
        CommandResult posix = run(Command.builder()
                .addArgv("sh", "-c", "printf %s \"$LC_ALL\"")
                .timeout(SHORT)
                .environment(Map.of("LC_ALL", "POSIX"))
                .build());

        assertThat(byDefault.stdoutText()).isEqualTo("C");
        assertThat(posix.stdoutText()).isEqualTo("POSIX");
    }

    @Test
    void commandRunsInTheWorkingDirectoryEvenWithAHostileName() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("work dir 'q' \"dq\" $(touch pwned) `touch pwned`"));
        Command pwd = Command.builder()
                .addArgv("pwd")
                .timeout(SHORT)
                .workingDirectory(dir)
                .build();

        CommandResult result = run(pwd);

        assertThat(result.exitCode()).as(result.stderrText()).isZero();
        assertThat(result.stdoutText()).isEqualTo(dir.toRealPath() + "\n");
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @Test
    void aMissingWorkingDirectoryIsAFailedResultAndTheCommandDoesNotRun() {
        Path marker = tmp.resolve("ran");
        Command touch = Command.builder()
                .addArgv("touch", marker.toString())
                .timeout(SHORT)
                .workingDirectory(tmp.resolve("missing"))
                .build();

        CommandResult result = run(touch);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderrText()).contains("missing");
        assertThat(marker).doesNotExist();
    }

    // ---------------------------------------------------------------- exit codes come back

    @Test
    void exitCodeStdoutAndStderrComeBack() {
        Command command = Command.of(SHORT, "sh", "-c", "echo out; echo err >&2; exit 3");

        CommandResult result = run(command);

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.stdoutText()).isEqualTo("out\n");
        assertThat(result.stderrText()).isEqualTo("err\n");
        assertThat(result.command()).as("the remote command, not the ssh one").isEqualTo(command);
        assertThat(result.duration()).isPositive();
    }

    @Test
    void withAControlPathCommandsShareOneConnectionAndStillReturnTheirOwnResults() {
        SshRunner shared = SshRunner.create(server.target()
                .controlPath(tmp.resolve("cm"))
                .controlPersist(Duration.ofSeconds(5))
                .build());
        Command where = Command.of(SHORT, "sh", "-c", "echo \"$SSH_CONNECTION\"; exit 4");

        List<CommandResult> results = List.of(shared.run(where), shared.run(where), shared.run(where));
        List<CommandResult> alone = List.of(run(where), run(where));

        assertThat(results).allSatisfy(r -> assertThat(r.exitCode()).isEqualTo(4));
        assertThat(results.stream().map(CommandResult::stdoutText).distinct())
                .as("one TCP connection: the same client port each time")
                .hasSize(1);
        assertThat(alone.stream().map(CommandResult::stdoutText).distinct())
                .as("without sharing, a connection per command")
                .hasSize(2);
        assertThat(tmp.resolve("cm")).as("the master's control socket").exists();
    }

    @Test
    void falseExitsOneAndTrueZero() {
        assertThat(run(Command.of(SHORT, "false")).exitCode()).isEqualTo(1);
        CommandResult ok = run(Command.of(SHORT, "true"));
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.succeeded()).isTrue();
    }

    @Test
    void aMissingRemoteProgramIsExit127WithEnvsMessage() {
        CommandResult result = run(Command.of(SHORT, "drbd4j-no-such-program", "x"));

        assertThat(result.exitCode()).isEqualTo(127);
        assertThat(result.stderrText()).contains("drbd4j-no-such-program").contains("No such file or directory");
    }

    @Test
    void exitCodes124And137BeforeTheTimeoutAreTheCommandsOwn() {
        // timeout(1) exits 124 when it timed out, but a command may exit 124 itself; 137 is a KILL from anyone.
        CommandResult exit124 = run(Command.of(SHORT, "sh", "-c", "exit 124"));
        CommandResult killed = run(Command.of(SHORT, "sh", "-c", "kill -9 $$"));

        assertThat(exit124.exitCode()).isEqualTo(124);
        assertThat(killed.exitCode()).isEqualTo(137);
    }

    // ---------------------------------------------------------------- connection failures are typed

    @Test
    void refusedConnectionIsAnSshConnectionExceptionNamingDestinationAndCommand() throws IOException {
        int port = SshServer.freePort();
        SshRunner nobody = SshRunner.create(server.target().port(port).build());
        Path marker = tmp.resolve("ran");
        Command touch = Command.of(SHORT, "touch", marker.toString());

        SshConnectionException e = catchThrowableOfType(SshConnectionException.class, () -> run(nobody, touch));

        assertThat(e).isNotNull();
        assertThat(e.getMessage())
                .contains(server.user() + "@127.0.0.1:" + port)
                .contains("Connection refused")
                .contains(touch.toString());
        assertThat(e.stderr()).contains("Connection refused");
        assertThat(e.command()).isEqualTo(touch);
        assertThat(marker).doesNotExist();
    }

    @Test
    void unknownHostKeyIsAnSshConnectionExceptionAndTheCommandDoesNotRun() throws IOException {
        Path emptyKnownHosts = Files.createFile(tmp.resolve("known_hosts"));
        SshRunner strict =
                SshRunner.create(server.target().knownHosts(emptyKnownHosts).build());
        Path marker = tmp.resolve("ran");
        Command touch = Command.of(SHORT, "touch", marker.toString());

        SshConnectionException e = catchThrowableOfType(SshConnectionException.class, () -> run(strict, touch));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("@127.0.0.1:" + server.port()).contains(touch.toString());
        assertThat(e.stderr()).contains("Host key verification failed");
        assertThat(marker).doesNotExist();
        assertThat(emptyKnownHosts).isEmptyFile();
    }

    @Test
    void keyNotAuthorizedIsAnSshConnectionException() throws Exception {
        Path otherKey = tmp.resolve("other_key");
        SshServer.keygen(otherKey);
        SshRunner stranger = SshRunner.create(server.target().identity(otherKey).build());
        Path marker = tmp.resolve("ran");

        SshConnectionException e = catchThrowableOfType(
                SshConnectionException.class, () -> run(stranger, Command.of(SHORT, "touch", marker.toString())));

        assertThat(e).isNotNull();
        assertThat(e.stderr()).contains("Permission denied");
        assertThat(marker).doesNotExist();
    }

    @Test
    void aListenerThatNeverSpeaksSshIsAConnectionErrorAfterTheConnectTimeout() throws IOException {
        // The kernel completes the TCP handshake into the backlog; nobody ever sends an SSH banner.
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            SshRunner mute = SshRunner.create(server.target()
                    .port(silent.getLocalPort())
                    .connectTimeout(Duration.ofSeconds(1))
                    .build());
            long start = System.nanoTime();

            SshConnectionException e =
                    catchThrowableOfType(SshConnectionException.class, () -> run(mute, Command.of(SHORT, "true")));

            assertThat(e).isNotNull();
            assertThat(e.stderr()).contains("timed out");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void keyAndKnownHostsPathsWithBlanksQuotesAndPercentSignsAreReadAsTheyAre() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("keys dir 'q' \"dq\" back\\slash 100%d %% #h =e"));
        Path key = Files.copy(server.clientKey(), dir.resolve("id %h"));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Path knownHosts = Files.copy(server.knownHosts(), dir.resolve("known hosts"));
        SshRunner quoted = SshRunner.create(
                server.target().identity(key).knownHosts(knownHosts).build());

        CommandResult result = run(quoted, Command.of(SHORT, "printf", "%s", "in"));

        assertThat(result.exitCode()).as(result.stderrText()).isZero();
        assertThat(result.stdoutText()).isEqualTo("in");
    }

    // ---------------------------------------------------------------- timeouts are typed, the command is gone

    @Test
    void timeoutIsACommandTimeoutExceptionAndTheRemoteProcessesAreGone() throws Exception {
        Path pids = tmp.resolve("pids");
        // A shell and a child of it: the whole remote process group has to go, not just the first process.
        Command sleeper = Command.of(
                Duration.ofSeconds(2), "sh", "-c", "sleep 30 & echo $$ $! > '" + pids + "'; echo started; wait");
        long start = System.nanoTime();

        CommandTimeoutException e = catchThrowableOfType(CommandTimeoutException.class, () -> run(sleeper));

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(e).isNotNull();
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(2)).isLessThan(Duration.ofSeconds(15));
        assertThat(e.getMessage())
                .contains("timed out after 2 s")
                .contains("on " + server.user() + "@127.0.0.1:" + server.port());
        assertThat(e.command()).isEqualTo(sleeper);
        assertThat(e.stdoutText()).isEqualTo("started\n");
        List<Long> remote = readPids(pids);
        assertThat(remote).hasSize(2);
        remote.forEach(SshRunnerTest::assertGoneSoon);
    }

    @Test
    void aCommandThatIgnoresTermIsKilledAndStillACommandTimeoutException() throws Exception {
        Path pids = tmp.resolve("pids");
        // TERM ignored by sh and inherited by sleep: only timeout's KILL, 5 s after the TERM, ends them.
        Command stubborn =
                Command.of(Duration.ofSeconds(1), "sh", "-c", "trap '' TERM; echo $$ > '" + pids + "'; exec sleep 30");
        long start = System.nanoTime();

        CommandTimeoutException e = catchThrowableOfType(CommandTimeoutException.class, () -> run(stubborn));

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(e).as("exit 137 after the KILL, not 255 from ssh").isNotNull();
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(6)).isLessThan(Duration.ofSeconds(15));
        assertThat(e.getMessage()).contains("timed out after 1 s on ");
        List<Long> remote = readPids(pids);
        assertThat(remote).hasSize(1);
        remote.forEach(SshRunnerTest::assertGoneSoon);
    }

    // ---------------------------------------------------------------- the ssh command line

    @Test
    void sshCommandIsExactlyTheGoldenArgv() {
        SshTarget target = SshTarget.builder()
                .host("db1.example.com")
                .user("root")
                .port(2222)
                .identity(Path.of("/etc/drbd4j/id_ed25519"))
                .knownHosts(Path.of("/etc/drbd4j/known_hosts"))
                .hostKeyChecking(SshTarget.HostKeyChecking.YES)
                .build();
        Command role = Command.of(Duration.ofSeconds(30), "drbdadm", "role", "pc0");

        Command ssh = SshRunner.create(target).sshCommand(role);

        assertThat(ssh.argv())
                .containsExactly(
                        "ssh",
                        "-o",
                        "BatchMode=yes",
                        "-o",
                        "ConnectTimeout=10",
                        "-p",
                        "2222",
                        "-o",
                        "IdentityFile=\"/etc/drbd4j/id_ed25519\"",
                        "-o",
                        "UserKnownHostsFile=\"/etc/drbd4j/known_hosts\"",
                        "-o",
                        "StrictHostKeyChecking=yes",
                        "root@db1.example.com",
                        "--",
                        "'timeout' '-k' '5' '30' 'env' 'LC_ALL=C' 'drbdadm' 'role' 'pc0'; exit $?");
        assertThat(ssh.timeout()).isEqualTo(Duration.ofSeconds(50));
        assertThat(ssh.environment()).isEqualTo(Map.of("LC_ALL", "C"));
        assertThat(ssh.stdin()).isEmpty();
        assertThat(ssh.workingDirectory()).isEmpty();
    }

    @Test
    void sshCommandWithDefaultsHasNoPortKeyOrKnownHostsOptionsAndCarriesStdin() {
        byte[] input = "input".getBytes(StandardCharsets.UTF_8);
        Command cat = Command.builder()
                .addArgv("cat")
                .timeout(Duration.ofMillis(1500))
                .stdin(input)
                .build();

        Command ssh = SshRunner.create(SshTarget.of("admin", "10.0.0.7")).sshCommand(cat);

        assertThat(ssh.argv())
                .containsExactly(
                        "ssh",
                        "-o",
                        "BatchMode=yes",
                        "-o",
                        "ConnectTimeout=10",
                        "admin@10.0.0.7",
                        "--",
                        "'timeout' '-k' '5' '2' 'env' 'LC_ALL=C' 'cat'; exit $?");
        assertThat(ssh.stdin()).hasValue(input);
        assertThat(ssh.timeout()).isEqualTo(Duration.ofMillis(21_500));
    }

    @Test
    void remoteLineSingleQuotesAHostileArgumentAndSpellsNonAsciiInAscii() {
        Command command = Command.builder()
                .addArgv("printf", "%s", "a'b\"c $(id) `id` über")
                .timeout(Duration.ofSeconds(5))
                .workingDirectory(Path.of("/srv/it's here"))
                .build();

        String line = SshRunner.remoteLine(command);

        assertThat(line)
                .isEqualTo("cd '/srv/it'\\''s here' && 'timeout' '-k' '5' '5' 'env' 'LC_ALL=C' 'printf' '%s'"
                        + " 'a'\\''b\"c $(id) `id` '\"$(printf '\\303\\274')\"'ber'; exit $?");
        assertThat(line.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    @Test
    void sshOptionPathDoubleQuotesEscapesAndDoublesPercentSigns() {
        assertThat(SshRunner.sshOptionPath(Path.of("/k/a b'c\"d\\e%h"))).isEqualTo("\"/k/a b'c\\\"d\\\\e%%h\"");
    }

    @Test
    void keyAndKnownHostsPathsThatSshWouldExpandOrSplitAreRejected() {
        assertThatThrownBy(() -> SshTarget.builder()
                        .host("db1")
                        .user("root")
                        .identity(Path.of("/keys/${HOME}/id"))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("identity file")
                .hasMessageContaining("${");
        assertThatThrownBy(() -> SshTarget.builder()
                        .host("db1")
                        .user("root")
                        .knownHosts(Path.of("/keys/known\nhosts"))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("known-hosts file");
    }

    @Test
    void aProgramStartingWithDashOrContainingEqualsIsRejectedBeforeAnythingRuns() {
        AtomicInteger ran = new AtomicInteger();
        SshRunner counting = SshRunner.create(server.target().build(), command -> {
            ran.incrementAndGet();
            throw new AssertionError("ran " + command);
        });

        for (String program : List.of("-oProxyCommand=touch x", "--help", "-", "FOO=bar", "/usr/bin/env=x")) {
            assertThatThrownBy(() -> counting.run(Command.of(SHORT, program, "pc0")))
                    .as(program)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(program);
        }
        assertThat(ran).hasValue(0);
    }

    @Test
    void aLocalTimeoutOrStartFailureOfSshIsReportedForTheRemoteCommand() {
        SshTarget target = SshTarget.of("root", "db1");
        Command role = Command.of(SHORT, "drbdadm", "role", "pc0");
        SshRunner slow = SshRunner.create(target, ssh -> {
            throw new CommandTimeoutException(ssh, "", "partial".getBytes(StandardCharsets.UTF_8), new byte[0]);
        });
        SshRunner missing = SshRunner.create(target, ssh -> {
            throw new CommandStartException(ssh, new IOException("Cannot run program \"ssh\""));
        });

        CommandTimeoutException timeout = catchThrowableOfType(CommandTimeoutException.class, () -> slow.run(role));
        CommandStartException start = catchThrowableOfType(CommandStartException.class, () -> missing.run(role));

        assertThat(timeout.command()).isEqualTo(role);
        assertThat(timeout.getMessage()).contains("on root@db1").contains("drbdadm");
        assertThat(timeout.stdoutText()).isEqualTo("partial");
        assertThat(start.command()).isEqualTo(role);
        assertThat(start.getMessage()).contains("Cannot run program");
    }

    // ---------------------------------------------------------------- helpers

    private static CommandResult run(Command command) {
        return run(runner, command);
    }

    private static CommandResult run(SshRunner sshRunner, Command command) {
        return assertTimeoutPreemptively(HANG_GUARD, () -> sshRunner.run(command), () -> "still running: " + command);
    }

    private static List<String> splitOnNul(byte[] bytes) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                parts.add(new String(bytes, from, i - from, StandardCharsets.UTF_8));
                from = i + 1;
            }
        }
        assertThat(from).as("output ends with a NUL").isEqualTo(bytes.length);
        return parts;
    }

    private static byte[] nulTerminated(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String arg : args) {
            out.writeBytes(arg.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return out.toByteArray();
    }

    private static List<Long> readPids(Path file) throws IOException {
        assertThat(file).as("pid file the remote command wrote").exists();
        return Stream.of(Files.readString(file).trim().split("\\s+"))
                .map(Long::parseLong)
                .toList();
    }

    /** Polls for at most 5 s until the process is gone: no such pid, not alive, or a zombie (it has exited). */
    private static void assertGoneSoon(long pid) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (running(pid) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        assertThat(running(pid))
                .as(
                        "remote process %d still running: %s",
                        pid, ProcessHandle.of(pid).map(ProcessHandle::info))
                .isFalse();
    }

    private static boolean running(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                // /proc/<pid>/stat: "pid (comm) S ...", comm may hold blanks and parentheses.
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
            } catch (IOException e) {
                return false; // gone in the meantime
            }
        }
        return false;
    }
}
