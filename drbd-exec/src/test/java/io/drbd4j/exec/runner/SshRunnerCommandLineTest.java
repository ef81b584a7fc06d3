package io.drbd4j.exec.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drbd4j.exec.testing.RecordingCommandRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ssh command line {@link SshRunner} builds, without running it: the exact argv, the remote shell line and its
 * quoting, and the key and known-hosts paths ssh would expand or split.
 */
class SshRunnerCommandLineTest {
    private static final String ID = "0123456789abcdef";

    /**
     * The remote line for {@code drbdadm role pc0} with a 30 s timeout: the start marker, the cleanup function, the
     * command under timeout with the run's variable, the cleanup, the command's exit code.
     */
    private static final String GOLDEN_LINE = "printf '%s\\n' drbd4j:" + ID + " >&2;"
            + " drbd4j_reap() { i=0; while [ $i -lt 50 ]; do set --; for f in $(grep -lsxzF DRBD4J_SSH_RUN=" + ID
            + " /proc/[0-9]*/environ); do f=${f#/proc/}; set -- \"$@\" \"${f%/environ}\"; done;"
            + " [ $# -eq 0 ] && return 0; kill -9 \"$@\" 2>/dev/null; i=$((i+1)); done; };"
            + " 'timeout' '-k' '5' '30' 'env' 'LC_ALL=C' 'DRBD4J_SSH_RUN=" + ID + "' 'drbdadm' 'role' 'pc0';"
            + " s=$?; if [ $s -eq 124 ] || [ $s -eq 137 ]; then drbd4j_reap; fi; exit $s";

    @Test
    void sshCommandIsExactlyTheGoldenArgv() {
        SshTarget target = SshTarget.builder()
                .host("db1.example.com")
                .user("root")
                .port(2222)
                .identity(Path.of("/etc/drbd4j/id_ed25519"))
                .knownHosts(Path.of("/etc/drbd4j/known_hosts"))
                .hostKeyChecking(SshTarget.HostKeyChecking.YES)
                .build();
        Command role = Command.of(Duration.ofSeconds(30), "drbdadm", "role", "pc0");

        Command ssh = SshRunner.create(target).sshCommand(role, RemoteLine.of(role, ID, 5));

        assertThat(ssh.argv())
                .containsExactly(
                        "ssh",
                        "-o",
                        "BatchMode=yes",
                        "-o",
                        "ConnectTimeout=10",
                        "-p",
                        "2222",
                        "-o",
                        "IdentityFile=\"/etc/drbd4j/id_ed25519\"",
                        "-o",
                        "UserKnownHostsFile=\"/etc/drbd4j/known_hosts\"",
                        "-o",
                        "StrictHostKeyChecking=yes",
                        "root@db1.example.com",
                        "--",
                        GOLDEN_LINE);
        assertThat(ssh.timeout()).isEqualTo(Duration.ofSeconds(50));
        assertThat(ssh.environment()).isEqualTo(Map.of("LC_ALL", "C"));
        assertThat(ssh.stdin()).isEmpty();
        assertThat(ssh.workingDirectory()).isEmpty();
    }

