package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} and {@code resume} without hosts: the default journal name, the resume line's quoting, usage errors. */
class RunCommandTest {
    @TempDir
    Path dir;

    @Test
    void theDefaultJournalIsNamedAfterTheWorkflowAndTheStartInUtcInTheGivenDirectory() {
        Path journal = JournalName.of(dir, "recover-primary", Instant.parse("2026-12-06T13:41:00.987Z"));

        assertThat(journal).isEqualTo(dir.toAbsolutePath().resolve("drbd4j-recover-primary-20261206T134100Z.jsonl"));
    }

    @Test
    void theDefaultJournalOfARelativeDirectoryIsAbsolute() {
        Path journal = JournalName.of(Path.of(""), "failover-setup", Instant.parse("2026-01-02T03:04:05Z"));

        assertThat(journal).isAbsolute().hasFileName("drbd4j-failover-setup-20260102T030405Z.jsonl");
        assertThat(journal.getParent()).isEqualTo(Path.of("").toAbsolutePath());
    }

    @Test
    void theResumeLineQuotesOnlyWordsTheShellWouldChange() {
        assertThat(LiveRun.shellWord("be1=root@10.0.0.1:22")).isEqualTo("be1=root@10.0.0.1:22");
        assertThat(LiveRun.shellWord("/var/tmp/drbd4j-x.jsonl")).isEqualTo("/var/tmp/drbd4j-x.jsonl");
        assertThat(LiveRun.shellWord("jdoe: ILO shows it off")).isEqualTo("'jdoe: ILO shows it off'");
        assertThat(LiveRun.shellWord("it's gone; rm -rf /")).isEqualTo("'it'\\''s gone; rm -rf /'");
        assertThat(LiveRun.shellWord("")).isEqualTo("''");
    }

    @Test
    void runWithoutBackendsIsAUsageErrorThatPointsToTheDemo() {
        CliResult result = CliResult.run("run", "failover-setup");

        assertThat(result.exitCode()).isEqualTo(Drbd4jCommand.EXIT_FAILURE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err())
                .startsWith("drbd4j run: run needs two --backend (to try a workflow without hosts: drbd4j demo"
                        + " failover-setup)");
    }

    @Test
    void runOfAnUnknownWorkflowIsAUsageError() {
        CliResult result = CliResult.run("run", "failover", "--backend", "be1=10.0.0.1", "--backend", "be2=10.0.0.2");

        assertThat(result.exitCode()).isEqualTo(Drbd4jCommand.EXIT_FAILURE);
        assertThat(result.err()).startsWith("drbd4j run: unknown workflow 'failover'");
    }

    @Test
    void aMalformedConfirmDestroyIsAUsageErrorBeforeAnyHostIsReached() {
        CliResult result = CliResult.run(
                "run",
                "failover-setup",
                "--backend",
                "be1=10.0.0.1",
                "--backend",
                "be2=10.0.0.2",
                "--confirm-destroy",
                "be2");

        assertThat(result.exitCode()).isEqualTo(Drbd4jCommand.EXIT_FAILURE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err())
                .startsWith("drbd4j run: --confirm-destroy 'be2' (expected: RESOURCE@HOST, such as pc0@be2)");
    }

    @Test
    void resumeNeedsAJournal() {
        CliResult result = CliResult.run("resume", "--backend", "be1=10.0.0.1", "--backend", "be2=10.0.0.2");

        assertThat(result.exitCode()).isEqualTo(Drbd4jCommand.EXIT_FAILURE);
        assertThat(result.err()).startsWith("drbd4j resume: Missing required option: '--journal=FILE'");
    }

    @Test
    void resumeOfAMissingJournalIsAUsageError() {
        Path missing = dir.resolve("nope.jsonl");

        CliResult result = CliResult.run("resume", "--journal", missing.toString(), "--backend", "be1=10.0.0.1");

        assertThat(result.exitCode()).isEqualTo(Drbd4jCommand.EXIT_FAILURE);
        assertThat(result.err()).startsWith("drbd4j resume: --journal " + missing + ": no such file");
    }

    @Test
    void resumeOfAnEmptyJournalIsAUsageError() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.jsonl"));

        CliResult result = CliResult.run("resume", "--journal", empty.toString());

        assertThat(result.exitCode()).isEqualTo(Drbd4jCommand.EXIT_FAILURE);
        assertThat(result.err()).startsWith("drbd4j resume: --journal " + empty + " holds no entries");
    }
}
