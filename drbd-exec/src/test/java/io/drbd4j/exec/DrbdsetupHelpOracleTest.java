package io.drbd4j.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.exec.dialect.DrbdUtilsOnHost;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.testing.RecordingCommandRunner;
import io.drbd4j.exec.testing.ScriptedCommandRunner;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The direct drbdsetup calls of {@link CliDrbdSetup} against the real drbdsetup-83/-84 option tables. drbdsetup
 * has no dry run, so, like the {@code H.*} rows of verify-drbd-commands.sh, this reads {@code drbdsetup-8x help
 * CMD} (no module needed) and checks each recorded argv against it: the word order, the command, every option
 * name, and the value's range.
 */
class DrbdsetupHelpOracleTest {
    /** @return the argv the call ran, answered as a healthy node would */
    private static List<String> recorded(DrbdDialect dialect, List<String> expected, Consumer<DrbdSetup> call) {
        ScriptedCommandRunner scripted = new ScriptedCommandRunner();
        RecordingCommandRunner runner = new RecordingCommandRunner(scripted);
        String answer = expected.contains("role")
                ? "Secondary/Secondary\n"
                : expected.contains("cstate")
                        ? "Connected\n"
                        : expected.contains("dstate") ? "UpToDate/UpToDate\n" : "";
        scripted.expect(expected).thenReturn(0, answer, "");
        call.accept(new CliDrbdSetup(runner, dialect));
        return runner.argvs().get(0);
    }

    private static String help(String helper, String command) {
        CommandResult r =
                DrbdUtilsOnHost.run(List.of(DrbdUtilsOnHost.helper(helper).toString(), "help", command));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r.stdoutText();
    }

    private static String generalUsage(String helper) {
        // "help" with no command prints the general usage and exits 20 (it found no command to explain).
        CommandResult r =
                DrbdUtilsOnHost.run(List.of(DrbdUtilsOnHost.helper(helper).toString(), "help"));
        return r.stdoutText() + r.stderrText();
    }

    @Test
    void eightThreeSyncerRateIsDeviceThenSyncerThenRateWithinRange() {
        List<String> argv = recorded(
                DrbdDialect.drbd83(),
                List.of("drbdsetup", "/dev/drbd0", "syncer", "-r", "1100M"),
                s -> s.resyncRate(0, "1100M"));

        assertThat(argv).containsExactly("drbdsetup", "/dev/drbd0", "syncer", "-r", "1100M");
        assertThat(generalUsage("drbdsetup-83"))
                .contains("USAGE: drbdsetup-83 device command arguments options")
                .contains("Device is usually /dev/drbdX");
        assertThat(help("drbdsetup-83", "syncer")).contains(" syncer [{--rate|-r} 1 ... 4194304]");
        assertThat(1_126_400L).as("1100M in KiB/s").isBetween(1L, 4_194_304L);
    }

    @Test
    void eightThreeQueriesAreCommandsWithoutArguments() {
        for (String query : List.of("role", "cstate", "dstate")) {
            List<String> argv = recorded(DrbdDialect.drbd83(), List.of("drbdsetup", "/dev/drbd0", query), s -> {
                switch (query) {
                    case "role" -> s.role(0);
                    case "cstate" -> s.cstate(0);
                    default -> s.dstate(0);
                }
            });

            assertThat(argv).containsExactly("drbdsetup", "/dev/drbd0", query);
            assertThat(help("drbdsetup-83", query)).isEqualTo("USAGE:\n " + query + "\n");
        }
    }

    @Test
    void eightFourDiskOptionsIsCommandThenMinorThenResyncRateWithinRange() {
        List<String> argv = recorded(
                DrbdDialect.drbd84(),
                List.of("drbdsetup", "disk-options", "0", "--resync-rate=1100M"),
                s -> s.resyncRate(0, "1100M"));

        assertThat(argv).containsExactly("drbdsetup", "disk-options", "0", "--resync-rate=1100M");
        assertThat(generalUsage("drbdsetup-84")).contains("USAGE: drbdsetup-84 command device arguments options");
        assertThat(help("drbdsetup-84", "disk-options"))
                .contains(" drbdsetup-84 disk-options {minor} ")
                .contains("[--resync-rate=(1 ... 4194304)]");
    }

    @Test
    void eightFourQueriesTakeTheMinorAfterTheCommand() {
        for (String query : List.of("role", "cstate", "dstate")) {
            List<String> argv = recorded(DrbdDialect.drbd84(), List.of("drbdsetup", query, "0"), s -> {
                switch (query) {
                    case "role" -> s.role(0);
                    case "cstate" -> s.cstate(0);
                    default -> s.dstate(0);
                }
            });

            assertThat(argv).containsExactly("drbdsetup", query, "0");
            assertThat(help("drbdsetup-84", query)).isEqualTo("USAGE:\n drbdsetup-84 " + query + " {minor}\n");
        }
    }

    @Test
    void eachHelperRejectsTheOtherDialectsRateCommand() {
        // Each dialect rejects the other's form (spec §0): 8.4 has no syncer, 8.3 no disk-options.
        CommandResult syncerOn84 = DrbdUtilsOnHost.run(
                List.of(DrbdUtilsOnHost.helper("drbdsetup-84").toString(), "help", "syncer"));
        CommandResult diskOptionsOn83 = DrbdUtilsOnHost.run(
                List.of(DrbdUtilsOnHost.helper("drbdsetup-83").toString(), "help", "disk-options"));

        assertThat(syncerOn84.exitCode()).isEqualTo(20);
        assertThat(syncerOn84.stdoutText() + syncerOn84.stderrText()).contains("unknown command");
        assertThat(diskOptionsOn83.exitCode()).isEqualTo(20);
        assertThat(diskOptionsOn83.stdoutText() + diskOptionsOn83.stderrText()).contains("unknown command");
    }

    @Test
    void theEventStreamIsEventsAllOnEightFourAndTheDeviceWithAllDevicesOnEightThree() {
        List<String> v84 =
                DrbdDialect.drbd84().events(0, java.time.Duration.ofHours(1)).argv();
        List<String> v83 =
                DrbdDialect.drbd83().events(3, java.time.Duration.ofHours(1)).argv();

        assertThat(v84).containsExactly("drbdsetup", "events", "all");
        assertThat(help("drbdsetup-84", "events")).contains(" drbdsetup-84 events {resource|minor|all}");
        assertThat(v83).containsExactly("drbdsetup", "/dev/drbd3", "events", "--all-devices");
        assertThat(help("drbdsetup-83", "events")).contains(" events [{--unfiltered|-u}] [{--all-devices|-a}]");
        assertThat(DrbdDialect.drbd84().events(0, java.time.Duration.ofHours(1)).timeout())
                .isEqualTo(java.time.Duration.ofHours(1));
    }
}
