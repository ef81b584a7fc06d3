package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.drbd4j.chef.FailoverSetup;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code drbd4j exporter --ssh} against a simulated host behind a real sshd ({@link SimulatedPairOverSsh}), whose
 * server counts the commands it serves and whose sshd log counts the logins: one login for the whole run, and one
 * {@code cat} per scrape.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ExporterSshTest {
    private SimulatedPairOverSsh pair;

    @BeforeEach
    void startPair() {
        pair = assertTimeoutPreemptively(
                Duration.ofSeconds(60),
                () -> SimulatedPairOverSsh.start(
                        DemoScenarios.stage(FailoverSetup.NAME, "8.4", 1).sim()));
    }

    @AfterEach
    void stopPair() throws Exception {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void everyScrapeIsOneCatOverTheOneSharedConnection() throws Exception {
        try (RunningExporter exporter = RunningExporter.start(
                "--ssh",
                "localhost",
                "--port",
                String.valueOf(pair.port("be1")),
                "--identity",
                pair.clientKey().toString(),
                "--known-hosts",
                pair.knownHosts().toString(),
                "--connect-timeout",
                "5s")) {
            int before = pair.server().served();

            for (int i = 0; i < 5; i++) {
                assertThat(exporter.scrape()).contains("drbd_connection_state{host=\"localhost\",minor=\"0\"");
            }

            assertThat(pair.server().served() - before)
                    .as("commands served for 5 scrapes")
                    .isEqualTo(5);
            assertThat(pair.logins("be1")).as("logins").isEqualTo(1);
            assertThat(exporter.err()).isEmpty();
        }
    }
}
