package io.drbd4j.core.proc;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.core.model.ProcDrbdStatus;
import org.junit.jupiter.api.Test;

/** Problem messages are safe to print to a terminal: control characters are escaped in the message itself. */
class ProblemTextTest {
    private static final String TEXT = "version: 8.4.11-1 (api:1/proto:86-101)\n"
            + "GIT-hash: 66145a308421e9c124ec391a7848ac20203bb03c build by mockbuild@, 2018-11-03\n"
            + " 0: cs:SyncTarget ro:Secondary/Primary ds:Inconsistent/UpToDate C r-----\n"
            + "    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0\n"
            + "\t[===\u001b[31m>.......] sync'ed: 36.3% (1670512/2613068)K\n"
            + "\tfinish: 0:00:47 speed: 35,152 (18,124) K/sec\n"
            + " 1: cs:VerifyS ro:Primary/Secondary ds:UpToDate/UpToDate C r-----\n"
            + "    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0\n"
            + "\t 42%      12\u0007/654321\n";

    @Test
    void controlCharactersInTheInputAreEscapedInProblemMessages() {
        ProcDrbdStatus s = ProcDrbdParser.lenient().parse(Expect.utf8(TEXT));

        assertThat(s.problems()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(s.problems()).allSatisfy(p -> {
            assertThat(hasControl(p.message())).as(p.message()).isFalse();
            assertThat(hasControl(p.toString())).as(p.toString()).isFalse();
        });
        assertThat(s.problems().get(0).message()).contains("\\x1b");
    }

    @Test
    void controlCharactersAreEscapedInTheStrictError() {
        ProcDrbdParseException e = InputModes.throwsConsistently(ProcDrbdParser.strict(), Expect.utf8(TEXT));

        assertThat(hasControl(e.getMessage())).as(e.getMessage()).isFalse();
        assertThat(hasControl(e.detail())).as(e.detail()).isFalse();
    }

    static boolean hasControl(String s) {
        return s.chars().anyMatch(c -> Character.getType(c) == Character.CONTROL);
    }

    /** Whether a terminal would act on a character of the text: controls, format and line separators. */
    static boolean hasUnsafe(String s) {
        return s.chars().anyMatch(c -> {
            int type = Character.getType(c);
            return type == Character.CONTROL
                    || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR;
        });
    }
}
