package io.drbd4j.exec.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The local runner leaves no process behind at a timeout or an interrupt, whatever shape the command's process
 * tree takes; survivors are found by a unique {@code sleep} argument in {@code /proc/PID/cmdline}.
 */
class CommonsExecRunnerKillTest {
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    /** Generous on a loaded two-core machine; the runner's javadoc states the real bound. */
    private static final Duration MARGIN = Duration.ofSeconds(3);
    /** A SIGKILLed process may still be in the middle of exiting when run() returns. */
    private static final Duration GRACE = Duration.ofSeconds(1);

    private static final int REPETITIONS = 20;

    private final CommonsExecRunner runner = CommonsExecRunner.create();

    /** Process trees that used to outlive the timeout; {@code %1$s} is the unique sleep argument. */
    enum Shape {
        ORPHAN("(sleep %1$s &); sleep %1$s"),
        DAEMON("setsid sh -c 'sleep %1$s &'; sleep %1$s"),
        RESPAWN_LOOP("while :; do sleep %1$s & sleep 0.01; done"),
        IGNORES_SIGTERM("trap '' TERM; sleep %1$s");

        private final String script;

        Shape(String script) {
            this.script = script;
        }

        String script(String token) {
            return String.format(script, token);
        }
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void killsEveryProcessAtTheTimeout(Shape shape) throws InterruptedException {
        List<String> survivors = new ArrayList<>();
        int stragglers = 0;
        LongSummaryStatistics millis = new LongSummaryStatistics();
        for (int i = 0; i < REPETITIONS; i++) {
            LeftoverProcesses sleeps = LeftoverProcesses.fresh();
            try {
                Command command = Command.of(TIMEOUT, "sh", "-c", shape.script(sleeps.token()));
                long start = System.nanoTime();

                assertThatThrownBy(() -> runner.run(command)).isInstanceOf(CommandTimeoutException.class);

                Duration took = Duration.ofNanos(System.nanoTime() - start);
                millis.accept(took.toMillis());
                assertThat(took).as("run() of %s, try %d", shape, i).isLessThan(TIMEOUT.plus(MARGIN));
                stragglers += sleeps.alive().isEmpty() ? 0 : 1;
                List<Long> left = sleeps.aliveAfter(GRACE);
                if (!left.isEmpty()) {
                    survivors.add("try " + i + ": " + left);
                }
            } finally {
                sleeps.killAll();
            }
        }
        System.out.printf(
                "%s: %d tries, run() took %s ms; still exiting right after run(): %d tries%n",
                shape, REPETITIONS, millis, stragglers);
        assertThat(survivors).as("processes left by %s", shape).isEmpty();
    }

    @Test
    void killsEveryProcessKeepsTheInterruptFlagAndThrowsWhenTheCallerIsInterrupted() throws InterruptedException {
        LeftoverProcesses sleeps = LeftoverProcesses.fresh();
        Command command = Command.of(Duration.ofSeconds(60), "sh", "-c", Shape.ORPHAN.script(sleeps.token()));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean flagKept = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            try {
                runner.run(command);
            } catch (Throwable t) {
                thrown.set(t);
            }
            flagKept.set(Thread.currentThread().isInterrupted());
        });
        try {
            caller.start();
            assertThat(sleeps.awaitAtLeast(2, Duration.ofSeconds(10)))
                    .as("both sleeps started")
                    .isTrue();

            long start = System.nanoTime();
            caller.interrupt();
            caller.join(Duration.ofSeconds(10).toMillis());

            assertThat(caller.isAlive()).as("run() returned").isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(MARGIN);
            assertThat(thrown.get())
                    .isInstanceOf(CommandInterruptedException.class)
                    .hasMessageContaining("interrupted")
                    .hasMessageContaining(sleeps.token());
            assertThat(flagKept).as("interrupt flag still set").isTrue();
            assertThat(sleeps.aliveAfter(GRACE)).as("processes left").isEmpty();
        } finally {
            caller.interrupt();
            sleeps.killAll();
        }
    }

    @Test
    void startsNothingForAnAlreadyInterruptedThread() {
        LeftoverProcesses sleeps = LeftoverProcesses.fresh();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> runner.run(Command.of(Duration.ofSeconds(60), "sleep", sleeps.token())))
                    .isInstanceOf(CommandInterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            assertThat(sleeps.alive()).isEmpty();
        } finally {
            Thread.interrupted();
            sleeps.killAll();
        }
    }
}
