package io.drbd4j.core.proc;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.model.SyncProgress;
import io.drbd4j.core.model.Transport;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * The generators that found the robustness bugs of the reader and writer: numbers past every width, lines at the
 * length bound with every line end, control characters, the old stalled and verify lines, and problem storms.
 * No flatMap: jqwik memoizes the generators flatMap creates, which grows without bound over long runs.
 */
@AddLifecycleHook(SeedFromSystemProperty.class)
class RobustnessPropertiesTest {
    private static final String HEADER_84 = "version: 8.4.11-1 (api:1/proto:86-101)\n"
            + "GIT-hash: 66145a308421e9c124ec391a7848ac20203bb03c build by mockbuild@, 2018-11-03\n";
    /** A header whose lines fit the smallest bound tried, 80 bytes. */
    private static final String SHORT_HEADER = "version: 8.4.11-1 (api:1/proto:86-101)\nbuilt-in\n";

    private static final String TAG = "GIT-hash: 66145a308421e9c124ec391a7848ac20203bb03c build by mockbuild@, 2018\n";
    private static final String COUNTERS = "    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0\n";
    private static final String SYNC_TARGET =
            HEADER_84 + " 0: cs:SyncTarget ro:Secondary/Primary ds:Inconsistent/UpToDate C r-----\n" + COUNTERS;
    private static final String FINISH = "\tfinish: 0:00:47 speed: 35,152 (18,124) K/sec\n";
    private static final BigInteger KIB_PER_MIB = BigInteger.valueOf(1024);

    /** Where a number goes, and how to read it back from the model (empty when the model has no such value). */
    private record Slot(String name, String template, Function<ProcDrbdStatus, Optional<BigInteger>> read, long scale) {
        byte[] text(String number) {
            return Expect.utf8(template.replace("N", number));
        }
    }

    private static Optional<BigInteger> big(long v) {
        return Optional.of(BigInteger.valueOf(v));
    }

    private static Optional<SyncProgress> sync(ProcDrbdStatus s) {
        return s.devices().isEmpty() ? Optional.empty() : s.devices().get(0).sync();
    }

    private static final List<Slot> SLOTS = List.of(
            new Slot(
                    "api",
                    "version: 8.4.11-1 (api:N/proto:86-101)\n" + TAG,
                    s -> s.version().flatMap(v -> big(v.api())),
                    1),
            new Slot(
                    "proto",
                    "version: 8.0.16 (api:86/proto:N)\n" + TAG,
                    s -> s.version().flatMap(v -> big(v.protoMin())),
                    1),
            new Slot(
                    "protoMax",
                    "version: 8.4.11-1 (api:1/proto:0-N)\n" + TAG,
                    s -> s.version().flatMap(v -> big(v.protoMax())),
                    1),
            new Slot(
                    "transports",
                    "version: 9.2.8 (api:2/proto:86-122)\n" + TAG + "Transports (api:N): tcp (9.2.8)\n",
                    s -> s.transportsApi().isPresent() ? big(s.transportsApi().getAsInt()) : Optional.empty(),
                    1),
            new Slot(
                    "minor",
                    HEADER_84 + " N: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----\n" + COUNTERS,
                    s -> s.devices().isEmpty()
                            ? Optional.empty()
                            : big(s.devices().get(0).minor()),
                    1),
            new Slot(
                    "ns",
                    HEADER_84 + " 0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----\n"
                            + COUNTERS.replace("ns:0", "ns:N"),
                    s -> s.devices().get(0).counters().flatMap(c -> big(c.ns())),
                    1),
            new Slot(
                    "leftMiB",
                    SYNC_TARGET + "\t[>....................] sync'ed:  0.1% (N/1024)M\n" + FINISH,
                    s -> sync(s).flatMap(p -> big(p.leftKiB())),
                    1024),
            new Slot(
                    "totalMiB",
                    SYNC_TARGET + "\t[>....................] sync'ed:  0.1% (0/N)M\n" + FINISH,
                    s -> sync(s).flatMap(p -> big(p.totalKiB())),
                    1024),
            new Slot(
                    "leftKiB",
                    SYNC_TARGET + "\t[>....................] sync'ed:  0.1% (N/1024)K\n" + FINISH,
                    s -> sync(s).flatMap(p -> big(p.leftKiB())),
                    1),
            new Slot(
                    "finishHours",
                    SYNC_TARGET + "\t[>....................] sync'ed:  0.1% (0/1024)K\n"
                            + FINISH.replace("0:00:47", "N:00:00"),
                    s -> sync(s).flatMap(p -> p.finish()).flatMap(d -> big(d.getSeconds())),
                    3600),
            new Slot(
                    "oldVerifyTotal",
                    HEADER_84 + " 0: cs:VerifyS ro:Primary/Secondary ds:UpToDate/UpToDate C r-----\n" + COUNTERS
                            + "\t 42%      0/N\n",
                    s -> sync(s).flatMap(p -> big(p.totalKiB())),
                    4));

