package io.drbd4j.exec.runner;

import static io.drbd4j.exec.runner.SshFixture.SHORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drbd4j.exec.sshd.SshServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SshRunner} against a real sshd on 127.0.0.1 (see {@link SshServer}), through the system ssh client and
 * {@link CommonsExecRunner}: arguments, standard input, environment and working directory arrive byte for byte, a
 * program that ssh would read as an option is refused, and exit codes and output come back. The sshd runs on this
 * machine, so the tests look at what the remote side wrote by reading the local file system.
 */
class SshRunnerRoundTripTest {
    @RegisterExtension
    static final SshFixture SSHD = new SshFixture();

    @TempDir
    Path tmp;

    // ---------------------------------------------------------------- arguments arrive byte for byte

    @Test
    void hostileArgumentsArriveByteForByteAndNoneRunsAsShellCode() throws IOException {
        List<String> args = new ArrayList<>(List.of(
                "pc0; touch " + tmp.resolve("pwned-semicolon"),
                "$(touch " + tmp.resolve("pwned-dollar") + ")",
                "`touch " + tmp.resolve("pwned-backquote") + "`",
                "x && touch " + tmp.resolve("pwned-and"),
                "| touch " + tmp.resolve("pwned-pipe"),
                "> " + tmp.resolve("pwned-redirect"),
                "-oProxyCommand=touch " + tmp.resolve("pwned-proxy"),
                "'; touch " + tmp.resolve("pwned-quote") + "; '",
                "'",
                "\"",
                "\\",
                "a'b\"c",
                "'\\''",
                "--force",
                "-",
                "--",
                "x\ny",
                "\n",
                "\t",
                "\r\n",
                " leading space",
                "trailing space ",
                "*",
                "/*",
                "~",
                "~root",
                "$HOME",
                "${HOME}",
                "$",
                "|",
                "&&",
                "&",
                ">",
                "<",
                ";",
                "{a,b}",
                "[ab]",
                "!",
                "!!",
                "#comment",
                "%d %s %n",
                "über €",
                "日本語 🙂",
                "e\u0301",
                "\u00a0non-breaking",
                "\u007f\u001b[31mred",
                "",
                "2000: " + "'\"$`\\ ;|&<>(){}*?[]~!#\n".repeat(100)));
        args.set(args.size() - 1, args.get(args.size() - 1).substring(0, 2000));
        List<String> argv = new ArrayList<>(List.of("printf", "%s\\0"));
        argv.addAll(args);

        CommandResult result = run(Command.of(SHORT, argv));

        assertThat(result.exitCode()).as(result.stderrText()).isZero();
        assertThat(splitOnNul(result.stdout())).containsExactlyElementsOf(args);
        assertThat(result.stdout()).isEqualTo(nulTerminated(args));
        assertThat(result.stderrText()).isEmpty();
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files)
                    .as("marker files the hostile arguments would create as shell code")
                    .isEmpty();
        }
    }

    @Test
    void standardInputPassesThroughByteForByte() {
        byte[] input = new byte[256 * 1024];
        for (int i = 0; i < input.length; i++) {
            input[i] = (byte) (i * 31 + i / 256);
        }
        Command cat =
                Command.builder().addArgv("cat").timeout(SHORT).stdin(input).build();

        CommandResult result = run(cat);

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).hasSize(input.length).isEqualTo(input);
    }

    @Test
    void environmentAdditionsArriveAsGiven() {
        String value = "bar 'baz' \"q\" $HOME `id` ;| über\nline";
        Command printFoo = Command.builder()
                .addArgv("sh", "-c", "printf %s \"$FOO\"")
                .timeout(SHORT)
                .environment(Map.of("FOO", value, "LC_ALL", "C"))
                .build();

        CommandResult result = run(printFoo);

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdoutText()).isEqualTo(value);
    }

    @Test
    void localeIsCByDefaultAndTheCommandsOwnWhenSet() {
        CommandResult byDefault = run(Command.of(SHORT, "sh", "-c", "printf %s \"$LC_ALL\""));
        CommandResult posix = run(Command.builder()
                .addArgv("sh", "-c", "printf %s \"$LC_ALL\"")
                .timeout(SHORT)
                .environment(Map.of("LC_ALL", "POSIX"))
                .build());

        assertThat(byDefault.stdoutText()).isEqualTo("C");
        assertThat(posix.stdoutText()).isEqualTo("POSIX");
    }

    @Test
    void commandRunsInTheWorkingDirectoryEvenWithAHostileName() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("work dir 'q' \"dq\" $(touch pwned) `touch pwned`"));
        Command pwd = Command.builder()
                .addArgv("pwd")
                .timeout(SHORT)
                .workingDirectory(dir)
                .build();

        CommandResult result = run(pwd);

        assertThat(result.exitCode()).as(result.stderrText()).isZero();
        assertThat(result.stdoutText()).isEqualTo(dir.toRealPath() + "\n");
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @Test
    void aMissingWorkingDirectoryIsAStartExceptionAndTheCommandDoesNotRun() {
        Path marker = tmp.resolve("ran");
        Command touch = Command.builder()
                .addArgv("touch", marker.toString())
                .timeout(SHORT)
                .workingDirectory(tmp.resolve("missing"))
                .build();

        CommandStartException e = catchThrowableOfType(CommandStartException.class, () -> run(touch));

        assertThat(e).as("like CommonsExecRunner's for a missing directory").isNotNull();
        assertThat(e.command()).isEqualTo(touch);
        assertThat(e.getMessage()).contains("working directory " + tmp.resolve("missing") + " on ");
        assertThat(marker).doesNotExist();
    }

    // ---------------------------------------------------------------- exit codes come back

    @Test
    void exitCodeStdoutAndStderrComeBack() {
        Command command = Command.of(SHORT, "sh", "-c", "echo out; echo err >&2; exit 3");

        CommandResult result = run(command);

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.stdoutText()).isEqualTo("out\n");
        assertThat(result.stderrText()).isEqualTo("err\n");
        assertThat(result.command()).as("the remote command, not the ssh one").isEqualTo(command);
        assertThat(result.duration()).isPositive();
    }

    @Test
    void withAControlPathCommandsShareOneConnectionAndStillReturnTheirOwnResults() {
        SshRunner shared = SshRunner.create(SSHD.server()
                .target()
                .controlPath(tmp.resolve("cm"))
                .controlPersist(Duration.ofSeconds(5))
                .build());
        Command where = Command.of(SHORT, "sh", "-c", "echo \"$SSH_CONNECTION\"; exit 4");

        List<CommandResult> results = List.of(shared.run(where), shared.run(where), shared.run(where));
        List<CommandResult> alone = List.of(run(where), run(where));

        assertThat(results).allSatisfy(r -> assertThat(r.exitCode()).isEqualTo(4));
        assertThat(results.stream().map(CommandResult::stdoutText).distinct())
                .as("one TCP connection: the same client port each time")
                .hasSize(1);
        assertThat(alone.stream().map(CommandResult::stdoutText).distinct())
                .as("without sharing, a connection per command")
                .hasSize(2);
        assertThat(tmp.resolve("cm")).as("the master's control socket").exists();
    }

    @Test
    void falseExitsOneAndTrueZero() {
        assertThat(run(Command.of(SHORT, "false")).exitCode()).isEqualTo(1);
        CommandResult ok = run(Command.of(SHORT, "true"));
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.succeeded()).isTrue();
    }

    @Test
    void aMissingRemoteProgramIsExit127WithEnvsMessage() {
        CommandResult result = run(Command.of(SHORT, "drbd4j-no-such-program", "x"));

        assertThat(result.exitCode()).isEqualTo(127);
        assertThat(result.stderrText()).contains("drbd4j-no-such-program").contains("No such file or directory");
    }

    @Test
    void exitCodes124And137BeforeTheTimeoutAreTheCommandsOwn() {
        // timeout(1) exits 124 when it timed out, but a command may exit 124 itself; 137 is a KILL from anyone.
        CommandResult exit124 = run(Command.of(SHORT, "sh", "-c", "exit 124"));
        CommandResult killed = run(Command.of(SHORT, "sh", "-c", "kill -9 $$"));

        assertThat(exit124.exitCode()).isEqualTo(124);
        assertThat(killed.exitCode()).isEqualTo(137);
    }

    // ---------------------------------------------------------------- programs ssh would read as options

    @Test
    void aProgramStartingWithDashOrContainingEqualsIsRejectedBeforeAnythingRuns() {
        AtomicInteger ran = new AtomicInteger();
        SshRunner counting = SshRunner.create(SSHD.server().target().build(), command -> {
            ran.incrementAndGet();
            throw new AssertionError("ran " + command);
        });

        for (String program : List.of("-oProxyCommand=touch x", "--help", "-", "FOO=bar", "/usr/bin/env=x")) {
            assertThatThrownBy(() -> counting.run(Command.of(SHORT, program, "pc0")))
                    .as(program)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(program);
        }
        assertThat(ran).hasValue(0);
    }

    // ---------------------------------------------------------------- helpers

    private static CommandResult run(Command command) {
        return SshFixture.run(SSHD.runner(), command);
    }

    private static List<String> splitOnNul(byte[] bytes) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                parts.add(new String(bytes, from, i - from, StandardCharsets.UTF_8));
                from = i + 1;
            }
        }
        assertThat(from).as("output ends with a NUL").isEqualTo(bytes.length);
        return parts;
    }

    private static byte[] nulTerminated(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String arg : args) {
            out.writeBytes(arg.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return out.toByteArray();
    }
}
