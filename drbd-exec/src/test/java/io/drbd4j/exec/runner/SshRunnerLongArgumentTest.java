package io.drbd4j.exec.runner;

import static io.drbd4j.exec.runner.SshFixture.SHORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One argument may hold {@code Command.MAX_ARGUMENT_BYTES} bytes of UTF-8 for both runners: over ssh, where each
 * {@code '} becomes 4 bytes after quoting and each byte outside ASCII 4 ({@code \ooo}), one at the limit still fits
 * Linux's 131,072-byte limit on one argument (the remote shell's {@code -c} line) and arrives byte for byte; one
 * byte more is refused when the command is built, with the same message whichever runner was meant to run it.
 */
class SshRunnerLongArgumentTest {
    @RegisterExtension
    static final SshFixture SSHD = new SshFixture();

    private static final int LIMIT = 30_000;

    @Test
    void anArgumentAtTheLimitOfQuotesOrAccentsArrivesByteForByteOverSsh() {
        for (String arg : List.of("'".repeat(LIMIT), "é".repeat(LIMIT / 2), "é'".repeat(LIMIT / 3))) {
            assertThat(arg.getBytes(StandardCharsets.UTF_8)).hasSize(LIMIT);

            CommandResult result = SshFixture.run(SSHD.runner(), Command.of(SHORT, "printf", "%s", arg));

            assertThat(result.exitCode()).as(result.stderrText()).isZero();
            assertThat(result.stdout()).isEqualTo(arg.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void bothRunnersRefuseAnArgumentOverTheLimitWithTheSameMessage() {
        for (String arg : List.of("'".repeat(40_000), "é".repeat(20_000), "'".repeat(LIMIT + 1))) {
            int bytes = arg.getBytes(StandardCharsets.UTF_8).length;
            IllegalArgumentException local =
                    catchThrowableOfType(IllegalArgumentException.class, () -> CommonsExecRunner.create()
                            .run(Command.of(SHORT, "printf", "%s", arg)));
            IllegalArgumentException remote = catchThrowableOfType(
                    IllegalArgumentException.class,
                    () -> SshFixture.run(SSHD.runner(), Command.of(SHORT, "printf", "%s", arg)));

            assertThat(local).as("on this host, %d bytes", bytes).isNotNull();
            assertThat(remote).as("over ssh, %d bytes", bytes).isNotNull();
            assertThat(remote).hasMessage(local.getMessage());
            assertThat(local)
                    .hasMessageStartingWith("argv[2] has " + bytes + " bytes")
                    .hasMessageContaining("at most " + LIMIT);
        }
    }
}
