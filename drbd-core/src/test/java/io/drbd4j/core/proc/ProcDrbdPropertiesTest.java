package io.drbd4j.core.proc;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.core.model.ProcDrbdStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Properties of the reader, parser and writer over generated input. Tries per property come from
 * {@code junit-platform.properties} (few in CI); the {@code long-properties} Maven profile raises them.
 */
@AddLifecycleHook(SeedFromSystemProperty.class)
class ProcDrbdPropertiesTest {
    private static final List<String> FIXTURES = List.copyOf(Fixtures.names());

    @Property
    void anySplitOfAnyFixtureGivesTheSameModel(
            @ForAll("fixtures") String fixture, @ForAll("splits") List<Integer> splits) throws IOException {
        byte[] data = Fixtures.bytes(fixture);
        ProcDrbdStatus whole = ProcDrbdParser.lenient().parse(data);
        ProcDrbdStatus split = ProcDrbdParser.lenient().parse(new SplitStream(data, splits));
        assertThat(split).isEqualTo(whole);
    }

    @Property
    void parsingWhatTheWriterWroteGivesTheSameModel(@ForAll("models") ProcDrbdStatus model) {
        String text = ProcDrbdWriter.write(model);
        assertThat(ProcDrbdParser.strict().parse(ProcDrbdWriter.writeBytes(model)))
                .as("parsed from%n%s", text)
                .isEqualTo(model);
    }

    @Property
    void mutatedFixturesParseOrRaiseTheTypedError(@ForAll("mutants") byte[] input) {
        parseOrTypedError(input);
    }

    @Property
    void arbitraryBytesParseOrRaiseTheTypedError(@ForAll("noise") byte[] input) {
        parseOrTypedError(input);
    }

