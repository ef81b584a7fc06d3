package io.drbd4j.core.proc;

import static io.drbd4j.core.model.SyncProgress.Kind.SYNC;
import static io.drbd4j.core.model.SyncProgress.Unit.KIB;
import static io.drbd4j.core.proc.Expect.progress;
import static io.drbd4j.core.proc.StrictModeTest.BASE;
import static io.drbd4j.core.proc.StrictModeTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.ProcDrbdStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Device blocks that lack lines the kernel always prints: a strict error at the block, a lenient problem with
 * what could be read kept.
 */
class IncompleteBlocksTest {
    /** {@link StrictModeTest#BASE} without the given 1-based lines. */
    private static List<String> baseWithout(int... lineNumbers) {
        List<String> lines = new ArrayList<>(BASE);
        for (int i = lineNumbers.length - 1; i >= 0; i--) {
            lines.remove(lineNumbers[i] - 1);
        }
        return lines;
    }

    @Test
    void syncTargetWithoutProgressLinesIsAStrictError() {
        ProcDrbdParseException e = InputModes.throwsConsistently(ProcDrbdParser.strict(), text(baseWithout(7, 8)));

        assertThat(e.line())
                .as("within minor 1's block (lines 5-6) or just after it")
                .isBetween(5, 7);
        assertThat(e.getMessage()).contains("(expected:");
    }

    @Test
    void syncTargetWithoutProgressLinesIsReadLenientlyWithAProblem() {
        ProcDrbdStatus s = InputModes.parseConsistently(ProcDrbdParser.lenient(), text(baseWithout(7, 8)));

        DeviceStatus d = s.device(1).orElseThrow();
        assertThat(d.counters()).isPresent();
        assertThat(d.sync()).isEmpty();
        assertThat(s.problems()).hasSize(1);
        assertThat(s.problems().get(0).line()).isBetween(5, 7);
    }

    @Test
    void progressWithoutFinishLineIsAStrictError() {
        ProcDrbdParseException e = InputModes.throwsConsistently(ProcDrbdParser.strict(), text(baseWithout(8)));

        assertThat(e.line())
                .as("within minor 1's block (lines 5-7) or just after it")
                .isBetween(5, 8);
        assertThat(e.getMessage()).contains("finish").contains("(expected:");
    }

    @Test
    void progressWithoutFinishLineKeepsTheProgressLeniently() {
        ProcDrbdStatus s = InputModes.parseConsistently(ProcDrbdParser.lenient(), text(baseWithout(8)));

        assertThat(s.device(1).orElseThrow().sync())
                .contains(progress(SYNC, 363, 1670512, 2613068, KIB).build());
        assertThat(s.problems()).hasSize(1);
        assertThat(s.problems().get(0).line()).isBetween(5, 8);
        assertThat(s.problems().get(0).message()).contains("finish");
    }

    @Test
    void stateLineWithoutCountersBeforeTheNextMinorIsReportedAtThatBlock() {
        ProcDrbdStatus s = InputModes.parseConsistently(ProcDrbdParser.lenient(), text(baseWithout(4)));

        assertThat(s.device(0).orElseThrow().counters()).isEmpty();
        assertThat(s.device(1).orElseThrow().sync()).isPresent();
        assertThat(s.problems()).hasSize(1);
        assertThat(s.problems().get(0).line()).isBetween(3, 4);
        assertThat(s.problems().get(0).message()).contains("counters");
    }

    @Test
    void finishLineWithoutProgressLineIsNotSilentlyAccepted() {
        ProcDrbdParseException e = InputModes.throwsConsistently(ProcDrbdParser.strict(), text(baseWithout(7)));

        assertThat(e.line()).isBetween(5, 7);
        assertThat(e.getMessage()).contains("(expected:");
    }

    @Test
    void countersLineBeforeAnyDeviceIsAStrictError() {
        List<String> lines = new ArrayList<>(BASE.subList(0, 2));
        lines.add(BASE.get(3));

        ProcDrbdParseException e = InputModes.throwsConsistently(ProcDrbdParser.strict(), text(lines));

        assertThat(e.line()).isEqualTo(3);
    }
}
