package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code plan} and {@code ha-status} with {@code --backend} against a real sshd on 127.0.0.1 ({@link Sshd}). Both
 * "backends" are this machine, which runs neither DRBD nor Chef: dialect detection must stop the plan with the
 * workflow's message, and ha-status must list what it could not read instead of failing.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ChefHaSshTest {
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

    @BeforeEach
    void noDrbdHere() {
        assumeFalse(Files.exists(Path.of("/proc/drbd")), "DRBD is loaded on this machine");
    }

    private static List<String> args(String... first) {
        List<String> args = new ArrayList<>(List.of(first));
        args.addAll(List.of(
                "--backend",
                "be1=" + sshd.destination() + ":" + sshd.port(),
                "--backend",
                "be2=" + sshd.destination(),
                "--port",
                String.valueOf(sshd.port()),
                "--identity",
                sshd.clientKey().toString(),
                "--known-hosts",
                sshd.knownHosts().toString(),
                "--connect-timeout",
                "5s"));
        return args;
    }

    @Test
    void planStopsWithTheWorkflowMessageWhenTheDialectCannotBeTold() {
        CliResult result = CliResult.run(args("plan", "failover-setup").toArray(String[]::new));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(Drbd4jCommand.EXIT_WORKFLOW_STOPPED);
        assertThat(result.out()).isEmpty();
        assertThat(result.err())
                .startsWith("drbd4j plan: failover-setup: step detect-dialect on be1 stopped: state unknown. Seen: ")
                .contains("What to do: give the dialect: --dialect 8.4 ")
                .contains("--dialect 8.3")
                .doesNotContain("Backend.dialect()")
                .endsWith("\n")
                .containsOnlyOnce("\n");
    }

    @Test
    void planWithAGivenDialectNamesTheBackends() {
        List<String> args = args("plan", "prepare", "--json", "--dialect", "8.4", "--primary", "be2");

        CliResult result = CliResult.run(args.toArray(String[]::new));

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode json = result.json();
        assertThat(json.at("/hosts/keeper").asText()).isEqualTo("be2");
        assertThat(json.at("/steps/0/host").asText()).isEqualTo("be2");
    }

    @Test
    void haStatusListsWhatItCouldNotReadAndIsNotHealthy() {
        CliResult result = CliResult.run(args("ha-status").toArray(String[]::new));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .startsWith("BACKEND  DRBD")
                .contains("be1: can be lost now: unknown: ")
                .contains("problems:\n  be1: ")
                .endsWith("healthy: no\n");
    }

    @Test
    void haStatusFailsUnlessHealthyWhenAsked() {
        CliResult result =
                CliResult.run(args("ha-status", "--fail-unless-healthy").toArray(String[]::new));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(Drbd4jCommand.EXIT_NOT_SAFE);
        assertThat(result.out()).endsWith("healthy: no\n");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void checkOfAPairThatCannotBeReadIsUnknown() {
        // Neither "backend" runs DRBD or Chef: every probe fails, so nothing can be judged.
        CliResult result = CliResult.run(args("check").toArray(String[]::new));

        assertThat(result.exitCode()).as(result.out()).isEqualTo(3);
        assertThat(result.out())
                .startsWith("DRBD UNKNOWN - be1 not read: ")
                .contains("; be2 not read: ")
                .doesNotContain("|")
                .containsOnlyOnce("\n");
    }

    @Test
    void haStatusAsJsonListsTheProblems() {
        CliResult result = CliResult.run(args("ha-status", "--json").toArray(String[]::new));

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode json = result.json();
        assertThat(json.at("/healthy").asBoolean()).isFalse();
        assertThat(json.at("/backends/0/problems").size()).isPositive();
        assertThat(json.at("/backends/0/canBeLostNow/verdict").asText()).isEqualTo("unknown");
        assertThat(json.at("/backends/0/drbd").isNull()).isTrue();
        assertThat(json.at("/backends/0/checks/read").asBoolean()).isFalse();
        assertThat(json.at("/checks/everythingRead").asBoolean()).isFalse();
        assertThat(new SchemaValidator().validate("ha-status.schema.json", json))
                .isEmpty();
    }
}
