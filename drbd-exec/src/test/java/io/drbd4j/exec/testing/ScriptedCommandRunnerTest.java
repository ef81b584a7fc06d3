package io.drbd4j.exec.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandException;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.runner.CommandStartException;
import io.drbd4j.exec.runner.CommandTimeoutException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The scripted double: answers what was expected, fails loudly on anything else, reports what never ran. */
class ScriptedCommandRunnerTest {
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    private final ScriptedCommandRunner runner = new ScriptedCommandRunner();

    private static Command command(String... argv) {
        return Command.of(TEN_SECONDS, argv);
    }

    @Test
    void anExpectedCommandIsAnsweredWithItsExitCodeStdoutAndStderr() {
        runner.expect("drbdadm", "primary", "pc0")
                .thenReturn(11, "", "0: State change failed: (-2) Need access to UpToDate data\n");
        Command primary = command("drbdadm", "primary", "pc0");

        CommandResult result = runner.run(primary);

        assertThat(result.command()).isEqualTo(primary);
        assertThat(result.exitCode()).isEqualTo(11);
        assertThat(result.stdoutText()).isEmpty();
        assertThat(result.stderrText()).isEqualTo("0: State change failed: (-2) Need access to UpToDate data\n");
    }

    @Test
    void expectationsAreAnsweredInAnyOrder() {
        runner.expect("drbdadm", "role", "pc0")
                .thenReturn(0, "Secondary/Primary\n", "")
                .expect(List.of("drbdadm", "cstate", "pc0"))
                .thenReturn(0, "Connected\n", "");

        assertThat(runner.run(command("drbdadm", "cstate", "pc0")).stdoutText()).isEqualTo("Connected\n");
        assertThat(runner.run(command("drbdadm", "role", "pc0")).stdoutText()).isEqualTo("Secondary/Primary\n");
        assertThat(runner.unmet()).isEmpty();
    }

    @Test
    void anUnexpectedCommandThrowsWithItsShellQuotedArgvAndWhatWasStillExpected() {
        runner.expect("drbdadm", "role", "pc0").thenReturn(0, "Secondary/Primary\n", "");
        runner.expect("drbdadm", "cstate", "pc0").thenReturn(0, "Connected\n", "");
        Command unexpected = command("drbdadm", "primary", "--force", "it's pc0");

        UnexpectedCommandException e =
                catchThrowableOfType(UnexpectedCommandException.class, () -> runner.run(unexpected));

        assertThat(e).isInstanceOf(CommandException.class);
        assertThat(e.command()).isEqualTo(unexpected);
        assertThat(e)
                .hasMessage("unexpected command drbdadm primary --force 'it'\\''s pc0' (expected:"
                        + " drbdadm role pc0; drbdadm cstate pc0)");
        assertThat(runner.unmet()).containsExactly("drbdadm role pc0", "drbdadm cstate pc0");
    }

    @Test
    void anArgvThatDiffersOnlyInWordBoundariesIsUnexpected() {
        runner.expect("drbdadm", "primary", "pc0").thenReturn(0, "", "");

        assertThatThrownBy(() -> runner.run(command("drbdadm", "primary pc0")))
                .isInstanceOf(UnexpectedCommandException.class)
                .hasMessage("unexpected command drbdadm 'primary pc0' (expected: drbdadm primary pc0)");
    }

    @Test
    void aCommandWhenNothingIsExpectedSaysSo() {
        assertThatThrownBy(() -> runner.run(command("reboot")))
                .isInstanceOf(UnexpectedCommandException.class)
                .hasMessage("unexpected command reboot (expected: no more commands)");
    }

    @Test
    void eachExpectationIsUsedOnce() {
        runner.expect("drbdadm", "up", "pc0").thenReturn(0, "", "");

        assertThat(runner.run(command("drbdadm", "up", "pc0")).exitCode()).isZero();
        assertThatThrownBy(() -> runner.run(command("drbdadm", "up", "pc0")))
                .isInstanceOf(UnexpectedCommandException.class)
                .hasMessage("unexpected command drbdadm up pc0 (expected: no more commands)");
    }

    @Test
    void identicalExpectationsAnswerInTheOrderTheyWereDeclared() {
        runner.expect("drbdadm", "role", "pc0").thenReturn(0, "Secondary/Primary\n", "");
        runner.expect("drbdadm", "role", "pc0").thenReturn(0, "Primary/Secondary\n", "");

        assertThat(runner.run(command("drbdadm", "role", "pc0")).stdoutText()).isEqualTo("Secondary/Primary\n");
        assertThat(runner.run(command("drbdadm", "role", "pc0")).stdoutText()).isEqualTo("Primary/Secondary\n");
        assertThat(runner.unmet()).isEmpty();
    }

    @Test
    void timesAllowsAnExpectationToBeUsedThatOften() {
        runner.expect("cat", "/proc/drbd").times(3).thenReturn(0, "version: 8.4.11\n", "");

        assertThat(runner.unmet()).containsExactly("cat /proc/drbd (3 more times)");
        runner.run(command("cat", "/proc/drbd"));
        assertThat(runner.unmet()).containsExactly("cat /proc/drbd (2 more times)");
        runner.run(command("cat", "/proc/drbd"));
        assertThat(runner.unmet()).containsExactly("cat /proc/drbd");
        assertThat(runner.run(command("cat", "/proc/drbd")).stdoutText()).isEqualTo("version: 8.4.11\n");
        assertThat(runner.unmet()).isEmpty();
        assertThatThrownBy(() -> runner.run(command("cat", "/proc/drbd")))
                .isInstanceOf(UnexpectedCommandException.class);
    }

