package io.drbd4j.core.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.proc.InputModes.InputMode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The contracts of each input source: same model, no side effects on the caller's buffer, stream or channel. */
class InputSourcesTest {
    private static final String RICHEST_FIXTURE = "001";

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.drbd4j.core.proc.InputModes#named")
    void everyInputModeGivesTheModelOfTheByteArray(InputMode mode) throws IOException {
        for (String number : new String[] {"001", "004", "029", "030"}) {
            byte[] bytes = Fixtures.bytes(number);

            ProcDrbdStatus viaMode = mode.parse(ProcDrbdParser.lenient(), bytes);

            assertThat(viaMode)
                    .as("fixture %s", number)
                    .isEqualTo(ProcDrbdParser.lenient().parse(bytes));
        }
    }

    @Test
    void theInputModesAgreeOnEveryFixtureInBothModes() {
        for (String name : Fixtures.names()) {
            byte[] bytes = Fixtures.bytes(name);
            ProcDrbdStatus lenient = InputModes.parseConsistently(ProcDrbdParser.lenient(), bytes);
            try {
                assertThat(InputModes.parseConsistently(ProcDrbdParser.strict(), bytes))
                        .isEqualTo(lenient);
            } catch (ProcDrbdParseException e) {
                assertThat(InputModes.throwsConsistently(ProcDrbdParser.strict(), bytes)
                                .toProblem())
                        .as(name)
                        .isEqualTo(lenient.problems().get(0));
            }
        }
    }

    @Test
    void streamIsReadToItsEndAndNotClosed() throws IOException {
        boolean[] closed = {false};
        ByteArrayInputStream in = new ByteArrayInputStream(Fixtures.bytes(RICHEST_FIXTURE)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        ProcDrbdStatus s = ProcDrbdParser.lenient().parse(in);

        assertThat(s.devices()).hasSize(8);
        assertThat(in.available()).isZero();
        assertThat(closed[0]).isFalse();
    }

    @Test
    void sameOpenChannelCanBeParsedAgainForAFreshSnapshot(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("drbd");
        Files.write(file, Fixtures.bytes("008"));

        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ProcDrbdStatus first = ProcDrbdParser.strict().parse(channel);
            ProcDrbdStatus again = ProcDrbdParser.strict().parse(channel);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Fixtures.bytes("024")), 0);
            ProcDrbdStatus changed = ProcDrbdParser.strict().parse(channel);

            assertThat(again).isEqualTo(first);
            assertThat(Expect.minors(first)).containsExactly(0, 1, 2, 4, 6, 8);
            assertThat(Expect.minors(changed)).containsExactly(1);
        }
    }

    @Test
    void missingFileIsAnIoExceptionNotAParseResult(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-proc-drbd");

        assertThatThrownBy(() -> ProcDrbdParser.lenient().parse(missing)).isInstanceOf(IOException.class);
    }
}
