package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.drbd4j.chef.FailoverSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One ssh connection per host for a whole command: {@code ha-status} and {@code plan} against the simulated pair
 * behind two real sshd ({@link SimulatedPairOverSsh}), whose logs count the logins, send many commands to each
 * backend over one login each, and leave no control socket directory behind; {@code --no-connection-sharing} logs
 * in for every command.
 */
class SshConnectionSharingTest {
    private SimulatedPairOverSsh pair;
    private Set<Path> controlDirsBefore;

    @BeforeEach
    void startPair() throws IOException {
        controlDirsBefore = controlDirs();
        pair = assertTimeoutPreemptively(
                Duration.ofSeconds(60),
                () -> SimulatedPairOverSsh.start(
                        DemoScenarios.stage(FailoverSetup.NAME, "8.4", 1).sim()));
    }

    @AfterEach
    void stopPair() throws IOException {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void haStatusLogsInOnceToEachBackendAndLeavesNoControlSocket() throws IOException {
        CliResult result = run("ha-status");

        assertThat(result.err()).isEmpty();
        assertThat(pair.server().served()).as("commands sent").isGreaterThanOrEqualTo(8);
        assertThat(pair.logins("be1")).isEqualTo(1);
        assertThat(pair.logins("be2")).isEqualTo(1);
        assertThat(controlDirs())
                .as("control socket directories left in the temporary directory")
                .isEqualTo(controlDirsBefore);
    }

    @Test
    void planLogsInOnceToEachBackend() throws IOException {
        CliResult result = run("plan", "failover-setup");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(pair.server().served())
                .as("commands sent: more than one per backend")
                .isGreaterThanOrEqualTo(4);
        assertThat(pair.logins("be1")).isEqualTo(1);
        assertThat(pair.logins("be2")).isEqualTo(1);
        assertThat(controlDirs()).isEqualTo(controlDirsBefore);
    }

    @Test
    void withoutConnectionSharingEveryCommandLogsIn() {
        CliResult result = run("ha-status", "--no-connection-sharing");

        assertThat(result.err()).isEmpty();
        assertThat(pair.logins("be1") + pair.logins("be2"))
                .as("one login per command")
                .isEqualTo(pair.server().served());
    }

    private CliResult run(String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(pair.backendOptions());
        return assertTimeoutPreemptively(Duration.ofSeconds(120), () -> CliResult.run(args.toArray(String[]::new)));
    }

    /** @return the drbd4j control socket directories in this JVM's temporary directory */
    private static Set<Path> controlDirs() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith("drbd4j-ssh-"))
                    .collect(Collectors.toSet());
        }
    }
}
