package io.drbd4j.exec.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local runner against real processes: stub scripts this test writes. */
class CommonsExecRunnerTest {
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    private final CommonsExecRunner runner = CommonsExecRunner.create();

    @TempDir
    Path dir;

    private Path script(String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    @Test
    void returnsTheExitCodeStdoutAndStderrOfAFailingCommand() throws IOException {
        Path stub = script("fails", "echo out; echo 'State change failed' >&2; exit 11");

        CommandResult result = runner.run(Command.of(TEN_SECONDS, stub.toString()));

        assertThat(result.exitCode()).isEqualTo(11);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.stdoutText()).isEqualTo("out\n");
        assertThat(result.stderrText()).isEqualTo("State change failed\n");
        assertThat(result.stdoutTruncated()).isFalse();
        assertThat(result.duration()).isPositive().isLessThan(TEN_SECONDS);
    }

    @Test
    void passesEveryArgumentVerbatimWithoutAShell() {
        List<String> hostile = List.of("pc0; rm -rf /", "$(id)", "`id`", "'", "\"", "a b", "*", "\n", "");
        Command command = Command.builder()
                .addArgv("printf", "%s|")
                .addAllArgv(hostile)
                .timeout(TEN_SECONDS)
                .build();

        CommandResult result = runner.run(command);

        assertThat(result.stdoutText()).isEqualTo(String.join("|", hostile) + "|");
    }

    @Test
    void killsTheCommandAndItsWholeProcessTreeAtTheTimeout() throws IOException, InterruptedException {
        Path pids = dir.resolve("pids");
        Path stub = script(
                "hangs",
                "echo $$ > " + pids + "\n"
                        + "sleep 1000 & echo $! >> " + pids + "\n"
                        + "( sleep 1000 & echo $! >> " + pids + "; wait ) &\n"
                        + "echo started; wait");

        long start = System.nanoTime();
        CommandTimeoutException e = catchThrowableOfType(
                CommandTimeoutException.class, () -> runner.run(Command.of(Duration.ofSeconds(1), stub.toString())));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TEN_SECONDS);
        assertThat(e).hasMessageContaining("timed out after 1 s").hasMessageContaining(stub.toString());
        assertThat(e.stdoutText()).isEqualTo("started\n");
        List<Long> tree = Files.readAllLines(pids).stream().map(Long::parseLong).toList();
        assertThat(tree).hasSize(3);
        for (long pid : tree) {
            assertThat(goneWithin(pid, Duration.ofSeconds(5)))
                    .as("process %d is gone", pid)
                    .isTrue();
        }
    }

    @Test
    void boundsWhatItKeepsOfAGigabyteOfOutput() {
        Command command = Command.of(Duration.ofSeconds(120), "head", "-c", String.valueOf(1L << 30), "/dev/zero");
        long before = usedHeap();

        CommandResult result = runner.run(command);

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdoutTruncated()).isTrue();
        assertThat(result.stdout()).hasSize((int) CommonsExecRunner.DEFAULT_CAPTURE_LIMIT);
        assertThat(result.stderrTruncated()).isFalse();
        assertThat(usedHeap() - before).isLessThan(256L << 20);
    }

    @Test
    void keepsAConfiguredLimitPerStream() {
        CommonsExecRunner small = CommonsExecRunner.create(10, CommonsExecRunner.DEFAULT_STOP_TIMEOUT);

        CommandResult result = small.run(Command.of(TEN_SECONDS, "sh", "-c", "echo 0123456789abc; echo 12345 >&2"));

        assertThat(result.stdoutText()).isEqualTo("0123456789");
        assertThat(result.stdoutTruncated()).isTrue();
        assertThat(result.stderrText()).isEqualTo("12345\n");
        assertThat(result.stderrTruncated()).isFalse();
    }

    @Test
    void returnsWhenTheCommandExitsWhileAChildStillHoldsItsStdoutOpen() throws IOException {
        Path pid = dir.resolve("child");
        Path stub = script("daemonizes", "( sleep 30 & echo $! > " + pid + " ) ; echo done; exit 4");

        CommandResult result = assertTimeoutPreemptively(
                Duration.ofSeconds(15), () -> runner.run(Command.of(Duration.ofSeconds(20), stub.toString())));

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.stdoutText()).isEqualTo("done\n");
        ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(ProcessHandle::destroyForcibly);
    }

    @Test
    void throwsAStartExceptionForAMissingProgram() {
        Command command = Command.of(TEN_SECONDS, dir.resolve("no-such-program").toString(), "x");

        assertThatThrownBy(() -> runner.run(command))
                .isInstanceOf(CommandStartException.class)
                .hasMessageContaining("cannot start")
                .hasMessageContaining("no-such-program");
    }

    @Test
    void writesTheGivenStdinAndClosesIt() {
        byte[] input = "line 1\n\0binary\377\n".getBytes(StandardCharsets.ISO_8859_1);

        CommandResult result = runner.run(Command.builder()
                .addArgv("cat")
                .timeout(TEN_SECONDS)
                .stdin(input)
                .build());

        assertThat(result.stdout()).isEqualTo(input);
    }

    @Test
    void closesStdinWhenNoneIsGivenSoReadersSeeEndOfInput() {
        CommandResult result =
                assertTimeoutPreemptively(TEN_SECONDS, () -> runner.run(Command.of(Duration.ofSeconds(5), "cat")));

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    void setsLcAllToCAndTheCommandsEnvironmentAndWorkingDirectory() {
        Command command = Command.builder()
                .addArgv("sh", "-c", "printf '%s %s ' \"$LC_ALL\" \"$DRBD4J_TEST\"; pwd")
                .timeout(TEN_SECONDS)
                .environment(Map.of("LC_ALL", "C", "DRBD4J_TEST", "x y"))
                .workingDirectory(dir)
                .build();

        assertThat(runner.run(command).stdoutText()).isEqualTo("C x y " + realDir() + "\n");
    }

    @Test
    void defaultsToLcAllC() {
        CommandResult result = runner.run(Command.of(TEN_SECONDS, "sh", "-c", "printf %s \"$LC_ALL\""));

        assertThat(result.stdoutText()).isEqualTo("C");
    }

    private String realDir() {
        try {
            return dir.toRealPath().toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean goneWithin(long pid, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
