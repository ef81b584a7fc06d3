package io.drbd4j.core.proc;

import static io.drbd4j.core.proc.KernelText.GIT_TAG_84;
import static io.drbd4j.core.proc.KernelText.VERSION_84;
import static io.drbd4j.core.proc.KernelText.idleCounters;
import static io.drbd4j.core.proc.KernelText.state;
import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.core.model.ProcDrbdStatus;
import org.junit.jupiter.api.Test;

/**
 * Well-formed lines in an order no kernel prints (spec §1, §3.3, §6): strict mode rejects them at the offending
 * line, lenient mode reports it there and keeps the rest.
 */
class ImpossibleSequencesTest {
    private static void assertRejectedAt(int line, byte[] text) {
        ProcDrbdParseException e = InputModes.throwsConsistently(ProcDrbdParser.strict(), text);
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.getMessage()).contains("(expected:");

        ProcDrbdStatus lenient = InputModes.parseConsistently(ProcDrbdParser.lenient(), text);
        assertThat(lenient.problems()).isNotEmpty();
        assertThat(lenient.problems().get(0).line()).isEqualTo(line);
    }

    @Test
    void progressLinesUnderAConnectedDevice() {
        assertRejectedAt(
                5,
                KernelText.file(
                        VERSION_84,
                        GIT_TAG_84,
                        state(0, "Connected", "Primary/Secondary", "UpToDate/UpToDate", 'C', "r-----"),
                        idleCounters('f', 0),
                        KernelText.progress(false, 363, 1670512, 2613068, 'K'),
                        "\tfinish: 0:00:47 speed: 35,152 (18,124) K/sec"));
    }

    @Test
    void countersLineAfterAnUnconfiguredMinor() {
        assertRejectedAt(4, KernelText.file(VERSION_84, GIT_TAG_84, KernelText.unconfigured(0), idleCounters('f', 0)));
    }

    @Test
    void secondVersionLine() {
        assertRejectedAt(
                3,
                KernelText.file(
                        VERSION_84,
                        GIT_TAG_84,
                        VERSION_84,
                        state(0, "Connected", "Primary/Secondary", "UpToDate/UpToDate", 'C', "r-----"),
                        idleCounters('f', 0)));
    }

    @Test
    void secondCountersLineForOneDevice() {
        assertRejectedAt(
                5,
                KernelText.file(
                        VERSION_84,
                        GIT_TAG_84,
                        state(0, "Connected", "Primary/Secondary", "UpToDate/UpToDate", 'C', "r-----"),
                        idleCounters('f', 0),
                        idleCounters('f', 0)));
    }

    @Test
    void sameMinorTwice() {
        assertRejectedAt(
                5,
                KernelText.file(
                        VERSION_84,
                        GIT_TAG_84,
                        state(0, "Connected", "Primary/Secondary", "UpToDate/UpToDate", 'C', "r-----"),
                        idleCounters('f', 0),
                        state(0, "Connected", "Primary/Secondary", "UpToDate/UpToDate", 'C', "r-----"),
                        idleCounters('f', 0)));
    }

    @Test
    void transportsLineInADrbd84File() {
        ProcDrbdStatus lenient = InputModes.parseConsistently(
                ProcDrbdParser.lenient(),
                KernelText.file(
                        VERSION_84,
                        GIT_TAG_84,
                        state(0, "Connected", "Primary/Secondary", "UpToDate/UpToDate", 'C', "r-----"),
                        idleCounters('f', 0),
                        "Transports (api:20): tcp (9.2.8)"));

        assertThat(lenient.device(0)).isPresent();
        assertThat(lenient.problems()).extracting(ParseProblem::line).containsExactly(5);
    }
}
