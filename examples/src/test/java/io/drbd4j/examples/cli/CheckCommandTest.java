package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.chef.HaStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code drbd4j check} beyond the samples: what cannot be read, bad arguments (UNKNOWN, as Nagios asks), and a
 * Chef HA pair on the simulated backends in the states the demos stage.
 */
class CheckCommandTest {
    @TempDir
    Path dir;

    private static void assertUnknownUsage(CliResult result, String message) {
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.out()).isEqualTo("DRBD UNKNOWN - drbd4j check: " + message + "\n");
        assertThat(result.err()).isEqualTo("drbd4j check: " + message + " (see 'drbd4j check --help')\n");
    }

    @Test
    void aFileThatCannotBeReadIsUnknown() {
        CliResult result = CliResult.run("check", "--file", "/nonexistent/proc-drbd");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.out())
                .isEqualTo("DRBD UNKNOWN - cannot read /nonexistent/proc-drbd: No such file or directory\n");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void aStrictParseThatFailsIsUnknown() {
        // Sample 022's build tag is wrapped onto a third line, "2 23:52:00", which DRBD never prints.
        Path sample = Fixtures.file("022-hoangdh-drbd840-splitbrain-standalone-primary");

        CliResult result = CliResult.run("check", "--strict", "--file", sample.toString());

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.out())
                .startsWith("DRBD UNKNOWN - ")
                .contains("line 3")
                .endsWith("\n");
        assertThat(result.out()).containsOnlyOnce("\n").doesNotContain("|");
    }

    @Test
    void randomBytesReadLenientlyAreUnknown() throws IOException {
        byte[] noise = new byte[4096];
        new Random(16).nextBytes(noise);
        Path file = Files.write(dir.resolve("noise"), noise);

        CliResult result = CliResult.run("check", "--file", file.toString());

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.out()).startsWith("DRBD UNKNOWN - no configured device in " + file + "; ");
        assertThat(result.out()).containsOnlyOnce("\n");
    }

    @Test
    void twoSourcesAreAnUnknownUsageError() {
        assertUnknownUsage(
                CliResult.run("check", "--demo", "--file", "/proc/drbd"),
                "--file, --ssh, --backend and --demo name what to check: give one of them");
    }

    @Test
    void anSshOptionWithoutAHostIsAnUnknownUsageError() {
        assertUnknownUsage(CliResult.run("check", "--port", "22"), "--port needs --ssh or two --backend");
    }

    @Test
    void anUnknownOptionIsAnUnknownUsageError() {
        assertUnknownUsage(CliResult.run("check", "--warning", "10"), "Unknown options: '--warning', '10'");
    }

    @Test
    void sshWithoutUserLogsInAsRoot() throws Exception {
        int port = Sshd.freePort();
        CliResult result =
                CliResult.run("check", "--ssh", "127.0.0.1", "--port", String.valueOf(port), "--connect-timeout", "2s");

        assertThat(result.exitCode()).isEqualTo(CheckState.UNKNOWN.exitCode());
        assertThat(result.out()).contains("cannot reach root@127.0.0.1:" + port + " over ssh");
    }

    @Test
    void sshWithAKeeperIsAnUnknownUsageError() {
        assertUnknownUsage(
                CliResult.run("check", "--ssh", "root@db1", "--keeper", "be1"),
                "--ssh reads one host and cannot be combined with --backend or --keeper");
    }

    @Test
    void aRemoteFileWithoutSshIsAnUnknownUsageError() {
        assertUnknownUsage(CliResult.run("check", "--remote-file", "/tmp/drbd"), "--remote-file needs --ssh");
    }

    @Test
    void theDemoPairAfterFailoverSetupIsOk() {
        // be1 master Connected Primary/Secondary UpToDate/UpToDate, be2 backup, oos 0 on both (demo failover-setup).
        CliResult result = CliResult.run("check", "--demo");

        assertThat(result.out())
                .isEqualTo("DRBD OK - healthy: be1 master, be2 backup | be1_oos=0KB;;;0 be2_oos=0KB;;;0\n");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void aSplitBrainOfThePairIsCritical() {
        // The demo's split brain: be1 and be2 both StandAlone Primary with writes of their own, both masters.
        CheckResult result = HaCheck.of(HaStatus.read(
                DemoScenarios.stage("split-brain-recovery", "8.4", 1).cluster()));

        assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
        assertThat(result.line())
                .startsWith("DRBD CRITICAL - be1 StandAlone Primary/Unknown UpToDate/DUnknown: split brain;"
                        + " be2 StandAlone Primary/Unknown UpToDate/DUnknown: split brain; failed: oneMaster, ");
    }

    @Test
    void aPairWhosePrimaryWasLostMidSyncIsCritical() {
        // The demo's recover-primary: be1 gone at 19.5% of the initial sync; be2 WFConnection Inconsistent.
        CheckResult result = HaCheck.of(
                HaStatus.read(DemoScenarios.stage("recover-primary", "8.4", 1).cluster()));

        assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
        assertThat(result.line())
                .startsWith("DRBD CRITICAL - be2 WFConnection Secondary/Unknown Inconsistent/DUnknown: no current copy"
                        + " here and the peer is not connected; ");
    }

    @Test
    void aPrimaryWaitingForItsCrashedSecondaryIsAWarning() {
        // The demo's rejoin-secondary: be2 crashed and rebooted (resource not up), be1 took writes without it.
        CheckResult result = HaCheck.of(
                HaStatus.read(DemoScenarios.stage("rejoin-secondary", "8.4", 1).cluster()));

        assertThat(result.state()).isEqualTo(CheckState.WARNING);
        assertThat(result.line())
                .startsWith("DRBD WARNING - be1 WFConnection Primary/Unknown UpToDate/DUnknown: this node cannot be"
                        + " lost; failed: ")
                .contains(" | be1_oos=");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.drbd4j.examples.cli.DemoScenarios#names")
    void theChecksOfHaStatusJsonAreHealthyExactlyWhenTheLibrarySaysSo(String workflow) {
        HaStatus status = HaStatus.read(DemoScenarios.stage(workflow, "8.4", 1).cluster());

        assertThat(HaChecks.all(status)).isEqualTo(status.healthy());
    }

    @Test
    void theChecksOfTheHealthyDemoPairAllPass() {
        HaStatus status = HaStatus.read(SimulatedPair.afterFailoverSetup("8.4").cluster());

        assertThat(status.healthy()).isTrue();
        assertThat(HaChecks.all(status)).isTrue();
    }

    @Test
    void helpExplainsTheMappingAndTheExitCodes() {
        CliResult result = CliResult.run("check", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("CRITICAL  split brain", "WARNING   a resync runs", "OK        either node can be lost")
                .contains("UNKNOWN   the file or host cannot be read or parsed")
                .contains("Exit codes:", "0   OK", "1   WARNING", "2   CRITICAL", "3   UNKNOWN");
    }
}
