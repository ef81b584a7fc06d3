package io.drbd4j.core.proc;

import static io.drbd4j.core.proc.Expect.columnOf;
import static io.drbd4j.core.proc.Expect.minors;
import static io.drbd4j.core.proc.Expect.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.ProcDrbdStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Strict mode: genuine kernel text is accepted without problems, the first deviation throws with its position. */
class StrictModeTest {
    /** A valid 8.4 file; the damage cases below change one line of it. */
    static final List<String> BASE = List.of(
            "version: 8.4.11-1 (api:1/proto:86-101)",
            "GIT-hash: 66145a308421e9c124ec391a7848ac20203bb03c build by buildd@lcy01-amd64-016, 2018-04-26 12:10:42",
            " 0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----",
            "    ns:1048576 nr:0 dw:0 dr:1048776 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0",
            " 1: cs:SyncTarget ro:Secondary/Primary ds:Inconsistent/UpToDate C r-----",
            "    ns:0 nr:1263008 dw:1257888 dr:0 al:0 bm:0 lo:6 pe:8 ua:5 ap:0 ep:1 wo:f oos:1670512",
            "\t[======>.............] sync'ed: 36.3% (1670512/2613068)K",
            "\tfinish: 0:00:47 speed: 35,152 (18,124) want: 44,520 K/sec");

    static byte[] text(List<String> lines) {
        return utf8(String.join("\n", lines) + "\n");
    }

    /** Damaged text, and the line and column where strict mode must point. */
    record Damage(String name, List<String> lines, int line, int column, String seen) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * Replaces {@code from} by {@code to} in line {@code line}; the deviation starts at {@code columnAt}; the message
     * must quote {@code seen} (when not null) as the offending text.
     */
    static Damage damage(String name, int line, String from, String to, String columnAt, String seen) {
        List<String> lines = new ArrayList<>(BASE);
        String original = lines.get(line - 1);
        if (!original.contains(from)) {
            throw new IllegalArgumentException(from + " not in " + original);
        }
        String damaged = original.replace(from, to);
        lines.set(line - 1, damaged);
        int column = columnAt == null ? utf8(damaged).length + 1 : columnOf(damaged, columnAt);
        return new Damage(name, List.copyOf(lines), line, column, seen);
    }

    static Stream<Damage> damageCases() {
        List<String> descending = new ArrayList<>(BASE);
        descending.set(2, descending.get(2).replace(" 0: cs:", " 3: cs:"));
        return Stream.of(
                damage("unknown connection state", 3, "cs:Connected", "cs:Conected", "Conected", "Conected"),
                damage("unknown local role", 3, "ro:Primary/", "ro:Primray/", "Primray", "Primray"),
                damage("unknown peer role", 3, "/Secondary ds:", "/Secundary ds:", "Secundary", "Secundary"),
                damage("unknown local disk state", 3, "ds:UpToDate/", "ds:UpToDat/", "UpToDat/", "UpToDat"),
                damage("unknown peer disk state", 5, "/UpToDate C", "/UpTodate C", "UpTodate", "UpTodate"),
                damage("counter value is not a number", 4, "ns:1048576", "ns:12x", "12x", "12x"),
                damage("unknown counter key", 4, " ap:0 ep:1", " ap:0 zz:3 ep:1", "zz:3", null),
                damage("flags are 7 characters long", 3, "C r-----", "C r------", "r------", "r------"),
                damage("percent without %", 7, "36.3% (", "36.3 (", " (1670512", null),
                damage("version without closing parenthesis", 1, "86-101)", "86-101", null, null),
                damage("counter beyond 64 bits", 4, "ns:1048576", "ns:99999999999999999999", "9999", null),
                damage("percentage above 100", 7, "36.3%", "136.3%", "136.3", null),
                damage(
                        "finish hours beyond 64 bits",
                        8,
                        "finish: 0:00:47",
                        "finish: 99999999999999999999:00:47",
                        "9999",
                        null),
                damage("speed beyond 64 bits", 8, "speed: 35,152", "speed: 99,999,999,999,999,999,999", "99,", null),
                new Damage("minor 1 after minor 3", List.copyOf(descending), 5, 2, null));
    }

