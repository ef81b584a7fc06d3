package io.drbd4j.core.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A counter the line does not print reads as 0, as {@link ProcDrbdReader#counter} promises, not as an earlier value. */
class MissingCounterTest {
    @Test
    void aCounterAnEarlierReadingHadButThisOneLacksIsZero() throws IOException {
        ProcDrbdReader reader = new ProcDrbdReader(ParseOptions.lenient());
        String withOos = "version: 8.4.11 (api:1/proto:86-101)\n"
                + " 0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----\n"
                + "    ns:1 nr:2 dw:3 dr:4 al:5 bm:6 lo:7 pe:8 ua:9 ap:10 ep:11 wo:f oos:12\n";
        // DRBD 8.3.0 to 8.3.7 print no ep, wo or oos.
        String withoutOos = "version: 8.3.7 (api:88/proto:86-91)\n"
                + " 0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r----\n"
                + "    ns:21 nr:22 dw:23 dr:24 al:25 bm:26 lo:27 pe:28 ua:29 ap:30\n";

        assertThat(oos(reader, withOos)).isEqualTo(12);
        assertThat(oos(reader, withoutOos)).isZero();
    }

    private static long oos(ProcDrbdReader reader, String text) throws IOException {
        reader.reset(text.getBytes(StandardCharsets.US_ASCII));
        for (ProcDrbdReader.Token t = reader.next(); t != ProcDrbdReader.Token.END; t = reader.next()) {
            if (t == ProcDrbdReader.Token.COUNTERS) {
                assertThat(reader.counter(Counter.NS)).isPositive();
                return reader.counter(Counter.OOS);
            }
        }
        throw new AssertionError("no counters line in\n" + text);
    }
}
