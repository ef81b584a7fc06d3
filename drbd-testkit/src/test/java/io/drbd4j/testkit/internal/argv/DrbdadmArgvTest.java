package io.drbd4j.testkit.internal.argv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drbd4j.testkit.internal.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The parser against the expectations of {@link ArgvTable}, and the details a table row cannot say. */
class DrbdadmArgvTest {
    static final ResourceConfig CONFIG = ResourceConfig.of("pc0", 0, "/dev/loop7", "alpha");

    static List<ArgvTable.Row> rows() {
        return ArgvTable.rows();
    }

    static Parsed parse(String dialect, String... args) {
        List<String> argv = new ArrayList<>();
        argv.add("drbdadm");
        argv.addAll(List.of(args));
        return DrbdadmArgv.parse(dialect, argv, CONFIG);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void everyRowParsesAsExpected(ArgvTable.Row row) {
        List<String> argv = new ArrayList<>();
        argv.add("drbdadm");
        argv.addAll(row.args());
        Parsed parsed = DrbdadmArgv.parse(row.dialect(), argv, CONFIG);
        ArgvTable.Expect expect = row.expect();
        if (expect.command() != null) {
            assertThat(parsed).isInstanceOf(Call.class);
            Call call = (Call) parsed;
            assertThat(call.command()).isEqualTo(expect.command());
            assertThat(call.backendOptions()).isEqualTo(expect.options());
            assertThat(call.targets()).isNotEmpty().allMatch(t -> t.resource().equals(CONFIG));
            if (expect.exitCode() == 0) {
                assertThat(call.trailingError()).isEmpty();
            } else {
                assertThat(call.trailingError()).contains(new Outcome(expect.exitCode(), "", expect.stderr()));
            }
        } else {
            assertThat(parsed).isInstanceOf(Parsed.Exit.class);
            Outcome outcome = ((Parsed.Exit) parsed).outcome();
            assertThat(outcome.exitCode()).isEqualTo(expect.exitCode());
            if (expect.stderr() != null) {
                assertThat(outcome.stderr()).isEqualTo(expect.stderr());
            }
        }
    }

    @Test
    void eightThreeEatsItsOwnForceWhereverItStands() {
        for (String[] args : List.of(
                new String[] {"primary", "--force", "pc0"},
                new String[] {"--force", "primary", "pc0"},
                new String[] {"create-md", "--force", "pc0"})) {
            Call call = (Call) parse("8.3", args);
            assertThat(call.hasBackendOption("--force"))
                    .as(String.join(" ", args))
                    .isFalse();
            assertThat(call.trailingError()).isEmpty();
        }
        assertThat(((Call) parse("8.3", "--", "--force", "create-md", "pc0")).hasBackendOption("--force"))
                .isTrue();
        assertThat(((Call) parse("8.4", "create-md", "--force", "pc0")).hasBackendOption("--force"))
                .isTrue();
    }

    @Test
    void optionsAfterTheResourceRunTheCommandThenFailWithExit1() {
        Call call = (Call) parse("8.3", "primary", "pc0", "--", "--overwrite-data-of-peer");
        assertThat(call.backendOptions()).isEmpty();
        assertThat(call.targets()).hasSize(1);
        assertThat(call.trailingError())
                .contains(Outcome.fail(1, "'--overwrite-data-of-peer' not defined in your config.\n"));
    }

    @Test
    void volumesAreRecordedOnEightFour() {
        Call call = (Call) parse("8.4", "new-current-uuid", "--clear-bitmap", "pc0/0");
        assertThat(call.targets()).containsExactly(new Call.Target(CONFIG, OptionalInt.of(0)));
        assertThat(call.backendOptionValue("--clear-bitmap")).isEmpty();
        assertThat(call.hasBackendOption("--clear-bitmap")).isTrue();
        Call rate = (Call) parse("8.4", "disk-options", "--c-plan-ahead=0", "--resync-rate=1100M", "pc0");
        assertThat(rate.backendOptionValue("--resync-rate")).contains("1100M");
        assertThat(rate.backendOptionValue("--c-plan-ahead")).contains("0");
    }

    @Test
    void stateIsRoleWithADeprecationWarning() {
        Call call = (Call) parse("8.4", "state", "pc0");
        assertThat(call.warnings()).isEqualTo("'drbdadm state' is deprecated, use 'drbdadm role' instead.\n");
        Parsed unknown = parse("8.3", "state", "nosuch");
        assertThat(((Parsed.Exit) unknown).outcome().stderr())
                .isEqualTo("'drbdadm state' is deprecated, use 'drbdadm role' instead.\n"
                        + "'nosuch' not defined in your config.\n");
    }

    @Test
    void versionFillsTheKernelVersionCodeFromTheModule() {
        Outcome v84 =
                ((Parsed.Exit) DrbdadmArgv.parse("8.4", List.of("drbdadm", "--version"), CONFIG, "8.4.11")).outcome();
        assertThat(v84.stdout())
                .isEqualTo("DRBDADM_BUILDTAG=GIT-hash:\\ 409097fe02187f83790b88ac3e0d94f3c167adab\\ reproducible"
                        + "\\ build\\,\\ 2023-01-09\\ 14:51:18\n"
                        + "DRBDADM_API_VERSION=1\n"
                        + "DRBD_KERNEL_VERSION_CODE=0x08040b\n"
                        + "DRBDADM_VERSION_CODE=0x091600\n"
                        + "DRBDADM_VERSION=9.22.0\n");
        assertThat(v84.exitCode()).isZero();
        assertThat(v84.stdout()).doesNotContain("DRBD_KERNEL_VERSION=");
        Outcome v83 = ((Parsed.Exit) DrbdadmArgv.parse("8.3", List.of("drbdadm", "-V"), CONFIG, "8.3.16")).outcome();
        assertThat(v83.stdout()).contains("DRBDADM_API_VERSION=88\n", "DRBD_KERNEL_VERSION_CODE=0x080310\n");
        assertThat(DrbdadmArgv.versionCode(null)).isZero();
        assertThatThrownBy(() -> DrbdadmArgv.versionCode("eight")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void usageGoesToStdout() {
        Outcome unknown83 = ((Parsed.Exit) parse("8.3", "bogus", "pc0")).outcome();
        assertThat(unknown83.stdout())
                .startsWith("\nUSAGE: drbdadm [OPTION...] [-- DRBDSETUP-OPTION...] COMMAND {all|RESOURCE...}\n")
                .contains(" {--force|-f}\n", " " + String.format("%-35s", "syncer") + "verify")
                .endsWith("Version: 9.22.0 (api:88)\nGIT-hash: " + AdmTables.GIT_HASH + "\n");
        Outcome noRes84 = ((Parsed.Exit) parse("8.4", "primary")).outcome();
        assertThat(noRes84.stdout())
                .contains("OPTIONS FOR primary:\n  --force[=...]\n\n")
                .endsWith("\nNo resource names specified\n");
        Outcome noRes83 = ((Parsed.Exit) parse("8.3", "primary")).outcome();
        assertThat(noRes83.stdout()).endsWith("\nmissing resourcename arguments\n");
        Outcome none = ((Parsed.Exit) DrbdadmArgv.parse("8.3", List.of("/sbin/drbdadm"), CONFIG)).outcome();
        assertThat(none.stdout()).endsWith("\nmissing arguments\n");
    }

    @Test
    void commandsWithoutResourcesIgnoreNames() {
        Call call = (Call) parse("8.4", "sh-resources", "pc0");
        assertThat(call.targets()).isEmpty();
        assertThat(call.warnings()).isEqualTo("This command will ignore resource names!\n");
        Call dump = (Call) parse("8.4", "dump");
        assertThat(dump.targets()).hasSize(1);
    }

    @Test
    void rejectsWhatIsNoCommandLine() {
        assertThatThrownBy(() -> DrbdadmArgv.parse("9", List.of("drbdadm"), CONFIG))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8.3 or 8.4");
        assertThatThrownBy(() -> DrbdadmArgv.parse("8.4", List.of(), CONFIG))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResourceConfig.of("pc0", -1, "/dev/loop7", "alpha"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