    @Property
    void writtenProgressFollowsTheKernelFormat(@ForAll("models") ProcDrbdStatus model) {
        String text = ProcDrbdWriter.write(model);
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("\t[")) {
                Matcher m = BAR.matcher(line);
                assertThat(m.matches()).as("progress line %s", line).isTrue();
                int perMille = Integer.parseInt(m.group(3).trim()) * 10 + Integer.parseInt(m.group(4));
                assertThat(m.group(1).length()).as("bar width of %s", line).isEqualTo(perMille < 50 ? 21 : 20);
                assertThat(m.group(3)).hasSize(3);
            } else if (line.startsWith("\tfinish:")) {
                Matcher m = FINISH.matcher(line);
                assertThat(m.matches()).as("finish line %s", line).isTrue();
                for (String number :
                        NUMBER.matcher(m.group(1)).results().map(r -> r.group()).toList()) {
                    assertThat(isGrouped(number))
                            .as("grouping of %s in %s", number, line)
                            .isTrue();
                }
            } else if (line.startsWith("    ns:")) {
                assertThat(line).matches(COUNTERS);
            } else if (!line.isEmpty() && Character.isDigit(line.strip().charAt(0))) {
                assertThat(line).matches(DEVICE);
            }
        }
        assertThat(text).doesNotContain("\n\n\n").doesNotEndWith("\n\n");
    }

    private static final Pattern BAR = Pattern.compile(
            "\t\\[(=*>\\.*)\\] (sync'ed|verified):" + "([ \\d]{0,2}\\d)\\.(\\d)% \\((\\d+)/(\\d+)\\)[KM]");
    private static final Pattern FINISH =
            Pattern.compile("\tfinish: (?:\\d+:\\d\\d:\\d\\d|\u221e) speed: (.*) K/sec(?: \\(stalled\\))?");
    private static final Pattern NUMBER = Pattern.compile("-?[\\d,]+");
    private static final String COUNTERS = "    ns:\\d+ nr:\\d+ dw:\\d+ dr:\\d+ al:\\d+ bm:\\d+ lo:-?\\d+"
            + " pe:-?\\d+ ua:-?\\d+ ap:-?\\d+ ep:-?\\d+ wo:[ndfb] oos:\\d+";
    private static final String DEVICE =
            "[ \\d]\\d+: cs:(Unconfigured|\\w+ ro:\\w+/\\w+ ds:\\w+/\\w+ [ABC ]" + " [rs][a-][p-][u-][-dcbna][s-])";

    /** Kernel grouping: plain below 1,000 and for negatives, else %ld,%03ld or %ld,%03ld,%03ld. */
    private static boolean isGrouped(String number) {
        if (number.startsWith("-")) {
            return number.matches("-\\d+");
        }
        long value = Long.parseLong(number.replace(",", ""));
        if (value < 1000) {
            return number.matches("\\d{1,3}");
        } else if (value < 1_000_000) {
            return number.matches("[1-9]\\d{0,2},\\d{3}");
        }
        return number.matches("[1-9]\\d*,\\d{3},\\d{3}");
    }

    private static void parseOrTypedError(byte[] input) {
        for (ProcDrbdParser parser : List.of(ProcDrbdParser.lenient(), ProcDrbdParser.strict())) {
            try {
                ProcDrbdStatus status = parser.parse(input);
                assertThat(status.devices())
                        .allSatisfy(d -> assertThat(d.minor()).isBetween(0, 1 << 20));
            } catch (ProcDrbdParseException expected) {
                assertThat(expected.getMessage()).contains("expected");
            }
        }
    }

    @Provide
    Arbitrary<String> fixtures() {
        return Arbitraries.of(FIXTURES);
    }

    @Provide
    Arbitrary<List<Integer>> splits() {
        return Arbitraries.integers().between(1, 64).list().ofMinSize(1).ofMaxSize(40);
    }

    @Provide
    Arbitrary<ProcDrbdStatus> models() {
        return KernelModels.statuses();
    }

    @Provide
    Arbitrary<byte[]> noise() {
        Arbitrary<String> tokens = Arbitraries.of(
                "version: ",
                "8.4.11-1",
                " (api:1/proto:86-101)",
                "\n",
                " 0: ",
                "cs:",
                "Connected",
                "SyncTarget",
                " ro:",
                "Primary/Secondary",
                " ds:",
                "UpToDate/Inconsistent",
                " C ",
                "r-----",
                "    ns:",
                "oos:",
                "1,234",
                "\t[",
                "=====>",
                "....]",
                " sync'ed:",
                " 36.3%",
                " (12/34)K",
                "M",
                "finish: 0:00:47",
                " speed: ",
                "(1 -- 2)",
                " want: ",
                " K/sec",
                " (stalled)",
                "\r",
                "\0",
                "\u221e",
                ":",
                "/",
                "-",
                "999",
                "4294967296999999999999",
                "Transports (api:",
                "):",
                " tcp (1.0)",
                "GIT-hash: ",
                "\t");
        Arbitrary<byte[]> structured =
                tokens.list().ofMaxSize(60).map(l -> String.join("", l).getBytes(UTF8));
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        return Arbitraries.oneOf(structured, raw);
    }

    private static final java.nio.charset.Charset UTF8 = java.nio.charset.StandardCharsets.UTF_8;

    /** Fixtures with bytes overwritten, cut short, or a line dropped, duplicated or swapped. No flatMap: */
    // jqwik memoizes the generators of arbitraries that flatMap creates, which grows without bound over
    // 100,000 tries.
    @Provide
    Arbitrary<byte[]> mutants() {
        Arbitrary<Integer> anywhere = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        return Combinators.combine(
                        Arbitraries.of(FIXTURES),
                        Arbitraries.of("flip", "truncate", "drop", "duplicate", "swap"),
                        anywhere.list().ofMinSize(1).ofMaxSize(8),
                        Arbitraries.bytes(),
                        anywhere,
                        anywhere)
                .as((name, op, positions, value, i, j) -> mutate(Fixtures.bytes(name), op, positions, value, i, j));
    }

    private static byte[] mutate(byte[] original, String op, List<Integer> positions, byte value, int i, int j) {
        switch (op) {
            case "flip" -> {
                byte[] copy = original.clone();
                positions.forEach(p -> copy[p % copy.length] = value);
                return copy;
            }
            case "truncate" -> {
                return Arrays.copyOf(original, i % (original.length + 1));
            }
            default -> {
                return editLines(original, Tuple.of(i, j), op);
            }
        }
    }

    private static byte[] editLines(byte[] original, Tuple.Tuple2<Integer, Integer> at, String op) {
        List<String> lines = new ArrayList<>(Arrays.asList(new String(original, UTF8).split("\n", -1)));
        int i = at.get1() % lines.size();
        int j = at.get2() % lines.size();
        switch (op) {
            case "drop" -> lines.remove(i);
            case "duplicate" -> lines.add(j, lines.get(i));
            default -> {
                String a = lines.get(i);
                lines.set(i, lines.get(j));
                lines.set(j, a);
            }
        }
        return String.join("\n", lines).getBytes(UTF8);
    }

    /** Hands out the bytes in chunks of the given sizes (cycled): a read never crosses a split point. */
    private static final class SplitStream extends InputStream {
        private final ByteArrayInputStream in;
        private final List<Integer> sizes;
        private int next;

        SplitStream(byte[] data, List<Integer> sizes) {
            this.in = new ByteArrayInputStream(data);
            this.sizes = sizes;
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int size = sizes.get(next++ % sizes.size());
            return in.read(b, off, Math.min(len, size));
        }
    }
}
