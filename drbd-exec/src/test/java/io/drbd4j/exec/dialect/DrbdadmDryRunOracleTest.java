package io.drbd4j.exec.dialect;

import static io.drbd4j.exec.dialect.DrbdUtilsOnHost.errors;
import static io.drbd4j.exec.dialect.DrbdUtilsOnHost.printed;
import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden table through the real drbdadm front ends in dry-run mode, as verify-drbd-commands.sh runs them:
 * every argv a dialect builds, with {@code drbdadm} replaced by {@code drbdadm-84 -d -c <conf>} (8.4) or
 * {@code drbdadm-83 -d -c <conf>} (8.3), must exit 0 and print exactly the drbdsetup/drbdmeta calls of spec
 * drbd-commands.md §1a/§1b/§1c. Each row runs twice: through the helper by absolute path and through the
 * drbd-utils 9 wrapper with {@code DRBD_DRIVER_VERSION_OVERRIDE} (what production runs: plain {@code drbdadm}).
 * The traps of §2 are run too, to show what the dialects avoid. Needs drbd-utils &lt; 9.28; no module, no device.
 */
class DrbdadmDryRunOracleTest {
    @TempDir
    static Path dir;

    private static Path conf;
    private static Path fake;

    /** How drbdadm is reached. */
    enum FrontEnd {
        /** {@code /lib/drbd/drbdadm-8x}: prints drbdsetup (and, on 8.3, drbdmeta) with its own directory. */
        HELPER_BY_PATH,
        /** {@code drbdadm} with {@code DRBD_DRIVER_VERSION_OVERRIDE}: dispatches like on a host with that module. */
        WRAPPER
    }

    @BeforeAll
    static void writeTheConfig() {
        conf = DrbdUtilsOnHost.writeConfig(dir);
        fake = DrbdUtilsOnHost.writeFakeDrbdsetups(dir);
    }

    static Stream<Arguments> rows(DrbdDialect dialect) {
        return DialectTable.rows().stream()
                .filter(r -> r.expected(dialect).check() != DialectTable.Check.UNSUPPORTED)
                .filter(r -> r.expected(dialect).check() != DialectTable.Check.DIRECT_DRBDSETUP)
                .flatMap(r -> Stream.of(FrontEnd.values()).map(f -> Arguments.of(r, f)));
    }

    static Stream<Arguments> rows84() {
        return rows(DrbdDialect.drbd84());
    }

    static Stream<Arguments> rows83() {
        return rows(DrbdDialect.drbd83());
    }

    @ParameterizedTest(name = "8.4 {0} via {1}")
    @MethodSource("rows84")
    void everyEightFourArgvMakesDrbdadm84PrintTheMatrixCalls(DialectTable.Row row, FrontEnd frontEnd) {
        checkRow(DrbdDialect.drbd84(), row, frontEnd);
    }

    @ParameterizedTest(name = "8.3 {0} via {1}")
    @MethodSource("rows83")
    void everyEightThreeArgvMakesDrbdadm83PrintTheMatrixCalls(DialectTable.Row row, FrontEnd frontEnd) {
        checkRow(DrbdDialect.drbd83(), row, frontEnd);
    }

