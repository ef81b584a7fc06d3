package io.drbd4j.exec.runner;

import static io.drbd4j.exec.runner.SshFixture.SHORT;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link SshRunner#shared}: against a real sshd on 127.0.0.1, whose log counts logins ({@code Accepted publickey},
 * one per TCP connection), many commands cost one login, the control socket lives in a private directory, and
 * {@link SshRunner#close()} stops the master and leaves nothing behind.
 */
class SshRunnerSharingTest {
    @RegisterExtension
    static final SshFixture SSHD = new SshFixture();

    private static final Command WHERE = Command.of(SHORT, "sh", "-c", "echo \"$SSH_CONNECTION\"; exit 4");

    @Test
    void aSharedRunnerLogsInOnceForManyCommands() {
        int before = SSHD.server().logins();
        List<CommandResult> results = new ArrayList<>();
        try (SshRunner shared = SshRunner.shared(SSHD.server().target().build())) {
            for (int i = 0; i < 6; i++) {
                results.add(SshFixture.run(shared, WHERE));
            }
        }

        assertThat(SSHD.server().logins() - before)
                .as("logins for 6 commands, sshd log:\n%s", SSHD.server().log())
                .isEqualTo(1);
        assertThat(results).allSatisfy(r -> assertThat(r.exitCode()).isEqualTo(4));
        assertThat(results.stream().map(CommandResult::stdoutText).distinct())
                .as("the same client port every time")
                .hasSize(1);
    }

    @Test
    void withoutSharingEveryCommandLogsIn() {
        int before = SSHD.server().logins();
        SshRunner plain = SshRunner.create(SSHD.server().target().build());
        for (int i = 0; i < 3; i++) {
            SshFixture.run(plain, WHERE);
        }

        assertThat(SSHD.server().logins() - before).isEqualTo(3);
        assertThat(plain.controlDirectory()).isEmpty();
    }

    @Test
    void theControlSocketLivesInAPrivateDirectoryThatCloseRemovesWithTheMaster() throws Exception {
        SshRunner shared = SshRunner.shared(SSHD.server().target().build());
        Path dir = shared.controlDirectory().orElseThrow();
        try {
            SshFixture.run(shared, WHERE);

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                    .isEqualTo("rwx------");
            assertThat(shared.target().controlPath()).contains(dir.resolve("cm"));
            assertThat(dir.resolve("cm")).as("the master's socket").exists();
            assertThat(masters(dir)).as("the master, in the background").isNotEmpty();
        } finally {
            shared.close();
        }

        assertThat(dir).doesNotExist();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!masters(dir).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(masters(dir)).as("ssh processes still naming %s", dir).isEmpty();
    }

    @Test
    void closingBeforeAnyCommandDeletesTheDirectoryAndAClosedRunnerRefuses() {
        SshRunner shared = SshRunner.shared(SSHD.server().target().build());
        Path dir = shared.controlDirectory().orElseThrow();

        shared.close();
        shared.close();

        assertThat(dir).doesNotExist();
        assertThatThrownBy(() -> shared.run(WHERE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void aTargetWithItsOwnControlSocketIsNotShared() {
        SshTarget own =
                SSHD.server().target().controlPath(Path.of("/tmp/own-cm")).build();

        assertThatThrownBy(() -> SshRunner.shared(own))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/tmp/own-cm");
    }

    /**
     * @return the processes whose command line names the directory: the ssh master while it runs, which retitles
     *     itself {@code ssh: DIR/cm [mux]} (read from /proc, as ProcessHandle.Info hides a retitled command line)
     */
    private static List<Long> masters(Path dir) {
        String name = dir.toString();
        return ProcessHandle.allProcesses()
                .map(ProcessHandle::pid)
                .filter(pid -> cmdline(pid).contains(name))
                .toList();
    }

    private static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")), UTF_8);
        } catch (IOException e) {
            return ""; // gone in the meantime, or not ours to read
        }
    }
}
