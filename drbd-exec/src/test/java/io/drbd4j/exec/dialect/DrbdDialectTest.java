package io.drbd4j.exec.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drbd4j.exec.runner.Command;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What both dialects promise: every operation in the golden table, safe names, the resource always last. */
class DrbdDialectTest {
    private static final List<DrbdDialect> DIALECTS = List.of(DrbdDialect.drbd84(), DrbdDialect.drbd83());

    /** Names that would become an option, a second argument, or shell code over SSH. */
    private static final List<String> HOSTILE = Arrays.asList(
            "--force",
            "-f",
            "pc0 --force",
            "pc0;reboot",
            "pc0$(reboot)",
            "pc0`id`",
            "pc0\nall",
            "pc0/0",
            "'pc0'",
            ".hidden",
            "",
            "all stacked",
            "p\u00e70",
            "x".repeat(129),
            null);

    static Stream<Arguments> hostileCases() {
        return DIALECTS.stream().flatMap(d -> DialectTable.rows().stream()
                .filter(r -> !r.method().equals("version"))
                .filter(r -> r.expected(d).check() != DialectTable.Check.UNSUPPORTED)
                .flatMap(r -> HOSTILE.stream().map(name -> Arguments.of(d, r, name))));
    }

    @Test
    void theGoldenTableCoversEveryOperationOfTheInterface() {
        Set<String> operations = Arrays.stream(DrbdDialect.class.getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers()))
                .map(Method::getName)
                // events names no resource (every device) and has its own timeout: DrbdsetupHelpOracleTest checks it.
                .filter(n ->
                        !Set.of("name", "apiVersion", "withTimeout", "events").contains(n))
                .collect(Collectors.toSet());
        Set<String> covered =
                DialectTable.rows().stream().map(DialectTable.Row::method).collect(Collectors.toSet());

        assertThat(covered).isEqualTo(operations);
        assertThat(DialectTable.rows())
                .filteredOn(r -> r.method().equals("temporaryResyncRate"))
                .hasSize(RateMethod.values().length);
    }

    @Test
    void namedReturnsTheDialectOfThatName() {
        assertThat(DrbdDialect.named("8.4").name()).isEqualTo("8.4");
        assertThat(DrbdDialect.named("8.3").name()).isEqualTo("8.3");
        assertThatThrownBy(() -> DrbdDialect.named("9.0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DRBD dialect \"9.0\" (expected: 8.4 or 8.3)");
    }

    @ParameterizedTest(name = "{0} {1} \"{2}\"")
    @MethodSource("hostileCases")
    void hostileResourceNamesAreRejectedBeforeAnyCommandIsBuilt(
            DrbdDialect dialect, DialectTable.Row row, String name) {
        assertThatThrownBy(() -> row.build().apply(dialect, name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("resource name");
    }

    @Test
    void optionsNeverFollowTheResourceName() {
        // T4: anything after the resource is taken as another resource name; the option is lost.
        for (DrbdDialect dialect : DIALECTS) {
            for (DialectTable.Row row : DialectTable.rows()) {
                if (row.expected(dialect).check() == DialectTable.Check.UNSUPPORTED
                        || row.method().equals("version")
                        || row.expected(dialect).check() == DialectTable.Check.DIRECT_DRBDSETUP) {
                    continue;
                }
                for (Command c : row.commands(dialect)) {
                    List<String> argv = c.argv();
                    assertThat(argv.get(argv.size() - 1))
                            .as(dialect + " " + row)
                            .isIn(DialectTable.RESOURCE, DialectTable.RESOURCE + "/0");
                    assertThat(argv.subList(0, argv.size() - 1))
                            .as(dialect + " " + row)
                            .doesNotContain(DialectTable.RESOURCE);
                }
            }
        }
    }

    @Test
    void everyDrbdadmCallRunsThePlainDrbdadmNeverAnEightXHelper() {
        // T8: /lib/drbd/drbdadm-83 by path cannot exec drbdmeta; the wrapper on PATH picks the helper itself.
        for (DrbdDialect dialect : DIALECTS) {
            for (DialectTable.Row row : DialectTable.rows()) {
                if (row.expected(dialect).check() == DialectTable.Check.UNSUPPORTED) {
                    continue;
                }
                for (Command c : row.commands(dialect)) {
                    assertThat(c.program()).as(dialect + " " + row).isIn("drbdadm", "drbdsetup");
                }
            }
        }
    }

    @Test
    void onlyEightFourPutsOptionsAfterTheCommandAndOnlyEightThreeUsesTheDoubleDash() {
        for (DialectTable.Row row : DialectTable.rows()) {
            for (Command c : row.commands(DrbdDialect.drbd84())) {
                if (row.method().equals("wipeMd")) {
                    // The one exception: 8.4's wipe-md takes no --force of its own; "-- --force" is the only way to
                    // hand it to drbdmeta (checked by the dry-run oracle).
                    assertThat(c.argv()).as(row.label()).containsSubsequence("--", "--force", "wipe-md");
                    continue;
                }
                assertThat(c.argv()).as(row.label()).doesNotContain("--");
            }
            if (row.on83().check() == DialectTable.Check.UNSUPPORTED
                    || row.method().equals("version")) {
                continue;
            }
            for (Command c : row.commands(DrbdDialect.drbd83())) {
                List<String> argv = c.argv();
                // 8.3: an option is either before the command after "--", or (direct drbdsetup) -r.
                for (int i = 1; i < argv.size(); i++) {
                    if (argv.get(i).startsWith("-")
                            && !argv.get(i).equals("--")
                            && !argv.get(i).equals("-r")) {
                        assertThat(argv.get(1)).as(row.label()).isEqualTo("--");
                        assertThat(i).as(row.label()).isLessThan(argv.size() - 2);
                    }
                }
            }
        }
    }
}
