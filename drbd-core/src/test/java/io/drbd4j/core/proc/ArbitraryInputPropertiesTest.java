package io.drbd4j.core.proc;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.core.model.ProcDrbdStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Damaged {@code /proc/drbd}-like text, made by mutating real fixture lines byte by byte: lenient mode always
 * returns a model (the inputs are far below every bound), strict mode returns one without problems or throws
 * {@link ProcDrbdParseException} and nothing else, and chunked stream reading gives the same answer as the array.
 */
@AddLifecycleHook(SeedFromSystemProperty.class)
class ArbitraryInputPropertiesTest {
    private static final byte[] INTERESTING = {
        ' ',
        '\t',
        0,
        '\r',
        '\n',
        ':',
        '/',
        '%',
        '(',
        ')',
        ',',
        '-',
        '.',
        '9',
        '0',
        'x',
        '>',
        '=',
        '[',
        ']',
        (byte) 0xE2,
        (byte) 0x80,
        (byte) 0xA6,
        (byte) 0xFF,
        (byte) 0xC3
    };

    private static final List<byte[]> VOCABULARY = vocabulary();

    private static List<byte[]> vocabulary() {
        List<byte[]> lines = new ArrayList<>();
        for (String name : Fixtures.names()) {
            byte[] all = Fixtures.bytes(name);
            int start = 0;
            for (int i = 0; i <= all.length; i++) {
                if (i == all.length || all[i] == '\n') {
                    if (i > start) {
                        lines.add(Arrays.copyOfRange(all, start, i));
                    }
                    start = i + 1;
                }
            }
        }
        for (String line : SyntheticHeaderFormsTest.RICH_84) {
            lines.add(Expect.utf8(line));
        }
        lines.add(Expect.utf8("\tfinish: \u221e speed: -1,234 (-56 -- 1,000) want: 2,048 K/sec"));
        lines.add(Expect.utf8("\t 42%      123456/654321"));
        lines.add(Expect.utf8("\tstalled"));
        lines.add(Expect.utf8("Transports (api:20): tcp (9.2.8) lb-tcp (9.2.8) rdma (9.2.8)"));
        return lines;
    }

    @Provide
    Arbitrary<byte[]> line() {
        Arbitrary<byte[]> original = Arbitraries.of(VOCABULARY);
        Arbitrary<byte[]> mutated = Combinators.combine(
                        original,
                        Arbitraries.integers().between(0, 200),
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.integers()
                                .between(0, INTERESTING.length - 1)
                                .map(i -> INTERESTING[i]))
                .as(ArbitraryInputPropertiesTest::mutate);
        return Arbitraries.frequencyOf(
                Tuple.of(3, original),
                Tuple.of(5, mutated),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(60)));
    }

    private static byte[] mutate(byte[] line, int at, int how, byte b) {
        if (line.length == 0) {
            return new byte[] {b};
        }
        int p = at % line.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (how) {
            case 0: // delete one byte
                out.write(line, 0, p);
                out.write(line, p + 1, line.length - p - 1);
                break;
            case 1: // insert one byte
                out.write(line, 0, p);
                out.write(b);
                out.write(line, p, line.length - p);
                break;
            case 2: // replace one byte
                out.write(line, 0, line.length);
                byte[] replaced = out.toByteArray();
                replaced[p] = b;
                return replaced;
            default: // cut the line short
                out.write(line, 0, p);
                break;
        }
        return out.toByteArray();
    }

    @Provide
    Arbitrary<byte[]> text() {
        return Combinators.combine(
                        line().list().ofMaxSize(30), Arbitraries.of("\n", "\r\n"), Arbitraries.of(true, false))
                .as((lines, end, terminated) -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    for (int i = 0; i < lines.size(); i++) {
                        out.write(lines.get(i), 0, lines.get(i).length);
                        if (terminated || i < lines.size() - 1) {
                            out.write(end.getBytes(StandardCharsets.US_ASCII), 0, end.length());
                        }
                    }
                    return out.toByteArray();
                });
    }

    @Property
    void lenientModeReadsAnyDamageWithoutThrowing(@ForAll("text") byte[] text) throws IOException {
        ProcDrbdStatus status = ProcDrbdParser.lenient().parse(text);

        assertThat(status.problems()).allSatisfy(p -> assertThat(p.line()).isNotNegative());
        ProcDrbdStatus chunked = ProcDrbdParser.lenient().parse(new InputModes.ChunkedInputStream(text, 99L));
        assertThat(chunked).isEqualTo(status);
    }

    @Property
    void strictModeEitherAcceptsWithoutProblemsOrThrowsAParseException(@ForAll("text") byte[] text) {
        try {
            ProcDrbdStatus status = ProcDrbdParser.strict().parse(text);
            assertThat(status.problems()).isEmpty();
        } catch (ProcDrbdParseException e) {
            assertThat(e.line()).isNotNegative();
            assertThat(e.column()).isNotNegative();
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Property
    void strictModeAgreesWithTheFirstLenientProblem(@ForAll("text") byte[] text) {
        ProcDrbdStatus lenient = ProcDrbdParser.lenient().parse(text);
        try {
            ProcDrbdStatus strict = ProcDrbdParser.strict().parse(text);
            assertThat(lenient.problems())
                    .as("strict accepted, so lenient has nothing to report")
                    .isEmpty();
            assertThat(strict).isEqualTo(lenient);
        } catch (ProcDrbdParseException e) {
            assertThat(lenient.problems()).as("strict threw %s", e.getMessage()).isNotEmpty();
            assertThat(lenient.problems().get(0)).isEqualTo(e.toProblem());
        }
    }
}
