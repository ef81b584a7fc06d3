package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drbd4j.chef.BothSecondary;
import io.drbd4j.chef.FailoverSetup;
import io.drbd4j.chef.GrowVolume;
import io.drbd4j.chef.Plan;
import io.drbd4j.chef.PlannedCommand;
import io.drbd4j.chef.PlannedStep;
import io.drbd4j.chef.Prepare;
import io.drbd4j.chef.PrepareStorage;
import io.drbd4j.chef.RecoverPrimary;
import io.drbd4j.chef.RejoinSecondary;
import io.drbd4j.chef.ReplaceSecondary;
import io.drbd4j.chef.SplitBrainRecovery;
import io.drbd4j.chef.Switchover;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code drbd4j plan WORKFLOW --json} lists every command of every step of all ten workflows, inside its step (one
 * object per step), on the backend it runs on, the {@code cat} that copies a file from the other backend included.
 */
class PlanEveryCommandTest {
    private static final List<String> COPYING = List.of(Prepare.NAME, RecoverPrimary.NAME, ReplaceSecondary.NAME);

    @ParameterizedTest
    @ValueSource(
            strings = {
                FailoverSetup.NAME,
                Prepare.NAME,
                RecoverPrimary.NAME,
                Switchover.NAME,
                RejoinSecondary.NAME,
                ReplaceSecondary.NAME,
                SplitBrainRecovery.NAME,
                BothSecondary.NAME,
                GrowVolume.NAME,
                PrepareStorage.NAME
            })
    void listsEveryCommandOfEveryStep(String workflow) {
        CliResult result = CliResult.run("plan", workflow, "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        Plan plan = DemoScenarios.stage(workflow, "8.4", 1).workflow().plan();
        List<String> expected = new ArrayList<>();
        for (PlannedStep step : plan.steps()) {
            if (step.commands().isEmpty()) {
                expected.add(step.id() + " on " + step.host() + ": (waits only)");
            }
            for (PlannedCommand command : step.commands()) {
                expected.add(step.id() + " on " + command.host() + ": " + String.join(" ", command.argv())
                        + command.input().map(i -> " < " + i).orElse(""));
            }
        }
        List<String> listed = new ArrayList<>();
        for (JsonNode step : result.json().at("/steps")) {
            String id = step.at("/id").asText();
            if (step.at("/commands").isEmpty()) {
                listed.add(id + " on " + step.at("/host").asText() + ": (waits only)");
            }
            for (JsonNode command : step.at("/commands")) {
                List<String> argv = new ArrayList<>();
                command.at("/argv").forEach(word -> argv.add(word.asText()));
                JsonNode input = command.at("/input");
                listed.add(id + " on " + command.at("/host").asText() + ": " + String.join(" ", argv)
                        + (input.isNull() ? "" : " < " + input.asText()));
            }
        }
        assertThat(listed).isEqualTo(expected);
        assertThat(result.json().at("/steps").size()).isEqualTo(plan.steps().size());
        if (COPYING.contains(workflow)) {
            String other = plan.other();
            String keeper = plan.keeper();
            // The copy of each configuration file: read on the keeper, written on the other backend.
            assertThat(listed)
                    .containsSubsequence(
                            "copy-config on " + keeper + ": cat /etc/opscode/chef-server.rb",
                            "copy-config on " + other + ": dd of=/etc/opscode/chef-server.rb < the output of cat"
                                    + " /etc/opscode/chef-server.rb on " + keeper,
                            "copy-config on " + keeper + ": cat /etc/opscode/private-chef-secrets.json",
                            "copy-config on " + other + ": dd of=/etc/opscode/private-chef-secrets.json < the output"
                                    + " of cat /etc/opscode/private-chef-secrets.json on " + keeper);
        }
    }
}
