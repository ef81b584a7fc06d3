package io.drbd4j.core.proc;

import static io.drbd4j.core.proc.KernelText.GIT_TAG_84;
import static io.drbd4j.core.proc.KernelText.VERSION_84;
import static io.drbd4j.core.proc.KernelText.idleCounters;
import static io.drbd4j.core.proc.KernelText.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.drbd4j.core.model.ProcDrbdStatus;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Past a configured bound both modes throw, whatever the source; they never run out of memory or hang. */
class BoundsTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);

    private static ProcDrbdParser parser(ParseOptions.Mode mode, int maxLineLength, int maxDevices, long maxBytes) {
        return ProcDrbdParser.create(ParseOptions.builder()
                .mode(mode)
                .maxLineLength(maxLineLength)
                .maxDevices(maxDevices)
                .maxInputBytes(maxBytes)
                .build());
    }

    /** An endless source: the prefix once, then unit(0), unit(1), ... for ever. */
    static final class EndlessStream extends InputStream {
        private final IntFunction<String> unit;
        private byte[] current;
        private int next;
        private int pos;

        EndlessStream(String prefix, IntFunction<String> unit) {
            this.unit = unit;
            this.current = prefix.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int read() {
            while (pos == current.length) {
                current = unit.apply(next++).getBytes(StandardCharsets.UTF_8);
                pos = 0;
            }
            return current[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) {
                b[off + i] = (byte) read();
            }
            return len;
        }
    }

    private static final String HEADER = VERSION_84 + "\n" + GIT_TAG_84 + "\n";

    @ParameterizedTest
    @EnumSource(ParseOptions.Mode.class)
    void lineLongerThanTheLimitThrowsInEveryInputMode(ParseOptions.Mode mode) {
        String longLine = "    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0" + " ".repeat(40)
                + "x".repeat(100);
        byte[] text = KernelText.file(
                VERSION_84,
                GIT_TAG_84,
                state(0, "Connected", "Primary/Secondary", "UpToDate/UpToDate", 'C', "r-----"),
                longLine);

        ProcDrbdParseException e = InputModes.throwsConsistently(parser(mode, 123, 10, 1 << 20), text);

        assertThat(e.getMessage()).contains("123");
        assertThat(e.line()).isEqualTo(4);
    }

    @ParameterizedTest
    @EnumSource(ParseOptions.Mode.class)
    void endlessLineWithoutNewlineEndsWithTheLineLengthError(ParseOptions.Mode mode) {
        ProcDrbdParser parser = parser(mode, 4096, 10, Long.MAX_VALUE);

        ProcDrbdParseException e = assertTimeoutPreemptively(
                LIMIT,
                () -> catchThrowableOfType(
                        ProcDrbdParseException.class,
                        () -> parser.parse(new EndlessStream(VERSION_84 + "\n", n -> "x"))));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("4096");
    }

    @Test
    void endlessLineWithDefaultBoundsEndsWithTheDefaultLineLengthError() {
        ProcDrbdParseException e = assertTimeoutPreemptively(
                LIMIT,
                () -> catchThrowableOfType(ProcDrbdParseException.class, () -> ProcDrbdParser.lenient()
                        .parse(new EndlessStream("", n -> "x"))));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains(String.valueOf(ParseOptions.DEFAULT_MAX_LINE_LENGTH));
    }

    @ParameterizedTest
    @EnumSource(ParseOptions.Mode.class)
    void endlessValidLookingDevicesExceedTheInputLimit(ParseOptions.Mode mode) {
        ProcDrbdParser parser = parser(mode, 1024, ParseOptions.DEFAULT_MAX_DEVICES, 65_536);
        InputStream endless = new EndlessStream(
                HEADER,
                minor -> state(minor, "Connected", "Primary/Secondary", "UpToDate/UpToDate", 'C', "r-----") + "\n"
                        + idleCounters('f', 0) + "\n");

        ProcDrbdParseException e = assertTimeoutPreemptively(
                LIMIT, () -> catchThrowableOfType(ProcDrbdParseException.class, () -> parser.parse(endless)));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("65536");
    }

    @ParameterizedTest
    @EnumSource(ParseOptions.Mode.class)
    void endlessBlankLinesExceedTheInputLimit(ParseOptions.Mode mode) {
        ProcDrbdParser parser = parser(mode, 1024, 10, 100_000);

        ProcDrbdParseException e = assertTimeoutPreemptively(
                LIMIT,
                () -> catchThrowableOfType(
                        ProcDrbdParseException.class, () -> parser.parse(new EndlessStream(HEADER, n -> "\n"))));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("100000");
    }

    @ParameterizedTest
    @EnumSource(ParseOptions.Mode.class)
    void arrayLargerThanTheInputLimitThrowsInEveryInputMode(ParseOptions.Mode mode) {
        byte[] text = KernelText.file(
                VERSION_84,
                GIT_TAG_84,
                state(0, "Connected", "Primary/Secondary", "UpToDate/UpToDate", 'C', "r-----"),
                idleCounters('f', 0));

        ProcDrbdParseException e = InputModes.throwsConsistently(parser(mode, 1024, 10, 200), text);

        assertThat(e.getMessage()).contains("200");
    }

    private static byte[] devices(int count) {
        List<String> lines = new ArrayList<>(List.of(VERSION_84, GIT_TAG_84));
        for (int minor = 0; minor < count; minor++) {
            lines.add(state(minor, "Connected", "Primary/Secondary", "UpToDate/UpToDate", 'C', "r-----"));
            lines.add(idleCounters('f', 0));
        }
        return KernelText.file(lines.toArray(String[]::new));
    }

    @ParameterizedTest
    @EnumSource(ParseOptions.Mode.class)
    void moreDevicesThanTheLimitThrowsInEveryInputMode(ParseOptions.Mode mode) {
        ProcDrbdParseException e = InputModes.throwsConsistently(parser(mode, 1024, 2, 1 << 20), devices(3));

        assertThat(e.getMessage()).containsIgnoringCase("device").contains("2");
        assertThat(e.line()).as("the third device's state line").isEqualTo(7);
    }

    @ParameterizedTest
    @EnumSource(ParseOptions.Mode.class)
    void exactlyTheDeviceLimitIsAccepted(ParseOptions.Mode mode) {
        ProcDrbdStatus s = InputModes.parseConsistently(parser(mode, 1024, 2, 1 << 20), devices(2));

        assertThat(Expect.minors(s)).containsExactly(0, 1);
        assertThat(s.problems()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ParseOptions.Mode.class)
    void unconfiguredMinorsCountAsDevices(ParseOptions.Mode mode) {
        byte[] text = KernelText.file(
                VERSION_84,
                GIT_TAG_84,
                KernelText.unconfigured(0),
                KernelText.unconfigured(1),
                KernelText.unconfigured(2));

        ProcDrbdParseException e = InputModes.throwsConsistently(parser(mode, 1024, 2, 1 << 20), text);

        assertThat(e.line()).isEqualTo(5);
    }

    @ParameterizedTest
    @EnumSource(ParseOptions.Mode.class)
    void inputOfExactlyTheByteLimitIsAcceptedAndOneByteMoreIsNot(ParseOptions.Mode mode) {
        byte[] text = devices(1);

        ProcDrbdStatus s = InputModes.parseConsistently(parser(mode, 1024, 10, text.length), text);
        ProcDrbdParseException e = InputModes.throwsConsistently(parser(mode, 1024, 10, text.length - 1), text);

        assertThat(Expect.minors(s)).containsExactly(0);
        assertThat(e.getMessage()).contains(String.valueOf(text.length - 1));
    }

    @ParameterizedTest
    @EnumSource(ParseOptions.Mode.class)
    void lineOfExactlyTheLengthLimitIsAcceptedAndOneByteMoreIsNot(ParseOptions.Mode mode) {
        String tag = GIT_TAG_84; // the longest line
        byte[] text = KernelText.file(
                VERSION_84,
                tag,
                state(0, "Connected", "Primary/Secondary", "UpToDate/UpToDate", 'C', "r-----"),
                idleCounters('f', 0));

        ProcDrbdStatus s = InputModes.parseConsistently(parser(mode, tag.length(), 10, 1 << 20), text);
        ProcDrbdParseException e = InputModes.throwsConsistently(parser(mode, tag.length() - 1, 10, 1 << 20), text);

        assertThat(s.buildTag().orElseThrow().text()).isEqualTo(tag);
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains(String.valueOf(tag.length() - 1));
    }

    @Test
    void emptyInputIsAProblemLeniently() {
        ProcDrbdStatus s = InputModes.parseConsistently(ProcDrbdParser.lenient(), new byte[0]);

        assertThat(s.devices()).isEmpty();
        assertThat(s.version()).isEmpty();
        assertThat(s.buildTag()).isEmpty();
        assertThat(s.problems()).hasSize(1);
        assertThat(s.problems().get(0).message()).contains("version");
    }

    @Test
    void emptyInputThrowsStrictly() {
        ProcDrbdParseException e = InputModes.throwsConsistently(ProcDrbdParser.strict(), new byte[0]);

        assertThat(e.getMessage()).contains("version").contains("(expected:");
    }

    @Test
    void lineLengthBelow80IsRejectedByTheOptions() {
        assertThatThrownBy(() -> ParseOptions.builder().maxLineLength(79).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("79");
    }
}