    @Provide
    Arbitrary<String> numbers() {
        Arbitrary<String> edges = Combinators.combine(
                        Arbitraries.of(8, 16, 20, 31, 32, 52, 53, 54, 61, 62, 63, 64, 65),
                        Arbitraries.integers().between(-3, 3))
                .as((bits, delta) -> BigInteger.ONE
                        .shiftLeft(bits)
                        .add(BigInteger.valueOf(delta))
                        .max(BigInteger.ZERO)
                        .toString());
        Arbitrary<String> digits =
                Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(26);
        return Arbitraries.oneOf(edges, digits);
    }

    @Property
    void numbersPastEveryWidthAreReadExactlyOrRefused(
            @ForAll("numbers") String number, @ForAll("slotIndexes") int slotIndex) {
        Slot slot = SLOTS.get(slotIndex);
        byte[] text = slot.text(number);
        BigInteger expected = new BigInteger(number).multiply(BigInteger.valueOf(slot.scale()));
        try {
            ProcDrbdStatus strict = ProcDrbdParser.strict().parse(text);
            assertThat(slot.read().apply(strict))
                    .as("%s %s", slot.name(), number)
                    .contains(expected);
        } catch (ProcDrbdParseException refused) {
            assertThat(refused.getMessage()).contains("expected");
        }
        ProcDrbdStatus lenient = ProcDrbdParser.lenient().parse(text);
        slot.read().apply(lenient).ifPresent(v -> assertThat(v)
                .as("%s %s leniently", slot.name(), number)
                .isEqualTo(expected));
    }

    @Provide
    Arbitrary<Integer> slotIndexes() {
        return Arbitraries.integers().between(0, SLOTS.size() - 1);
    }

    @Property
    void linesAtTheBoundAreAcceptedWhateverTheirLineEnd(
            @ForAll("bounds") int max,
            @ForAll("nearBound") int delta,
            @ForAll("lineEnds") String end,
            @ForAll boolean asDetail,
            @ForAll("chunkSeeds") long seed)
            throws IOException {
        int length = max + delta;
        String line = asDetail
                ? "\tresync: " + "u".repeat(length - "\tresync: ".length())
                : "GIT-hash: " + "a".repeat(length - "GIT-hash: ".length());
        // Lines before it end as the tested one does when that is CRLF; a lone CR or nothing only ends the input.
        String sep = end.equals("\r\n") ? "\r\n" : "\n";
        String text = asDetail
                ? SHORT_HEADER.replace("\n", sep) + " 0: cs:Unconfigured" + sep + line + end
                : "version: 8.4.11-1 (api:1/proto:86-101)" + sep + line + end;
        byte[] data = Expect.utf8(text);
        for (ParseOptions.Mode mode : ParseOptions.Mode.values()) {
            ProcDrbdParser parser = ProcDrbdParser.create(
                    ParseOptions.builder().mode(mode).maxLineLength(max).build());
            try {
                ProcDrbdStatus whole = parser.parse(data);
                assertThat(length)
                        .as("accepted a line of %d bytes over %d", length, max)
                        .isLessThanOrEqualTo(max);
                assertThat(parser.parse(new InputModes.ChunkedInputStream(data, seed)))
                        .isEqualTo(whole);
                assertThat(whole.problems()).isEmpty();
            } catch (ProcDrbdParseException refused) {
                assertThat(length).as(refused.getMessage()).isGreaterThan(max);
                assertThat(refused.getMessage()).contains("longer than " + max);
            }
        }
    }

