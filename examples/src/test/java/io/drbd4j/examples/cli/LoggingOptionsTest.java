package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --verbose} and {@code --quiet} in a child JVM ({@link ChildCli}), since slf4j reads its level once per
 * process: the library's log on stderr with {@code --verbose}, and by default (or with {@code --quiet}) nothing there
 * but a failure's one line. The host is 127.0.0.1 on a port nothing listens on, so the command fails after logging
 * what it ran.
 */
class LoggingOptionsTest {
    private static final Duration EXIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private ChildCli status(int port, String... more) throws Exception {
        List<String> args = new ArrayList<>(
                List.of("status", "--ssh", "127.0.0.1", "--port", String.valueOf(port), "--connect-timeout", "2s"));
        args.addAll(List.of(more));
        return ChildCli.start(dir, args);
    }

    @Test
    void verboseShowsTheLibrarysLogBeforeTheFailureLine() throws Exception {
        int port = Sshd.freePort();
        try (ChildCli cli = status(port, "--verbose")) {
            assertThat(cli.awaitExit(EXIT)).isEqualTo(Drbd4jCommand.EXIT_FAILURE);

            assertThat(cli.err())
                    .contains("DEBUG SshRunner - run on root@127.0.0.1:" + port + ": cat /proc/drbd")
                    .contains("DEBUG SshRunner - ssh to root@127.0.0.1:" + port + " shares one connection through")
                    .contains("drbd4j status: cannot reach root@127.0.0.1:" + port + " over ssh: ");
        }
    }

    @Test
    void byDefaultAndWithQuietStderrHoldsOnlyTheFailureLine() throws Exception {
        int port = Sshd.freePort();
        for (List<String> more : List.of(List.<String>of(), List.of("-q"))) {
            try (ChildCli cli = status(port, more.toArray(String[]::new))) {
                assertThat(cli.awaitExit(EXIT)).isEqualTo(Drbd4jCommand.EXIT_FAILURE);

                assertThat(cli.err())
                        .as("stderr with %s", more)
                        .startsWith("drbd4j status: cannot reach root@127.0.0.1:" + port + " over ssh: ")
                        .containsOnlyOnce("\n");
            }
        }
    }

    @Test
    void verboseAndQuietTogetherAreAUsageError() throws Exception {
        try (ChildCli cli = ChildCli.start(dir, List.of("-v", "commands", "--dialect", "8.4", "--quiet"))) {
            assertThat(cli.awaitExit(EXIT)).isEqualTo(Drbd4jCommand.EXIT_FAILURE);

            assertThat(cli.err()).isEqualTo("drbd4j: --verbose and --quiet exclude each other (see 'drbd4j --help')\n");
        }
    }
}
