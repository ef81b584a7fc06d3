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

/** {@code drbd4j demo}: each workflow on the state it is for, staged on the simulated pair, in simulated time. */
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
                        "start finish-setup-survivor on be2",
                        "$ chef-server-ctl reconfigure",
                        "start up-new on be3",
                        "start wait-sync on be2",
                        // The survivor serves from the start of be3's full resync, not after it.
                        "note  be2 serves Chef while be3 resyncs: master, SyncSource Primary/Secondary"
                                + " UpToDate/Inconsistent, /var/opt/opscode/drbd/data mounted, all 11 Chef services"
                                + " running",
                        "sync  [",
                        "done  wait-sync on be2",
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

    /** @return the demo's output lines, after checking that it exited 0 with nothing on stderr */
    static List<String> demo(String... args) {
        CliResult result = CliResult.run(args);
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        return Arrays.asList(result.out().split("\n"));
    }

    /** The last lines of a demo that ends with a healthy pair and no acknowledged write lost. */
    static void assertEndsHealthy(List<String> lines, String name, String master, String backup) {
        int n = lines.size();
        assertThat(lines.get(n - 1)).matches(name + " took \\d+:\\d\\d:\\d\\d of simulated time");
        assertThat(lines.get(n - 2)).isEqualTo("data loss: none (every acknowledged write is on a surviving copy)");
        assertThat(lines.get(n - 3)).isEqualTo("healthy: yes");
        assertThat(lines.get(n - 7))
                .startsWith(
                        master + "      Connected Primary/Secondary UpToDate/UpToDate  yes      yes         master");
        assertThat(lines.get(n - 6))
                .startsWith(
                        backup + "      Connected Secondary/Primary UpToDate/UpToDate  no       yes         backup");
    }

    @Test
    void switchesOverToBe2AndFailsBackToBe1() {
        List<String> lines = demo("demo", "switchover", "--size-gib", "1");

        assertThat(lines.get(0))
                .startsWith("switchover and its failback on a simulated pair be1/be2 (DRBD 8.4, 1 GiB each) set up by"
                        + " failover-setup (run first, quietly)");
        assertThat(lines.get(1))
                .isEqualTo("now: be1: Connected Primary/Secondary UpToDate/UpToDate, master;"
                        + " be2: Connected Secondary/Primary UpToDate/UpToDate, backup");
        assertThat(lines).filteredOn(l -> l.startsWith("journal: ")).hasSize(2).allSatisfy(l -> assertThat(l)
                .matches("journal: .*/switchover(-2)?\\.jsonl"));
        assertThat(String.join("\n", lines))
                .containsSubsequence(
                        "switchover: be1 master, be2 takes over",
                        "start check on be1",
                        "start stop-keepalived on be1",
                        "$ chef-server-ctl stop keepalived",
                        "start start-keepalived on be1",
                        "$ chef-server-ctl start keepalived",
                        "done  start-keepalived on be1",
                        "failback: switchover with be2 master, be1 takes over",
                        "start check on be2",
                        "start stop-keepalived on be2",
                        "done  start-keepalived on be2")
                .doesNotContain("destroys data")
                .doesNotContain("skip ");
        assertEndsHealthy(lines, "switchover", "be1", "be2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void rejoinsTheCrashedSecondaryWithAResyncOfWhatItMissed(String dialect) {
        List<String> lines = demo("demo", "rejoin-secondary", "--dialect", dialect, "--size-gib", "1");

        assertThat(lines.get(0))
                .startsWith("rejoin-secondary on a simulated pair be1/be2 (DRBD " + dialect + ", 1 GiB each) set up by"
                        + " failover-setup (run first, quietly), in simulated time: be2 crashed, be1 took 8 writes of"
                        + " 32,768 KiB while it was away, and be2 rebooted");
        assertThat(lines.get(1)).startsWith("now: be1: WFConnection Primary/Unknown UpToDate/DUnknown, master; be2: ");
        assertThat(lines.get(2)).contains("behind by the 262,144 KiB be1 marked out of sync");
        assertThat(String.join("\n", lines))
                .containsSubsequence(
                        "start check on be1",
                        "start up-secondary on be2",
                        "$ drbdadm up pc0",
                        "skip  connect-secondary on be2",
                        "start wait-sync on be1",
                        " sync  [",
                        "100.0%  left 0 KiB",
                        "done  wait-sync on be1",
                        "skip  start-keepalived on be2")
                .doesNotContain("destroys data");
        assertEndsHealthy(lines, "rejoin-secondary", "be1", "be2");
    }

    @Test
    void replacesTheLostSecondaryByBe3WithAFullSync() {
        List<String> lines = demo("demo", "replace-secondary", "--size-gib", "1");

        assertThat(lines.get(0))
                .startsWith("replace-secondary on a simulated pair (DRBD 8.4, 1 GiB each) set up by failover-setup"
                        + " (run first, quietly), in simulated time: be2 was lost for good (powered off via ILO"
                        + " (simulated)) while be1 took writes; be3 (10.0.0.3) replaces it");
        assertThat(lines.get(1))
                .isEqualTo("now: be1: WFConnection Primary/Unknown UpToDate/DUnknown, master; be3: /dev/drbd0 not"
                        + " configured");
        assertThat(String.join("\n", lines))
                .containsSubsequence(
                        "start check on be1",
                        "start configure-master on be1",
                        "$ dd of=/etc/opscode/chef-server.rb",
                        "start adjust-master on be1",
                        "start copy-config on be3",
                        "start create-md-new on be3   [destroys data if run in the wrong state]",
                        "$ drbdadm create-md pc0",
                        "start up-new on be3",
                        "done  wait-sync on be1",
                        "done  reconfigure-new on be3");
        assertEndsHealthy(lines, "replace-secondary", "be1", "be3");
    }

    @Test
    void recoversTheSplitBrainKeepingBe1WithTheVictimsWritesAccepted() {
        List<String> lines = demo("demo", "split-brain", "--size-gib", "1");

        assertThat(lines.get(0)).startsWith("split-brain-recovery on a simulated pair be1/be2 (DRBD 8.4, 1 GiB each)");
        assertThat(lines.get(1))
                .isEqualTo("now: be1: StandAlone Primary/Unknown UpToDate/DUnknown, master;"
                        + " be2: StandAlone Primary/Unknown UpToDate/DUnknown, master");
        assertThat(lines.get(2)).startsWith("a split brain: both StandAlone Primary, each with writes the other lacks");
        assertThat(lines.get(3))
                .isEqualTo("keeping be1: be2, the victim, loses every write it took since the split and gets a full"
                        + " resync from be1; confirmed: " + SetUpPairScenarios.SPLIT_BRAIN_CONFIRMATION);
        assertThat(lines.get(4)).matches("journal: .*/split-brain-recovery\\.jsonl");
        assertThat(String.join("\n", lines))
                .containsSubsequence(
                        "start assess on be1",
                        "start umount-victim on be2",
                        "start demote-victim on be2",
                        "$ drbdadm secondary pc0",
                        "loss  accepted before discard-victim on be2: every write be2 took since the split brain,"
                                + " discarded for be1's copy: " + SetUpPairScenarios.SPLIT_BRAIN_CONFIRMATION,
                        "start discard-victim on be2   [destroys data if run in the wrong state]",
                        "$ drbdadm connect --discard-my-data pc0",
                        "start connect-keeper on be1",
                        "done  wait-sync on be1",
                        "start backup-recover-victim on be2",
                        "$ chef-server-ctl backup-recover")
                .doesNotContain("LOST BY A STEP");
        int n = lines.size();
        assertThat(lines.get(n - 1)).matches("split-brain-recovery took \\d+:\\d\\d:\\d\\d of simulated time");
        assertThat(lines.get(n - 2))
                .isEqualTo("data loss: 1 acknowledged write(s), lost with the loss accepted (every write be2 took since"
                        + " the split brain, discarded for be1's copy: " + SetUpPairScenarios.SPLIT_BRAIN_CONFIRMATION
                        + "): be2: cat /proc/drbd (handshake after be1: drbdadm connect pc0)");
        assertThat(lines.get(n - 3)).isEqualTo("healthy: yes");
        assertThat(lines.get(n - 7)).startsWith("be1      Connected Primary/Secondary UpToDate/UpToDate  yes");
        assertThat(lines.get(n - 6)).startsWith("be2      Connected Secondary/Primary UpToDate/UpToDate  no");
    }

    @Test
    void otherWorkflowIsAUsageError() {
        CliResult result = CliResult.run("demo", "failover");

        assertThat(result.exitCode()).isEqualTo(Drbd4jCommand.EXIT_FAILURE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err())
                .isEqualTo("drbd4j demo: unknown workflow 'failover' (expected: failover-setup, prepare,"
                        + " recover-primary, switchover, rejoin-secondary, replace-secondary, split-brain-recovery,"
                        + " both-secondary, grow-volume, prepare-storage)"
                        + " (see 'drbd4j demo --help')\n");
    }

    @Test
    void sizeOutOfRangeIsAUsageError() {
        CliResult result = CliResult.run("demo", "failover-setup", "--size-gib", "0");

        assertThat(result.exitCode()).isEqualTo(Drbd4jCommand.EXIT_FAILURE);
        assertThat(result.err()).contains("--size-gib 0 (expected: 1 to 4096)");
    }
}