    @Provide
    Arbitrary<Integer> bounds() {
        return Arbitraries.of(80, 81, 8190, 8191, 8192, 8193, 16383, ParseOptions.DEFAULT_MAX_LINE_LENGTH, 16385);
    }

    @Provide
    Arbitrary<Integer> nearBound() {
        return Arbitraries.integers().between(-3, 3);
    }

    @Provide
    Arbitrary<String> lineEnds() {
        return Arbitraries.of("\n", "\r\n", "\r", "");
    }

    @Provide
    Arbitrary<Long> chunkSeeds() {
        return Arbitraries.longs();
    }

    /** C0 and C1 controls, DEL, line separators and bidirectional overrides. */
    @Provide
    Arbitrary<List<String>> controls() {
        return Arbitraries.oneOf(
                        Arbitraries.chars().range('\u0000', '\u001f').map(String::valueOf),
                        Arbitraries.chars().range('\u007f', '\u009f').map(String::valueOf),
                        Arbitraries.of("\u2028", "\u2029", "\u202e", "\u2066", "\u200b", "\ufeff", "\u001b[31m"))
                .list()
                .ofMinSize(1)
                .ofMaxSize(5);
    }

    @Property
    void controlCharactersNeverReachAProblemMessage(
            @ForAll("controls") List<String> controls,
            @ForAll List<@net.jqwik.api.constraints.IntRange(min = 0, max = 2000) Integer> positions) {
        StringBuilder text = new StringBuilder(ReaderAllocationTest.SAMPLE);
        for (int i = 0; i < Math.min(controls.size(), positions.size()); i++) {
            text.insert(positions.get(i) % (text.length() + 1), controls.get(i));
        }
        byte[] data = Expect.utf8(text.toString());
        ProcDrbdStatus lenient = ProcDrbdParser.lenient().parse(data);
        assertThat(lenient.problems()).allSatisfy(p -> {
            assertThat(ProblemTextTest.hasUnsafe(p.message())).as(p.message()).isFalse();
            assertThat(ProblemTextTest.hasUnsafe(p.toString())).as(p.toString()).isFalse();
        });
        try {
            ProcDrbdParser.strict().parse(data);
        } catch (ProcDrbdParseException e) {
            assertThat(ProblemTextTest.hasUnsafe(e.getMessage()))
                    .as(e.getMessage())
                    .isFalse();
            assertThat(ProblemTextTest.hasUnsafe(e.detail())).as(e.detail()).isFalse();
        }
    }

    @Provide
    Arbitrary<String> junk() {
        return Arbitraries.of("x", "ns:x", "nr:-", "oos:", "wo:q", "[", "\u001b", "ns:0", "(", "%", "zz:1");
    }

