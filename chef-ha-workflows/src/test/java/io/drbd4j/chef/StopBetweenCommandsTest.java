package io.drbd4j.chef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drbd4j.chef.CrashHarness.Recording;
import io.drbd4j.chef.JournalEntry.Event;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A caller stops a run cleanly through {@link ProgressListener#beforeStep} (a confirmation not given) and {@link
 * ProgressListener#stopRequested} (a Ctrl-C between commands or polls): the run ends with reason STOPPED, journaled,
 * no command cut short, and the resume from the same journal reaches the end state of an uninterrupted run.
 */
class StopBetweenCommandsTest {
    private static final String DIALECT = "8.4";

    @TempDir
    Path dir;

    private Journal journal() {
        return Journal.at(dir.resolve("journal.jsonl"));
    }

    @Test
    void aStepRefusedItsGoAheadStopsBeforeAnythingOfItIsJournaledAndTheResumeFinishes() {
        SimPair pair = SimPair.fresh(DIALECT);
        Recording recording = new Recording();
        Journal journal = journal();
        List<String> asked = new ArrayList<>();
        ProgressListener refusingDestruction = new ProgressListener() {
            @Override
            public Optional<String> beforeStep(PlannedStep step) {
                asked.add(step.id());
                return step.destroysData() ? Optional.of("the operator typed 'no'") : Optional.empty();
            }
        };

        WorkflowException e = catchThrowableOfType(
                WorkflowException.class, () -> FailoverSetup.workflow(CrashHarness.cluster(pair, recording))
                        .run(refusingDestruction, journal));

        String refused = asked.get(asked.size() - 1);
        assertThat(e.reason()).isEqualTo(WorkflowException.Reason.STOPPED);
        assertThat(e.step()).isEqualTo(refused);
        assertThat(e.getMessage())
                .contains("step " + refused + " on ")
                .contains("stopped by the caller. Seen: the operator typed 'no'.")
                .contains("resume with the same journal");
        List<JournalEntry> stopped = journal.entries();
        assertThat(stopped).last().satisfies(last -> {
            assertThat(last.event()).isEqualTo(Event.FAILED);
            assertThat(last.reason()).contains(WorkflowException.Reason.STOPPED);
            assertThat(last.step()).contains(refused);
        });
        assertThat(entries(stopped, x -> x.step().equals(Optional.of(refused)) && x.event() != Event.FAILED))
                .as("nothing of the refused step is journaled but its stop")
                .isEmpty();
        assertThat(asked)
                .as("asked once for each step that ran, then for the refused one")
                .containsExactlyElementsOf(startedThen(stopped, refused));

        FailoverSetup.workflow(CrashHarness.cluster(pair, recording)).resume(ProgressListener.none(), journal);

        assertResumedToTheEnd(pair, journal, recording);
    }

    @Test
    void aStopRequestedBeforeACommandLeavesItUnrunAndTheResumeFinishes() {
        SimPair pair = SimPair.fresh(DIALECT);
        Recording recording = new Recording();
        Journal journal = journal();
        ProgressListener stoppingAtTheFirstDestruction = new ProgressListener() {
            @Override
            public Optional<String> stopRequested(PlannedStep step) {
                return step.destroysData() ? Optional.of("SIGINT (Ctrl-C)") : Optional.empty();
            }
        };

        WorkflowException e = catchThrowableOfType(
                WorkflowException.class, () -> FailoverSetup.workflow(CrashHarness.cluster(pair, recording))
                        .run(stoppingAtTheFirstDestruction, journal));

        assertThat(e.reason()).isEqualTo(WorkflowException.Reason.STOPPED);
        assertThat(e.seen()).startsWith("SIGINT (Ctrl-C), before ");
        List<JournalEntry> stopped = journal.entries();
        assertThat(entries(stopped, x -> x.step().equals(Optional.of(e.step())) && x.event() == Event.STARTED))
                .hasSize(1);
        assertThat(entries(stopped, x -> x.step().equals(Optional.of(e.step())) && x.event() == Event.COMMAND))
                .as("no command of the stopped step ran")
                .isEmpty();

        FailoverSetup.workflow(CrashHarness.cluster(pair, recording)).resume(ProgressListener.none(), journal);

        assertResumedToTheEnd(pair, journal, recording);
    }

    @Test
    void aStopRequestedWhileWaitingForTheResyncStopsBetweenPollsAndTheResumeFinishes() {
        SimPair pair = SimPair.fresh(DIALECT);
        Recording recording = new Recording();
        Journal journal = journal();
        List<SyncReport> reports = new ArrayList<>();
        ProgressListener stoppingMidSync = new ProgressListener() {
            @Override
            public void syncProgress(PlannedStep step, SyncReport report) {
                reports.add(report);
            }

            @Override
            public Optional<String> stopRequested(PlannedStep step) {
                return reports.size() >= 2 ? Optional.of("SIGINT (Ctrl-C)") : Optional.empty();
            }
        };

        WorkflowException e = catchThrowableOfType(
                WorkflowException.class, () -> FailoverSetup.workflow(CrashHarness.cluster(pair, recording))
                        .run(stoppingMidSync, journal));

        assertThat(e.reason()).isEqualTo(WorkflowException.Reason.STOPPED);
        assertThat(e.step()).isEqualTo("wait-sync");
        assertThat(e.seen()).startsWith("SIGINT (Ctrl-C), before the next read of the state while waiting for ");
        assertThat(reports.get(reports.size() - 1).perMille()).isLessThan(1000);
        List<JournalEntry> stopped = journal.entries();
        assertThat(CrashHarness.Outcome.steps(stopped, Event.STARTED)).endsWith("wait-sync");
        assertThat(CrashHarness.Outcome.steps(stopped, Event.FINISHED)).doesNotContain("wait-sync");

        FailoverSetup.workflow(CrashHarness.cluster(pair, recording)).resume(ProgressListener.none(), journal);

        assertResumedToTheEnd(pair, journal, recording);
        assertThat(CrashHarness.Outcome.steps(journal.entries(), Event.FINISHED))
                .contains("wait-sync");
    }

    private static List<JournalEntry> entries(List<JournalEntry> all, Predicate<JournalEntry> which) {
        return all.stream().filter(which).toList();
    }

    private static List<String> startedThen(List<JournalEntry> entries, String last) {
        List<String> ids = new ArrayList<>(CrashHarness.Outcome.steps(entries, Event.STARTED));
        ids.add(last);
        return ids;
    }

    private static void assertResumedToTheEnd(SimPair pair, Journal journal, Recording recording) {
        assertThat(journal.entries()).last().satisfies(e -> assertThat(e.event())
                .isEqualTo(Event.COMPLETED));
        assertThat(EndState.of(pair))
                .isEqualTo(FailoverSetupResumeTest.reference(DIALECT).end());
        assertThat(pair.sim.dataLossDetector().report()).isEmpty();
        assertThat(recording.sent().stream().filter(FailoverSetupResumeTest::forcesPrimary))
                .as("forced promotions over both runs")
                .hasSize(1);
        assertThat(recording.sent().stream().filter(s -> s.argv().get(0).equals("mkfs.ext4")))
                .as("mkfs over both runs")
                .hasSize(1);
    }
}