    @Test
    void aSharedRunnerAddsItsPrivateControlSocketAndCloseSendsExitToTheMaster() {
        RecordingCommandRunner local = new RecordingCommandRunner(c -> CommandResult.builder()
                .command(c)
                .exitCode(0)
                .stdout(new byte[0])
                .stderr("Exit request sent.\n".getBytes(StandardCharsets.UTF_8))
                .duration(Duration.ofMillis(5))
                .build());
        SshRunner shared = SshRunner.shared(
                SshTarget.builder().host("db1").user("root").port(2222).build(), local);
        Path socket = shared.controlDirectory().orElseThrow().resolve("cm");

        Command ssh = shared.sshCommand(Command.of(Duration.ofSeconds(30), "true"));
        shared.close();

        assertThat(ssh.argv())
                .containsSequence(
                        "-o",
                        "ControlMaster=auto",
                        "-o",
                        "ControlPath=\"" + socket + "\"",
                        "-o",
                        "ControlPersist=30",
                        "root@db1",
                        "--");
        assertThat(local.argvs())
                .containsExactly(List.of(
                        "ssh",
                        "-o",
                        "BatchMode=yes",
                        "-p",
                        "2222",
                        "-o",
                        "ControlPath=\"" + socket + "\"",
                        "-O",
                        "exit",
                        "root@db1"));
        assertThat(local.commands().get(0).timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(socket.getParent()).doesNotExist();
    }

    @Test
    void sshCommandWithDefaultsHasNoPortKeyOrKnownHostsOptionsAndCarriesStdin() {
        byte[] input = "input".getBytes(StandardCharsets.UTF_8);
        Command cat = Command.builder()
                .addArgv("cat")
                .timeout(Duration.ofMillis(1500))
                .stdin(input)
                .build();

        Command ssh = SshRunner.create(SshTarget.of("admin", "10.0.0.7")).sshCommand(cat, RemoteLine.of(cat, ID, 5));

        assertThat(ssh.argv())
                .containsExactly(
                        "ssh",
                        "-o",
                        "BatchMode=yes",
                        "-o",
                        "ConnectTimeout=10",
                        "admin@10.0.0.7",
                        "--",
                        GOLDEN_LINE.replace(
                                "'30' 'env' 'LC_ALL=C' 'DRBD4J_SSH_RUN=" + ID + "' 'drbdadm' 'role' 'pc0'",
                                "'2' 'env' 'LC_ALL=C' 'DRBD4J_SSH_RUN=" + ID + "' 'cat'"));
        assertThat(ssh.stdin()).hasValue(input);
        assertThat(ssh.timeout()).isEqualTo(Duration.ofMillis(21_500));
    }

    @Test
    void remoteLineSingleQuotesAHostileArgumentAndSpellsNonAsciiInAscii() {
        Command command = Command.builder()
                .addArgv("printf", "%s", "a'b\"c $(id) `id` über")
                .timeout(Duration.ofSeconds(5))
                .workingDirectory(Path.of("/srv/it's here"))
                .build();

        String line = RemoteLine.of(command, ID, 5).line();

        assertThat(line)
                .contains(" cd -- '/srv/it'\\''s here' || { printf '\\n%s\\n' drbd4j:" + ID
                        + ":no-directory >&2; exit 1; }; ")
                .contains(" 'timeout' '-k' '5' '5' 'env' 'LC_ALL=C' 'DRBD4J_SSH_RUN=" + ID + "' 'printf' '%s'"
                        + " \"$(printf 'a\\047b\"c $(id) `id` \\303\\274ber')\"; s=$?; if [ $s -eq 124 ] ||"
                        + " [ $s -eq 137 ]; then drbd4j_reap; fi; exit $s");
        assertThat(line.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    @Test
    void sshOptionPathDoubleQuotesEscapesAndDoublesPercentSigns() {
        assertThat(SshRunner.sshOptionPath(Path.of("/k/a b'c\"d\\e%h"))).isEqualTo("\"/k/a b'c\\\"d\\\\e%%h\"");
    }

    @Test
    void keyAndKnownHostsPathsThatSshWouldExpandOrSplitAreRejected() {
        assertThatThrownBy(() -> SshTarget.builder()
                        .host("db1")
                        .user("root")
                        .identity(Path.of("/keys/${HOME}/id"))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("identity file")
                .hasMessageContaining("${");
        assertThatThrownBy(() -> SshTarget.builder()
                        .host("db1")
                        .user("root")
                        .knownHosts(Path.of("/keys/known\nhosts"))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("known-hosts file");
    }

    @Test
    void aQuotedWordTakesAtMostFourBytesPerByteAndFifteenMore() {
        for (String word : List.of(
                "'".repeat(1000),
                "é".repeat(500),
                "é'".repeat(333),
                "'é".repeat(333),
                "é\\%\n\n",
                "\u00e9a".repeat(333),
                "🙂'".repeat(200),
                "",
                "é")) {
            int bytes = word.getBytes(StandardCharsets.UTF_8).length;

            assertThat(RemoteLine.remoteWord(word).length()).as(word).isLessThanOrEqualTo(4 * bytes + 15);
        }
    }

    @Test
    void aLongArgumentIsBuiltUpInAVariableAndNoSshWordExceedsTheArgumentLimit() {
        String arg = "é'".repeat(Command.MAX_ARGUMENT_BYTES / 3);
        Command printf = Command.of(Duration.ofSeconds(5), "printf", "%s", arg);

        RemoteLine remote = RemoteLine.of(printf, ID, 5);

        assertThat(remote.sshWords()).hasSizeGreaterThan(1).allSatisfy(w -> assertThat(w.length())
                .isLessThanOrEqualTo(Command.MAX_ARGUMENT_BYTES));
        assertThat(String.join(" ", remote.sshWords())).isEqualTo(remote.line());
        assertThat(remote.line()).contains(" 'printf' '%s' \"$drbd4j_w9\"; s=$?;");
        assertThat(remote.line().length()).isLessThanOrEqualTo(RemoteLine.MAX_LINE_BYTES);
    }

    @Test
    void aRemoteLineOverLinuxsLimitOnOneArgumentIsRefusedBeforeSshStarts() {
        String arg = "'".repeat(Command.MAX_ARGUMENT_BYTES);
        Command twoLong = Command.of(Duration.ofSeconds(5), "printf", "%s", arg, arg);

        assertThatThrownBy(() -> RemoteLine.of(twoLong, ID, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("remote shell line of ")
                .hasMessageContaining("at most 131071");
    }
}
