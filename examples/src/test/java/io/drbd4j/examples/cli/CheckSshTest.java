package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code drbd4j check --ssh} end to end against a real sshd on 127.0.0.1 ({@link Sshd}): every sample read over ssh
 * gives the line and exit code it gives locally, and a host that cannot be reached or read is UNKNOWN.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CheckSshTest {
    private static Sshd sshd;

    @BeforeAll
    static void startSshd() throws Exception {
        sshd = assertTimeoutPreemptively(Duration.ofSeconds(60), Sshd::start);
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
    }

    static List<CheckExpectations.Expected> expectations() {
        return CheckExpectations.all();
    }

    private static String absolute(java.nio.file.Path file) {
        return file.toAbsolutePath().normalize().toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void everySampleOverSshGivesTheLineAndExitCodeItGivesLocally(CheckExpectations.Expected expected) {
        String file = absolute(expected.sample());

        CliResult result = CliResult.run(sshd.command("check", "--remote-file", file));

        String source = file + " on " + sshd.destination() + ":" + sshd.port();
        assertThat(result.out()).isEqualTo(expected.line(source) + "\n");
        assertThat(result.exitCode()).isEqualTo(expected.exitCode());
    }

    @Test
    void aMissingRemoteFileIsUnknown() {
        CliResult result = CliResult.run(sshd.command("check", "--remote-file", "/nonexistent/proc-drbd"));

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.out())
                .isEqualTo("DRBD UNKNOWN - cannot read /nonexistent/proc-drbd on " + sshd.destination() + ":"
                        + sshd.port() + ": No such file or directory\n");
    }

    @Test
    void anUnreachableHostIsUnknown() throws IOException {
        int closed = Sshd.freePort();

        CliResult result = CliResult.run(
                "check", "--ssh", sshd.destination(), "--port", String.valueOf(closed), "--connect-timeout", "5s");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.out())
                .startsWith("DRBD UNKNOWN - cannot reach " + sshd.destination() + ":" + closed + " over ssh: ")
                .contains("Connection refused")
                .containsOnlyOnce("\n");
    }
}
