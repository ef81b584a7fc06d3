package io.drbd4j.exec.testing;

import io.drbd4j.exec.internal.Shell;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.runner.CommandRunner;
import io.drbd4j.exec.runner.CommandStartException;
import io.drbd4j.exec.runner.CommandTimeoutException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Answers expected commands with canned results and fails loudly on any other: the double for code that runs
 * commands. Expectations match on the exact argv and are used once each, in any order; {@link #unmet()} and
 * {@link #verifyAllRan()} report the expected commands that never ran. Thread-safe.
 *
 * <pre>{@code
 * ScriptedCommandRunner runner = new ScriptedCommandRunner();
 * runner.expect("drbdadm", "role", "pc0").thenReturn(0, "Secondary/Primary\n", "");
 * runner.expect("drbdadm", "primary", "pc0")
 *         .thenReturn(11, "", "0: State change failed: (-2) Need access to UpToDate data\n");
 * ... code under test ...
 * runner.verifyAllRan();
 * }</pre>
 */
public final class ScriptedCommandRunner implements CommandRunner {
    private final List<Expectation> expectations = new ArrayList<>();

    /** Creates a runner that expects nothing yet: each command it is to answer is added with {@code expect}. */
    public ScriptedCommandRunner() {}

    /** One expected argv and what it answers. */
    public final class Expectation {
        private final List<String> argv;
        private Answer answer;
        private int remaining = 1;

        private Expectation(List<String> argv) {
            this.argv = List.copyOf(argv);
        }

        /**
         * Returns the runner, for the next expectation.
         *
         * @param exitCode the exit code
         * @param stdout standard output
         * @param stderr standard error
         * @return the runner, for the next expectation
         */
        public ScriptedCommandRunner thenReturn(int exitCode, String stdout, String stderr) {
            Objects.requireNonNull(stdout, "stdout");
            Objects.requireNonNull(stderr, "stderr");
            answer(command -> CommandResult.of(command, exitCode, stdout, stderr));
            return ScriptedCommandRunner.this;
        }

        /**
         * Answers with a {@link CommandTimeoutException} carrying the given partial output.
         *
         * @param stdout what was printed before the timeout
         * @return the runner
         */
        public ScriptedCommandRunner thenTimeOut(String stdout) {
            byte[] partial = stdout.getBytes(StandardCharsets.UTF_8);
            answer(command -> {
                throw new CommandTimeoutException(command, "", partial, new byte[0]);
            });
            return ScriptedCommandRunner.this;
        }

        /**
         * Answers with a {@link CommandStartException}, as when the program does not exist.
         *
         * @param reason why it could not start
         * @return the runner
         */
        public ScriptedCommandRunner thenFailToStart(String reason) {
            Objects.requireNonNull(reason, "reason");
            answer(command -> {
                throw new CommandStartException(command, new IOException(reason));
            });
            return ScriptedCommandRunner.this;
        }

        /**
         * Returns this expectation.
         *
         * @param times how often this command is expected (default once)
         * @return this expectation
         */
        public Expectation times(int times) {
            if (times < 1) {
                throw new IllegalArgumentException("times " + times + " (expected: 1 or more)");
            }
            synchronized (ScriptedCommandRunner.this) {
                remaining = times;
            }
            return this;
        }

        // Under the runner's lock: expectations are set up in one thread and used in others.
        private void answer(Answer a) {
            synchronized (ScriptedCommandRunner.this) {
                answer = a;
            }
        }

        @Override
        public String toString() {
            synchronized (ScriptedCommandRunner.this) {
                return Shell.join(argv) + (remaining > 1 ? " (" + remaining + " more times)" : "");
            }
        }
    }

    private interface Answer {
        CommandResult answer(Command command);
    }

    /**
     * Returns the expectation, to say what it answers.
     *
     * @param argv the exact argv expected
     * @return the expectation, to say what it answers
     */
    public synchronized Expectation expect(String... argv) {
        return expect(List.of(argv));
    }

    /**
     * Returns the expectation, to say what it answers.
     *
     * @param argv the exact argv expected
     * @return the expectation, to say what it answers
     */
    public synchronized Expectation expect(List<String> argv) {
        Expectation e = new Expectation(argv);
        expectations.add(e);
        return e;
    }

    @Override
    public CommandResult run(Command command) {
        Answer answer;
        synchronized (this) {
            Expectation match = expectations.stream()
                    .filter(e -> e.argv.equals(command.argv()))
                    .findFirst()
                    .orElseThrow(() -> new UnexpectedCommandException(command, expectedText()));
            if (match.answer == null) {
                throw new IllegalStateException("expectation " + match + " has no answer (expected: thenReturn,"
                        + " thenTimeOut or thenFailToStart)");
            }
            if (--match.remaining == 0) {
                expectations.remove(match);
            }
            answer = match.answer;
        }
        return answer.answer(command);
    }

    /**
     * Returns the expected commands that have not run (as often as expected) yet.
     *
     * @return the expected commands that have not run (as often as expected) yet
     */
    public synchronized List<String> unmet() {
        return expectations.stream().map(Expectation::toString).toList();
    }

    /**
     * Checks that every expected command ran.
     *
     * @throws IllegalStateException listing every expected command that never ran
     */
    public synchronized void verifyAllRan() {
        if (!expectations.isEmpty()) {
            throw new IllegalStateException("expected commands that never ran: " + String.join("; ", unmet()));
        }
    }

    private String expectedText() {
        return expectations.isEmpty()
                ? "no more commands"
                : expectations.stream().map(Expectation::toString).collect(Collectors.joining("; "));
    }
}
