package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code drbd4j plan both-secondary}: the staged plan (both Secondary after the link was cut while be1 wrote) with the
 * evidence in the assess step's note, and the options it needs on hosts.
 */
class PlanBothSecondaryTest {
    private static void assertUsageError(CliResult result) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(Drbd4jCommand.EXIT_FAILURE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("drbd4j plan: ").endsWith("\n").containsOnlyOnce("\n");
    }

    /** @return each command of the plan as step id, host, DESTROYS where it can destroy data, and argv */
    static List<String> steps(JsonNode plan) {
        List<String> list = new ArrayList<>();
        for (JsonNode step : plan.at("/steps")) {
            String id = step.at("/id").asText();
            String destroys = step.at("/destroysData").asBoolean() ? " DESTROYS " : " ";
            if (step.at("/commands").isEmpty()) {
                list.add(id + " on " + step.at("/host").asText() + destroys);
            }
            for (JsonNode command : step.at("/commands")) {
                List<String> argv = new ArrayList<>();
                command.at("/argv").forEach(word -> argv.add(word.asText()));
                list.add(id + " on " + command.at("/host").asText() + destroys + String.join(" ", argv));
            }
        }
        return list;
    }

    static JsonNode step(JsonNode plan, String id) {
        for (JsonNode step : plan.at("/steps")) {
            if (step.at("/id").asText().equals(id)) {
                return step;
            }
        }
        throw new AssertionError("no step " + id + " in " + plan);
    }

