package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code drbd4j plan}: the dry run of a Chef HA workflow, for the simulated pair or for named backends. */
class PlanCommandTest {
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

    @Test
    void printsFailoverSetupAsOneLineOfJsonIn84ByDefault() {
        CliResult result = CliResult.run("plan", "failover-setup", "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out().strip()).doesNotContain("\n");
        // One object per step, its commands inside; the envelope first (schemaVersion, timestamp).
        assertThat(result.out())
                .startsWith("{\"schemaVersion\":1,\"timestamp\":\"")
                .contains("Z\",\"workflow\":\"failover-setup\",\"resource\":\"pc0\",\"hosts\":{\"keeper\":\"be1\","
                        + "\"other\":\"be2\"},\"dialects\":{\"be1\":\"8.4\",\"be2\":\"8.4\"},\"steps\":[{\"id\":"
                        + "\"check-identity\",\"host\":\"be1\",\"destroysData\":false,\"guard\":\"be1 and be2 each"
                        + " answer as the backend named (uname -n, and the replication address among ip addr's)"
                        + "\",")
                .contains("{\"id\":\"force-primary\",\"host\":\"be1\",\"destroysData\":true,\"guard\":\"both"
                        + " disks Inconsistent and Connected; drbd_ready absent on be1 and be2; no"
                        + " /etc/opscode/chef-server.rb names another backend than be1 as bootstrap\","
                        + "\"when\":null,");
        JsonNode json = result.json();
        assertThat(json.at("/workflow").asText()).isEqualTo("failover-setup");
        assertThat(json.at("/hosts/keeper").asText()).isEqualTo("be1");
        assertThat(json.at("/hosts/other").asText()).isEqualTo("be2");
        assertThat(json.at("/dialects/be1").asText()).isEqualTo("8.4");
        assertThat(json.at("/dialects/be2").asText()).isEqualTo("8.4");
        JsonNode force = json.at("/steps/1");
        assertThat(force.at("/id").asText()).isEqualTo("force-primary");
        assertThat(force.at("/commands").size()).isEqualTo(1);
        assertThat(force.at("/commands/0/host").asText()).isEqualTo("be1");
        assertThat(texts(force.at("/commands/0/argv"))).containsExactly("drbdadm", "primary", "--force", "pc0");
        assertThat(force.at("/destroysData").asBoolean()).isTrue();
        assertThat(force.at("/when").isNull()).isTrue();
        List<String> ids = new ArrayList<>();
        json.at("/steps").forEach(step -> ids.add(step.at("/id").asText()));
        // The library's plan is the one source of the step ids: the CLI shows each step, in order.
        assertThat(ids)
                .containsExactlyElementsOf(
                        DemoScenarios.stage("failover-setup", "8.4", 1).workflow().plan().steps().stream()
                                .map(io.drbd4j.chef.PlannedStep::id)
                                .toList());
        assertThat(json.at("/steps/2/id").asText()).isEqualTo("promote-primary");
        assertThat(json.at("/steps/2/destroysData").asBoolean()).isFalse();
        assertThat(json.at("/steps/3/commands/0/argv/0").asText()).isEqualTo("mkfs.ext4");
        assertThat(json.at("/steps/3/destroysData").asBoolean()).isTrue();
    }

    @Test
    void forcesThePrimaryIn83WithOverwriteDataOfPeer() {
        CliResult result = CliResult.run("plan", "failover-setup", "--json", "--dialect", "8.3");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode json = result.json();
        assertThat(json.at("/dialects/be1").asText()).isEqualTo("8.3");
        assertThat(json.at("/steps/1/id").asText()).isEqualTo("force-primary");
        assertThat(json.at("/steps/1/host").asText()).isEqualTo("be1");
        assertThat(texts(json.at("/steps/1/commands/0/argv")))
                .containsExactly("drbdadm", "--", "--overwrite-data-of-peer", "primary", "pc0");
        assertThat(json.at("/steps/1/destroysData").asBoolean()).isTrue();
    }

    @Test
    void textMarksTheDestructiveSteps() {
        CliResult result = CliResult.run("plan", "failover-setup");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .startsWith("failover-setup of pc0: keeper be1 (8.4), other be2 (8.4)\n")
                .contains(" 1. check-identity on be1\n")
                .contains(" 2. force-primary on be1   [DESTROYS DATA if run in the wrong state]")
                .contains(" 3. promote-primary on be1\n")
                .contains(" 4. mkfs on be1   [DESTROYS DATA if run in the wrong state]")
                .contains(" 5. mount on be1\n")
                .contains("guard:     both disks Inconsistent and Connected; drbd_ready absent on be1 and be2");
        assertThat(result.out().split("\\[DESTROYS DATA", -1)).hasSize(3);
    }

    @Test
    void plansPrepareWithItsCreateMdMarkedDestructive() {
        CliResult result = CliResult.run("plan", "prepare");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .startsWith("prepare of pc0: keeper be1 (8.4), other be2 (8.4)\n")
                .contains("create-md-primary on be1   [DESTROYS DATA if run in the wrong state]")
                .contains("create-md-secondary on be2   [DESTROYS DATA if run in the wrong state]")
                .contains("copy-config on be2");
    }

    @Test
    void unknownWorkflowIsAUsageErrorNamingTheValidOnes() {
        CliResult result = CliResult.run("plan", "failover");

        assertUsageError(result);
        assertThat(result.err())
                .isEqualTo(
                        "drbd4j plan: unknown workflow 'failover' (expected: failover-setup, prepare, recover-primary,"
                                + " switchover, rejoin-secondary, replace-secondary, split-brain-recovery,"
                                + " both-secondary, grow-volume, prepare-storage)"
                                + " (see 'drbd4j plan --help')\n");
    }

    @Test
    void plansTheRecoveryOfTheSimulatedPrimaryLostMidSync() {
        CliResult result = CliResult.run("plan", "recover-primary", "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode plan = result.json();
        assertThat(plan.get("workflow").asText()).isEqualTo("recover-primary");
        assertThat(plan.get("hosts").get("keeper").asText()).isEqualTo("be2");
        assertThat(plan.get("hosts").get("other").asText()).isEqualTo("be3");
        JsonNode force = null;
        for (JsonNode step : plan.get("steps")) {
            if (step.get("id").asText().equals("force-primary-survivor")) {
                force = step;
            }
        }
        assertThat(force).isNotNull();
        assertThat(force.get("destroysData").asBoolean()).isTrue();
        assertThat(force.get("when").asText()).isEqualTo("be2 not UpToDate");
        assertThat(force.get("guard").asText())
                .startsWith(
                        "be1 gone for good (powered off via ILO (simulated)); be2 not connected to a peer"
                                + " holding data; be3 not answering as a primary (DRBD Primary, /var/opt/opscode/drbd/data"
                                + " mounted, or Chef's HA services running); be2 UpToDate, or the loss of what it lacks accepted");
        assertThat(force.get("commands").size()).isEqualTo(1);
        assertThat(force.at("/commands/0/argv").toString()).isEqualTo("[\"drbdadm\",\"primary\",\"--force\",\"pc0\"]");
    }

    @Test
    void recoverPrimaryOnHostsNeedsTheLostHostAndHowItWasConfirmed() {
        CliResult result = CliResult.run(
                "plan",
                "recover-primary",
                "--backend",
                "be2=10.0.0.2",
                "--backend",
                "be3=10.0.0.3",
                "--dialect",
                "8.4");

        assertUsageError(result);
        assertThat(result.err()).contains("recover-primary on hosts needs --lost NAME=ADDRESS and --confirmed TEXT");
    }

    @Test
    void missingWorkflowIsAUsageError() {
        assertUsageError(CliResult.run("plan"));
    }

    @Test
    void unknownDialectIsAUsageError() {
        CliResult result = CliResult.run("plan", "failover-setup", "--dialect", "9.0");

        assertUsageError(result);
        assertThat(result.err()).contains("DRBD dialect \"9.0\" (expected: 8.4 or 8.3)");
    }

    @Test
    void plansForNamedBackendsWithoutReachingThemWhenTheDialectIsGiven() {
        // Port 1 on 127.0.0.1 refuses connections: the plan must not need them when --dialect is given.
        CliResult result = CliResult.run(
                "plan",
                "failover-setup",
                "--json",
                "--dialect",
                "8.3",
                "--backend",
                "chef-be-a=root@127.0.0.1:1",
                "--backend",
                "chef-be-b=127.0.0.1:1",
                "--primary",
                "chef-be-b");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode json = result.json();
        assertThat(json.at("/hosts/keeper").asText()).isEqualTo("chef-be-b");
        assertThat(json.at("/hosts/other").asText()).isEqualTo("chef-be-a");
        assertThat(json.at("/steps/1/host").asText()).isEqualTo("chef-be-b");
        assertThat(texts(json.at("/steps/1/commands/0/argv")))
                .containsExactly("drbdadm", "--", "--overwrite-data-of-peer", "primary", "pc0");
    }

    @Test
    void oneBackendIsAUsageError() {
        CliResult result = CliResult.run("plan", "failover-setup", "--backend", "be1=root@10.0.0.1");

        assertUsageError(result);
        assertThat(result.err()).contains("1 --backend given (expected: two");
    }

    @Test
    void backendWithoutANameIsAUsageError() {
        CliResult result =
                CliResult.run("plan", "failover-setup", "--backend", "root@10.0.0.1", "--backend", "be2=10.0.0.2");

        assertUsageError(result);
        assertThat(result.err()).contains("--backend 'root@10.0.0.1' (expected: NAME=[USER@]HOST[:PORT]");
    }

    @Test
    void hostThatCouldBeAnSshOptionIsAUsageError() {
        CliResult result =
                CliResult.run("plan", "failover-setup", "--backend", "be1=-oProxyCommand=x", "--backend", "be2=db2");

        assertUsageError(result);
    }

    @Test
    void unknownPrimaryIsAUsageError() {
        CliResult result = CliResult.run(
                "plan", "failover-setup", "--backend", "be1=db1", "--backend", "be2=db2", "--primary", "be3");

        assertUsageError(result);
        assertThat(result.err()).contains("no backend named \"be3\"");
    }

    @Test
    void sshOptionWithoutBackendIsAUsageError() {
        CliResult result = CliResult.run("plan", "failover-setup", "--port", "2222");

        assertUsageError(result);
        assertThat(result.err()).contains("--port needs two --backend");
    }
}
