package io.drbd4j.core.proc;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.core.model.ProcDrbdStatus;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A lenient read keeps a bounded number of problems, each with a bounded text, however damaged its input: the
 * memory a result holds does not grow with the number of junk tokens on a line.
 */
class ProblemCapTest {
    /** The worst shape: counters lines of 16 KiB, every token after {@code ns:0} junk. */
    static byte[] stormOf(int devices) {
        StringBuilder b = new StringBuilder("version: 8.4.11-1 (api:1/proto:86-101)\n");
        b.append("GIT-hash: 66145a308421e9c124ec391a7848ac20203bb03c build by mockbuild@, 2018-11-03\n");
        for (int minor = 0; minor < devices; minor++) {
            b.append(String.format("%2d: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----%n", minor));
            StringBuilder line = new StringBuilder("ns:0");
            while (line.length() + 2 <= ParseOptions.DEFAULT_MAX_LINE_LENGTH) {
                line.append(" x");
            }
            b.append(line).append('\n');
        }
        return Expect.utf8(b.toString());
    }

    @Test
    void aLineFullOfJunkGivesAtMostElevenProblems() {
        ProcDrbdStatus s = ProcDrbdParser.lenient().parse(stormOf(1));

        assertThat(s.problems()).hasSize(ParseOptions.MAX_PROBLEMS_PER_LINE + 1);
        assertThat(s.problems().get(ParseOptions.MAX_PROBLEMS_PER_LINE).message())
                .contains("more than " + ParseOptions.MAX_PROBLEMS_PER_LINE + " problems on line 4");
    }

    @Test
    void theWholeInputGivesAtMostTheInputCapPlusOne() {
        ProcDrbdStatus s = ProcDrbdParser.lenient().parse(stormOf(100));

        assertThat(s.problems()).hasSize(ParseOptions.MAX_PROBLEMS + 1);
        assertThat(s.problems().get(ParseOptions.MAX_PROBLEMS).message())
                .contains("more than " + ParseOptions.MAX_PROBLEMS + " problems");
        Map<Integer, Long> perLine =
                s.problems().stream().collect(Collectors.groupingBy(ParseProblem::line, Collectors.counting()));
        assertThat(perLine.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(11));
        assertThat(s.devices()).hasSize(100);
    }

    @Test
    void eachProblemKeepsABoundedTextSharedByTheProblemsOfItsLine() {
        ProcDrbdStatus s = ProcDrbdParser.lenient().parse(stormOf(8));

        assertThat(s.problems()).allSatisfy(p -> {
            assertThat(p.lineText().length()).isLessThanOrEqualTo(ParseProblem.MAX_TEXT_LENGTH);
            assertThat(p.message().length()).isLessThanOrEqualTo(ParseProblem.MAX_TEXT_LENGTH);
        });
        Map<Integer, Long> distinctTexts = s.problems().stream()
                .collect(Collectors.groupingBy(
                        ParseProblem::line,
                        Collectors.mapping(
                                p -> (long) System.identityHashCode(p.lineText()),
                                Collectors.collectingAndThen(Collectors.toSet(), set -> (long) set.size()))));
        assertThat(distinctTexts.values()).allSatisfy(n -> assertThat(n).isEqualTo(1L));
    }
}
