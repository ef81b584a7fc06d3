package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.drbd4j.chef.GrowVolume;
import io.drbd4j.chef.HaStatus;
import io.drbd4j.chef.Journal;
import io.drbd4j.chef.JournalEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drbd4j run grow-volume} against two backends reached through real sshd ({@link SimulatedPairOverSsh}): the
 * test kit's set-up pair with a blank {@code /dev/sdc} on each, the disk's path typed again by option and each step
 * that can destroy data confirmed on standard input, to both volumes at twice their size, a healthy pair and no
 * acknowledged write lost. The storage workflows' other tests run on the simulated pair directly; this one runs the
 * LVM, resize and resize2fs commands through ssh and the command line.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class RunStorageWorkflowsSshTest {
    @TempDir
    Path dir;

    private DemoScenario scenario;
    private SimulatedPairOverSsh pair;

    @BeforeEach
    void noDrbdHere() {
        assumeFalse(Files.exists(Path.of("/proc/drbd")), "DRBD is loaded on this machine");
    }

    @AfterEach
    void stopPair() throws Exception {
        if (pair != null) {
            pair.close();
        }
    }

    /** Stages the demo's scenario of the workflow (DRBD 8.4, 1 GiB) behind the two sshd. */
    private void stage(String workflow) {
        scenario = DemoScenarios.stage(workflow, "8.4", 1);
        pair = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> SimulatedPairOverSsh.start(scenario.sim()));
    }

    private List<String> args(String... first) {
        List<String> args = new ArrayList<>(List.of(first));
        args.addAll(pair.backendOptions());
        return args;
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
        List<JournalEntry> entries = Journal.at(journal).entries();
        assertThat(entries).last().extracting(JournalEntry::event).isEqualTo(JournalEntry.Event.COMPLETED);
        String report = entries.stream()
                .filter(e -> e.event() == JournalEntry.Event.STARTED && e.step().equals(Optional.of("report")))
                .reduce((first, second) -> second)
                .flatMap(JournalEntry::detail)
                .orElseThrow();
        assertThat(report)
                .startsWith("be1: lv opscode/drbd 2147483648 B, drbd0 ")
                .contains("; be2: lv opscode/drbd 2147483648 B, drbd0 ");
        assertThat(HaStatus.read(scenario.cluster()).healthy()).isTrue();
        assertThat(scenario.sim().dataLossDetector().report()).isEmpty();
        assertThat(pair.server().failures()).isEmpty();
    }
}
