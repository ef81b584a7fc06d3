package io.drbd4j.chef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.runner.CommandRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Runner wrappers for crash-and-resume tests: one that records every command sent (with the host), and one that
 * kills the run at the N-th command, before it runs or right after it took effect.
 */
final class CrashHarness {
    private CrashHarness() {}

    /**
     * @param stepId the step at whose start the process running the workflow dies
     * @param message what the exception says
     * @return a listener that throws as that step starts: the run dies (not a typed stop), its journal showing it started
     */
    static ProgressListener dieWhenStarting(String stepId, String message) {
        return new ProgressListener() {
            @Override
            public void stepStarted(PlannedStep step) {
                if (step.id().equals(stepId)) {
                    throw new IllegalStateException(message);
                }
            }
        };
    }

    /** @return whether the entry is a step starting, other than the identity check every run starts with */
    static boolean startedAChange(JournalEntry e) {
        return e.event() == JournalEntry.Event.STARTED
                && !e.step().equals(java.util.Optional.of(SharedSteps.CHECK_IDENTITY));
    }

    /** Where the crash falls relative to the N-th command. */
    enum When {
        /** the N-th command never runs */
        BEFORE,
        /** the N-th command took effect, but the workflow never hears of it */
        AFTER
    }

    /** A simulated crash of the process running the workflow: unchecked and not a DrbdException. */
    static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Crash(String message) {
            super(message);
        }
    }

    /** One command as sent: the host and its argv. */
    record Sent(String host, List<String> argv) {
        @Override
        public String toString() {
            return host + ": " + String.join(" ", argv);
        }
    }

    /** Records every command sent through the runners it wraps, in order, over both hosts. */
    static final class Recording implements Wrapper {
        private final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());

        @Override
        public CommandRunner wrap(String host, CommandRunner runner) {
            return command -> {
                sent.add(new Sent(host, command.argv()));
                return runner.run(command);
            };
        }

        List<Sent> sent() {
            synchronized (sent) {
                return List.copyOf(sent);
            }
        }
    }

    /** Wraps one host's runner. */
    @FunctionalInterface
    interface Wrapper {
        CommandRunner wrap(String host, CommandRunner runner);

        default Wrapper then(Wrapper outer) {
            return (host, runner) -> outer.wrap(host, wrap(host, runner));
        }
    }

    /**
     * The cluster SimPair builds, over the same simulated pair, with each host's runner wrapped.
     *
     * @param pair the simulated pair
     * @param wrapper how each runner is wrapped
     * @return a cluster whose commands go through the wrappers
     */
    static ChefHaCluster cluster(SimPair pair, Wrapper wrapper) {
        return ChefHaCluster.builder()
                .addBackend(Backend.of("be1", "10.0.0.1", wrapper.wrap("be1", pair.sim.runner("be1"))))
                .addBackend(Backend.of("be2", "10.0.0.2", wrapper.wrap("be2", pair.sim.runner("be2"))))
                .keeper("be1")
                .sleeper(pair.sim.time())
                .build();
    }

    /**
     * @param n the 1-based number of the command at which the crash falls, counted over both hosts
     * @param when before the command runs, or right after
     * @return a wrapper factory whose runners share one count
     */
    static Wrapper crashAt(int n, When when) {
        AtomicInteger count = new AtomicInteger();
        return (host, runner) -> command -> crashOrRun(runner, command, count.incrementAndGet(), n, when);
    }

    private static CommandResult crashOrRun(CommandRunner runner, Command command, int number, int n, When when) {
        if (number == n && when == When.BEFORE) {
            throw new Crash("crash before command " + n + ": " + command);
        }
        CommandResult result = runner.run(command);
        if (number == n) {
            throw new Crash("crash after command " + n + ": " + command);
        }
        return result;
    }

    /**
     * What a crashed run and its resumption did.
     *
     * @param sent every command sent over both runs (a command the crash stopped before it ran is not in it)
     * @param firstRun how many of them the crashed run sent
     * @param crashed the journal as the crashed run left it
     * @param resumed the entries the second run added
     */
    record Outcome(List<Sent> sent, int firstRun, List<JournalEntry> crashed, List<JournalEntry> resumed) {
        /** @return how many commands sent match */
        long count(Predicate<Sent> which) {
            return sent.stream().filter(which).count();
        }

        /** @return the commands the crashed run sent */
        List<Sent> beforeCrash() {
            return sent.subList(0, firstRun);
        }

        /** @return the ids of the steps with that event in the given entries */
        /** @return the steps a run finished, but the identity check, which runs again on every resume */
        static List<String> finishedOnce(List<JournalEntry> entries) {
            return steps(entries, JournalEntry.Event.FINISHED).stream()
                    .filter(id -> !id.equals(SharedSteps.CHECK_IDENTITY))
                    .toList();
        }

        static List<String> steps(List<JournalEntry> entries, JournalEntry.Event event) {
            return entries.stream()
                    .filter(e -> e.event() == event)
                    .map(e -> e.step().orElseThrow())
                    .toList();
        }
    }

    /**
     * Runs a workflow until the crash, then resumes it from the same journal with unwrapped (but recorded) runners.
     * A crash before the first journal entry (while the plan detects dialects) leaves nothing to resume: resume
     * must then refuse (reason JOURNAL), and the operator runs again, which is what this does.
     *
     * @param pair the simulated pair
     * @param workflow the workflow over a cluster
     * @param crash the crashing wrapper; may be a no-op when the listener crashes
     * @param listener the first run's listener (it may crash too)
     * @param journalPath where the journal goes; must not exist
     * @return what both runs did
     */
    static Outcome crashAndResume(
            SimPair pair,
            Function<ChefHaCluster, Workflow> workflow,
            Wrapper crash,
            ProgressListener listener,
            Path journalPath) {
        Recording recording = new Recording();
        Journal journal = Journal.at(journalPath);
        Workflow first = workflow.apply(cluster(pair, recording.then(crash)));
        // The crash propagates as is, except through a probe that wraps what it throws (HostState turns a
        // DrbdException of a probe into "state unknown"): then the run still stopped there.
        assertThatThrownBy(() -> first.run(listener, journal)).satisfies(e -> assertThat(crashIn(e))
                .as("the crash, as thrown or as a cause: %s", e)
                .isTrue());
        int firstRun = recording.sent().size();
        List<JournalEntry> crashed = journal.entries();
        Workflow second = workflow.apply(cluster(pair, recording));
        if (crashed.isEmpty()) {
            assertThatThrownBy(() -> second.resume(ProgressListener.none(), journal))
                    .isInstanceOfSatisfying(WorkflowException.class, e -> assertThat(e.reason())
                            .isEqualTo(WorkflowException.Reason.JOURNAL));
            second.run(ProgressListener.none(), journal);
        } else {
            second.resume(ProgressListener.none(), journal);
        }
        List<JournalEntry> all = journal.entries();
        return new Outcome(recording.sent(), firstRun, crashed, all.subList(crashed.size(), all.size()));
    }

    private static boolean crashIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Crash) {
                return t == e || e instanceof WorkflowException;
            }
        }
        return false;
    }

    /** A wrapper that changes nothing. */
    static Wrapper none() {
        return (host, runner) -> runner;
    }

    /**
     * @param run what uses a journal in a new temporary folder, deleted afterwards
     * @return what it returned
     */
    static <T> T withTempJournal(Function<Journal, T> run) {
        Path folder;
        try {
            folder = Files.createTempDirectory("drbd4j-journal-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path file = folder.resolve("journal.jsonl");
        try {
            return run.apply(Journal.at(file));
        } finally {
            try {
                Files.deleteIfExists(file);
                Files.deleteIfExists(folder);
            } catch (IOException e) {
                // A leftover temporary file is harmless.
            }
        }
    }
}
