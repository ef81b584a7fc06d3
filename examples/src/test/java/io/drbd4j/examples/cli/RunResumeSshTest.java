package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.drbd4j.chef.ChefHaCluster;
import io.drbd4j.chef.FailoverSetup;
import io.drbd4j.chef.GrowVolume;
import io.drbd4j.chef.HaStatus;
import io.drbd4j.chef.Journal;
import io.drbd4j.chef.JournalEntry;
import io.drbd4j.chef.WorkflowException;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.testkit.SimulatedDrbdCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drbd4j run} and {@code drbd4j resume} against two backends reached through real sshd, the test kit's
 * simulated pair be1/be2 ({@link SimulatedPairOverSsh}): failover-setup on a fresh pair, with confirmations typed on
 * standard input and, in a child JVM, a real SIGINT in the middle of the run followed by a resume that finishes; a run
 * that copies Chef's secrets file from one backend to the other without printing or journaling a secret; and
 * grow-volume, whose LVM, resize and resize2fs commands go through ssh (the storage workflows' other tests run on the
 * simulated pair directly).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class RunResumeSshTest {
    @TempDir
    Path dir;

    private DemoScenario scenario;
    private SimulatedPairOverSsh pair;

    @BeforeEach
    void noDrbdHere() {
        assumeFalse(Files.exists(Path.of("/proc/drbd")), "DRBD is loaded on this machine");
    }

    /** Stages failover setup's fresh pair, as {@code demo failover-setup} does, behind the two sshd. */
    private void startFreshPair() {
        stage(FailoverSetup.NAME);
    }

    /** Stages the demo's scenario of the workflow (DRBD 8.4, 1 GiB) behind the two sshd. */
    private void stage(String workflow) {
        scenario = DemoScenarios.stage(workflow, "8.4", 1);
        start(scenario.sim());
    }

    private void start(SimulatedDrbdCluster sim) {
        pair = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> SimulatedPairOverSsh.start(sim));
    }

    @AfterEach
    void stopPair() throws Exception {
        if (pair != null) {
            pair.close();
        }
    }

    private List<String> args(String... first) {
        List<String> args = new ArrayList<>(List.of(first));
        args.addAll(pair.backendOptions());
        return args;
    }

    @Test
    void aWrongConfirmationStopsTheRunBeforeTheStepAndTheResumeWithTheTypedOneFinishes() {
        startFreshPair();
        Path journal = dir.resolve("setup.jsonl");

        CliResult stopped = CliResult.run("pc0@be2\n", args("run", "failover-setup", "--journal", journal.toString()));

        assertThat(stopped.exitCode()).as(stopped.err()).isEqualTo(Drbd4jCommand.EXIT_WORKFLOW_STOPPED);
        assertThat(stopped.out())
                .startsWith("journal: " + journal + "\nfailover-setup of pc0: keeper be1 (8.4), other be2 (8.4)\n")
                .contains(" 2. force-primary on be1   [DESTROYS DATA if run in the wrong state]\n")
                .contains(" start check-identity on be1\n")
                .contains("force-primary on be1 can destroy data if run in the wrong state.\n")
                .contains("To run it, type pc0@be1: not confirmed: 'pc0@be2' is not pc0@be1\n")
                .doesNotContain("start force-primary")
                .contains("stopped; to resume: drbd4j resume --journal " + journal + " --backend be1=localhost:");
        assertThat(stopped.err())
                .isEqualTo("drbd4j run: failover-setup: step force-primary on be1 stopped by the caller. Seen: the"
                        + " operator typed 'pc0@be2' (expected: pc0@be1). Required: the go-ahead to run"
                        + " force-primary on be1. What to do: nothing of this step ran; resume with the same journal"
                        + " to be asked again\n");
        List<JournalEntry> entries = Journal.at(journal).entries();
        assertThat(entries).last().satisfies(e -> {
            assertThat(e.event()).isEqualTo(JournalEntry.Event.FAILED);
            assertThat(e.reason()).contains(WorkflowException.Reason.STOPPED);
        });
        assertThat(entries).noneMatch(e -> e.event() == JournalEntry.Event.COMMAND);

        CliResult resumed = CliResult.run("pc0@be1\npc0@be1\n", resumeArgs(stopped.out()));

        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.err()).isEmpty();
        assertThat(resumed.out())
                .startsWith("journal: " + journal + "\n")
                .contains("resuming failover-setup")
                .contains("To run it, type pc0@be1: ")
                .contains(" start force-primary on be1")
                .contains("         $ drbdadm primary --force pc0\n")
                .contains("         $ mkfs.ext4 /dev/drbd0\n")
                .contains("failover-setup completed in ");
        assertFinished(journal);
    }

    @Test
    void ctrlCInTheMiddleStopsBetweenCommandsAndTheResumeFinishes() throws Exception {
        startFreshPair();
        Path journal = dir.resolve("setup.jsonl");
        // Simulated time stands still: the initial sync stays at its start until the run is stopped.
        pair.server().timeRuns(false);
        List<String> args = args("run", "failover-setup", "--journal", journal.toString());
        String out;
        try (ChildCli child = ChildCli.start(dir, args)) {
            child.type("pc0@be1\npc0@be1\n");
            child.awaitLine(l -> l.contains(" start wait-sync on be1"), "starting wait-sync", Duration.ofSeconds(180));
            child.awaitLine(l -> l.contains(" sync  ["), "with the resync's progress", Duration.ofSeconds(60));

            child.interrupt();

            int exit = child.awaitExit(Duration.ofSeconds(60));
            out = child.out();
            assertThat(exit).as(out + child.err()).isEqualTo(Drbd4jCommand.EXIT_WORKFLOW_STOPPED);
            assertThat(child.err())
                    .contains("drbd4j: Ctrl-C: stopping once the command running now has ended")
                    .contains("drbd4j run: failover-setup: step wait-sync on be1 stopped by the caller. Seen: SIGINT"
                            + " (Ctrl-C), before the next read of the state while waiting for ");
        }
        assertThat(out)
                .contains("         $ mkfs.ext4 /dev/drbd0\n")
                .contains("stopped; to resume: drbd4j resume --journal " + journal + " --backend be1=localhost:")
                .doesNotContain("completed");
        List<JournalEntry> entries = Journal.at(journal).entries();
        assertThat(entries).last().satisfies(e -> {
            assertThat(e.event()).isEqualTo(JournalEntry.Event.FAILED);
            assertThat(e.reason()).contains(WorkflowException.Reason.STOPPED);
            assertThat(e.step()).contains("wait-sync");
        });
        pair.server().timeRuns(true);

        CliResult resumed = CliResult.run("", resumeArgs(out));

        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.out())
                .contains(" skip  force-primary on be1: already done")
                .containsPattern(" (done  wait-sync on be1|skip  wait-sync on be1: already done: be1 Connected"
                        + " Primary/Secondary UpToDate/UpToDate)")
                .contains("failover-setup completed in ")
                .doesNotContain("To run it, type");
        assertFinished(journal);
    }

    @Test
    void aRunThatCopiesChefsSecretsPrintsAndJournalsNoneOfThem() throws Exception {
        String secret = "S3cr3t-drbd4j-" + UUID.randomUUID();
        String vrrp = "vrrp-" + UUID.randomUUID();
        String secretsJson = "{\"drbd\":{\"shared_secret\":\"" + secret + "\"},"
                + "\"keepalived\":{\"vrrp_instance_password\":\"" + vrrp + "\"}}\n";
        SimulatedDrbdCluster sim = DemoScenarios.pair("8.4", 1)
                .sharedSecret("be1", secret)
                .sharedSecret("be2", secret)
                .build();
        ChefHaCluster cluster = DemoScenarios.cluster(sim, "be1", "10.0.0.1", "be2", "10.0.0.2");
        write(sim, "be1", "/etc/opscode/chef-server.rb", "topology \"ha\"\n");
        write(sim, "be1", "/etc/opscode/private-chef-secrets.json", secretsJson);
        start(sim);
        Path journal = dir.resolve("prepare.jsonl");

        CliResult result = CliResult.run(
                "",
                args(
                        "run",
                        "prepare",
                        "--journal",
                        journal.toString(),
                        "--confirm-destroy",
                        "pc0@be1",
                        "--confirm-destroy",
                        "pc0@be2"));

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out())
                .contains("confirmed by --confirm-destroy pc0@be2: create-md-secondary on be2 can destroy data\n")
                .contains("$ cat /etc/opscode/private-chef-secrets.json")
                .contains("prepare completed in ");
        String journalText = Files.readString(journal);
        for (String hidden : List.of(secret, vrrp)) {
            assertThat(result.out()).doesNotContain(hidden);
            assertThat(result.err()).doesNotContain(hidden);
            assertThat(journalText).doesNotContain(hidden);
        }
        CommandResult copied = sim.runner("be2")
                .run(io.drbd4j.exec.runner.Command.of(
                        Duration.ofSeconds(5), "cat", "/etc/opscode/private-chef-secrets.json"));
        assertThat(copied.stdoutText()).as("the copy went through ssh's stdin").isEqualTo(secretsJson);
        assertThat(HaStatus.read(cluster).backends()).hasSize(2);
        assertThat(pair.server().failures()).isEmpty();
    }

    @Test
    void growVolumeRunsOverSshWithTheDiskAndEachDestroyingStepConfirmedAndEndsOnTwiceTheSize() {
        stage(GrowVolume.NAME);
        Path journal = dir.resolve("grow-volume.jsonl");

        // pvcreate on be1, pvcreate on be2 and resize2fs on be1 each ask for their resource@host.
        CliResult result = CliResult.run(
                "pc0@be1\npc0@be2\npc0@be1\n",
                args(
                        "run",
                        "grow-volume",
                        "--journal",
                        journal.toString(),
                        "--size",
                        "2G",
                        "--add-disk",
                        "/dev/sdc",
                        "--confirm-disk",
                        "/dev/sdc"));

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out())
                .startsWith("journal: " + journal + "\ngrow-volume of pc0: keeper be1 (8.4), other be2 (8.4)\n")
                .containsSubsequence(
                        " start check on be1\n",
                        "To run it, type pc0@be1: ",
                        " start pvcreate-primary on be1   [destroys data if run in the wrong state]\n",
                        "         $ pvcreate /dev/sdc\n",
                        "         $ vgextend opscode /dev/sdc\n",
                        "To run it, type pc0@be2: ",
                        " start pvcreate-secondary on be2   [destroys data if run in the wrong state]\n",
                        " start lvextend-primary on be1\n",
                        "         $ lvextend -L 2147483648b opscode/drbd\n",
                        " start lvextend-secondary on be2\n",
                        "         $ lvextend -L 2147483648b opscode/drbd\n",
                        " start resize on be1\n",
                        "         $ drbdadm resize pc0\n",
                        "To run it, type pc0@be1: ",
                        " start resize2fs on be1   [destroys data if run in the wrong state]\n",
                        "         $ resize2fs /dev/drbd0\n",
                        "grow-volume completed in ");
        assertFinished(journal);
        String report = Journal.at(journal).entries().stream()
                .filter(e -> e.event() == JournalEntry.Event.STARTED && e.step().equals(Optional.of("report")))
                .reduce((first, second) -> second)
                .flatMap(JournalEntry::detail)
                .orElseThrow();
        assertThat(report)
                .startsWith("be1: lv opscode/drbd 2147483648 B, drbd0 ")
                .contains("; be2: lv opscode/drbd 2147483648 B, drbd0 ");
    }

    private static void write(SimulatedDrbdCluster sim, String host, String path, String text) {
        sim.runner(host)
                .run(io.drbd4j.exec.runner.Command.builder()
                        .timeout(Duration.ofSeconds(10))
                        .addArgv("tee", path)
                        .stdin(text.getBytes(StandardCharsets.UTF_8))
                        .build());
    }

    /** @return the arguments of the resume line a stopped run printed, after {@code drbd4j} */
    private static List<String> resumeArgs(String out) {
        String prefix = "stopped; to resume: drbd4j ";
        String line = out.lines()
                .filter(l -> l.startsWith(prefix))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no resume line in:\n" + out));
        // The test's paths and options need no shell quoting.
        assertThat(line).doesNotContain("'");
        return List.of(line.substring(prefix.length()).split(" "));
    }

    private void assertFinished(Path journal) {
        assertThat(Journal.at(journal).entries())
                .last()
                .extracting(JournalEntry::event)
                .isEqualTo(JournalEntry.Event.COMPLETED);
        assertThat(HaStatus.read(scenario.cluster()).healthy()).isTrue();
        assertThat(scenario.sim().dataLossDetector().report()).isEmpty();
        assertThat(pair.server().failures()).isEmpty();
    }
}