    @Property
    void problemStormsStayWithinTheCaps(
            @ForAll("junk") String token,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 8000) int perLine,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 60) int lines,
            @ForAll boolean underDevices) {
        StringBuilder text = new StringBuilder(HEADER_84);
        String line = (" " + token)
                .repeat(Math.min(perLine, (ParseOptions.DEFAULT_MAX_LINE_LENGTH - 8) / (token.length() + 1)));
        for (int i = 0; i < lines; i++) {
            if (underDevices) {
                text.append(String.format(" %d: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----\n", i));
                text.append("    ns:0").append(line).append('\n');
            } else {
                text.append(line).append('\n');
            }
        }
        ProcDrbdStatus s = ProcDrbdParser.lenient().parse(Expect.utf8(text.toString()));

        assertThat(s.problems()).hasSizeLessThanOrEqualTo(ParseOptions.MAX_PROBLEMS + 1);
        Map<Integer, List<ParseProblem>> byLine =
                s.problems().stream().collect(Collectors.groupingBy(ParseProblem::line));
        assertThat(byLine.values()).allSatisfy(ps -> {
            assertThat(ps).hasSizeLessThanOrEqualTo(ParseOptions.MAX_PROBLEMS_PER_LINE + 1);
            Set<String> texts = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            ps.forEach(p -> texts.add(p.lineText()));
            assertThat(texts).as("one shared text per line").hasSize(1);
        });
        assertThat(s.problems()).allSatisfy(p -> {
            assertThat(p.message()).hasSizeLessThanOrEqualTo(ParseProblem.MAX_TEXT_LENGTH);
            assertThat(p.lineText()).hasSizeLessThanOrEqualTo(ParseProblem.MAX_TEXT_LENGTH);
        });
    }

    /** Models a DRBD 8.4 kernel prints, with the awkward parts the writer once lost or mangled. */
    @Provide
    Arbitrary<ProcDrbdStatus> awkwardModels() {
        Arbitrary<String> detailText = Arbitraries.oneOf(
                Arbitraries.integers()
                        .between(ParseOptions.DEFAULT_MAX_LINE_LENGTH - 3, ParseOptions.DEFAULT_MAX_LINE_LENGTH + 1)
                        .map(n -> "resync: " + "x".repeat(n - 8)),
                Arbitraries.strings().ofMaxLength(12).map(t -> "act_log: " + t),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(12));
        Arbitrary<String> names = Arbitraries.oneOf(
                Arbitraries.of("tcp", "rdma", "", " ", "\u0001", "a b", "x(y", "t)"),
                Arbitraries.strings()
                        .withCharRange('\u0000', '\u007f')
                        .ofMinLength(1)
                        .ofMaxLength(4));
        return Combinators.combine(
                        KernelModels.statuses(),
                        Arbitraries.of("none", "stalled", "oldVerify", "speedless"),
                        detailText.list().ofMaxSize(2),
                        names.list().ofMaxSize(2),
                        Arbitraries.integers().between(0, 100),
                        Arbitraries.longs().between(0, 1L << 40))
                .as(RobustnessPropertiesTest::awkward);
    }

    private static ProcDrbdStatus awkward(
            ProcDrbdStatus base, String progress, List<String> details, List<String> names, int pct, long bits) {
        List<DeviceStatus> devices = new ArrayList<>();
        for (DeviceStatus d : base.devices()) {
            DeviceStatus.Builder b = DeviceStatus.builder().from(d).addAllDetails(details);
            d.sync().ifPresent(s -> b.sync(oldForm(s, progress, pct, bits)));
            devices.add(b.build());
        }
        ProcDrbdStatus.Builder b = ProcDrbdStatus.builder().from(base).devices(devices);
        if (base.transportsApi().isPresent()) {
            b.transports(names.stream().map(n -> Transport.of(n, "1.0.0")).toList());
        }
        return b.build();
    }

    private static SyncProgress oldForm(SyncProgress s, String progress, int pct, long bits) {
        SyncProgress.Builder b = SyncProgress.builder().kind(s.kind()).unit(s.unit());
        switch (progress) {
            case "stalled" -> {
                return b.perMille(s.perMille())
                        .leftKiB(s.leftKiB())
                        .totalKiB(s.totalKiB())
                        .stalled(true)
                        .build();
            }
            case "oldVerify" -> {
                return b.perMille(pct * 10)
                        .unit(SyncProgress.Unit.KIB)
                        .totalKiB(bits * 4)
                        .leftKiB(bits * 4 * (100 - pct) / 100 / 4 * 4)
                        .build();
            }
            case "speedless" -> {
                return b.perMille(s.perMille())
                        .leftKiB(s.leftKiB())
                        .totalKiB(s.totalKiB())
                        .finish(s.finish())
                        .build();
            }
            default -> {
                return s;
            }
        }
    }

    @Property
    void whatTheWriterAcceptsReadsBackStrictlyAsTheSameModel(@ForAll("awkwardModels") ProcDrbdStatus model) {
        WriterRoundTripTest.assertRoundTrips(model);
    }
}
