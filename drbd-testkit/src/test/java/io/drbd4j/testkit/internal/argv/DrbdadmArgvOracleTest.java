package io.drbd4j.testkit.internal.argv;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.exec.runner.CommandResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@link ArgvTable} row through the real drbdadm-83/-84 in dry-run mode ({@code drbdadm-8x -d -c <conf>
 * ...}) and through {@link DrbdadmArgv} with the same argv: usage errors must agree on exit code, stdout and
 * stderr; calls must exit as the real run did (0, or 1 after a trailing unknown name, with the same stderr), and
 * the options the real drbdadm printed on its drbdsetup/drbdmeta lines must be exactly the call's backend options
 * (apart from the ones drbdadm adds from the config: {@code --set-defaults}, {@code --create-device},
 * {@code --protocol=C}).
 */
class DrbdadmArgvOracleTest {
    /** What drbdadm adds to the drbdsetup lines itself (spec drbd-commands.md §1a). */
    private static final Set<String> ADDED_BY_DRBDADM = Set.of("--set-defaults", "--create-device", "--protocol=C");

    /** The drbdsetup/drbdmeta word a command shows in the dry run, where it differs from the command. */
    private static final Map<String, String> PRINTED_83 =
            Map.of("connect", "net", "attach", "disk", "up", "disk", "adjust", "disk");

    private static final Map<String, String> PRINTED_84 = Map.of("up", "new-resource", "adjust", "new-resource");

    @TempDir
    static Path dir;

    private static Path conf;

    @BeforeAll
    static void writeTheConfig() {
        conf = DrbdUtils.writeConfig(dir);
    }

    static List<ArgvTable.Row> rows() {
        return ArgvTable.rows();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void theParserAgreesWithTheRealDrbdadm(ArgvTable.Row row) {
        Path helper = DrbdUtils.helper(row.dialect().equals("8.3") ? "drbdadm-83" : "drbdadm-84");
        List<String> argv = new ArrayList<>(List.of(helper.toString(), "-d", "-c", conf.toString()));
        argv.addAll(row.args());
        CommandResult real = DrbdUtils.run(argv);
        ResourceConfig config = ResourceConfig.of("pc0", 0, "/dev/loop7", DrbdUtils.nodeName());
        Parsed parsed = DrbdadmArgv.parse(row.dialect(), argv, config);
        String shown = row + "\nreal: " + real;
        if (parsed instanceof Parsed.Exit exit) {
            assertThat(real.exitCode()).as(shown).isEqualTo(exit.outcome().exitCode());
            assertThat(real.stderrText()).as(shown).isEqualTo(exit.outcome().stderr());
            assertThat(real.stdoutText()).as(shown).isEqualTo(exit.outcome().stdout());
            return;
        }
        Call call = (Call) parsed;
        String expectedStderr =
                call.warnings() + call.trailingError().map(o -> o.stderr()).orElse("");
        assertThat(real.exitCode())
                .as(shown)
                .isEqualTo(call.trailingError().map(o -> o.exitCode()).orElse(0));
        assertThat(real.stderrText()).as(shown).isEqualTo(expectedStderr);
        if (call.command().equals("dump")) {
            assertThat(real.stdoutText()).as(shown).contains("resource pc0 {");
            return;
        }
        List<List<String>> lines = backendLines(real.stdoutText());
        assertThat(lines).as(shown).isNotEmpty();
        Set<String> printed = new LinkedHashSet<>();
        lines.forEach(words -> words.stream()
                .filter(w -> w.startsWith("--") && !ADDED_BY_DRBDADM.contains(w))
                .forEach(printed::add));
        assertThat(printed).as(shown).isEqualTo(new LinkedHashSet<>(call.backendOptions()));
        String word =
                (row.dialect().equals("8.3") ? PRINTED_83 : PRINTED_84).getOrDefault(call.command(), call.command());
        assertThat(lines).as(shown).anyMatch(words -> words.contains(word));
    }

    /** The dry run's drbdsetup and drbdmeta lines, split into words. */
    static List<List<String>> backendLines(String stdout) {
        List<List<String>> lines = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            String[] words = line.strip().split(" +");
            String first = words[0].substring(words[0].lastIndexOf('/') + 1);
            if (first.startsWith("drbdsetup") || first.equals("drbdmeta")) {
                lines.add(List.of(words));
            }
        }
        return lines;
    }
}
