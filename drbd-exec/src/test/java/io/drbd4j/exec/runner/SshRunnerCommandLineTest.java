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

        Command ssh = SshRunner.create(target).sshCommand(role);

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
                        "'timeout' '-k' '5' '30' 'env' 'LC_ALL=C' 'drbdadm' 'role' 'pc0'; exit $?");
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

        Command ssh = SshRunner.create(SshTarget.of("admin", "10.0.0.7")).sshCommand(cat);

        assertThat(ssh.argv())
                .containsExactly(
                        "ssh",
                        "-o",
                        "BatchMode=yes",
                        "-o",
                        "ConnectTimeout=10",
                        "admin@10.0.0.7",
                        "--",
                        "'timeout' '-k' '5' '2' 'env' 'LC_ALL=C' 'cat'; exit $?");
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

        String line = SshRunner.remoteLine(command);

        assertThat(line)
                .isEqualTo("cd '/srv/it'\\''s here' && 'timeout' '-k' '5' '5' 'env' 'LC_ALL=C' 'printf' '%s'"
                        + " 'a'\\''b\"c $(id) `id` '\"$(printf '\\303\\274')\"'ber'; exit $?");
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
}
