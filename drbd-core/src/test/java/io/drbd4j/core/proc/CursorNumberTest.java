package io.drbd4j.core.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The number scanner under the counters: eight digits at a time, with the edges of line and array. */
class CursorNumberTest {
    private static Cursor at(String text, int lineEnd) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        Cursor c = new Cursor();
        c.set(b, 0, lineEnd);
        return c;
    }

    @ParameterizedTest(name = "\"{0}\" up to {1} -> {2}, next at {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                "0 nr:1                |  22 | 0                   | 1",
                "7                     |   1 | 7                   | 1",
                "12345678 rest         |  13 | 12345678            | 8",
                "123456789 rest        |  14 | 123456789           | 9",
                "1143881027 nr:9       |  15 | 1143881027          | 10",
                "000000000000000042x   |  19 | 42                  | 18",
                "123456789012345678    |  18 | 123456789012345678  | 18",
                "1234567890123456789   |  19 | 1234567890123456789 | 19",
                "12345678901234        |   4 | 1234                | 4",
                "99999999999999999999  |  20 | -1                  | 0",
                "x1                    |   2 | -1                  | 0"
            })
    void readsPlainDigitsUpToTheLineEnd(String text, int lineEnd, long expected, int next) {
        Cursor c = at(text.strip(), Math.min(lineEnd, text.strip().length()));

        long value = c.number(false, false);

        if (expected < 0) {
            assertThat(c.ok).isFalse();
            assertThat(c.pos).isZero();
        } else {
            assertThat(c.ok).isTrue();
            assertThat(value).isEqualTo(expected);
            assertThat(c.pos).isEqualTo(next);
        }
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource({"-1234 x, -1234", "-5, -5", "42, 42"})
    void readsSignedGauges(String text, long expected) {
        Cursor c = at(text, text.length());

        assertThat(c.number(true, false)).isEqualTo(expected);
        assertThat(c.ok).isTrue();
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {"1,234 K | 1234", "8,388,608) | 8388608", "1024,000 | 1024000", "-1,5 | -15"})
    void readsGroupedSpeeds(String text, long expected) {
        Cursor c = at(text, text.length());

        assertThat(c.number(true, true)).isEqualTo(expected);
    }
}
