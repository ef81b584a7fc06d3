package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.core.time.Sleeper;
import io.drbd4j.exec.testing.ScriptedCommandRunner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code status} table's width, its {@code --wide} form, the resource names and mount points the host gives, and
 * its colours (only on a terminal, never with {@code NO_COLOR}).
 */
class StatusTableLayoutTest {
    private static final Path SAMPLE = Path.of("samples", "proc-drbd-8.4-syncing.txt");
    private static final String ESC = "\u001b";
    private static final String CHEF_MOUNT = "/var/opt/opscode/drbd/data";

    /** Runs {@code drbd4j} with the given terminal, environment and commands on "this host". */
    private static CliResult run(
            boolean terminal, Map<String, String> environment, ScriptedCommandRunner host, String... args) {
        Drbd4jCommand command = new Drbd4jCommand(terminal, Sleeper.system()).environment(environment);
        if (host != null) {
            command.localRunner(host);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Drbd4jCommand.run(command, new PrintWriter(out), new PrintWriter(err), args);
        return new CliResult(exit, out.toString(), err.toString());
    }

    /** A host with pc0 on minor 0, mounted where Chef mounts it, and r1 on minors 1 and 3, volume 1 mounted. */
    private static ScriptedCommandRunner chefHost() {
        ScriptedCommandRunner host = new ScriptedCommandRunner();
        host.expect("drbdadm", "sh-resources").thenReturn(0, "pc0 r1\n", "");
        host.expect("drbdadm", "sh-minor", "pc0").thenReturn(0, "0\n", "");
        host.expect("drbdadm", "sh-minor", "r1").thenReturn(0, "1\n3\n", "");
        host.expect("cat", "/proc/mounts")
                .thenReturn(
                        0,
                        "proc /proc proc rw 0 0\n/dev/drbd0 " + CHEF_MOUNT + " ext4 rw,relatime 0 0\n"
                                + "/dev/drbd/by-res/r1/1 /srv/with\\040space ext4 rw 0 0\n",
                        "");
        return host;
    }

    private static List<String> samples() {
        List<String> files = new ArrayList<>(List.of(SAMPLE.toString()));
        Fixtures.names().forEach(name -> files.add(Fixtures.file(name).toString()));
        return files;
    }

    private static List<String> lines(String text) {
        return List.of(text.split("\n"));
    }

    @Test
    void everyLineFitsAHundredColumnsOnEveryBundledSample() {
        for (String file : samples()) {
            CliResult result = run(false, Map.of(), null, "status", "--file", file);

            assertThat(result.exitCode()).as(file + ": " + result.err()).isZero();
            assertThat(lines(result.out())).as(file).allSatisfy(line -> assertThat(
                            line.codePointCount(0, line.length()))
                    .as(line)
                    .isLessThanOrEqualTo(StatusTable.WIDTH));
        }
    }

    @Test
    void everyLineFitsAHundredColumnsWithResourceNamesMountsAndColour() {
        for (String file : samples()) {
            CliResult result = run(true, Map.of(), chefHost(), "status", "--file", file, "--names-from-this-host");

            assertThat(result.exitCode()).as(file + ": " + result.err()).isZero();
            assertThat(lines(result.out().replaceAll(ESC + "\\[[0-9;]*m", "")))
                    .as(file)
                    .allSatisfy(line -> assertThat(line.codePointCount(0, line.length()))
                            .as(line)
                            .isLessThanOrEqualTo(StatusTable.WIDTH));
        }
    }

    @Test
    void wideKeepsEveryColumnOnOneLinePerDevice() {
        CliResult result = run(false, Map.of(), null, "status", "--file", SAMPLE.toString(), "--wide");

        List<String> lines = lines(result.out());
        assertThat(lines.get(1).split(" {2,}"))
                .containsExactly("MINOR", "STATE", "ROLE", "DISK", "PROTO", "FLAGS", "OOS(KiB)", "SYNC", "DATA SAFETY");
        assertThat(lines.get(3))
                .startsWith("1 ")
                .endsWith("43.1% left 1200000 KiB, ETA 0:00:34, 35,152 KiB/s, want 40,960 KiB/s"
                        + "  only the peer is UpToDate, resync 43.1%");
        assertThat(lines.get(3).length()).isGreaterThan(StatusTable.WIDTH);
    }

    @Test
    void wideWithJsonIsAUsageError() {
        CliResult result = run(false, Map.of(), null, "status", "--file", SAMPLE.toString(), "--wide", "--json");

        assertThat(result.exitCode()).isEqualTo(Drbd4jCommand.EXIT_FAILURE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err())
                .isEqualTo("drbd4j status: --wide shapes the table and cannot be combined with --json (see 'drbd4j"
                        + " status --help')\n");
    }

    @Test
    void showsTheResourceAndMountPointThisHostGivesEachMinor() {
        ScriptedCommandRunner host = chefHost();

        CliResult result =
                run(false, Map.of(), host, "status", "--file", SAMPLE.toString(), "--names-from-this-host", "--wide");

        host.verifyAllRan();
        List<String> lines = lines(result.out());
        assertThat(lines.get(1).split(" {2,}"))
                .containsExactly(
                        "MINOR",
                        "RESOURCE",
                        "STATE",
                        "ROLE",
                        "DISK",
                        "PROTO",
                        "FLAGS",
                        "OOS(KiB)",
                        "SYNC",
                        "MOUNT",
                        "DATA SAFETY");
        assertThat(lines.get(2).split(" {2,}"))
                .startsWith("0", "pc0", "Connected")
                .contains(CHEF_MOUNT);
        assertThat(lines.get(4).split(" {2,}"))
                .startsWith("3", "r1", "WFConnection")
                .contains("/srv/with space");
        assertThat(lines.get(3).split(" {2,}"))
                .startsWith("1", "r1", "SyncTarget")
                .doesNotContain(CHEF_MOUNT);
    }

    @Test
    void namesAreLookedUpOnlyForThisHostsOwnProcDrbd() {
        ScriptedCommandRunner host = new ScriptedCommandRunner(); // any command would fail the run

        CliResult result = run(false, Map.of(), host, "status", "--file", SAMPLE.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(lines(result.out()).get(2)).startsWith("MINOR  STATE ");
    }

    @Test
    void aHostThatCannotNameItsDevicesStillGetsItsStatus() {
        ScriptedCommandRunner host = new ScriptedCommandRunner();
        host.expect("drbdadm", "sh-resources")
                .thenReturn(10, "", "no resources defined!\n")
                .expect("cat", "/proc/mounts")
                .thenTimeOut("");

        CliResult result = run(false, Map.of(), host, "status", "--file", SAMPLE.toString(), "--names-from-this-host");

        host.verifyAllRan();
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out())
                .isEqualTo(run(false, Map.of(), null, "status", "--file", SAMPLE.toString())
                        .out());
    }

    @Test
    void colourOnATerminalPaintsTheVerdictsAndNothingElseChanges() {
        CliResult plain = run(false, Map.of(), null, "status", "--file", SAMPLE.toString());
        CliResult coloured = run(true, Map.of("TERM", "xterm"), null, "status", "--file", SAMPLE.toString());

        assertThat(coloured.out())
                .contains(ESC + "[32msafe: either node" + ESC + "[0m")
                .contains(ESC + "[33monly the peer is" + ESC + "[0m");
        assertThat(coloured.out().replaceAll(ESC + "\\[[0-9;]*m", "")).isEqualTo(plain.out());
    }

    @Test
    void splitBrainIsBoldRed() {
        String file = Fixtures.file("022-hoangdh-drbd840-splitbrain-standalone-primary")
                .toString();

        CliResult coloured = run(true, Map.of(), null, "status", "--file", file);

        assertThat(coloured.out()).contains(ESC + "[1;31msplit brain" + ESC + "[0m");
    }

    @Test
    void noColorSetToAnythingTurnsColourOff() {
        for (String value : List.of("1", "true", "0")) {
            CliResult result = run(true, Map.of("NO_COLOR", value), null, "status", "--file", SAMPLE.toString());

            assertThat(result.out()).as("NO_COLOR=" + value).doesNotContain(ESC);
        }
    }

    @Test
    void anEmptyNoColorLeavesColourOn() {
        CliResult result = run(true, Map.of("NO_COLOR", ""), null, "status", "--file", SAMPLE.toString());

        assertThat(result.out()).contains(ESC + "[32m");
    }

    @Test
    void noColourWhenStdoutIsNotATerminalOrTheTerminalIsDumb() {
        CliResult pipe = run(false, Map.of("TERM", "xterm-256color"), null, "status", "--file", SAMPLE.toString());
        CliResult dumb = run(true, Map.of("TERM", "dumb"), null, "status", "--file", SAMPLE.toString(), "--wide");

        assertThat(pipe.out()).contains("safe: either node").doesNotContain(ESC);
        assertThat(dumb.out()).contains("safe: either node can be lost").doesNotContain(ESC);
    }
}
