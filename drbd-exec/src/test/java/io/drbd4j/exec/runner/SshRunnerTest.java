package io.drbd4j.exec.runner;

import static io.drbd4j.exec.runner.SshFixture.SHORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drbd4j.exec.sshd.SshServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SshRunner} against a real sshd on 127.0.0.1 (see {@link SshServer}), through the system ssh client and
 * {@link CommonsExecRunner}: connection failures and timeouts are typed, and a timed-out remote command is gone. The
 * sshd runs on this machine, so the tests look at which processes the remote side left by reading the local process
 * table. What arrives and what comes back is in {@link SshRunnerRoundTripTest}, the ssh command line in {@link
 * SshRunnerCommandLineTest}.
 */
class SshRunnerTest {
    @RegisterExtension
    static final SshFixture SSHD = new SshFixture();

    @TempDir
    Path tmp;

    // ---------------------------------------------------------------- connection failures are typed

    @Test
    void refusedConnectionIsAnSshConnectionExceptionNamingDestinationAndCommand() throws IOException {
        int port = SshServer.freePort();
        SshRunner nobody = SshRunner.create(SSHD.server().target().port(port).build());
        Path marker = tmp.resolve("ran");
        Command touch = Command.of(SHORT, "touch", marker.toString());

        SshConnectionException e = catchThrowableOfType(SshConnectionException.class, () -> run(nobody, touch));

        assertThat(e).isNotNull();
        assertThat(e.getMessage())
                .contains(SSHD.server().user() + "@127.0.0.1:" + port)
                .contains("Connection refused")
                .contains(touch.toString());
        assertThat(e.stderr()).contains("Connection refused");
        assertThat(e.command()).isEqualTo(touch);
        assertThat(marker).doesNotExist();
    }

    @Test
    void unknownHostKeyIsAnSshConnectionExceptionAndTheCommandDoesNotRun() throws IOException {
        Path emptyKnownHosts = Files.createFile(tmp.resolve("known_hosts"));
        SshRunner strict = SshRunner.create(
                SSHD.server().target().knownHosts(emptyKnownHosts).build());
        Path marker = tmp.resolve("ran");
        Command touch = Command.of(SHORT, "touch", marker.toString());

        SshConnectionException e = catchThrowableOfType(SshConnectionException.class, () -> run(strict, touch));

        assertThat(e).isNotNull();
        assertThat(e.getMessage())
                .contains("@127.0.0.1:" + SSHD.server().port())
                .contains(touch.toString());
        assertThat(e.stderr()).contains("Host key verification failed");
        assertThat(marker).doesNotExist();
        assertThat(emptyKnownHosts).isEmptyFile();
    }

    @Test
    void keyNotAuthorizedIsAnSshConnectionException() throws Exception {
        Path otherKey = tmp.resolve("other_key");
        SshServer.keygen(otherKey);
        SshRunner stranger =
                SshRunner.create(SSHD.server().target().identity(otherKey).build());
        Path marker = tmp.resolve("ran");

        SshConnectionException e = catchThrowableOfType(
                SshConnectionException.class, () -> run(stranger, Command.of(SHORT, "touch", marker.toString())));

        assertThat(e).isNotNull();
        assertThat(e.stderr()).contains("Permission denied");
        assertThat(marker).doesNotExist();
    }

    @Test
    void aCommandThatPrintsSshsWordsAndExits255IsItsOwnResultNotAConnectionFailure() {
        Command mimic = Command.of(
                SHORT,
                "sh",
                "-c",
                "echo 'Permission denied (publickey).' >&2; echo 'ssh: Connection refused' >&2; exit 255");

        CommandResult result = run(mimic);

        assertThat(result.exitCode()).isEqualTo(255);
        assertThat(result.stderrText()).isEqualTo("Permission denied (publickey).\nssh: Connection refused\n");
        assertThat(result.command()).isEqualTo(mimic);
    }

    @Test
    void aListenerThatNeverSpeaksSshIsAConnectionErrorAfterTheConnectTimeout() throws IOException {
        // The kernel completes the TCP handshake into the backlog; nobody ever sends an SSH banner.
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            SshRunner mute = SshRunner.create(SSHD.server()
                    .target()
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
        Path key = Files.copy(SSHD.server().clientKey(), dir.resolve("id %h"));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Path knownHosts = Files.copy(SSHD.server().knownHosts(), dir.resolve("known hosts"));
        SshRunner quoted = SshRunner.create(
                SSHD.server().target().identity(key).knownHosts(knownHosts).build());

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
                .contains("on " + SSHD.server().user() + "@127.0.0.1:"
                        + SSHD.server().port());
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

    // ---------------------------------------------------------------- local failures of ssh itself

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
        return run(SSHD.runner(), command);
    }

    private static CommandResult run(SshRunner sshRunner, Command command) {
        return SshFixture.run(sshRunner, command);
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
