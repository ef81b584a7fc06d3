package io.drbd4j.exec.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a {@link Command} accepts, its defaults, and how it shows itself. */
class CommandTest {
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    @Test
    void ofKeepsTheArgvTimeoutAndProgram() {
        Command command = Command.of(TEN_SECONDS, "drbdadm", "role", "pc0");

        assertThat(command.argv()).containsExactly("drbdadm", "role", "pc0");
        assertThat(command.program()).isEqualTo("drbdadm");
        assertThat(command.timeout()).isEqualTo(TEN_SECONDS);
        assertThat(Command.of(TEN_SECONDS, List.of("drbdadm", "role", "pc0"))).isEqualTo(command);
    }

    @Test
    void theArgvIsACopyThatCannotBeChanged() {
        List<String> argv = new ArrayList<>(List.of("drbdadm", "role", "pc0"));
        Command command = Command.of(TEN_SECONDS, argv);

        argv.set(2, "r1");

        assertThat(command.argv()).containsExactly("drbdadm", "role", "pc0");
        assertThatThrownBy(() -> command.argv().add("--force")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anEmptyArgvIsRejected() {
        assertThatThrownBy(() -> Command.of(TEN_SECONDS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("command without a program (expected: argv starting with one)");
        assertThatThrownBy(() -> Command.of(TEN_SECONDS, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("command without a program");
    }

    @Test
    void anEmptyProgramIsRejected() {
        assertThatThrownBy(() -> Command.of(TEN_SECONDS, "", "role"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("command without a program");
    }

    @Test
    void aNullArgumentIsRejected() {
        assertThatThrownBy(() -> Command.of(TEN_SECONDS, "drbdadm", null, "pc0"))
                .isInstanceOfAny(NullPointerException.class, IllegalArgumentException.class)
                .hasMessageContaining("argv");
        assertThatThrownBy(() -> Command.of(TEN_SECONDS, Arrays.asList("drbdadm", null)))
                .isInstanceOfAny(NullPointerException.class, IllegalArgumentException.class)
                .hasMessageContaining("argv");
    }

    @Test
    void anArgumentWithANulCharacterIsRejectedWithoutARawNulInTheMessage() {
        assertThatThrownBy(() -> Command.of(TEN_SECONDS, "drbdadm", "role", "pc0\0--force"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("argument with a NUL character in drbdadm role 'pc0\\0--force'"
                        + " (expected: none; a process cannot receive NUL in argv)")
                .message()
                .doesNotContain("\0");
    }

    @Test
    void aTimeoutIsRequired() {
        assertThatThrownBy(() ->
                        Command.builder().addArgv("drbdadm", "role", "pc0").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("timeout");
        assertThatThrownBy(() -> Command.of(null, "drbdadm"))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("timeout");
    }

    @Test
    void aZeroOrNegativeTimeoutIsRejected() {
        assertThatThrownBy(() -> Command.of(Duration.ZERO, "drbdadm"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout PT0S (expected: positive)");
        assertThatThrownBy(() -> Command.of(Duration.ofMillis(-1), "drbdadm"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout PT-0.001S (expected: positive)");
        assertThat(Command.of(Duration.ofNanos(1), "drbdadm").timeout()).isEqualTo(Duration.ofNanos(1));
    }

    @Test
    void theEnvironmentDefaultsToLcAllC() {
        assertThat(Command.of(TEN_SECONDS, "drbdadm").environment()).isEqualTo(Map.of("LC_ALL", "C"));
    }

    @Test
    void anEnvironmentThatIsSetReplacesTheDefault() {
        Command empty = Command.builder()
                .timeout(TEN_SECONDS)
                .addArgv("drbdadm")
                .environment(Map.of())
                .build();
        Command custom = Command.builder()
                .timeout(TEN_SECONDS)
                .addArgv("drbdadm")
                .putEnvironment("LANG", "C.UTF-8")
                .putEnvironment("_DRBD_X1", "")
                .build();

        assertThat(empty.environment()).isEmpty();
        assertThat(custom.environment()).isEqualTo(Map.of("LANG", "C.UTF-8", "_DRBD_X1", ""));
    }

    @Test
    void environmentVariableNamesOtherThanLettersDigitsAndUnderscoreAreRejected() {
        for (String name : List.of("", "1ABC", "A=B", "A B", "A-B", "LC_ALL;id", "A\nB", "\u00c4")) {
            assertThatThrownBy(() -> Command.builder()
                            .timeout(TEN_SECONDS)
                            .addArgv("env")
                            .putEnvironment(name, "x")
                            .build())
                    .as(name)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("environment variable name \"" + name + "\" (expected: letters, digits, _)");
        }
    }

    @Test
    void anEnvironmentValueWithANulCharacterIsRejected() {
        assertThatThrownBy(() -> Command.builder()
                        .timeout(TEN_SECONDS)
                        .addArgv("env")
                        .putEnvironment("LC_ALL", "C\0x")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("environment variable LC_ALL with a NUL character"
                        + " (expected: none; a process cannot receive NUL in its environment)");
    }

    @Test
    void environmentValuesMayHoldAnyOtherText() {
        Command command = Command.builder()
                .timeout(TEN_SECONDS)
                .addArgv("env")
                .putEnvironment("X", "a b;$(id)\n'")
                .build();

        assertThat(command.environment()).containsEntry("X", "a b;$(id)\n'");
    }

    @Test
    void toShellStringQuotesTheWordsThatNeedIt() {
        Command command = Command.of(TEN_SECONDS, "drbdadm", "--", "primary", "it's pc0", "$(id)", "");

        assertThat(command.toShellString()).isEqualTo("drbdadm -- primary 'it'\\''s pc0' '$(id)' ''");
        assertThat(command).hasToString(command.toShellString());
    }

    @Test
    void stdinAndWorkingDirectoryAreEmptyUnlessSet() {
        Command plain = Command.of(TEN_SECONDS, "cat");
        Command full = Command.builder()
                .timeout(TEN_SECONDS)
                .addArgv("cat")
                .stdin("resource pc0 {}\n".getBytes(StandardCharsets.UTF_8))
                .workingDirectory(Path.of("/etc/drbd.d"))
                .build();

        assertThat(plain.stdin()).isEmpty();
        assertThat(plain.workingDirectory()).isEmpty();
        assertThat(full.stdin()).hasValueSatisfying(bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8))
                .isEqualTo("resource pc0 {}\n"));
        assertThat(full.workingDirectory()).contains(Path.of("/etc/drbd.d"));
    }

    @Test
    void argumentsMayHoldAnyTextButNul() {
        Command command = Command.of(TEN_SECONDS, "printf", "%s", "line1\nline2", "\u0440\u04410", "-", " ");

        assertThat(command.argv()).containsExactly("printf", "%s", "line1\nline2", "\u0440\u04410", "-", " ");
    }

    @Test
    void anArgumentOverTheLimitIsRejectedNamingItsIndexBytesAndTheLimit() {
        String fits = "é".repeat(Command.MAX_ARGUMENT_BYTES / 2);
        String over = "é".repeat(Command.MAX_ARGUMENT_BYTES / 2) + "x";

        assertThat(Command.of(TEN_SECONDS, "printf", "%s", fits).argv()).hasSize(3);
        assertThatThrownBy(() -> Command.of(TEN_SECONDS, "printf", "%s", over))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("argv[2] has 30001 bytes of UTF-8 (expected: at most 30000 per argument; pass longer input"
                        + " on standard input)");
    }

    @Test
    void anEnvironmentValueOverTheLimitIsRejected() {
        assertThatThrownBy(() -> Command.builder()
                        .addArgv("true")
                        .timeout(TEN_SECONDS)
                        .environment(Map.of("BIG", "'".repeat(Command.MAX_ARGUMENT_BYTES + 1)))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("environment variable BIG has 30001 bytes");
    }
}
