package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ssh options of {@code drbd4j status} that are refused before anything runs: usage errors, exit 2, one line.
 * No sshd needed: none of these starts ssh.
 */
class StatusSshOptionsTest {
    @TempDir
    Path dir;

    private static void assertUsageError(CliResult result) {
        assertThat(result.exitCode()).isEqualTo(Drbd4jCommand.EXIT_FAILURE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err())
                .startsWith("drbd4j status: ")
                .endsWith(" (see 'drbd4j status --help')\n")
                .containsOnlyOnce("\n");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "-oProxyCommand=touch PWNED",
                "db1;touch PWNED",
                "$(touch PWNED)",
                "db1 -oProxyCommand=x",
                "db1\n-oProxyCommand=x",
                "-p",
                "",
                "db1@db2",
                "db_1.example.com"
            })
    void hostileHostIsAUsageErrorAndNothingRuns(String host) {
        Path pwned = dir.resolve("PWNED");

        CliResult result = CliResult.run("status", "--ssh", "root@" + host.replace("PWNED", pwned.toString()));

        assertUsageError(result);
        assertThat(result.err()).startsWith("drbd4j status: --ssh: host name ");
        assertThat(pwned).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Root", "-l", "ro ot", "root;id", "", "$USER"})
    void badUserIsAUsageError(String user) {
        CliResult result = CliResult.run("status", "--ssh", user + "@db1");

        assertUsageError(result);
        assertThat(result.err()).startsWith("drbd4j status: --ssh: user name ");
    }

    @Test
    void sshWithoutAUserLogsInAsRoot() throws Exception {
        // Validation passes; the connection to a port nothing listens on is then refused: a failure naming root@.
        int port = Sshd.freePort();
        CliResult result = CliResult.run(
                "status", "--ssh", "127.0.0.1", "--port", String.valueOf(port), "--connect-timeout", "2s");

        assertThat(result.exitCode()).isEqualTo(Drbd4jCommand.EXIT_FAILURE);
        assertThat(result.err())
                .startsWith("drbd4j status: cannot reach root@127.0.0.1:" + port + " over ssh: ")
                .containsOnlyOnce("\n");
    }

    @Test
    void acceptsAnIpv6AddressInBrackets() {
        // Validation passes; the connection to port 1 is then refused: a failure, not a usage error.
        CliResult result = CliResult.run("status", "--ssh", "root@[::1]", "--port", "1", "--connect-timeout", "2s");

        assertThat(result.exitCode()).isEqualTo(Drbd4jCommand.EXIT_FAILURE);
        assertThat(result.err()).doesNotContain("see 'drbd4j status --help'").contains("root@::1:1");
    }

    @Test
    void fileAndSshExcludeEachOther() {
        CliResult result = CliResult.run("status", "--ssh", "root@db1", "--file", "/proc/drbd");

        assertUsageError(result);
        assertThat(result.err()).contains("--file").contains("--ssh");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "--port=22",
                "--identity=/etc/hostname",
                "--known-hosts=/etc/hostname",
                "--connect-timeout=5s",
                "--remote-file=/proc/drbd"
            })
    void sshOptionsNeedSsh(String option) {
        CliResult result = CliResult.run("status", option);

        assertUsageError(result);
        assertThat(result.err())
                .isEqualTo("drbd4j status: " + option.substring(0, option.indexOf('='))
                        + " needs --ssh (see 'drbd4j status --help')\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "-1"})
    void portOutOfRangeIsAUsageError(String port) {
        CliResult result = CliResult.run("status", "--ssh", "root@db1", "--port", port);

        assertUsageError(result);
        assertThat(result.err()).startsWith("drbd4j status: ssh port " + port + " (expected: 1 to 65535)");
    }

    @Test
    void connectTimeoutInWholeSecondsOnly() {
        CliResult result = CliResult.run("status", "--ssh", "root@db1", "--connect-timeout", "1500ms");

        assertUsageError(result);
        assertThat(result.err()).startsWith("drbd4j status: --connect-timeout 1500 ms (expected: whole seconds");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--identity", "--known-hosts"})
    void missingKeyOrKnownHostsFileIsAUsageError(String option) {
        String missing = dir.resolve("missing").toString();

        CliResult result = CliResult.run("status", "--ssh", "root@db1", option, missing);

        assertUsageError(result);
        assertThat(result.err())
                .startsWith("drbd4j status: " + option + " '" + missing + "' (expected: a readable file)");
    }

    @Test
    void keyPathThatSshWouldExpandIsAUsageError() throws IOException {
        Path key = Files.createFile(dir.resolve("key${HOME}"));

        CliResult result = CliResult.run("status", "--ssh", "root@db1", "--identity", key.toString());

        assertUsageError(result);
        assertThat(result.err()).startsWith("drbd4j status: identity file ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"proc/drbd", "-n", "~/drbd", ""})
    void relativeRemoteFileIsAUsageError(String file) {
        CliResult result = CliResult.run("status", "--ssh", "root@db1", "--remote-file=" + file);

        assertUsageError(result);
        assertThat(result.err()).startsWith("drbd4j status: --remote-file '" + file + "' (expected: an absolute path");
    }

    @Test
    void helpListsTheSshOptionsButNotTheHiddenRemoteFile() {
        CliResult result = CliResult.run("status", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains(
                        "--ssh=[USER@]HOST",
                        "--no-connection-sharing",
                        "--port=N",
                        "--identity=FILE",
                        "--known-hosts=FILE",
                        "--connect-timeout=D",
                        "StrictHostKeyChecking=yes")
                .doesNotContain("--remote-file");
    }
}
