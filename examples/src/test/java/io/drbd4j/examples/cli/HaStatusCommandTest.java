package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code drbd4j ha-status}: both Chef HA backends, here on the simulated pair after failover setup. */
class HaStatusCommandTest {
    private static void assertUsageError(CliResult result) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(Drbd4jCommand.EXIT_FAILURE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("drbd4j ha-status: ").endsWith("\n").containsOnlyOnce("\n");
    }

    @Test
    void demoShowsAHealthyPairAfterFailoverSetup() {
        CliResult result = CliResult.run("ha-status", "--demo");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        String[] lines = result.out().split("\n");
        assertThat(lines[0])
                .startsWith("BACKEND  DRBD  ")
                .containsSubsequence("DRBD", "MOUNTED", "DRBD_READY", "CLUSTER", "CHEF SERVICES", "SAFETY");
        assertThat(lines[1])
                .startsWith("be1      Connected Primary/Secondary UpToDate/UpToDate  yes      yes         master   ")
                .contains("10/10 running, keepalived running")
                .endsWith("safe: either node can be lost");
        assertThat(lines[2])
                .startsWith("be2      Connected Secondary/Primary UpToDate/UpToDate  no       yes         backup   ")
                .contains("4/10 running, keepalived running");
        assertThat(lines[3]).startsWith("be1: can be lost now: yes: This node can be lost: ");
        assertThat(lines[4]).startsWith("be2: can be lost now: yes: ");
        assertThat(lines[5]).isEqualTo("healthy: yes");
        assertThat(lines).hasSize(6);
    }

    @Test
    void demoAsJsonHasTheSameValues() {
        CliResult result = CliResult.run("ha-status", "--demo", "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().strip()).doesNotContain("\n");
        JsonNode json = result.json();
        assertThat(json.at("/healthy").asBoolean()).isTrue();
        assertThat(json.at("/backends").size()).isEqualTo(2);
        JsonNode be1 = json.at("/backends/0");
        assertThat(be1.at("/name").asText()).isEqualTo("be1");
        assertThat(be1.at("/drbd/cs").asText()).isEqualTo("Connected");
        assertThat(be1.at("/drbd/ro").asText()).isEqualTo("Primary");
        assertThat(be1.at("/drbd/peerRo").asText()).isEqualTo("Secondary");
        assertThat(be1.at("/drbd/ds").asText()).isEqualTo("UpToDate");
        assertThat(be1.at("/drbd/peerDs").asText()).isEqualTo("UpToDate");
        assertThat(be1.at("/drbd/oos").asLong()).isZero();
        assertThat(be1.at("/drbd/progress").isNull()).isTrue();
        assertThat(be1.at("/mounted").asBoolean()).isTrue();
        assertThat(be1.at("/drbdReady").asBoolean()).isTrue();
        assertThat(be1.at("/cluster").asText()).isEqualTo("master");
        assertThat(be1.at("/services/keepalived").asBoolean()).isTrue();
        assertThat(be1.at("/chefServices/running").asInt()).isEqualTo(10);
        assertThat(be1.at("/chefServices/total").asInt()).isEqualTo(10);
        assertThat(be1.at("/chefServices/keepalived").asBoolean()).isTrue();
        assertThat(be1.at("/safety/safe").asBoolean()).isTrue();
        assertThat(be1.at("/safety/summary").asText()).isEqualTo("safe: either node can be lost");
        assertThat(be1.at("/checks").toString())
                .isEqualTo("{\"read\":true,\"clusterRole\":true,\"drbdReady\":true,\"keepalivedRunning\":true,"
                        + "\"drbdAsRole\":true,\"mountAsRole\":true,\"servicesAsRole\":true}");
        assertThat(json.at("/checks").toString()).isEqualTo("{\"everythingRead\":true,\"oneMaster\":true}");
        assertThat(be1.at("/canBeLostNow/verdict").asText()).isEqualTo("yes");
        assertThat(be1.at("/canBeLostNow/reason").asText()).startsWith("This node can be lost: ");
        assertThat(be1.at("/problems").size()).isZero();
        JsonNode be2 = json.at("/backends/1");
        assertThat(be2.at("/name").asText()).isEqualTo("be2");
        assertThat(be2.at("/drbd/cs").asText()).isEqualTo("Connected");
        assertThat(be2.at("/drbd/ro").asText()).isEqualTo("Secondary");
        assertThat(be2.at("/drbd/peerRo").asText()).isEqualTo("Primary");
        assertThat(be2.at("/mounted").asBoolean()).isFalse();
        assertThat(be2.at("/cluster").asText()).isEqualTo("backup");
        assertThat(be2.at("/chefServices/running").asInt()).isEqualTo(4);
    }

    @Test
    void withoutBackendsOrDemoIsAUsageError() {
        CliResult result = CliResult.run("ha-status");

        assertUsageError(result);
        assertThat(result.err())
                .isEqualTo("drbd4j ha-status: no backends (expected: two --backend NAME=[USER@]HOST[:PORT], or"
                        + " --demo for a simulated pair) (see 'drbd4j ha-status --help')\n");
    }

    @Test
    void demoWithBackendsIsAUsageError() {
        CliResult result =
                CliResult.run("ha-status", "--demo", "--backend", "be1=10.0.0.1", "--backend", "be2=10.0.0.2");

        assertUsageError(result);
        assertThat(result.err()).contains("--demo reads a simulated pair and cannot be combined with --backend");
    }

    @Test
    void primaryWithoutBackendsIsAUsageError() {
        CliResult result = CliResult.run("ha-status", "--demo", "--primary", "be2");

        assertUsageError(result);
        assertThat(result.err()).contains("--keeper needs two --backend");
    }

    @Test
    void twoUnreachableBackendsGiveOneProblemLineEach() throws Exception {
        int port1 = Sshd.freePort();
        int port2 = Sshd.freePort();

        CliResult result = CliResult.run(
                "ha-status",
                "--backend",
                "be1=127.0.0.1:" + port1,
                "--backend",
                "be2=127.0.0.1:" + port2,
                "--connect-timeout",
                "2s");

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> problems = result.out()
                .lines()
                .dropWhile(l -> !l.equals("problems:"))
                .skip(1)
                .takeWhile(l -> l.startsWith("  "))
                .toList();
        assertThat(problems)
                .hasSize(2)
                .satisfiesExactly(
                        be1 -> assertThat(be1)
                                .startsWith("  be1: cannot reach root@127.0.0.1:" + port1 + " over ssh: ")
                                .endsWith("(nothing read there)"),
                        be2 -> assertThat(be2)
                                .startsWith("  be2: cannot reach root@127.0.0.1:" + port2 + " over ssh: "));
        assertThat(result.out()).contains("healthy: no");
    }
}
