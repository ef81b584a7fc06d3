package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes, stderr and help of the {@code drbd4j} command line. */
class Drbd4jCommandTest {
    private static void assertFailsWithOneLine(CliResult result) {
        assertThat(result.exitCode()).isEqualTo(Drbd4jCommand.EXIT_FAILURE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).endsWith("\n").containsOnlyOnce("\n");
    }

    @Test
    void missingFileExitsWithTwoAndSaysWhy() {
        CliResult result = CliResult.run("status", "--file", "/nonexistent/proc-drbd");

        assertFailsWithOneLine(result);
        assertThat(result.err())
                .isEqualTo("drbd4j status: cannot read /nonexistent/proc-drbd: No such file or directory\n");
    }

    @Test
    void missingFileFailsAlsoForJson() {
        CliResult result = CliResult.run("status", "--json", "--file", "/nonexistent/proc-drbd");

        assertFailsWithOneLine(result);
        assertThat(result.err()).startsWith("drbd4j status: cannot read /nonexistent/proc-drbd: ");
    }

    @Test
    void directoryExitsWithTwo(@TempDir Path dir) {
        CliResult result = CliResult.run("status", "--file", dir.toString());

        assertFailsWithOneLine(result);
        assertThat(result.err()).startsWith("drbd4j status: cannot read " + dir + ": ");
    }

    @Test
    void defaultFileIsProcDrbdAndItsAbsenceSaysThatDrbdIsNotLoaded() {
        assumeFalse(Files.exists(Path.of("/proc/drbd")), "DRBD is loaded on this machine");

        CliResult result = CliResult.run("status");

        assertFailsWithOneLine(result);
        assertThat(result.err())
                .isEqualTo("drbd4j status: DRBD is not loaded on this host: there is no /proc/drbd (load the drbd"
                        + " module: modprobe drbd)\n");
    }

    @Test
    void strictParseErrorExitsWithTwoAndNamesLineAndColumn() {
        CliResult result = CliResult.run(
                "status",
                "--strict",
                "--file",
                Fixtures.file("030-chef-docs-drbd841-syncsource-typography-mangled")
                        .toString());

        assertFailsWithOneLine(result);
        assertThat(result.err()).matches("drbd4j status: line \\d+, column \\d+: .+\n");
    }

    @Test
    void lenientReadWithProblemsExitsWithZero() {
        CliResult result = CliResult.run(
                "status",
                "--file",
                Fixtures.file("003-ganeti-drbd80-missing-version-line").toString());

        assertThat(result.exitCode()).isEqualTo(Drbd4jCommand.EXIT_OK);
        assertThat(result.err()).isEmpty();
    }

    @Test
    void unknownOptionExitsWithTwo() {
        CliResult result = CliResult.run("status", "--bogus");

        assertFailsWithOneLine(result);
        assertThat(result.err()).startsWith("drbd4j status: Unknown option: '--bogus'");
    }

    @Test
    void fileOptionWithoutValueExitsWithTwo() {
        CliResult result = CliResult.run("status", "--file");

        assertFailsWithOneLine(result);
        assertThat(result.err()).startsWith("drbd4j status: ").contains("--file");
    }

    @Test
    void unknownSubcommandExitsWithTwo() {
        CliResult result = CliResult.run("bogus");

        assertFailsWithOneLine(result);
        assertThat(result.err()).startsWith("drbd4j: ").contains("bogus");
    }

    @Test
    void noSubcommandExitsWithTwo() {
        CliResult result = CliResult.run();

        assertFailsWithOneLine(result);
        assertThat(result.err())
                .isEqualTo(
                        "drbd4j: missing subcommand (expected: status, exporter, commands, plan, demo, run, resume, ha-status, check)"
                                + " (see 'drbd4j --help')\n");
    }

    @Test
    void helpListsTheSubcommands() {
        CliResult result = CliResult.run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out())
                .startsWith("Usage: drbd4j")
                .contains("status", "commands", "plan", "demo", "ha-status");
    }

    @Test
    void statusHelpListsTheOptions() {
        CliResult result = CliResult.run("status", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out())
                .startsWith("Usage: drbd4j status")
                .contains("--file=FILE", "/proc/drbd", "--json", "--strict", "Exit codes:");
    }

    @Test
    void versionPrintsTheProjectVersion() {
        CliResult top = CliResult.run("--version");
        CliResult status = CliResult.run("status", "--version");

        assertThat(top.exitCode()).isZero();
        assertThat(top.out()).matches("drbd4j \\d+\\.\\d+\\.\\d+\\S*\n");
        assertThat(status.out()).isEqualTo(top.out());
    }
}