    @Test
    void plansTheRecoveryOfTheStagedPairWithTheEvidenceInTheAssessNote() {
        CliResult result = CliResult.run("plan", "both-secondary");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out())
                .startsWith("both-secondary of pc0: keeper be1 (8.4), other be2 (8.4)\n")
                .contains(" 2. assess on be1\n")
                .contains("    guard:     the choice of be1's copy confirmed (who and why); neither backend Primary;"
                        + " be1 UpToDate; be2 holds no write be1 lacks (get-gi: the same data, be1 newer, or no"
                        + " verdict)\n")
                .contains("    note:      keeps be1's copy: be1: WFConnection Secondary/Unknown UpToDate/DUnknown;"
                        + " oos 65536 KiB; get-gi ")
                .contains("| be2: WFConnection Secondary/Unknown UpToDate/DUnknown; oos 0 KiB; get-gi ")
                .contains("| be1 holds every write be2 has and more (be1 is newer) | keep be1: it holds the newest"
                        + " writes\n")
                .contains(" 3. stop-keepalived-other on be2\n")
                .contains(" 4. promote-keeper on be1\n")
                .contains("    run:       drbdadm primary pc0\n")
                .doesNotContain("DESTROYS DATA")
                .doesNotContain("wipe-md");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void plansTheStagedRecoveryAsJsonWithoutADestructiveStep(String dialect) {
        CliResult result = CliResult.run("plan", "both-secondary", "--json", "--dialect", dialect);

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode plan = result.json();
        assertThat(plan.at("/workflow").asText()).isEqualTo("both-secondary");
        assertThat(plan.at("/hosts/keeper").asText()).isEqualTo("be1");
        assertThat(plan.at("/dialects/be2").asText()).isEqualTo(dialect);
        assertThat(steps(plan))
                .containsExactly(
                        "check-identity on be1 ",
                        "assess on be1 ",
                        "stop-keepalived-other on be2 chef-server-ctl stop keepalived",
                        "promote-keeper on be1 drbdadm primary pc0",
                        "master-recover-keeper on be1 chef-server-ctl master-recover",
                        "connect-other on be2 drbdadm connect pc0",
                        "connect-keeper on be1 drbdadm connect pc0",
                        "wait-sync on be1 ",
                        "backup-recover-other on be2 chef-server-ctl backup-recover",
                        "start-keepalived-keeper on be1 chef-server-ctl start keepalived",
                        "start-keepalived-other on be2 chef-server-ctl start keepalived");
        assertThat(step(plan, "assess").at("/note").asText())
                .startsWith("keeps be1's copy: be1: WFConnection Secondary/Unknown UpToDate/DUnknown; oos 65536 KiB;")
                .endsWith("keep be1: it holds the newest writes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void plansTheWipeOfTheOtherCopyOnHostsWithItsGuardAndTheNewMetaData(String dialect) {
        // Port 1 on 127.0.0.1 refuses connections: the plan must not need them when --dialect is given.
        CliResult result = CliResult.run(
                "plan",
                "both-secondary",
                "--json",
                "--dialect",
                dialect,
                "--backend",
                "chef-be-a=127.0.0.1:1",
                "--backend",
                "chef-be-b=127.0.0.1:1",
                "--keeper",
                "chef-be-b",
                "--keep",
                "chef-be-b",
                "--confirmed",
                "jdoe: chef-be-a's disk is suspect",
                "--wipe-other",
                "jdoe: chef-be-a's writes since 10:00 are given up");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode plan = result.json();
        assertThat(plan.at("/hosts/keeper").asText()).isEqualTo("chef-be-b");
        // 8.4's drbdadm hands wipe-md to drbdmeta only in the "-- --force" form, so both dialects use it.
        // create-md forced: drbdmeta would ask about the filesystem the wipe left (seen on the real pair)
        String createMd = dialect.equals("8.3")
                ? "create-md-other on chef-be-a DESTROYS drbdadm -- --force create-md pc0"
                : "create-md-other on chef-be-a DESTROYS drbdadm create-md --force pc0";
        assertThat(steps(plan))
                .filteredOn(s -> s.contains(" DESTROYS "))
                .containsExactly("wipe-md-other on chef-be-a DESTROYS drbdadm -- --force wipe-md pc0", createMd);
        assertThat(steps(plan))
                .containsSubsequence(
                        "master-recover-keeper on chef-be-b chef-server-ctl master-recover",
                        "down-other on chef-be-a drbdadm down pc0",
                        "wipe-md-other on chef-be-a DESTROYS drbdadm -- --force wipe-md pc0",
                        createMd,
                        "up-other on chef-be-a drbdadm up pc0",
                        "connect-keeper on chef-be-b drbdadm connect pc0")
                .doesNotContain("connect-other on chef-be-a drbdadm connect pc0");
        assertThat(step(plan, "wipe-md-other").at("/guard").asText())
                .isEqualTo("the wipe of chef-be-a's copy confirmed (who and why); chef-be-b Primary with UpToDate"
                        + " data; pc0 down on chef-be-a; valid DRBD meta data on chef-be-a (dump-md)");
        assertThat(step(plan, "assess").at("/guard").asText())
                .endsWith("any data relation (the wipe of chef-be-a's copy is confirmed)");
    }

    @Test
    void onHostsItNeedsTheCopyToKeep() {
        CliResult result = CliResult.planOnHosts("both-secondary", "--confirmed", "jdoe");

        assertUsageError(result);
        assertThat(result.err())
                .contains("both-secondary on hosts needs --keep NAME (the copy to keep) and --confirmed TEXT (who chose"
                        + " it and why)");
    }

    @Test
    void onHostsItNeedsTheConfirmation() {
        CliResult result = CliResult.planOnHosts("both-secondary", "--keep", "be1");

        assertUsageError(result);
        assertThat(result.err()).contains("both-secondary on hosts needs --keep NAME (the copy to keep)");
    }

    @Test
    void keepingAnotherBackendThanTheKeeperIsAUsageError() {
        CliResult result = CliResult.planOnHosts("both-secondary", "--keep", "be2", "--confirmed", "jdoe");

        assertUsageError(result);
        assertThat(result.err())
                .contains("--keep be2 but the bootstrap backend is be1 (expected: the copy to keep as the first"
                        + " --backend, or --keeper be2)");
    }

    @Test
    void aBlankWipeConfirmationIsAUsageError() {
        CliResult result =
                CliResult.planOnHosts("both-secondary", "--keep", "be1", "--confirmed", "jdoe", "--wipe-other", "  ");

        assertUsageError(result);
        assertThat(result.err())
                .contains("a wipe of be2's copy without a confirmation (expected: who accepts the loss and why)");
    }
}