    @Test
    void timesBelowOneIsRejected() {
        ScriptedCommandRunner.Expectation expectation = runner.expect("drbdadm", "up", "pc0");

        assertThatThrownBy(() -> expectation.times(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("times 0 (expected: 1 or more)");
        assertThatThrownBy(() -> expectation.times(-2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("times -2 (expected: 1 or more)");
    }

    @Test
    void thenTimeOutThrowsATimeoutWithThePartialStdout() {
        runner.expect("drbdadm", "wait-connect", "pc0").thenTimeOut("waiting for peer\n");
        Command wait = command("drbdadm", "wait-connect", "pc0");

        CommandTimeoutException e = catchThrowableOfType(CommandTimeoutException.class, () -> runner.run(wait));

        assertThat(e.command()).isEqualTo(wait);
        assertThat(e.stdoutText()).isEqualTo("waiting for peer\n");
        assertThat(e.stderr()).isEmpty();
        assertThat(e).hasMessage("timed out after 10 s, killed: drbdadm wait-connect pc0");
        assertThat(runner.unmet()).isEmpty();
    }

    @Test
    void thenFailToStartThrowsAStartExceptionWithTheReason() {
        runner.expect("drbdadm", "role", "pc0").thenFailToStart("No such file or directory");
        Command role = command("drbdadm", "role", "pc0");

        CommandStartException e = catchThrowableOfType(CommandStartException.class, () -> runner.run(role));

        assertThat(e.command()).isEqualTo(role);
        assertThat(e.getCause()).isInstanceOf(IOException.class).hasMessage("No such file or directory");
        assertThat(e).hasMessage("cannot start drbdadm role pc0: No such file or directory");
    }

    @Test
    void anExpectationWithoutAnAnswerIsReportedWhenItsCommandRuns() {
        runner.expect("drbdadm", "down", "pc0");

        assertThatThrownBy(() -> runner.run(command("drbdadm", "down", "pc0")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("expectation drbdadm down pc0 has no answer (expected: thenReturn, thenTimeOut or"
                        + " thenFailToStart)");
        assertThat(runner.unmet()).containsExactly("drbdadm down pc0");
    }

    @Test
    void unmetListsTheExpectationsThatNeverRanInDeclarationOrder() {
        runner.expect("drbdadm", "up", "pc0").thenReturn(0, "", "");
        runner.expect("drbdadm", "primary", "pc0").thenReturn(0, "", "");
        runner.expect("mount", "/dev/drbd0", "/var/opt/opscode/drbd/data").thenReturn(0, "", "");

        runner.run(command("drbdadm", "primary", "pc0"));

        assertThat(runner.unmet()).containsExactly("drbdadm up pc0", "mount /dev/drbd0 /var/opt/opscode/drbd/data");
    }

    @Test
    void verifyAllRanNamesEveryExpectationThatNeverRan() {
        runner.expect("drbdadm", "up", "pc0").thenReturn(0, "", "");
        runner.expect("drbdadm", "primary", "pc0").times(2).thenReturn(0, "", "");
        runner.expect("drbdadm", "role", "pc0").thenReturn(0, "Primary/Secondary\n", "");
        runner.run(command("drbdadm", "role", "pc0"));

        assertThatThrownBy(runner::verifyAllRan)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(
                        "expected commands that never ran: drbdadm up pc0;" + " drbdadm primary pc0 (2 more times)");
    }

    @Test
    void verifyAllRanPassesWhenEveryExpectationRan() {
        runner.expect("drbdadm", "up", "pc0").thenReturn(0, "", "");
        runner.expect("drbdadm", "wait-connect", "pc0").thenTimeOut("");
        runner.run(command("drbdadm", "up", "pc0"));
        assertThatThrownBy(() -> runner.run(command("drbdadm", "wait-connect", "pc0")))
                .isInstanceOf(CommandTimeoutException.class);

        assertThatCode(runner::verifyAllRan).doesNotThrowAnyException();
        assertThatCode(new ScriptedCommandRunner()::verifyAllRan).doesNotThrowAnyException();
    }

    @Test
    void eightThreadsGetEachExpectationAnsweredExactlyOnce() throws Exception {
        int commands = 800;
        for (int i = 0; i < commands; i++) {
            runner.expect("drbdadm", "role", "r" + i).thenReturn(0, "answer " + i + "\n", "");
        }
        runner.expect("cat", "/proc/drbd").times(400).thenReturn(0, "version: 8.4.11\n", "");
        List<String> answers = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger procAnswers = new AtomicInteger();
        AtomicInteger unexpected = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    // every thread asks for every resource once more than it may: 7 of 8 asks must fail
                    for (int i = 0; i < commands; i++) {
                        int r = (i + thread * 100) % commands;
                        try {
                            answers.add(runner.run(command("drbdadm", "role", "r" + r))
                                    .stdoutText());
                        } catch (UnexpectedCommandException e) {
                            unexpected.incrementAndGet();
                        }
                    }
                    for (int i = 0; i < 60; i++) {
                        try {
                            runner.run(command("cat", "/proc/drbd"));
                            procAnswers.incrementAndGet();
                        } catch (UnexpectedCommandException e) {
                            unexpected.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(answers)
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, commands)
                        .mapToObj(i -> "answer " + i + "\n")
                        .toList());
        assertThat(procAnswers.get()).isEqualTo(400);
        assertThat(unexpected.get()).isEqualTo(7 * commands + (8 * 60 - 400));
        assertThat(runner.unmet()).isEmpty();
        assertThatCode(runner::verifyAllRan).doesNotThrowAnyException();
    }
}
