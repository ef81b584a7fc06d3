package io.drbd4j.chef;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.chef.CrashHarness.Crash;
import io.drbd4j.chef.CrashHarness.Outcome;
import io.drbd4j.chef.CrashHarness.Recording;
import io.drbd4j.chef.CrashHarness.Sent;
import io.drbd4j.chef.CrashHarness.When;
import io.drbd4j.chef.JournalEntry.Event;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A failover setup killed at any command, before it ran or right after it took effect, resumes from its journal to
 * the end state of an uninterrupted run, without running a destructive step twice and without losing data.
 */
class FailoverSetupResumeTest {
    private static final Map<String, Reference> REFERENCES = new ConcurrentHashMap<>();

    @TempDir
    Path dir;

    /** An uninterrupted run on a fresh pair: its end state, its commands, how often it reported sync progress. */
    record Reference(EndState end, List<Sent> sent, int syncReports) {}

    static Reference reference(String dialect) {
        return REFERENCES.computeIfAbsent(dialect, d -> {
            SimPair pair = SimPair.fresh(d);
            Recording recording = new Recording();
            AtomicInteger reports = new AtomicInteger();
            Workflow setup = FailoverSetup.workflow(CrashHarness.cluster(pair, recording));
            ProgressListener counting = new ProgressListener() {
                @Override
                public void syncProgress(PlannedStep step, SyncReport report) {
                    reports.incrementAndGet();
                }
            };
            CrashHarness.withTempJournal(journal -> {
                setup.run(counting, journal);
                return journal;
            });
            assertThat(pair.sim.dataLossDetector().report()).isEmpty();
            return new Reference(EndState.of(pair), recording.sent(), reports.get());
        });
    }

    static Stream<Arguments> crashPoints() {
        List<Arguments> cases = new ArrayList<>();
        for (String dialect : List.of("8.4", "8.3")) {
            int total = reference(dialect).sent().size();
            IntStream.rangeClosed(1, total).forEach(n -> {
                cases.add(Arguments.of(dialect, n, When.BEFORE));
                cases.add(Arguments.of(dialect, n, When.AFTER));
            });
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: crash {2} command {1}")
    @MethodSource("crashPoints")
    void resumesACrashAtAnyCommandToTheEndStateOfAnUninterruptedRun(String dialect, int n, When when) {
        SimPair pair = SimPair.fresh(dialect);

        Outcome outcome = CrashHarness.crashAndResume(
                pair,
                FailoverSetup::workflow,
                CrashHarness.crashAt(n, when),
                ProgressListener.none(),
                dir.resolve("journal.jsonl"));

        checkResumed(dialect, pair, outcome);
    }

    static Stream<Arguments> syncReportCrashes() {
        List<Arguments> cases = new ArrayList<>();
        for (String dialect : List.of("8.4", "8.3")) {
            // The last report is the wait's own 100%, given once the resync ended: a crash there finds wait-sync
            // done on resume. The crashes "while waiting" are at DRBD's reports before it.
            int reports = reference(dialect).syncReports() - 1;
            assertThat(reports)
                    .as("DRBD's sync progress reports of an uninterrupted %s run", dialect)
                    .isGreaterThan(2);
            for (int k : new int[] {1, reports / 2, reports}) {
                cases.add(Arguments.of(dialect, k));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: crash at sync report {1}")
    @MethodSource("syncReportCrashes")
    void resumesACrashWhileWaitingForTheResync(String dialect, int k) {
        SimPair pair = SimPair.fresh(dialect);
        AtomicInteger reports = new AtomicInteger();
        ProgressListener crashing = new ProgressListener() {
            @Override
            public void syncProgress(PlannedStep step, SyncReport report) {
                if (reports.incrementAndGet() == k) {
                    throw new Crash("crash at sync report " + k + ": " + report);
                }
            }
        };

        Outcome outcome = CrashHarness.crashAndResume(
                pair, FailoverSetup::workflow, CrashHarness.none(), crashing, dir.resolve("journal.jsonl"));

        assertThat(Outcome.steps(outcome.crashed(), Event.STARTED)).endsWith("wait-sync");
        assertThat(Outcome.steps(outcome.crashed(), Event.FINISHED)).doesNotContain("wait-sync");
        assertThat(Outcome.steps(outcome.resumed(), Event.FINISHED)).contains("wait-sync");
        checkResumed(dialect, pair, outcome);
    }

    private static void checkResumed(String dialect, SimPair pair, Outcome outcome) {
        String sent =
                String.join("\n", outcome.sent().stream().map(Sent::toString).toList());
        assertThat(outcome.resumed()).as("the resumed run's journal").last().satisfies(e -> assertThat(e.event())
                .isEqualTo(Event.COMPLETED));
        assertThat(EndState.of(pair)).isEqualTo(reference(dialect).end());
        assertThat(pair.sim.dataLossDetector().report()).isEmpty();
        assertThat(outcome.count(FailoverSetupResumeTest::forcesPrimary))
                .as("forced promotions over both runs:\n%s", sent)
                .isEqualTo(1);
        assertThat(outcome.count(s -> s.argv().get(0).equals("mkfs.ext4")))
                .as("mkfs over both runs:\n%s", sent)
                .isEqualTo(1);

        List<String> skipped = Outcome.steps(outcome.resumed(), Event.SKIPPED);
        assertThat(skipped)
                .as("steps finished before the crash are skipped on resume")
                .containsAll(Outcome.finishedOnce(outcome.crashed()));
        List<Sent> beforeCrash = outcome.beforeCrash();
        if (beforeCrash.stream().anyMatch(FailoverSetupResumeTest::forcesPrimary)) {
            assertThat(skipped).as("force-primary took effect before the crash").contains("force-primary");
        }
        if (beforeCrash.stream().anyMatch(s -> s.argv().get(0).equals("mkfs.ext4"))) {
            assertThat(skipped).as("mkfs took effect before the crash").contains("mkfs");
        }
    }

    static boolean forcesPrimary(Sent sent) {
        List<String> argv = sent.argv();
        return argv.get(0).equals("drbdadm")
                && argv.contains("primary")
                && argv.contains("pc0")
                && (argv.contains("--force") || argv.contains("--overwrite-data-of-peer"));
    }
}
