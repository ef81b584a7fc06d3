package io.drbd4j.chef;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.exec.runner.Command;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrepareTest {
    static final String SECRETS = "{\"drbd\":{\"shared_secret\":\"s3cret\"}}\n";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void bringsTwoBlankBackendsToAFreshConnectedPairAndFailoverSetupTakesOver(String dialect) {
        SimPair pair = SimPair.of(SimPair.builder(dialect).build(), dialect);
        seedConfig(pair);
        List<String> started = new ArrayList<>();

        Prepare.workflow(pair.cluster)
                .run(
                        new ProgressListener() {
                            @Override
                            public void stepStarted(PlannedStep step) {
                                if (!step.id().equals(SharedSteps.CHECK_IDENTITY)) {
                                    started.add(step.id());
                                }
                            }
                        },
                        Journal.at(dir.resolve("prepare.jsonl")));

        assertThat(started)
                .containsExactly(
                        "render-config-primary",
                        "create-md-primary",
                        "up-primary",
                        "copy-config",
                        "render-config-secondary",
                        "create-md-secondary",
                        "up-secondary");
        EndState end = EndState.of(pair);
        assertThat(end.hosts().get("be1"))
                .startsWith(
                        "be1: Connected Secondary/Secondary Inconsistent/Inconsistent; mounted false; ready false;");
        assertThat(end.hosts().get("be2"))
                .startsWith(
                        "be2: Connected Secondary/Secondary Inconsistent/Inconsistent; mounted false; ready false;");
        assertThat(cat(pair, "be2", "/etc/opscode/private-chef-secrets.json")).isEqualTo(SECRETS);
        assertThat(cat(pair, "be2", "/etc/opscode/chef-server.rb")).isEqualTo("topology \"ha\"\n");

        FailoverSetup.workflow(pair.cluster).run(ProgressListener.none(), Journal.at(dir.resolve("setup.jsonl")));
        assertThat(HaStatus.read(pair.cluster).healthy()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void aReRunAfterBothBackendsRebootedCompletesWithoutRecreatingMetaData(String dialect) {
        SimPair pair = SimPair.of(SimPair.builder(dialect).build(), dialect);
        seedConfig(pair);
        Prepare.workflow(pair.cluster).run(ProgressListener.none(), Journal.at(dir.resolve("prepare.jsonl")));
        for (String host : List.of("be1", "be2")) {
            pair.sim.faults().crash(host);
            pair.sim.faults().reboot(host);
        }
        Journal journal = Journal.at(dir.resolve("again.jsonl"));

        // On 8.4 dump-md now finds the meta data "unclean" (the kernel attached it): valid meta data all the same.
        Prepare.workflow(pair.cluster).run(ProgressListener.none(), journal);

        assertThat(journal.entries())
                .filteredOn(x -> x.step().orElse("").startsWith("create-md"))
                .extracting(JournalEntry::event)
                .containsExactly(JournalEntry.Event.SKIPPED, JournalEntry.Event.SKIPPED);
        assertThat(journal.entries().get(journal.entries().size() - 1).event()).isEqualTo(JournalEntry.Event.COMPLETED);
        EndState end = EndState.of(pair);
        assertThat(end.hosts().get("be2"))
                .startsWith(
                        "be2: Connected Secondary/Secondary Inconsistent/Inconsistent; mounted false; ready false;");
    }

    @org.junit.jupiter.api.Test
    void aFailedCopyOfTheSecretsNeverPutsThemInTheJournalOrTheError() {
        SimPair pair = SimPair.of(SimPair.builder("8.4").build(), "8.4");
        seedConfig(pair);
        // A copy that fails after echoing its input to stdout (as tee would), with nothing on stderr.
        ChefHaCluster cluster = FaultsAtEveryStepPropertiesTest.wrapped(
                pair.cluster,
                (host, runner) -> command -> command.argv()
                                .equals(List.of("dd", "of=/etc/opscode/private-chef-secrets.json"))
                        ? io.drbd4j.exec.runner.CommandResult.of(
                                command, 1, new String(command.stdin().orElseThrow(), StandardCharsets.UTF_8), "")
                        : runner.run(command));
        Journal journal = Journal.at(dir.resolve("prepare.jsonl"));

        WorkflowException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                WorkflowException.class, () -> Prepare.workflow(cluster).run(ProgressListener.none(), journal));

        assertThat(e.reason()).isEqualTo(WorkflowException.Reason.COMMAND_FAILED);
        assertThat(e.step()).isEqualTo("copy-config");
        assertThat(e.seen()).isEqualTo("dd of=/etc/opscode/private-chef-secrets.json exited 1");
        assertThat(e.getMessage()).doesNotContain("s3cret");
        assertThat(journal.entries()).noneMatch(x -> x.detail().orElse("").contains("s3cret"));
        assertThat(journal.entries().get(journal.entries().size() - 1).event()).isEqualTo(JournalEntry.Event.FAILED);
    }

    static void seedConfig(SimPair pair) {
        seed(pair, "/etc/opscode/chef-server.rb", "topology \"ha\"\n");
        seed(pair, "/etc/opscode/private-chef-secrets.json", SECRETS);
    }

    static void seed(SimPair pair, String path, String text) {
        pair.sim
                .runner("be1")
                .run(Command.builder()
                        .timeout(Duration.ofSeconds(5))
                        .addArgv("tee", path)
                        .stdin(text.getBytes(StandardCharsets.UTF_8))
                        .build());
    }

    static String cat(SimPair pair, String host, String path) {
        return pair.sim
                .runner(host)
                .run(Command.of(Duration.ofSeconds(5), "cat", path))
                .stdoutText();
    }
}
