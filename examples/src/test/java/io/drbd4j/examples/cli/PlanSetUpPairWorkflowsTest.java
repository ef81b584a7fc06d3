package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drbd4j plan} for the workflows that start from a set-up pair (switchover, rejoin-secondary,
 * replace-secondary, split-brain-recovery): their staged plans, and the options they need on hosts.
 */
class PlanSetUpPairWorkflowsTest {
    private static void assertUsageError(CliResult result) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(Drbd4jCommand.EXIT_FAILURE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("drbd4j plan: ").endsWith("\n").containsOnlyOnce("\n");
    }

    private static List<String> texts(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    /**
     * @return each command of the plan as step id, the host it runs on, destroysData and argv; a step without
     *     commands as one line with an empty argv
     */
    private static List<String> steps(JsonNode plan) {
        List<String> list = new ArrayList<>();
        for (JsonNode step : plan.at("/steps")) {
            String id = step.at("/id").asText();
            String destroys = step.at("/destroysData").asBoolean() ? " DESTROYS " : " ";
            if (step.at("/commands").isEmpty()) {
                list.add(id + " on " + step.at("/host").asText() + destroys);
            }
            for (JsonNode command : step.at("/commands")) {
                list.add(id + " on " + command.at("/host").asText() + destroys
                        + String.join(" ", texts(command.at("/argv"))));
            }
        }
        return list;
    }

    private static JsonNode step(JsonNode plan, String id) {
        for (JsonNode step : plan.at("/steps")) {
            if (step.at("/id").asText().equals(id)) {
                return step;
            }
        }
        throw new AssertionError("no step " + id + " in " + plan);
    }

    @Test
    void plansTheSwitchoverOfTheSetUpPairWithoutADestructiveStep() {
        CliResult result = CliResult.run("plan", "switchover", "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode plan = result.json();
        assertThat(plan.at("/workflow").asText()).isEqualTo("switchover");
        assertThat(plan.at("/hosts/keeper").asText()).isEqualTo("be1");
        assertThat(steps(plan))
                .containsExactly(
                        "check-identity on be1 ",
                        "check on be1 ",
                        "stop-keepalived on be1 chef-server-ctl stop keepalived",
                        "start-keepalived on be1 chef-server-ctl start keepalived");
        assertThat(step(plan, "stop-keepalived").at("/guard").asText())
                .isEqualTo("be2 Connected Secondary/Primary UpToDate/UpToDate; be2 backup (keepalived running,"
                        + " current_cluster_status backup)");
    }

    @Test
    void plansTheRejoinOfTheCrashedSecondaryWithoutADestructiveStep() {
        CliResult result = CliResult.run("plan", "rejoin-secondary", "--json", "--dialect", "8.3");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode plan = result.json();
        assertThat(plan.at("/workflow").asText()).isEqualTo("rejoin-secondary");
        assertThat(plan.at("/dialects/be2").asText()).isEqualTo("8.3");
        assertThat(steps(plan))
                .containsExactly(
                        "check-identity on be1 ",
                        "check on be1 ",
                        "up-secondary on be2 drbdadm up pc0",
                        "connect-secondary on be2 drbdadm connect pc0",
                        "connect-primary on be1 drbdadm connect pc0",
                        "wait-sync on be1 ",
                        "start-keepalived on be2 chef-server-ctl start keepalived");
    }

    @Test
    void plansTheReplacementOfTheLostSecondaryWithCreateMdOnBe3Destructive() {
        CliResult result = CliResult.run("plan", "replace-secondary", "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode plan = result.json();
        assertThat(plan.at("/workflow").asText()).isEqualTo("replace-secondary");
        assertThat(plan.at("/hosts/keeper").asText()).isEqualTo("be1");
        assertThat(plan.at("/hosts/other").asText()).isEqualTo("be3");
        assertThat(steps(plan))
                .filteredOn(s -> s.contains(" DESTROYS "))
                .containsExactly("create-md-new on be3 DESTROYS drbdadm create-md pc0");
        assertThat(step(plan, "create-md-new").at("/guard").asText())
                .isEqualTo("dump-md on be3 finds no valid meta data");
        assertThat(steps(plan)).contains("configure-master on be1 dd of=/etc/opscode/chef-server.rb");
    }

    @Test
    void plansTheSplitBrainRecoveryWithTheVictimsDiscardDestructiveAndGuardedByTheConfirmation() {
        CliResult result = CliResult.run("plan", "split-brain", "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode plan = result.json();
        assertThat(plan.at("/workflow").asText()).isEqualTo("split-brain-recovery");
        assertThat(plan.at("/hosts/keeper").asText()).isEqualTo("be1");
        assertThat(steps(plan))
                .filteredOn(s -> s.contains(" DESTROYS "))
                .containsExactly("discard-victim on be2 DESTROYS drbdadm connect --discard-my-data pc0");
        assertThat(step(plan, "discard-victim").at("/guard").asText())
                .isEqualTo("the discard of be2's writes confirmed (who and why); be2 Secondary; nothing mounted on"
                        + " /var/opt/opscode/drbd/data on be2; be2 StandAlone; be1 Primary with UpToDate data");
    }

    @Test
    void plansTheSplitBrainRecoveryOnHostsKeepingTheBootstrapBackend() {
        // Port 1 on 127.0.0.1 refuses connections: the plan must not need them when --dialect is given.
        CliResult result = CliResult.run(
                "plan",
                "split-brain-recovery",
                "--json",
                "--dialect",
                "8.3",
                "--backend",
                "chef-be-a=127.0.0.1:1",
                "--backend",
                "chef-be-b=127.0.0.1:1",
                "--primary",
                "chef-be-b",
                "--keep",
                "chef-be-b",
                "--confirmed",
                "jdoe: chef-be-b holds the orders");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode plan = result.json();
        assertThat(plan.at("/hosts/keeper").asText()).isEqualTo("chef-be-b");
        assertThat(steps(plan))
                .filteredOn(s -> s.contains(" DESTROYS "))
                .containsExactly("discard-victim on chef-be-a DESTROYS drbdadm -- --discard-my-data connect pc0");
    }

    @Test
    void plansTheReplacementOnHostsWithTheNewConfiguration(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("chef-server.rb"), "topology \"ha\"\n");
        CliResult result = CliResult.run(
                "plan",
                "replace-secondary",
                "--json",
                "--dialect",
                "8.4",
                "--backend",
                "be1=127.0.0.1:1",
                "--backend",
                "be3=127.0.0.1:1",
                "--lost",
                "be2=10.0.0.2",
                "--confirmed",
                "powered off via ILO",
                "--new-config",
                config.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(steps(result.json())).contains("create-md-new on be3 DESTROYS drbdadm create-md pc0");
    }

    @Test
    void replaceSecondaryOnHostsNeedsTheLostHostAndHowItWasConfirmed() {
        CliResult result = CliResult.run(
                "plan",
                "replace-secondary",
                "--backend",
                "be1=10.0.0.1",
                "--backend",
                "be3=10.0.0.3",
                "--dialect",
                "8.4");

        assertUsageError(result);
        assertThat(result.err()).contains("replace-secondary on hosts needs --lost NAME=ADDRESS and --confirmed TEXT");
    }

    @Test
    void splitBrainRecoveryOnHostsNeedsTheCopyToKeep() {
        CliResult result = CliResult.planOnHosts("split-brain", "--confirmed", "jdoe");

        assertUsageError(result);
        assertThat(result.err())
                .contains("split-brain-recovery on hosts needs --keep NAME (the copy to keep) and --confirmed TEXT");
    }

    @Test
    void splitBrainRecoveryOnHostsNeedsTheConfirmation() {
        CliResult result = CliResult.planOnHosts("split-brain-recovery", "--keep", "be1");

        assertUsageError(result);
        assertThat(result.err())
                .contains("split-brain-recovery on hosts needs --keep NAME (the copy to keep) and --confirmed TEXT");
    }

    @Test
    void keepingAnotherBackendThanTheBootstrapOneIsAUsageError() {
        CliResult result = CliResult.planOnHosts("split-brain-recovery", "--keep", "be2", "--confirmed", "jdoe");

        assertUsageError(result);
        assertThat(result.err())
                .contains("--keep be2 but the bootstrap backend is be1 (expected: the copy to keep as the first"
                        + " --backend, or --keeper be2)");
    }

    @Test
    void anOptionOfAnotherWorkflowIsAUsageError() {
        CliResult result = CliResult.run("plan", "switchover", "--keep", "be1");

        assertUsageError(result);
        assertThat(result.err()).contains("--keep is for split-brain-recovery and both-secondary only");
    }
}
