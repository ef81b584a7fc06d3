package io.drbd4j.testkit.internal.argv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drbd4j.exec.CliDrbdSetup;
import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.exec.dialect.RateMethod;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.testing.RecordingCommandRunner;
import io.drbd4j.testkit.internal.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The direct drbdsetup calls drbd4j makes (recorded from drbd-exec's {@link CliDrbdSetup} and the 8.3 dialect's
 * resync-rate plan), their accepted variants, the usage errors, and the usage texts against the real helpers
 * where those are deterministic without a module ({@code help}, unknown command on 8.4, too few arguments).
 */
class DrbdsetupArgvTest {
    static Parsed parse(String dialect, String... args) {
        List<String> argv = new ArrayList<>();
        argv.add("drbdsetup");
        argv.addAll(List.of(args));
        return DrbdsetupArgv.parse(dialect, argv);
    }

    static Outcome exit(Parsed parsed) {
        assertThat(parsed).isInstanceOf(Parsed.Exit.class);
        return ((Parsed.Exit) parsed).outcome();
    }

    /** What CliDrbdSetup sends, answered so that its parsing succeeds. */
    static List<List<String>> drbd4jArgvs(String dialect) {
        RecordingCommandRunner recorder = new RecordingCommandRunner(c -> {
            String stdout = c.argv().contains("cstate")
                    ? "Connected\n"
                    : c.argv().contains("role") ? "Primary/Secondary\n" : "UpToDate/UpToDate\n";
            return CommandResult.of(c, 0, stdout, "");
        });
        CliDrbdSetup setup = new CliDrbdSetup(recorder, DrbdDialect.named(dialect));
        setup.resyncRate(0, "1100M");
        setup.cstate(0);
        setup.role(0);
        setup.dstate(0);
        return recorder.argvs();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"8.3", "8.4"})
    void everyDirectCallOfDrbd4jParses(String dialect) {
        List<List<String>> argvs = new ArrayList<>(drbd4jArgvs(dialect));
        if (dialect.equals("8.3")) {
            argvs.add(DrbdDialect.drbd83()
                    .temporaryResyncRate("pc0", 0, "1100M", RateMethod.GUIDE)
                    .commands()
                    .get(0)
                    .argv());
        }
        List<SetupCall> calls = new ArrayList<>();
        for (List<String> argv : argvs) {
            Parsed parsed = DrbdsetupArgv.parse(dialect, argv);
            assertThat(parsed).as(String.join(" ", argv)).isInstanceOf(SetupCall.class);
            calls.add((SetupCall) parsed);
        }
        String rate = dialect.equals("8.3") ? "syncer" : "disk-options";
        String option = dialect.equals("8.3") ? "--rate=1100M" : "--resync-rate=1100M";
        assertThat(calls.get(0)).isEqualTo(new SetupCall(rate, 0, List.of(option)));
        assertThat(calls.subList(1, 4))
                .containsExactly(
                        new SetupCall("cstate", 0, List.of()),
                        new SetupCall("role", 0, List.of()),
                        new SetupCall("dstate", 0, List.of()));
        assertThat(calls).allMatch(c -> c.minor() == 0);
    }

    @Test
    void eightThreeAcceptsEveryDeviceFormAndTheSwappedOrder() {
        SetupCall expected = new SetupCall("syncer", 3, List.of("--rate=1100M"));
        assertThat(parse("8.3", "/dev/drbd3", "syncer", "-r", "1100M")).isEqualTo(expected);
        assertThat(parse("8.3", "/dev/drbd3", "syncer", "-r1100M")).isEqualTo(expected);
        assertThat(parse("8.3", "/dev/drbd3", "syncer", "--rate=1100M")).isEqualTo(expected);
        assertThat(parse("8.3", "3", "syncer", "--rate", "1100M")).isEqualTo(expected);
        assertThat(parse("8.3", "syncer", "/dev/drbd/3", "-r", "1100M")).isEqualTo(expected);
        assertThat(parse("8.3", "/dev/drbd3", "state")).isEqualTo(new SetupCall("role", 3, List.of()));
        assertThat(parse("8.3", "/dev/drbd0", "primary", "-o"))
                .isEqualTo(new SetupCall("primary", 0, List.of("--overwrite-data-of-peer")));
    }

    @Test
    void eightFourAcceptsTheMinorFirstToo() {
        SetupCall expected = new SetupCall("disk-options", 0, List.of("--c-plan-ahead=0", "--resync-rate=1100M"));
        assertThat(parse("8.4", "disk-options", "0", "--c-plan-ahead=0", "--resync-rate=1100M"))
                .isEqualTo(expected);
        assertThat(parse("8.4", "0", "disk-options", "--c-plan-ahead=0", "--resync-rate=1100M"))
                .isEqualTo(expected);
        assertThat(parse("8.4", "disk-options", "--c-plan-ahead", "0", "/dev/drbd0", "--resync-rate=1100M"))
                .isEqualTo(expected);
        assertThat(parse("8.4", "primary", "0", "--force")).isEqualTo(new SetupCall("primary", 0, List.of("--force")));
    }

    @Test
    void eightThreeUsageErrors() {
        Outcome unknownOption = exit(parse("8.3", "/dev/drbd0", "syncer", "--bogus"));
        assertThat(unknownOption).isEqualTo(Outcome.fail(20, "syncer: unrecognized option '--bogus'\n"));
        assertThat(exit(parse("8.3", "/dev/drbd0", "syncer", "--resync-rate=1100M"))
                        .stderr())
                .isEqualTo("syncer: unrecognized option '--resync-rate=1100M'\n");
        assertThat(exit(parse("8.3", "/dev/drbd0", "syncer", "-r")))
                .isEqualTo(Outcome.fail(20, "syncer: option requires an argument -- 'r'\n"));
        assertThat(exit(parse("8.3", "/dev/drbd0", "syncer", "-r", "5G")))
                .isEqualTo(Outcome.fail(20, "rate 5G => 5242880k out of range [1..4194304]k\n"));
        assertThat(exit(parse("8.3", "/dev/drbd0", "syncer", "-r", "fast")))
                .isEqualTo(Outcome.fail(20, "fast is not a valid number\n"));
        assertThat(exit(parse("8.3", "/dev/drbd0", "syncer", "-r", "1100M", "extra")))
                .isEqualTo(new Outcome(20, "\n", "Excess arguments: extra"));
        Outcome invalid = exit(parse("8.3", "/dev/drbd0", "disk-options", "--resync-rate=1100M"));
        assertThat(invalid.exitCode()).isEqualTo(20);
        assertThat(invalid.stdout()).endsWith("\n\ninvalid command\n");
        assertThat(exit(parse("8.3", "pc0", "role")).stderr())
                .isEqualTo("Cannot determine minor device number of drbd device 'pc0'");
    }

    @Test
    void eightFourUsageErrors() {
        Outcome unknownOption = exit(parse("8.4", "disk-options", "0", "--rate=1100M"));
        assertThat(unknownOption.exitCode()).isEqualTo(20);
        assertThat(unknownOption.stderr()).isEqualTo("disk-options: unrecognized option '--rate=1100M'\n");
        assertThat(unknownOption.stdout()).isEqualTo(SetupTables.usage84("drbdsetup", null));
        Outcome missing = exit(parse("8.4", "role"));
        assertThat(missing).isEqualTo(new Outcome(20, "USAGE:\n drbdsetup role {minor}\n", "Missing first argument\n"));
        assertThat(exit(parse("8.4", "role", "pc0")))
                .isEqualTo(Outcome.fail(20, "Cannot determine minor device number of device 'pc0'\n"));
        Outcome syncer = exit(parse("8.4", "0", "syncer", "-r", "1100M"));
        assertThat(syncer.exitCode()).isEqualTo(20);
        assertThat(syncer.stdout()).endsWith("\n\ninvalid command\n");
        assertThatThrownBy(() -> parse("8.4", "new-minor", "pc0", "0", "0"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> parse("9", "role", "0")).isInstanceOf(IllegalArgumentException.class);
    }

    /** The usage texts against the real helpers, where no module is needed to print them. */
    @Test
    void usageTextsMatchTheRealHelpers() {
        String s84 = DrbdUtils.helper("drbdsetup-84").toString();
        String s83 = DrbdUtils.helper("drbdsetup-83").toString();
        CommandResult bogus84 = DrbdUtils.run(List.of(s84, "bogus", "0"));
        assertThat(exit(DrbdsetupArgv.parse("8.4", List.of(s84, "bogus", "0"))))
                .isEqualTo(new Outcome(bogus84.exitCode(), bogus84.stdoutText(), bogus84.stderrText()));
        CommandResult none84 = DrbdUtils.run(List.of(s84));
        assertThat(exit(DrbdsetupArgv.parse("8.4", List.of(s84))))
                .isEqualTo(new Outcome(none84.exitCode(), none84.stdoutText(), none84.stderrText()));
        CommandResult few83 = DrbdUtils.run(List.of(s83, "/dev/drbd0"));
        assertThat(exit(DrbdsetupArgv.parse("8.3", List.of(s83, "/dev/drbd0"))))
                .isEqualTo(new Outcome(few83.exitCode(), few83.stdoutText(), few83.stderrText()));
        CommandResult help83 = DrbdUtils.run(List.of(s83, "help", "bogus"));
        assertThat(help83.stdoutText()).isEqualTo(SetupTables.usage83("drbdsetup-83", "unknown command"));
        CommandResult help84 = DrbdUtils.run(List.of(s84, "help", "bogus"));
        assertThat(help84.stdoutText()).isEqualTo(SetupTables.usage84("drbdsetup-84", "unknown command"));
        for (String command : List.of("role", "cstate", "dstate", "primary", "secondary", "disk-options")) {
            CommandResult help = DrbdUtils.run(List.of(s84, "help", command));
            assertThat(SetupTables.commandUsage84("drbdsetup-84", command))
                    .as(command)
                    .isEqualTo(help.stdoutText());
        }
    }
}
