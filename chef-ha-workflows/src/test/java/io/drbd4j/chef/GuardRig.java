package io.drbd4j.chef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.runner.CommandRunner;
import io.drbd4j.testkit.SimulatedDrbdCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;

/** The guard tests' rig: a simulated pair whose runners can be hooked to change state between two steps. */
final class GuardRig {
    static final Duration T = Duration.ofSeconds(30);
    static final String READY = "/var/opt/opscode/drbd/drbd_ready";

    private GuardRig() {}

    static List<JournalEntry.Event> events(Journal journal, String step) {
        return journal.entries().stream()
                .filter(e -> e.step().equals(Optional.of(step)))
                .map(JournalEntry::event)
                .toList();
    }

    /** @return the step's events since the run began or was last resumed */
    static List<JournalEntry.Event> eventsOfLastRun(Journal journal, String step) {
        List<JournalEntry> entries = journal.entries();
        int from = 0;
        for (int i = 0; i < entries.size(); i++) {
            JournalEntry.Event event = entries.get(i).event();
            if (event == JournalEntry.Event.BEGIN || event == JournalEntry.Event.RESUME) {
                from = i;
            }
        }
        return entries.subList(from, entries.size()).stream()
                .filter(e -> e.step().equals(Optional.of(step)))
                .map(JournalEntry::event)
                .toList();
    }

    static JournalEntry last(Journal journal) {
        List<JournalEntry> entries = journal.entries();
        assertThat(entries).isNotEmpty();
        return entries.get(entries.size() - 1);
    }

