package io.drbd4j.exec.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link CommandRunner#stream}: output read while the command runs, locally through commons-exec and remotely through
 * a real sshd on 127.0.0.1; the end of the output, the timeout, and {@link CommandStream#close()} killing what the
 * command started, on this host and on the remote one (which learns it from the end of its input).
 */
class CommandStreamTest {
    @RegisterExtension
    static final SshFixture SSHD = new SshFixture();

    private static final Duration LONG = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final byte[] buffer = new byte[1 << 16];

    /** Reads until a whole line came, within {@link #WAIT}. */
    private String line(CommandStream stream) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            int n = stream.read(buffer, 0, 1, Duration.ofMillis(200));
            if (n < 0) {
                break;
            }
            out.write(buffer, 0, n);
            if (n == 1 && buffer[0] == '\n') {
                return out.toString(StandardCharsets.UTF_8).strip();
            }
        }
        throw new AssertionError("no whole line within " + WAIT + ", got: " + out);
    }

    /** Reads until the output ends, within {@link #WAIT}, and returns it. */
    private String rest(CommandStream stream) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            int n = stream.read(buffer, 0, buffer.length, Duration.ofMillis(200));
            if (n < 0) {
                return out.toString(StandardCharsets.UTF_8);
            }
            out.write(buffer, 0, n);
        }
        throw new AssertionError("the output did not end within " + WAIT + ", got: " + out);
    }

    private static boolean gone(long pid, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static CommandStream stream(CommandRunner runner, Command command) {
        Optional<CommandStream> stream = runner.stream(command);
        assertThat(stream).as("%s streams", runner.getClass().getSimpleName()).isPresent();
        return stream.get();
    }

    @Test
    void outputComesWhileTheCommandRunsAndCloseKillsWhatItStarted() throws InterruptedException {
        CommandStream s = stream(
                CommonsExecRunner.create(),
                Command.of(LONG, "sh", "-c", "sleep 600 & echo $!; echo first; sleep 0.3; echo second; wait"));
        long child = Long.parseLong(line(s));
        assertThat(line(s)).isEqualTo("first");
        assertThat(line(s)).isEqualTo("second");
        assertThat(s.read(buffer, 0, buffer.length, Duration.ofMillis(300)))
                .as("nothing more yet")
                .isZero();

        s.close();

        assertThat(s.read(buffer, 0, buffer.length, Duration.ofSeconds(1))).isEqualTo(-1);
        assertThat(gone(child, Duration.ofSeconds(5)))
                .as("the background sleep %d", child)
                .isTrue();
        assertThat(s.exitCode()).isEmpty();
    }

    @Test
    void aCommandThatEndsEndsItsOutputWithItsExitCode() {
        CommandStream s =
                stream(CommonsExecRunner.create(), Command.of(LONG, "sh", "-c", "echo done; echo why >&2; exit 3"));

        assertThat(rest(s)).isEqualTo("done\n");
        assertTimeoutPreemptively(WAIT, () -> {
            while (s.exitCode().isEmpty()) {
                Thread.sleep(20);
            }
        });
        assertThat(s.exitCode()).hasValue(3);
        assertThat(s.stderrText()).isEqualTo("why\n");
        s.close();
    }

    @Test
    void theTimeoutEndsTheOutput() {
        CommandStream s = stream(CommonsExecRunner.create(), Command.of(Duration.ofSeconds(1), "sleep", "600"));

        long start = System.nanoTime();
        assertThat(rest(s)).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        assertThat(s.exitCode()).as("killed, not exited").isEmpty();
        s.close();
    }

    @Test
    void moreOutputThanTheBufferWaitsForTheReaderAndNothingIsLost() {
        long bytes = 3L * ProcessStream.BUFFER_BYTES + 17;
        CommandStream s =
                stream(CommonsExecRunner.create(), Command.of(LONG, "sh", "-c", "head -c " + bytes + " /dev/zero"));
        long read = 0;
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (int n = 0; n >= 0 && System.nanoTime() < deadline; n = s.read(buffer, 0, buffer.length, WAIT)) {
            read += n;
        }
        assertThat(read).isEqualTo(bytes);
        s.close();
    }

    @Test
    void aStreamedCommandTakesNoInput() {
        Command withInput = Command.builder()
                .argv(java.util.List.of("cat"))
                .timeout(LONG)
                .stdin("x".getBytes(StandardCharsets.UTF_8))
                .build();
        assertThatThrownBy(() -> CommonsExecRunner.create().stream(withInput))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stdin");
        assertThatThrownBy(() -> SSHD.runner().stream(withInput)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void overSshTheRemoteCommandDiesWhenTheStreamIsClosed() throws InterruptedException {
        // The "remote" host is this machine, so the remote shell's pid can be watched from here.
        CommandStream s =
                stream(SSHD.runner(), Command.of(LONG, "sh", "-c", "echo $$; sleep 600 & echo $!; echo up; wait"));
        long shell = Long.parseLong(line(s));
        long child = Long.parseLong(line(s));
        assertThat(line(s)).isEqualTo("up");
        assertThat(s.command().argv()).startsWith("sh", "-c");

        s.close();

        assertThat(gone(child, Duration.ofSeconds(10)))
                .as("the remote sleep %d", child)
                .isTrue();
        assertThat(gone(shell, Duration.ofSeconds(10)))
                .as("the remote shell %d", shell)
                .isTrue();
    }

    @Test
    void overSshTheOutputEndsWithTheRemoteExitCodeAndItsOwnStderr() {
        CommandStream s = stream(SSHD.runner(), Command.of(LONG, "sh", "-c", "echo a; echo b; echo oops >&2; exit 5"));

        assertThat(rest(s)).isEqualTo("a\nb\n");
        assertTimeoutPreemptively(WAIT, () -> {
            while (s.exitCode().isEmpty()) {
                Thread.sleep(20);
            }
        });
        assertThat(s.exitCode()).hasValue(5);
        assertThat(s.stderrText()).as("without ssh's and the line's own marker").isEqualTo("oops\n");
        s.close();
    }

    @Test
    void aRunnerThatCannotStreamSaysSo() {
        CommandRunner plain = c -> {
            throw new AssertionError("not run");
        };
        assertThat(plain.stream(Command.of(LONG, "true"))).isEmpty();
    }
}