    private static void checkRow(DrbdDialect dialect, DialectTable.Row row, FrontEnd frontEnd) {
        DialectTable.Expected expected = row.expected(dialect);
        List<Command> commands = row.commands(dialect);
        assertThat(commands.stream().map(Command::argv).toList()).isEqualTo(expected.argvs());
        for (int i = 0; i < commands.size(); i++) {
            List<String> argv = commands.get(i).argv();
            List<String> options = expected.check() == DialectTable.Check.PRINTS_WITH_RUNNING_RATE
                    ? List.of(
                            "-s", fake.resolve(helperName(dialect, "drbdsetup")).toString())
                    : List.of();
            CommandResult r = dryRun(dialect, frontEnd, options, argv);
            String what = r.command() + "\nstdout:\n" + r.stdoutText() + "stderr:\n" + r.stderrText();

            assertThat(r.exitCode()).as(what).isZero();
            assertThat(errors(r)).as(what).isEmpty();
            if (expected.check() == DialectTable.Check.OUTPUT_CONTAINS) {
                assertThat(r.stdoutText()).as(what).contains(expected.printed().get(i));
            } else {
                assertThat(printed(r.stdoutText()))
                        .as(what)
                        .isEqualTo(expected.printed().get(i));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(FrontEnd.class)
    void eightThreeDrbdadmEatsForceSoPrimaryRunsWithoutIt(FrontEnd frontEnd) {
        // T1: --force is drbdadm-83's own "don't ask" option (user/v83/drbdadm_main.c case 'f').
        DrbdDialect d83 = DrbdDialect.drbd83();
        for (List<String> trap : List.of(
                List.of("drbdadm", "primary", "--force", "pc0"), List.of("drbdadm", "--force", "primary", "pc0"))) {
            CommandResult r = dryRun(d83, frontEnd, List.of(), trap);

            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(printed(r.stdoutText())).containsExactly("drbdsetup-83 0 primary");
        }
        CommandResult dialects = dryRun(
                d83, frontEnd, List.of(), d83.primaryOverwritingPeer("pc0").argv());
        assertThat(printed(dialects.stdoutText())).containsExactly("drbdsetup-83 0 primary --overwrite-data-of-peer");
    }

    @Test
    void eightThreeDrbdadmEatsForceSoCreateMdWouldAskAndWithoutATtyRefuse() {
        // T2: the drbdmeta call loses --force; since drbd-utils 9.20.1 drbdmeta then answers no (spec §3c).
        CommandResult r = dryRun(
                DrbdDialect.drbd83(),
                FrontEnd.HELPER_BY_PATH,
                List.of(),
                DialectTable.adm("create-md", "--force", "pc0"));

        assertThat(r.exitCode()).isZero();
        assertThat(printed(r.stdoutText())).containsExactly("drbdmeta 0 v08 /dev/loop7 internal create-md");
    }

    @Test
    void optionsAfterTheResourceAreTakenAsResourceNamesAndThePlainCommandStillRuns() {
        // T4, both dialects: the command runs on pc0 without the option, then drbdadm exits 1.
        CommandResult r83 = dryRun(
                DrbdDialect.drbd83(),
                FrontEnd.HELPER_BY_PATH,
                List.of(),
                DialectTable.adm("primary", "pc0", "--", "--overwrite-data-of-peer"));
        CommandResult r84 = dryRun(
                DrbdDialect.drbd84(),
                FrontEnd.HELPER_BY_PATH,
                List.of(),
                DialectTable.adm("primary", "pc0", "--", "--force"));

        assertThat(r83.exitCode()).isEqualTo(1);
        assertThat(printed(r83.stdoutText())).containsExactly("drbdsetup-83 0 primary");
        assertThat(r83.stderrText()).contains("'--overwrite-data-of-peer' not defined in your config.");
        assertThat(r84.exitCode()).isEqualTo(1);
        assertThat(printed(r84.stdoutText())).containsExactly("drbdsetup-84 primary 0");
        assertThat(r84.stderrText()).contains("'--force' not defined in your config (for this host).");
    }

    @Test
    void eightFourDrbdadmRejectsTheEightThreeSyncerAndOverwriteForms() {
        DrbdDialect d84 = DrbdDialect.drbd84();
        CommandResult syncer = dryRun(d84, FrontEnd.HELPER_BY_PATH, List.of(), DialectTable.adm("syncer", "pc0"));
        CommandResult overwrite = dryRun(
                d84,
                FrontEnd.HELPER_BY_PATH,
                List.of(),
                DialectTable.adm("primary", "--overwrite-data-of-peer", "pc0"));

        assertThat(syncer.exitCode()).isEqualTo(1);
        assertThat(syncer.stderrText()).contains("Unknown command 'syncer'");
        assertThat(printed(syncer.stdoutText())).isEmpty();
        assertThat(overwrite.exitCode()).isEqualTo(1);
        assertThat(overwrite.stderrText()).contains("unrecognized option '--overwrite-data-of-peer'");
        assertThat(printed(overwrite.stdoutText())).isEmpty();
    }

    @Test
    void eightThreeDrbdadmRejectsEightFourOptionsAfterTheCommand() {
        // Why the 8.3 dialect puts them between "--" and the command: drbdadm-83 exits 20 on them (spec §2).
        DrbdDialect d83 = DrbdDialect.drbd83();
        for (List<String> eightFourForm : List.of(
                DialectTable.adm("connect", "--discard-my-data", "pc0"),
                DialectTable.adm("new-current-uuid", "--clear-bitmap", "pc0"),
                DialectTable.adm("disk-options", "--resync-rate=1100M", "pc0"))) {
            CommandResult r = dryRun(d83, FrontEnd.HELPER_BY_PATH, List.of(), eightFourForm);

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(20);
            assertThat(r.stderrText()).contains("unrecognized option '" + eightFourForm.get(2) + "'");
            assertThat(printed(r.stdoutText())).isEmpty();
        }
    }

    @Test
    void eightThreeDrbdadmHasNoDiskOptionsOrNetOptionsCommandForTheOtherRateMethods() {
        DrbdDialect d83 = DrbdDialect.drbd83();
        CommandResult diskOptions = dryRun(
                d83,
                FrontEnd.HELPER_BY_PATH,
                List.of(),
                DialectTable.adm("--", "--c-plan-ahead=0", "--rate=1100M", "disk-options", "pc0"));
        CommandResult netOptions = dryRun(
                d83,
                FrontEnd.HELPER_BY_PATH,
                List.of(),
                DialectTable.adm("--", "--max-buffers=56320", "net-options", "pc0"));

        assertThat(diskOptions.exitCode()).isEqualTo(1);
        assertThat(diskOptions.stdoutText()).doesNotContain("drbdsetup-83");
        assertThat(netOptions.exitCode()).isEqualTo(1);
        assertThat(netOptions.stdoutText()).doesNotContain("drbdsetup-83");
    }

    @Test
    void eightFourDrbdadmPassesOptionsAfterTheDoubleDashUnchecked() {
        // T5: "-- --rate=1100M disk-options" is printed as is and only the real drbdsetup-84 would reject it; the
        // 8.4 dialect therefore never uses "--".
        CommandResult r = dryRun(
                DrbdDialect.drbd84(),
                FrontEnd.HELPER_BY_PATH,
                List.of(),
                DialectTable.adm("--", "--rate=1100M", "disk-options", "pc0"));

        assertThat(r.exitCode()).isZero();
        assertThat(printed(r.stdoutText())).containsExactly("drbdsetup-84 disk-options 0 --rate=1100M");
    }

    @Test
    void theHelperByPathPrintsItsOwnDirectoryAndTheWrapperPlainNames() {
        DrbdDialect d84 = DrbdDialect.drbd84();
        String libDir = DrbdUtilsOnHost.libDir().toString();

        CommandResult byPath = dryRun(
                d84, FrontEnd.HELPER_BY_PATH, List.of(), d84.primary("pc0").argv());
        CommandResult wrapper =
                dryRun(d84, FrontEnd.WRAPPER, List.of(), d84.primary("pc0").argv());

        assertThat(byPath.stdoutText().strip()).isEqualTo(libDir + "/drbdsetup-84 primary 0");
        assertThat(wrapper.stdoutText().strip()).isEqualTo("drbdsetup-84 primary 0");
    }

    @Test
    void eightThreeHelperByPathLooksForDrbdmetaNextToItselfAndTheWrapperUsesPath() {
        // T8: the dry run prints <libdir>/drbdmeta, which Debian does not ship; through the wrapper: plain drbdmeta.
        DrbdDialect d83 = DrbdDialect.drbd83();
        Path besideHelper = DrbdUtilsOnHost.libDir().resolve("drbdmeta");

        CommandResult byPath = dryRun(
                d83,
                FrontEnd.HELPER_BY_PATH,
                List.of(),
                d83.createMd("pc0", true).argv());
        CommandResult wrapper = dryRun(
                d83, FrontEnd.WRAPPER, List.of(), d83.createMd("pc0", true).argv());

        assertThat(byPath.stdoutText().strip())
                .isEqualTo(besideHelper + " 0 v08 /dev/loop7 internal create-md --force");
        assertThat(wrapper.stdoutText().strip()).isEqualTo("drbdmeta 0 v08 /dev/loop7 internal create-md --force");
    }

    @Test
    void eightThreeHelperByPathCannotExecDrbdmetaForARealRun() {
        // T8 for real, with the read-only dump-md: the exec of <libdir>/drbdmeta fails before any disk is opened.
        Path besideHelper = DrbdUtilsOnHost.libDir().resolve("drbdmeta");
        // Not a broken setup when it exists (another packaging): then there is no trap to show.
        Assumptions.assumeFalse(Files.exists(besideHelper), besideHelper + " exists: drbdadm-83 by path can run it");
        Path helper = DrbdUtilsOnHost.helper("drbdadm-83");

        CommandResult r = DrbdUtilsOnHost.run(List.of(helper.toString(), "-c", conf.toString(), "dump-md", "pc0"));

        assertThat(r.exitCode()).isEqualTo(20);
        assertThat(r.stderrText())
                .contains("Can not exec")
                .contains("Command '" + besideHelper
                        + " 0 v08 /dev/loop7 internal dump-md' terminated with exit code 20");
    }

    @Test
    void adjustWithoutAKernelDegradesToTheUpSequence() {
        // §1c: drbdsetup show fails without a module, so adjust applies everything.
        CommandResult r84 = dryRun(
                DrbdDialect.drbd84(),
                FrontEnd.HELPER_BY_PATH,
                List.of(),
                DrbdDialect.drbd84().resetResyncRate("pc0").argv());
        CommandResult r83 = dryRun(
                DrbdDialect.drbd83(),
                FrontEnd.HELPER_BY_PATH,
                List.of(),
                DrbdDialect.drbd83().resetResyncRate("pc0").argv());

        assertThat(r84.exitCode()).isZero();
        assertThat(printed(r84.stdoutText()))
                .isEqualTo(DialectTable.rows().stream()
                        .filter(r -> r.method().equals("up"))
                        .findFirst()
                        .orElseThrow()
                        .on84()
                        .printed()
                        .get(0));
        assertThat(r83.exitCode()).isZero();
        assertThat(printed(r83.stdoutText()))
                .containsExactly(
                        "drbdsetup-83 0 disk /dev/loop7 /dev/loop7 internal --set-defaults --create-device",
                        "drbdsetup-83 0 net ipv4:127.0.0.1:7788 ipv4:127.0.0.2:7788 C --set-defaults --create-device");
    }

    @Test
    void eightThreeGuideRateIsTheSyncerRateOfTheResourcesDevice() {
        // No dry run exists for a direct drbdsetup call (spec §1e): the drbdadm form of the same change names the
        // same device (minor 0 = /dev/drbd0), command (syncer) and option (--rate, whose short form is -r).
        DrbdDialect d83 = DrbdDialect.drbd83();
        List<String> direct = d83.temporaryResyncRate("pc0", 0, "1100M", RateMethod.GUIDE)
                .commands()
                .get(0)
                .argv();

        CommandResult viaDrbdadm = dryRun(
                d83, FrontEnd.HELPER_BY_PATH, List.of(), DialectTable.adm("--", "--rate=1100M", "syncer", "pc0"));
        CommandResult shDev = dryRun(d83, FrontEnd.HELPER_BY_PATH, List.of(), DialectTable.adm("sh-dev", "pc0"));
        CommandResult help = DrbdUtilsOnHost.run(
                List.of(DrbdUtilsOnHost.helper("drbdsetup-83").toString(), "help", "syncer"));

        assertThat(printed(viaDrbdadm.stdoutText()))
                .containsExactly("drbdsetup-83 0 syncer --set-defaults --create-device --rate=1100M");
        assertThat(shDev.stdoutText().strip()).isEqualTo(direct.get(1));
        assertThat(direct.subList(2, 4)).containsExactly("syncer", "-r");
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdoutText()).contains("syncer [{--rate|-r} 1 ... 4194304]");
        assertThat(DialectTable.RATE_KIBPS).isBetween(1L, 4_194_304L);
    }

    @Test
    void eightFourRateOptionsAreWithinDrbdsetupsRanges() {
        // drbdadm -d does not check values, only names: the ranges come from drbdsetup-84's option tables.
        String netOptions = help84("net-options");
        String diskOptions = help84("disk-options");

        assertThat(netOptions).contains("[--max-buffers=(32 ... 131072)]");
        assertThat(diskOptions).contains("[--resync-rate=(1 ... 4194304)]").contains("[--c-plan-ahead=(0 ... 300)]");
        assertThat(DialectTable.MAX_BUFFERS_FOR_RATE).isBetween(32, 131_072);
        assertThat(DialectTable.RATE_KIBPS).isBetween(1L, 4_194_304L);
    }

    private static String help84(String command) {
        CommandResult r = DrbdUtilsOnHost.run(
                List.of(DrbdUtilsOnHost.helper("drbdsetup-84").toString(), "help", command));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r.stdoutText();
    }

    private static String helperName(DrbdDialect dialect, String tool) {
        return tool + (dialect.name().equals("8.3") ? "-83" : "-84");
    }

    /**
     * @param dialect which front end
     * @param frontEnd helper by path or the wrapper
     * @param options drbdadm options to put before the argv's words (such as {@code -s FAKE})
     * @param argv a dialect's argv, starting with {@code drbdadm}
     * @return the dry run's result
     */
    private static CommandResult dryRun(
            DrbdDialect dialect, FrontEnd frontEnd, List<String> options, List<String> argv) {
        assertThat(argv.get(0)).isEqualTo("drbdadm");
        List<String> line = new ArrayList<>();
        Map<String, String> env;
        if (frontEnd == FrontEnd.HELPER_BY_PATH) {
            line.add(DrbdUtilsOnHost.helper(helperName(dialect, "drbdadm")).toString());
            env = Map.of();
        } else {
            DrbdUtilsOnHost.helper(helperName(dialect, "drbdadm")); // the wrapper execs it: skip when it is missing
            line.add(dispatchingWrapper().toString());
            env = Map.of("DRBD_DRIVER_VERSION_OVERRIDE", dialect.name().equals("8.3") ? "8.3.16" : "8.4.11");
        }
        line.addAll(List.of("-d", "-c", conf.toString()));
        line.addAll(options);
        line.addAll(argv.subList(1, argv.size()));
        return DrbdUtilsOnHost.run(env, line);
    }

    private static Path dispatchingWrapper() {
        Path wrapper = DrbdUtilsOnHost.wrapper();
        CommandResult r = DrbdUtilsOnHost.run(
                Map.of("DRBD_DRIVER_VERSION_OVERRIDE", "9.1.0"), List.of(wrapper.toString(), "--version"));
        if (!r.stdoutText().contains("DRBDADM_API_VERSION=2")) {
            DrbdUtilsOnHost.skipOrFail(wrapper + " is not the drbd-utils 9 dispatcher (api:2): " + r.stdoutText());
        }
        return wrapper;
    }
}
