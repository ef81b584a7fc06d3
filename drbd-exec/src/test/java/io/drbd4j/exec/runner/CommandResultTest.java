package io.drbd4j.exec.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The text accessors, success and the one-line description of a {@link CommandResult}. */
class CommandResultTest {
    private static final Command PRIMARY = Command.of(Duration.ofSeconds(10), "drbdadm", "primary", "pc0");

    private static CommandResult result(int exitCode, byte[] stdout, byte[] stderr) {
        return CommandResult.builder()
                .command(PRIMARY)
                .exitCode(exitCode)
                .stdout(stdout)
                .stderr(stderr)
                .duration(Duration.ofMillis(42))
                .build();
    }

    @Test
    void textAccessorsDecodeUtf8AndKeepNulCharacters() {
        CommandResult result = result(
                0,
                "version: 8.4.11\0 \u00e4\n".getBytes(StandardCharsets.UTF_8),
                "\u0440\u04410\0".getBytes(StandardCharsets.UTF_8));

        assertThat(result.stdoutText()).isEqualTo("version: 8.4.11\0 \u00e4\n");
        assertThat(result.stderrText()).isEqualTo("\u0440\u04410\0");
    }

    @Test
    void textAccessorsReplaceMalformedBytesInsteadOfFailing() {
        CommandResult result =
                result(0, new byte[] {'o', 'k', (byte) 0xff, (byte) 0xc3, '!'}, new byte[] {(byte) 0xe2, (byte) 0x82});

        assertThat(result.stdoutText()).isEqualTo("ok\ufffd\ufffd!");
        assertThat(result.stderrText()).isEqualTo("\ufffd");
        assertThat(result.stdout()).isEqualTo(new byte[] {'o', 'k', (byte) 0xff, (byte) 0xc3, '!'});
    }

    @Test
    void outputBytesAreCopiedInAndOut() {
        byte[] stdout = "Primary\n".getBytes(StandardCharsets.UTF_8);
        CommandResult result = result(0, stdout, new byte[0]);

        stdout[0] = 'X';
        result.stdout()[1] = 'X';

        assertThat(result.stdoutText()).isEqualTo("Primary\n");
    }

    @Test
    void succeededOnlyForExitCodeZero() {
        assertThat(result(0, new byte[0], new byte[0]).succeeded()).isTrue();
        assertThat(result(1, new byte[0], new byte[0]).succeeded()).isFalse();
        assertThat(result(11, new byte[0], new byte[0]).succeeded()).isFalse();
        assertThat(result(-1, new byte[0], new byte[0]).succeeded()).isFalse();
    }

    @Test
    void truncationFlagsDefaultToFalse() {
        CommandResult result = result(0, new byte[0], new byte[0]);

        assertThat(result.stdoutTruncated()).isFalse();
        assertThat(result.stderrTruncated()).isFalse();
        assertThat(CommandResult.builder()
                        .from(result)
                        .stdoutTruncated(true)
                        .build()
                        .stdoutTruncated())
                .isTrue();
    }

    @Test
    void ofBuildsAResultThatTookNoTime() {
        CommandResult result = CommandResult.of(PRIMARY, 11, "out\n", "err\n");

        assertThat(result.command()).isEqualTo(PRIMARY);
        assertThat(result.exitCode()).isEqualTo(11);
        assertThat(result.stdoutText()).isEqualTo("out\n");
        assertThat(result.stderrText()).isEqualTo("err\n");
        assertThat(result.duration()).isEqualTo(Duration.ZERO);
    }

    @Test
    void toStringShowsTheExitCodeCommandAndFirstLineOfStderr() {
        CommandResult result = CommandResult.of(
                PRIMARY,
                11,
                "",
                "\n0: State change failed: (-2) Need access to UpToDate data\nadditional info from kernel:\n");

        assertThat(result)
                .hasToString("exit 11 from drbdadm primary pc0:"
                        + " 0: State change failed: (-2) Need access to UpToDate data");
    }

    @Test
    void toStringEndsTheFirstLineOfStderrAtACarriageReturnToo() {
        CommandResult result = CommandResult.of(PRIMARY, 1, "", "first line\r\nsecond line\r\n");

        assertThat(result).hasToString("exit 1 from drbdadm primary pc0: first line");
    }

    @Test
    void toStringLeavesOutAnEmptyOrBlankStderr() {
        assertThat(CommandResult.of(PRIMARY, 0, "Primary\n", "")).hasToString("exit 0 from drbdadm primary pc0");
        assertThat(CommandResult.of(PRIMARY, 3, "", " \n\t\n")).hasToString("exit 3 from drbdadm primary pc0");
    }
}
