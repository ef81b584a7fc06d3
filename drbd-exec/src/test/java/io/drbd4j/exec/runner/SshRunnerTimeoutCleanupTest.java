package io.drbd4j.exec.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * At its timeout, {@link SshRunner} kills everything the remote command started, also what left its process group
 * or session ({@code setsid}) and so escaped {@code timeout(1)}, and returns within the documented bound. The sshd
 * runs on this machine, so a survivor shows in the local process table: each run's {@code sleep} has an argument no
 * other process has. Every shape runs {@value #REPETITIONS} times over one shared connection, so a repetition costs
 * the timeout and no login. The cleanup kills nothing else: not a process whose variables merely mention the run's
 * id.
 */
class SshRunnerTimeoutCleanupTest {
    @RegisterExtension
    static final SshFixture SSHD = new SshFixture();

    private static final int REPETITIONS = 20;
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private static SshRunner shared;

    @BeforeAll
    static void share() {
        shared = SshRunner.shared(SSHD.server().target().build());
    }

    @AfterAll
    static void close() {
        shared.close();
    }

    static Stream<Arguments> shapes() {
        List<Arguments> runs = new ArrayList<>();
        for (int i = 1; i <= REPETITIONS; i++) {
            runs.add(Arguments.of("orphan", "(sleep %s &); sleep %<s", i));
            runs.add(Arguments.of("daemon", "setsid sh -c 'sleep %s &'; sleep %<s", i));
            runs.add(Arguments.of("respawn loop", "setsid sh -c 'while :; do sleep %s; done' & sleep %<s", i));
            runs.add(Arguments.of("TERM ignored", "sh -c 'trap \"\" TERM; sleep %s' & sleep %<s", i));
        }
        return runs.stream();
    }

    @ParameterizedTest(name = "{0} #{2}")
    @MethodSource("shapes")
    void aTimedOutCommandLeavesNoProcessBehindAndReturnsWithinTheBound(String shape, String script, int repetition) {
        String unique = "1000." + ThreadLocalRandom.current().nextInt(100_000_000, 999_999_999);
        Command command = Command.of(TIMEOUT, "sh", "-c", script.formatted(unique));
        long start = System.nanoTime();

        CommandTimeoutException e =
                catchThrowableOfType(CommandTimeoutException.class, () -> SshFixture.run(shared, command));

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(e).as(shape).isNotNull();
        assertThat(took)
                .as("%s: timeout %s, grace %s, margin %s", shape, TIMEOUT, SshRunner.KILL_GRACE, SshRunner.MARGIN)
                .isLessThanOrEqualTo(TIMEOUT.plus(SshRunner.KILL_GRACE).plus(SshRunner.MARGIN));
        System.out.printf("%s #%d: %d ms%n", shape, repetition, took.toMillis());
        assertNoneLeftSoon(unique);
    }

    @Test
    void theCleanupKillsOnlyTheRunsProcessesNotOnesWhoseVariablesMerelyMentionItsId() throws Exception {
        // As sshd's SSH_ORIGINAL_COMMAND does for a forced command: it holds the whole line, the id included.
        String id = "0123456789abcdef" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        String unique = "1000." + ThreadLocalRandom.current().nextInt(100_000_000, 999_999_999);
        ProcessBuilder bystander = new ProcessBuilder("sleep", unique);
        bystander.environment().put("NOTE", "runs " + RemoteLine.RUN_VARIABLE + "=" + id + " elsewhere");
        Process process = bystander.start();
        try {
            Command command = Command.of(SshFixture.SHORT, "true");
            Command ssh = shared.sshCommand(command, RemoteLine.of(command, id, SshRunner.KILL_GRACE.toSeconds()));

            CommandResult result = CommonsExecRunner.create().run(ssh);

            assertThat(result.exitCode()).as(result.stderrText()).isZero();
            assertThat(process.isAlive()).as("the bystander").isTrue();
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aDaemonStartedOnPurposeWithItsOutputRedirectedLivesOn() throws Exception {
        String unique = "1000." + ThreadLocalRandom.current().nextInt(100_000_000, 999_999_999);
        // As the test bed's services and writer start: setsid, standard streams away from the channel.
        Command command = Command.of(
                SshFixture.SHORT, "sh", "-c", "setsid sleep " + unique + " </dev/null >/dev/null 2>&1 & exit 0");
        try {
            CommandResult result = SshFixture.run(shared, command);

            assertThat(result.exitCode()).isZero();
            Thread.sleep(500);
            assertThat(withArgument(unique)).as("the daemon").hasSize(1);
        } finally {
            for (String left : withArgument(unique)) {
                ProcessHandle.of(Long.parseLong(left.substring(0, left.indexOf(':'))))
                        .ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    /** Polls for at most 2 s until no process has the argument: the cleanup ran before the channel closed. */
    private static void assertNoneLeftSoon(String unique) {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        List<String> left = withArgument(unique);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            left = withArgument(unique);
        }
        assertThat(left).as("processes with the argument %s", unique).isEmpty();
    }

    private static List<String> withArgument(String unique) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.toList()) {
                if (!proc.getFileName().toString().matches("[0-9]+")) {
                    continue;
                }
                try {
                    String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
                    String stat = Files.readString(proc.resolve("stat"));
                    boolean zombie = stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
                    if (!zombie && cmdline.contains(unique)) {
                        found.add(proc.getFileName() + ": " + cmdline.replace('\0', ' '));
                    }
                } catch (IOException gone) {
                    // exited while we looked
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return found;
    }
}
