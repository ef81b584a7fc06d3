package io.drbd4j.chef;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.chef.CrashHarness.Outcome;
import io.drbd4j.chef.CrashHarness.Recording;
import io.drbd4j.chef.CrashHarness.Sent;
import io.drbd4j.chef.CrashHarness.When;
import io.drbd4j.chef.JournalEntry.Event;
import io.drbd4j.exec.runner.Command;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Prepare killed at any command, before it ran or right after it took effect, resumes from its journal to the end
 * state of an uninterrupted run, with create-md run once per backend and the configuration copied intact.
 */
class PrepareResumeTest {
    private static final String CHEF_SERVER_RB = "/etc/opscode/chef-server.rb";
    private static final String SECRETS = "/etc/opscode/private-chef-secrets.json";
    private static final Map<String, Reference> REFERENCES = new ConcurrentHashMap<>();

    @TempDir
    Path dir;

    /** An uninterrupted run on two blank backends: its end state and its commands. */
    record Reference(EndState end, List<Sent> sent) {}

    static SimPair blankPair(String dialect) {
        SimPair pair = SimPair.of(SimPair.builder(dialect).build(), dialect);
        PrepareTest.seed(pair, CHEF_SERVER_RB, "topology \"ha\"\nserver \"be1\"\n");
        PrepareTest.seed(pair, SECRETS, "{\"drbd\":{\"shared_secret\":\"s3cret\"}}\n");
        return pair;
    }

    static Reference reference(String dialect) {
        return REFERENCES.computeIfAbsent(dialect, d -> {
            SimPair pair = blankPair(d);
            Recording recording = new Recording();
            Workflow prepare = Prepare.workflow(CrashHarness.cluster(pair, recording));
            CrashHarness.withTempJournal(journal -> {
                prepare.run(ProgressListener.none(), journal);
                return journal;
            });
            return new Reference(EndState.of(pair), recording.sent());
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
        SimPair pair = blankPair(dialect);

        Outcome outcome = CrashHarness.crashAndResume(
                pair,
                Prepare::workflow,
                CrashHarness.crashAt(n, when),
                ProgressListener.none(),
                dir.resolve("journal.jsonl"));

        String sent =
                String.join("\n", outcome.sent().stream().map(Sent::toString).toList());
        assertThat(outcome.resumed()).last().satisfies(e -> assertThat(e.event())
                .isEqualTo(Event.COMPLETED));
        assertThat(EndState.of(pair)).isEqualTo(reference(dialect).end());
        assertThat(pair.sim.dataLossDetector().report()).isEmpty();
        for (String host : List.of("be1", "be2")) {
            assertThat(outcome.count(s -> s.host().equals(host) && createsMetaData(s)))
                    .as("create-md on %s over both runs:\n%s", host, sent)
                    .isEqualTo(1);
            assertThat(cat(pair, host, CHEF_SERVER_RB)).isEqualTo(cat(pair, "be1", CHEF_SERVER_RB));
            assertThat(cat(pair, host, SECRETS)).isEqualTo(cat(pair, "be1", SECRETS));
        }
        List<String> skipped = Outcome.steps(outcome.resumed(), Event.SKIPPED);
        List<String> finished = Outcome.finishedOnce(outcome.crashed());
        // render-config has no observable outcome and is skipped because the journal shows it finished.
        assertThat(skipped)
                .as("steps finished before the crash are skipped on resume")
                .containsAll(finished);
        for (String host : List.of("be1", "be2")) {
            if (outcome.beforeCrash().stream().anyMatch(s -> s.host().equals(host) && createsMetaData(s))) {
                assertThat(skipped)
                        .as("create-md took effect on %s before the crash", host)
                        .contains(host.equals("be1") ? "create-md-primary" : "create-md-secondary");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void resumeAfterTheSecretsFileWasCreatedButNotYetFilledCopiesItsContents(String dialect) {
        // copy-config creates each file private (touch, chmod 600) before tee fills it; a crash in between leaves an
        // empty secrets file on be2, and "the files exist" is then not proof that the copy is done.
        SimPair pair = blankPair(dialect);
        CrashHarness.Wrapper crashAfterTouch = (host, runner) -> command -> {
            var result = runner.run(command);
            if (host.equals("be2") && command.argv().equals(List.of("touch", SECRETS))) {
                throw new CrashHarness.Crash("crash after " + command);
            }
            return result;
        };

        Outcome outcome = CrashHarness.crashAndResume(
                pair, Prepare::workflow, crashAfterTouch, ProgressListener.none(), dir.resolve("journal.jsonl"));

        assertThat(Outcome.steps(outcome.resumed(), Event.SKIPPED)).doesNotContain("copy-config");
        assertThat(cat(pair, "be2", SECRETS)).isEqualTo(cat(pair, "be1", SECRETS));
    }

    static boolean createsMetaData(Sent sent) {
        return sent.argv().get(0).equals("drbdadm") && sent.argv().contains("create-md");
    }

    private static String cat(SimPair pair, String host, String file) {
        return pair.sim
                .runner(host)
                .run(Command.of(Duration.ofSeconds(5), "cat", file))
                .stdoutText();
    }
}