    /** Thrown by a {@link Hooked} runner: the process running the workflow died. */
    static final class SimulatedCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SimulatedCrash(String before) {
            super("simulated crash before " + before);
        }
    }

    /**
     * A host's runner that records each command it passes on, and lets a test change the state (or answer, or
     * crash) just before a given command. Hooks fire once each.
     */
    static final class Hooked implements CommandRunner {
        private interface Hook {
            /** @return the answer in place of the command, or empty to run it */
            Optional<CommandResult> apply(String line, Command command);
        }

        final List<String> ran = new ArrayList<>();
        private final CommandRunner delegate;
        private final List<Hook> hooks = new ArrayList<>();
        private final List<BiConsumer<String, CommandResult>> afterHooks = new ArrayList<>();

        Hooked(CommandRunner delegate) {
            this.delegate = delegate;
        }

        /** Runs {@code action} before the {@code nth} command matching {@code which}. */
        void before(Predicate<String> which, int nth, Runnable action) {
            beforeAfter(line -> true, which, nth, action);
        }

        /** Runs {@code action} before the {@code nth} command matching {@code which} after one matching {@code arm}. */
        void beforeAfter(Predicate<String> arm, Predicate<String> which, int nth, Runnable action) {
            int[] seen = {0};
            boolean[] armed = {false};
            boolean[] fired = {false};
            hooks.add((line, command) -> {
                if (!fired[0] && armed[0] && which.test(line) && ++seen[0] == nth) {
                    fired[0] = true;
                    action.run();
                }
                if (!armed[0] && arm.test(line)) {
                    armed[0] = true;
                    if (arm != which && which.test(line) && ++seen[0] == nth) {
                        fired[0] = true;
                        action.run();
                    }
                }
                return Optional.empty();
            });
        }

        /** Runs {@code action} once, after the first command matching {@code which} whose output matches. */
        void afterOutput(Predicate<String> which, Predicate<String> stdout, Runnable action) {
            boolean[] fired = {false};
            afterHooks.add((line, result) -> {
                if (!fired[0] && which.test(line) && stdout.test(result.stdoutText())) {
                    fired[0] = true;
                    action.run();
                }
            });
        }

        /** Answers every command matching {@code which} with {@code answer}, without running it. */
        void answer(Predicate<String> which, Function<Command, CommandResult> answer) {
            hooks.add((line, command) -> which.test(line) ? Optional.of(answer.apply(command)) : Optional.empty());
        }

        /** The workflow's process dies before the first command matching {@code which}. */
        void crashBefore(Predicate<String> which) {
            boolean[] fired = {false};
            hooks.add((line, command) -> {
                if (!fired[0] && which.test(line)) {
                    fired[0] = true;
                    throw new SimulatedCrash(line);
                }
                return Optional.empty();
            });
        }

        @Override
        public CommandResult run(Command command) {
            String line = String.join(" ", command.argv());
            for (Hook hook : hooks) {
                Optional<CommandResult> answer = hook.apply(line, command);
                if (answer.isPresent()) {
                    return answer.get();
                }
            }
            ran.add(line);
            CommandResult result = delegate.run(command);
            afterHooks.forEach(hook -> hook.accept(line, result));
            return result;
        }
    }

    /** The simulated pair, the cluster over hooked runners, and the checks every refusal test makes. */
    static final class Rig {
        final SimulatedDrbdCluster sim;
        final String dialect;
        final Hooked be1;
        final Hooked be2;
        final ChefHaCluster cluster;
        Journal journal;

        Rig(SimulatedDrbdCluster sim, String dialect, Optional<DrbdDialect> given) {
            this.sim = sim;
            this.dialect = dialect;
            SimPair.keepTheInitialSyncLong(sim, "be1");
            SimPair.keepTheInitialSyncLong(sim, "be2");
            this.be1 = new Hooked(sim.runner("be1"));
            this.be2 = new Hooked(sim.runner("be2"));
            this.cluster = ChefHaCluster.builder()
                    .addBackend(Backend.builder()
                            .name("be1")
                            .address("10.0.0.1")
                            .runner(be1)
                            .dialect(given)
                            .build())
                    .addBackend(Backend.builder()
                            .name("be2")
                            .address("10.0.0.2")
                            .runner(be2)
                            .dialect(given)
                            .build())
                    .keeper("be1")
                    .sleeper(sim.time())
                    .build();
        }

        static Rig of(SimulatedDrbdCluster sim, String dialect) {
            return new Rig(sim, dialect, Optional.empty());
        }

        /** @return the end state read through plain runners (no hooks fire, nothing is recorded) */
        EndState endState() {
            return EndState.of(SimPair.of(sim, dialect));
        }

        WorkflowException runFailoverSetup(Path dir) {
            return run(FailoverSetup.workflow(cluster), dir);
        }

        /** Runs the workflow with a new journal in {@code dir}; it must stop with a WorkflowException. */
        WorkflowException run(Workflow workflow, Path dir) {
            journal = Journal.at(dir.resolve("j"));
            WorkflowException e =
                    catchThrowableOfType(WorkflowException.class, () -> workflow.run(ProgressListener.none(), journal));
            assertThat(e).as("the run stops with a WorkflowException").isNotNull();
            return e;
        }

        void assertRefused(WorkflowException e, String step, String host, String seen, String required) {
            assertRefusedIn(e, journal, step, host, seen, required);
        }

        void assertRefusedIn(
                WorkflowException e, Journal journal, String step, String host, String seen, String required) {
            assertThat(e).as("the run stops with a WorkflowException").isNotNull();
            assertThat(e.reason()).as(e.getMessage()).isEqualTo(WorkflowException.Reason.REFUSED);
            assertThat(e.step()).isEqualTo(step);
            assertThat(e.host()).contains(host);
            assertThat(e.seen()).isEqualTo(seen);
            assertThat(e.required()).isEqualTo(required);
            assertThat(e.getMessage())
                    .contains("step " + step + " on " + host + " refused", "Seen: " + seen, "Required: " + required)
                    .contains("What to do: " + e.advice());
            JournalEntry last = last(journal);
            assertThat(last.event()).isEqualTo(JournalEntry.Event.REFUSED);
            assertThat(last.step()).contains(step);
            assertThat(last.host()).contains(host);
            assertThat(last.detail()).contains(seen);
            assertThat(eventsOfLastRun(journal, step)).doesNotContain(JournalEntry.Event.STARTED);
            assertNotRun(step);
            assertThat(sim.dataLossDetector().violations()).isEmpty();
        }

        /** No command of the step reached its host in this run. */
        void assertNotRun(String step) {
            List<String> lines = stepLines(step);
            Hooked host = stepHost(step).equals("be1") ? be1 : be2;
            assertThat(host.ran).as("commands run on " + stepHost(step)).noneMatch(lines::contains);
        }

        /** @return the step's commands on its own host as argv lines, planned through plain runners */
        List<String> stepLines(String step) {
            PlannedStep planned = plainStep(step);
            return planned.commands().stream()
                    .filter(c -> c.host().equals(planned.host()))
                    .map(c -> String.join(" ", c.argv()))
                    .toList();
        }

        private String stepHost(String step) {
            return plainStep(step).host();
        }

        private PlannedStep plainStep(String step) {
            List<PlannedStep> steps = new ArrayList<>();
            steps.addAll(FailoverSetup.workflow(SimPair.of(sim, dialect).cluster)
                    .plan()
                    .steps());
            steps.addAll(
                    Prepare.workflow(SimPair.of(sim, dialect).cluster).plan().steps());
            return steps.stream().filter(s -> s.id().equals(step)).findFirst().orElseThrow();
        }

        /** Runs a command on a host as an operator would; it must succeed. */
        void sh(String host, String... argv) {
            CommandResult r = raw(host, argv);
            assertThat(r.exitCode())
                    .as(String.join(" ", argv) + " on " + host + ": " + r)
                    .isZero();
        }

        CommandResult raw(String host, String... argv) {
            return sim.runner(host, "test").run(Command.of(T, argv));
        }

        void write(String host, String path, String text) {
            CommandResult r = sim.runner(host, "test")
                    .run(Command.builder()
                            .timeout(T)
                            .addArgv("tee", path)
                            .stdin(text.getBytes(StandardCharsets.UTF_8))
                            .build());
            assertThat(r.exitCode()).isZero();
        }

        void forcePrimary(String host) {
            if (dialect.equals("8.3")) {
                sh(host, "drbdadm", "--", "--overwrite-data-of-peer", "primary", "pc0");
            } else {
                sh(host, "drbdadm", "primary", "--force", "pc0");
            }
        }

        void advanceUntil(BooleanSupplier done) {
            for (int i = 0; i < 6 * 3600 && !done.getAsBoolean(); i++) {
                sim.time().advance(Duration.ofSeconds(1));
            }
            assertThat(done.getAsBoolean())
                    .as("reached within 6 h of simulated time")
                    .isTrue();
        }
    }
}
