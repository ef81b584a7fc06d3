package io.drbd4j.core.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A parser keeps its builders with its per-thread reader from one input to the next: whatever an input leaves in
 * them (details, problems, a device half built when a strict parse failed) must not reach the next model.
 */
class ParserReuseTest {
    @Test
    void aParserReusedOverEveryFixtureInTwoOrdersGivesWhatAFreshParserGives() {
        List<String> names = new ArrayList<>(Fixtures.names());
        List<String> reversed = new ArrayList<>(names);
        Collections.reverse(reversed);
        List<String> order = new ArrayList<>(names);
        order.addAll(reversed);
        ProcDrbdParser lenient = ProcDrbdParser.lenient();
        ProcDrbdParser strict = ProcDrbdParser.strict();
        int strictFailures = 0;

        for (String name : order) {
            byte[] data = Fixtures.bytes(name);
            assertThat(lenient.parse(data).toString())
                    .as("lenient %s", name)
                    .isEqualTo(ProcDrbdParser.lenient().parse(data).toString());
            String fresh = strictResult(ProcDrbdParser.strict(), data);
            if (fresh.startsWith("error")) {
                strictFailures++;
            }
            assertThat(strictResult(strict, data)).as("strict %s", name).isEqualTo(fresh);
        }

        // Failed strict parses sit between good ones, so a half-built device would show in the next model.
        assertThat(strictFailures).isPositive();
    }

    private static String strictResult(ProcDrbdParser parser, byte[] data) {
        try {
            return parser.parse(data).toString();
        } catch (ProcDrbdParseException e) {
            return "error at " + e.line() + ':' + e.column() + ' ' + e.getMessage();
        }
    }
}
