package io.drbd4j.core.proc;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.core.model.ProcDrbdStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The line-length bound counts the line without its end: a CR before the LF (or at the end of input) is free. */
class LineEndBoundTest {
    private static final int MAX = ParseOptions.DEFAULT_MAX_LINE_LENGTH;

    private static byte[] withTagOf(int length, String lineEnd) {
        String tag = "GIT-hash: " + "a".repeat(length - "GIT-hash: ".length());
        return Expect.utf8("version: 8.4.11-1 (api:1/proto:86-101)\r\n" + tag + lineEnd);
    }

    private static ProcDrbdParser parser(ParseOptions.Mode mode) {
        return ProcDrbdParser.create(ParseOptions.builder().mode(mode).build());
    }

    @ParameterizedTest
    @EnumSource(ParseOptions.Mode.class)
    void lineOfExactlyTheBoundEndingInCrLfIsAccepted(ParseOptions.Mode mode) {
        for (String end : new String[] {"\r\n", "\r", "\n", ""}) {
            ProcDrbdStatus s = InputModes.parseConsistently(parser(mode), withTagOf(MAX, end));

            assertThat(s.buildTag().orElseThrow().text()).hasSize(MAX);
            assertThat(s.problems()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(ParseOptions.Mode.class)
    void lineOneByteOverTheBoundIsRefusedWhateverItsEnd(ParseOptions.Mode mode) {
        for (String end : new String[] {"\r\n", "\r", "\n", ""}) {
            ProcDrbdParseException e = InputModes.throwsConsistently(parser(mode), withTagOf(MAX + 1, end));

            assertThat(e.line()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(ParseOptions.Mode.class)
    void oddBoundsAcceptACrLfLineOfExactlyTheBound(ParseOptions.Mode mode) {
        for (int max : new int[] {80, 8191, 8192, 16383, 16385}) {
            ProcDrbdParser p = ProcDrbdParser.create(
                    ParseOptions.builder().mode(mode).maxLineLength(max).build());
            assertThat(InputModes.parseConsistently(p, withTagOf(max, "\r\n"))
                            .buildTag()
                            .orElseThrow()
                            .text())
                    .hasSize(max);
            InputModes.throwsConsistently(p, withTagOf(max + 1, "\r\n"));
        }
    }
}
