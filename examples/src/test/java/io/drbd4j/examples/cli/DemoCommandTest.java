package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code drbd4j demo failover-setup}: the workflow on the simulated fresh pair, in simulated time. */
class DemoCommandTest {
    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void runsFailoverSetupToAHealthyPair(String dialect) throws IOException {
        CliResult result = CliResult.run("demo", "failover-setup", "--dialect", dialect, "--size-gib", "2");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        String out = result.out();
        assertThat(out).doesNotContain("\r");
        assertThat(out)
                .startsWith("failover-setup on a simulated fresh pair be1/be2 (DRBD " + dialect + ", 2 GiB each)")
                .containsSubsequence(
                        "start force-primary on be1   [destroys data if run in the wrong state]",
                        "done  force-primary on be1",
                        "start mkfs on be1",
                        "$ mkfs.ext4 /dev/drbd0",
                        "start wait-sync on be1",
                        " sync  [",
                        "100.0%",
                        "done  wait-sync on be1",
                        "$ drbdadm adjust pc0",
                        "start reconfigure-secondary on be2",
                        "$ chef-server-ctl reconfigure",
                        "done  reconfigure-secondary on be2");
        assertThat(out)
                .contains(
                        dialect.equals("8.3")
                                ? "$ drbdadm -- --overwrite-data-of-peer primary pc0\n"
                                : "$ drbdadm primary --force pc0\n");

        List<String> lines = Arrays.asList(out.split("\n"));
        List<String> progress =
                lines.stream().filter(l -> l.contains(" sync  [")).toList();
        // One plain line per 5% at most, and the last: the output stays short.
        assertThat(progress).hasSizeBetween(2, 22);
        assertThat(progress)
                .allMatch(l -> l.matches("\\+\\d+:\\d\\d:\\d\\d sync  \\[[=>.]{20}\\] +\\d+\\.\\d%  left .*"));

        int n = lines.size();
        assertThat(lines.get(n - 1)).matches("failover-setup took \\d+:\\d\\d:\\d\\d of simulated time");
        assertThat(lines.get(n - 2)).isEqualTo("data loss: none (every acknowledged write is on a surviving copy)");
        assertThat(lines.get(n - 3)).isEqualTo("healthy: yes");
        assertThat(lines.get(n - 7)).startsWith("be1      Connected Primary/Secondary UpToDate/UpToDate  yes");
        assertThat(lines.get(n - 6)).startsWith("be2      Connected Secondary/Primary UpToDate/UpToDate  no");

        String journalLine = lines.stream()
                .filter(l -> l.startsWith("journal: "))
                .findFirst()
                .orElseThrow();
        Path journal = Path.of(journalLine.substring("journal: ".length()));
        try {
            assertThat(Files.readString(journal)).contains("\"step\":\"reconfigure-secondary\"");
        } finally {
            Files.deleteIfExists(journal);
            Files.deleteIfExists(journal.getParent());
        }
    }

    @Test
    void redrawsTheBarInPlaceOnATerminal() {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int exit = Drbd4jCommand.run(
                new Drbd4jCommand(true, io.drbd4j.core.time.Sleeper.system()),
                new java.io.PrintWriter(out),
                new java.io.PrintWriter(err),
                "demo",
                "failover-setup",
                "--size-gib",
                "1");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("\r+0:00:").contains("100.0%");
        assertThat(out.toString()).containsPattern("100\\.0%[^\n]*\n\\+\\d+:\\d\\d:\\d\\d done  wait-sync on be1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void recoversFromThePrimaryLostMidSyncWithTheAnnouncedLossAccepted(String dialect) {
        CliResult result = CliResult.run("demo", "recover-primary", "--dialect", dialect, "--size-gib", "2");

        assertThat(result.exitCode()).as(result.err()).isZero();
        String out = result.out();
        List<String> lines = Arrays.asList(out.split("\n"));
        assertThat(lines.get(0))
                .startsWith("recover-primary on a simulated pair (DRBD " + dialect + ", 2 GiB each): be1 was lost"
                        + " for good at 19.5% of the initial sync");
        assertThat(lines.get(1)).isEqualTo("survivor be2: WFConnection Secondary/Unknown Inconsistent/DUnknown");
        assertThat(lines.get(2)).contains("be2 is Inconsistent", "KiB (oos) never arrived");
        long announced = Long.parseLong(lines.get(3).replaceAll("^announced loss: (\\d+) KiB.*", "$1"));
        assertThat(announced).isBetween(1L, 2L << 20);
        assertThat(lines.get(2)).contains(announced + " KiB (oos)");
        assertThat(out)
                .containsSubsequence(
                        "loss  accepted before force-primary-survivor on be2: what be2 never received from be1",
                        "start force-primary-survivor on be2   [destroys data if run in the wrong state]",
                        dialect.equals("8.3")
                                ? "$ drbdadm -- --overwrite-data-of-peer primary pc0"
                                : "$ drbdadm primary --force pc0",
                        "done  wait-sync on be2",
                        "$ chef-server-ctl master-recover",
                        "done  reconfigure-new on be3",
                        "be2      Connected Primary/Secondary UpToDate/UpToDate  yes",
                        "be3      Connected Secondary/Primary UpToDate/UpToDate  no",
                        "healthy: yes",
                        "data loss: ")
                .doesNotContain("LOST BY A STEP")
                .doesNotContain("start promote-survivor");
        assertThat(lines).filteredOn(l -> l.startsWith("data loss: ")).allSatisfy(l -> assertThat(l)
                .contains("lost by a fault before or outside any step: fault: crash be1 for good"));
    }

    @Test
    void runsPrepareOnTwoBlankBackends() {
        CliResult result = CliResult.run("demo", "prepare", "--size-gib", "1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .containsSubsequence(
                        "start create-md-primary on be1",
                        "$ drbdadm create-md pc0",
                        "start copy-config on be2",
                        "done  up-secondary on be2",
                        "be1      Connected Secondary/Secondary Inconsistent/Inconsistent",
                        "healthy: no");
    }

    @Test
    void otherWorkflowIsAUsageError() {
        CliResult result = CliResult.run("demo", "failover");

        assertThat(result.exitCode()).isEqualTo(Drbd4jCommand.EXIT_FAILURE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err())
                .isEqualTo("drbd4j demo: unknown workflow 'failover' (expected: failover-setup, prepare,"
                        + " recover-primary) (see 'drbd4j demo --help')\n");
    }

    @Test
    void sizeOutOfRangeIsAUsageError() {
        CliResult result = CliResult.run("demo", "failover-setup", "--size-gib", "0");

        assertThat(result.exitCode()).isEqualTo(Drbd4jCommand.EXIT_FAILURE);
        assertThat(result.err()).contains("--size-gib 0 (expected: 1 to 4096)");
    }
}