    @Test
    void theUndamagedBaseTextIsAcceptedWithoutProblems() {
        ProcDrbdStatus s = InputModes.parseConsistently(ProcDrbdParser.strict(), text(BASE));

        assertThat(minors(s)).containsExactly(0, 1);
        assertThat(s.device(1).orElseThrow().sync()).isPresent();
        assertThat(s.problems()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damageCases")
    void strictModeThrowsAtTheLineAndColumnOfTheDeviation(Damage d) {
        ProcDrbdParseException e = InputModes.throwsConsistently(ProcDrbdParser.strict(), text(d.lines()));

        assertThat(e.line()).as("line").isEqualTo(d.line());
        assertThat(e.column()).as("column in %s", e.lineText()).isEqualTo(d.column());
        assertThat(e.lineText()).isEqualTo(d.lines().get(d.line() - 1));
        assertThat(e.detail()).contains("(expected:");
        if (d.seen() != null) {
            assertThat(e.detail()).as("quotes the offending text").contains("\"" + d.seen() + "\"");
        }
        assertThat(e.getMessage()).startsWith("line " + d.line() + ", column " + d.column() + ": ");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damageCases")
    void lenientModeReportsTheSameDeviationAsAProblem(Damage d) {
        ProcDrbdParseException strict = InputModes.throwsConsistently(ProcDrbdParser.strict(), text(d.lines()));

        ProcDrbdStatus lenient = InputModes.parseConsistently(ProcDrbdParser.lenient(), text(d.lines()));

        assertThat(lenient.problems()).isNotEmpty();
        assertThat(lenient.problems().get(0)).isEqualTo(strict.toProblem());
    }

    @Test
    void unknownConnectionStateNamesTheLabelAndTheKnownOnes() {
        List<String> lines = new ArrayList<>(BASE);
        lines.set(2, lines.get(2).replace("cs:Connected", "cs:Conected"));

        ProcDrbdParseException e = InputModes.throwsConsistently(ProcDrbdParser.strict(), text(lines));

        assertThat(e.detail())
                .contains("Conected")
                .contains("(expected: one of")
                .contains("WFConnection");
    }

    @Test
    void lenientModeSkipsTheDeviceBlockWithAnUnknownStateAndKeepsTheOthers() {
        List<String> lines = new ArrayList<>(BASE);
        lines.set(2, lines.get(2).replace("cs:Connected", "cs:Conected"));

        ProcDrbdStatus s = InputModes.parseConsistently(ProcDrbdParser.lenient(), text(lines));

        assertThat(minors(s)).containsExactly(1);
        assertThat(s.device(1).orElseThrow().connectionState()).isEqualTo(ConnectionState.SYNC_TARGET);
        assertThat(s.problems()).hasSize(1);
        assertThat(s.problems().get(0).line()).isEqualTo(3);
        assertThat(s.problems().get(0).message()).contains("Conected").contains("(expected: one of");
    }

    @ParameterizedTest(name = "fixture {0} fails at line {1}")
    @CsvSource({"003, 1", "015, 3", "021, 3", "022, 3", "030, 1", "037, 1"})
    void damagedFixturesThrowAtTheFirstDeviation(String number, int line) {
        ProcDrbdParseException e = InputModes.throwsConsistently(ProcDrbdParser.strict(), Fixtures.bytes(number));

        assertThat(e.line()).isEqualTo(line);
        assertThat(e.column()).isPositive();
        assertThat(e.getMessage()).contains("(expected:");
    }

    @Test
    void fixture017ThrowsAtTheEndOfTheTruncatedMinor2() {
        ProcDrbdParseException e = InputModes.throwsConsistently(ProcDrbdParser.strict(), Fixtures.bytes("017"));

        assertThat(e.line()).isGreaterThanOrEqualTo(7);
        assertThat(e.getMessage()).contains("(expected:");
    }

    @ParameterizedTest(name = "fixture {0}")
    @ValueSource(
            strings = {
                "001", "002", "004", "005", "007", "008", "011", "012", "013", "014", "016", "018", "023", "024", "025",
                "027", "029", "032", "038", "039"
            })
    void cleanFixturesAreAcceptedStrictlyWithTheSameModelAsLenient(String number) {
        ProcDrbdStatus strict = Fixtures.strict(number);

        assertThat(strict.problems()).isEmpty();
        assertThat(strict).isEqualTo(Fixtures.lenient(number));
    }
}
