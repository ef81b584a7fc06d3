package io.drbd4j.core.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Pins what the parser makes of every fixture, strict and lenient: the model's text (problems included) or the
 * strict error with its line, column and line text. The golden file was written by the parser before the
 * single-pass reader replaced the line-then-parse one, so a rewrite of the reader must give the same results
 * byte for byte. {@code -Ddrbd4j.golden.write=true} writes the file again from the current code.
 */
class GoldenResultsTest {
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden", "proc-drbd-results.txt");

    @Test
    void everyFixtureParsesAsThePinnedResultsSay() throws IOException {
        String actual = results();
        if (Boolean.getBoolean("drbd4j.golden.write")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }

    private static String results() {
        StringBuilder out = new StringBuilder();
        for (String name : Fixtures.names()) {
            byte[] data = Fixtures.bytes(name);
            out.append("== ").append(name).append(" lenient\n");
            out.append(ProcDrbdParser.lenient().parse(data)).append('\n');
            out.append("== ").append(name).append(" strict\n");
            try {
                out.append(ProcDrbdParser.strict().parse(data)).append('\n');
            } catch (ProcDrbdParseException e) {
                out.append("error at ")
                        .append(e.line())
                        .append(':')
                        .append(e.column())
                        .append(' ')
                        .append(e.getMessage())
                        .append(" | ")
                        .append(e.lineText())
                        .append('\n');
            }
        }
        return out.toString();
    }
}
