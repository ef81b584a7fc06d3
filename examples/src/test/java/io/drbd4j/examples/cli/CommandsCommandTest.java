package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.exec.dialect.RateMethod;
import io.drbd4j.exec.dialect.ResyncRatePlan;
import io.drbd4j.exec.runner.Command;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code drbd4j commands}: the argv of every dialect operation as a table and as JSON, and its usage errors. */
class CommandsCommandTest {
    private static void assertUsageError(CliResult result) {
        assertThat(result.exitCode()).isEqualTo(Drbd4jCommand.EXIT_FAILURE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err())
                .startsWith("drbd4j commands: ")
                .endsWith(" (see 'drbd4j commands --help')\n")
                .containsOnlyOnce("\n");
    }

    private static List<String> tableLines(CliResult result) {
        List<String> lines = result.out().lines().collect(Collectors.toList());
        return lines.subList(0, lines.indexOf("Resync rates:"));
    }

    private static JsonNode operation(JsonNode json, String name) {
        for (JsonNode op : json.get("operations")) {
            if (op.get("name").asText().equals(name)) {
                return op;
            }
        }
        throw new AssertionError("no operation " + name + " in " + json);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    // ---------------------------------------------------------------- golden tables

    @Test
    void printsEveryOperationOfThe84Dialect() {
        CliResult result = CliResult.run("commands", "--dialect", "8.4");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(tableLines(result))
                .containsExactly(
                        "DRBD 8.4 userland dialect, resource pc0, minor 0, rate 1100M (nothing is run):",
                        "OPERATION                         COMMAND",
                        "create-md                         drbdadm create-md pc0",
                        "create-md --force                 drbdadm create-md --force pc0",
                        "up                                drbdadm up pc0",
                        "down                              drbdadm down pc0",
                        "attach                            drbdadm attach pc0",
                        "detach                            drbdadm detach pc0",
                        "connect                           drbdadm connect pc0",
                        "connect --discard-my-data         drbdadm connect --discard-my-data pc0",
                        "disconnect                        drbdadm disconnect pc0",
                        "primary                           drbdadm primary pc0",
                        "primary --force                   drbdadm primary --force pc0",
                        "secondary                         drbdadm secondary pc0",
                        "resync-rate                       drbdadm disk-options --resync-rate=1100M pc0",
                        "resync-rate, fixed                drbdadm disk-options --c-plan-ahead=0"
                                + " --resync-rate=1100M pc0",
                        "resync-rate, fixed + max-buffers  drbdadm net-options --max-buffers=56320 pc0"
                                + " && drbdadm disk-options --c-plan-ahead=0 --resync-rate=1100M pc0",
                        "resync-rate reset                 drbdadm adjust pc0",
                        "invalidate                        drbdadm invalidate pc0",
                        "invalidate-remote                 drbdadm invalidate-remote pc0",
                        "outdate                           drbdadm outdate pc0",
                        "pause-sync                        drbdadm pause-sync pc0",
                        "resume-sync                       drbdadm resume-sync pc0",
                        "verify                            drbdadm verify pc0",
                        "new-current-uuid --clear-bitmap   drbdadm new-current-uuid --clear-bitmap pc0/0",
                        "cstate                            drbdadm cstate pc0",
                        "dstate                            drbdadm dstate pc0",
                        "role                              drbdadm role pc0",
                        "get-gi                            drbdadm get-gi pc0",
                        "show                              drbdsetup show pc0",
                        "events                            drbdsetup events all",
                        "dump-md                           drbdadm dump-md pc0",
                        "resize                            drbdadm resize pc0",
                        "wipe-md --force                   drbdadm -- --force wipe-md pc0",
                        "dump                              drbdadm dump pc0",
                        "--version                         drbdadm --version");
        List<String> rates =
                result.out().lines().dropWhile(l -> !l.equals("Resync rates:")).collect(Collectors.toList());
        assertThat(rates).hasSize(4);
        assertThat(rates.get(1)).startsWith("  resync-rate: DRBD's resync controller decides the rate; ");
        assertThat(rates.get(2)).startsWith("  resync-rate, fixed: expect 40960 KiB/s; ");
        assertThat(rates.get(3)).startsWith("  resync-rate, fixed + max-buffers: expect 1126400 KiB/s; ");
    }

    @Test
    void printsEveryOperationOfThe83DialectAndWhichRateMethodsItLacks() {
        CliResult result = CliResult.run("commands", "--dialect", "8.3");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(tableLines(result))
                .containsExactly(
                        "DRBD 8.3 userland dialect, resource pc0, minor 0, rate 1100M (nothing is run):",
                        "OPERATION                         COMMAND",
                        "create-md                         drbdadm create-md pc0",
                        "create-md --force                 drbdadm -- --force create-md pc0",
                        "up                                drbdadm up pc0",
                        "down                              drbdadm down pc0",
                        "attach                            drbdadm attach pc0",
                        "detach                            drbdadm detach pc0",
                        "connect                           drbdadm connect pc0",
                        "connect --discard-my-data         drbdadm -- --discard-my-data connect pc0",
                        "disconnect                        drbdadm disconnect pc0",
                        "primary                           drbdadm primary pc0",
                        "primary --force                   drbdadm -- --overwrite-data-of-peer primary pc0",
                        "secondary                         drbdadm secondary pc0",
                        "resync-rate                       drbdsetup /dev/drbd0 syncer -r 1100M",
                        "resync-rate, fixed                not available in the 8.3 dialect: resync rate method"
                                + " FIXED_RATE cannot be expressed in the DRBD 8.3 userland dialect",
                        "resync-rate, fixed + max-buffers  not available in the 8.3 dialect: resync rate method"
                                + " MAX_BUFFERS cannot be expressed in the DRBD 8.3 userland dialect",
                        "resync-rate reset                 drbdadm adjust pc0",
                        "invalidate                        drbdadm invalidate pc0",
                        "invalidate-remote                 drbdadm invalidate-remote pc0",
                        "outdate                           drbdadm outdate pc0",
                        "pause-sync                        drbdadm pause-sync pc0",
                        "resume-sync                       drbdadm resume-sync pc0",
                        "verify                            drbdadm verify pc0",
                        "new-current-uuid --clear-bitmap   drbdadm -- --clear-bitmap new-current-uuid pc0",
                        "cstate                            drbdadm cstate pc0",
                        "dstate                            drbdadm dstate pc0",
                        "role                              drbdadm role pc0",
                        "get-gi                            drbdadm get-gi pc0",
                        "show                              drbdsetup /dev/drbd0 show",
                        "events                            drbdsetup /dev/drbd0 events --all-devices",
                        "dump-md                           drbdadm dump-md pc0",
                        "resize                            drbdadm resize pc0",
                        "wipe-md --force                   drbdadm -- --force wipe-md pc0",
                        "dump                              drbdadm dump pc0",
                        "--version                         drbdadm --version");
        List<String> rates =
                result.out().lines().dropWhile(l -> !l.equals("Resync rates:")).collect(Collectors.toList());
        assertThat(rates).hasSize(2);
        assertThat(rates.get(1)).startsWith("  resync-rate: expect 1126400 KiB/s; ");
    }

    @Test
    void usesTheGivenResourceMinorAndRate() {
        CliResult result =
                CliResult.run("commands", "--dialect", "8.3", "--resource", "r1", "--minor", "3", "--rate", "250M");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("primary --force                   drbdadm -- --overwrite-data-of-peer primary r1")
                .contains("resync-rate                       drbdsetup /dev/drbd3 syncer -r 250M")
                .contains("  resync-rate: expect 256000 KiB/s; ")
                .doesNotContain("pc0");
    }

    /** A new operation of DrbdDialect must show up here: the command exists to show every one. */
    @Test
    void listsEveryOperationOfTheDialectInterface() {
        List<CommandsCommand.Operation> operations =
                CommandsCommand.operations(DrbdDialect.drbd84(), "pc0", 0, "1100M");
        List<String> methods =
                operations.stream().map(CommandsCommand.Operation::method).collect(Collectors.toList());
        List<String> names =
                operations.stream().map(CommandsCommand.Operation::name).collect(Collectors.toList());
        List<String> declared = Arrays.stream(DrbdDialect.class.getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getReturnType() == Command.class || m.getReturnType() == ResyncRatePlan.class)
                .map(Method::getName)
                .distinct()
                .collect(Collectors.toList());

        assertThat(declared).isNotEmpty().allSatisfy(operation -> assertThat(methods)
                .contains(operation));
        assertThat(names).doesNotHaveDuplicates();
    }

    // ---------------------------------------------------------------- JSON

    @Test
    void printsOneLineOfJsonFor84() {
        CliResult result = CliResult.run("commands", "--dialect", "8.4", "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).endsWith("\n").containsOnlyOnce("\n");
        JsonNode json = result.json();
        assertThat(json.get("dialect").asText()).isEqualTo("8.4");
        assertThat(json.get("resource").asText()).isEqualTo("pc0");
        assertThat(json.get("minor").asInt()).isZero();
        assertThat(json.get("rate").asText()).isEqualTo("1100M");
        assertThat(json.get("operations").size()).isEqualTo(34);
        assertThat(strings(operation(json, "primary --force").get("argv")))
                .containsExactly("drbdadm", "primary", "--force", "pc0");
        assertThat(strings(operation(json, "create-md --force").get("argv")))
                .containsExactly("drbdadm", "create-md", "--force", "pc0");
        assertThat(strings(operation(json, "connect --discard-my-data").get("argv")))
                .containsExactly("drbdadm", "connect", "--discard-my-data", "pc0");

        JsonNode guide = operation(json, "resync-rate");
        assertThat(strings(guide.get("argv"))).containsExactly("drbdadm", "disk-options", "--resync-rate=1100M", "pc0");
        assertThat(guide.get("expectedKiBps").isNull()).isTrue();
        assertThat(guide.get("explanation").asText()).isNotBlank();

        JsonNode fixed = operation(json, "resync-rate, fixed");
        assertThat(strings(fixed.get("argv")))
                .containsExactly("drbdadm", "disk-options", "--c-plan-ahead=0", "--resync-rate=1100M", "pc0");
        assertThat(fixed.get("expectedKiBps").asLong()).isEqualTo(40960);
        assertThat(fixed.get("explanation").asText()).contains("max-buffers");

        JsonNode buffers = operation(json, "resync-rate, fixed + max-buffers");
        assertThat(buffers.has("argv")).isFalse();
        assertThat(buffers.get("commands").size()).isEqualTo(2);
        assertThat(strings(buffers.get("commands").get(0)))
                .containsExactly("drbdadm", "net-options", "--max-buffers=56320", "pc0");
        assertThat(strings(buffers.get("commands").get(1)))
                .containsExactly("drbdadm", "disk-options", "--c-plan-ahead=0", "--resync-rate=1100M", "pc0");
        assertThat(buffers.get("expectedKiBps").asLong()).isEqualTo(1_126_400);

        assertThat(operation(json, "--version").has("expectedKiBps")).isFalse();
        assertThat(strings(operation(json, "--version").get("argv"))).containsExactly("drbdadm", "--version");
    }

    @Test
    void printsOneLineOfJsonFor83WithTheUnsupportedRateMethods() {
        CliResult result = CliResult.run("commands", "--dialect", "8.3", "--json", "--minor", "1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode json = result.json();
        assertThat(json.get("dialect").asText()).isEqualTo("8.3");
        assertThat(strings(operation(json, "primary --force").get("argv")))
                .containsExactly("drbdadm", "--", "--overwrite-data-of-peer", "primary", "pc0");
        assertThat(strings(operation(json, "create-md --force").get("argv")))
                .containsExactly("drbdadm", "--", "--force", "create-md", "pc0");
        assertThat(strings(operation(json, "connect --discard-my-data").get("argv")))
                .containsExactly("drbdadm", "--", "--discard-my-data", "connect", "pc0");

        JsonNode guide = operation(json, "resync-rate");
        assertThat(strings(guide.get("argv"))).containsExactly("drbdsetup", "/dev/drbd1", "syncer", "-r", "1100M");
        assertThat(guide.get("expectedKiBps").asLong()).isEqualTo(1_126_400);
        for (String method : List.of("FIXED_RATE", "MAX_BUFFERS")) {
            JsonNode op = operation(json, CommandsCommand.rateName(RateMethod.valueOf(method)));
            assertThat(op.has("argv")).isFalse();
            assertThat(op.has("commands")).isFalse();
            assertThat(op.get("unsupported").asText())
                    .isEqualTo(
                            "resync rate method " + method + " cannot be expressed in the DRBD 8.3 userland dialect");
        }
    }

    @Test
    void operationsAreNamedAsDrbdNamesThemNotAsJavaMethods() {
        for (String dialect : List.of("8.3", "8.4")) {
            JsonNode json =
                    CliResult.run("commands", "--dialect", dialect, "--json").json();
            List<String> names = new ArrayList<>();
            json.get("operations").forEach(op -> names.add(op.get("name").asText()));

            assertThat(names)
                    .contains("primary --force", "invalidate-remote", "connect --discard-my-data", "create-md --force")
                    .allSatisfy(name -> assertThat(name)
                            .as("a drbdadm word, lower case with dashes")
                            .matches("[-a-z ,+]+"));
        }
    }

    // ---------------------------------------------------------------- usage errors

    @Test
    void unknownDialectExitsWithTwo() {
        CliResult result = CliResult.run("commands", "--dialect", "9.0");

        assertUsageError(result);
        assertThat(result.err())
                .isEqualTo("drbd4j commands: DRBD dialect \"9.0\" (expected: 8.4 or 8.3) (see 'drbd4j commands"
                        + " --help')\n");
    }

    @Test
    void missingDialectExitsWithTwo() {
        CliResult result = CliResult.run("commands");

        assertUsageError(result);
        assertThat(result.err()).contains("--dialect");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"pc0; rm -rf /", "-oProxyCommand=x", "--force", ".hidden", "pc0\nsecond", "$(id)", "a b", ""})
    void hostileResourceNameExitsWithTwoAndOneLine(String resource) {
        CliResult result = CliResult.run("commands", "--dialect", "8.4", "--resource", resource);

        assertUsageError(result);
        assertThat(result.err()).startsWith("drbd4j commands: resource name ");
    }

    @Test
    void badRateExitsWithTwo() {
        CliResult result = CliResult.run("commands", "--dialect", "8.4", "--rate", "fast");

        assertUsageError(result);
        assertThat(result.err()).startsWith("drbd4j commands: rate \"fast\" (expected: ");
    }

    @Test
    void minorOutOfRangeExitsWithTwo() {
        CliResult negative = CliResult.run("commands", "--dialect", "8.4", "--minor", "-1");
        CliResult above83 = CliResult.run("commands", "--dialect", "8.3", "--minor", "256");

        assertUsageError(negative);
        assertUsageError(above83);
        assertThat(above83.err()).startsWith("drbd4j commands: minor 256 (expected: 0 to 255 on DRBD 8.3)");
        assertThat(CliResult.run("commands", "--dialect", "8.4", "--minor", "256")
                        .exitCode())
                .isZero();
    }

    @Test
    void helpShowsTheOptions() {
        CliResult result = CliResult.run("commands", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .startsWith("Usage: drbd4j commands")
                .contains("--dialect=8.3|8.4", "--resource=NAME", "--minor=N", "--rate=RATE", "--json", "Exit codes:");
    }
}
