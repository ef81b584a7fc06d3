package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drbd4j.chef.HaStatus;
import io.drbd4j.core.time.Sleeper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every JSON the command line prints, held to the schema files it ships ({@code src/main/resources/schemas}): real
 * outputs of {@code status --json} on every sample, {@code --watch --json} lines, {@code ha-status --json} on the
 * simulated pair in several states, and {@code plan --json} for every workflow.
 */
class JsonShapesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path SAMPLE = Path.of("samples", "proc-drbd-8.4-syncing.txt");
    private static final Instant START = Instant.parse("2026-12-06T10:00:00Z");

    private final SchemaValidator schemas = new SchemaValidator();

    /** Advances a fixed clock by each sleep; reads nothing, writes nothing. */
    private static final class VirtualSleeper implements Sleeper {
        private Instant now = START;

        @Override
        public Clock clock() {
            return Clock.fixed(now, ZoneOffset.UTC);
        }

        @Override
        public void sleep(Duration duration) {
            now = now.plus(duration);
        }
    }

    private static CliResult run(Sleeper sleeper, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit =
                Drbd4jCommand.run(new Drbd4jCommand(false, sleeper), new PrintWriter(out), new PrintWriter(err), args);
        return new CliResult(exit, out.toString(), err.toString());
    }

    static List<Path> samples() {
        List<Path> samples = new ArrayList<>();
        samples.add(SAMPLE);
        Fixtures.names().forEach(name -> samples.add(Fixtures.file(name)));
        return samples;
    }

    @Test
    void theValidatorReportsAMissingAnExtraAndAMistypedField() throws Exception {
        ObjectNode json = (ObjectNode) run(new VirtualSleeper(), "status", "--json", "--file", SAMPLE.toString())
                .json();
        ((ObjectNode) json.get("devices").get(0)).remove("safety");
        json.put("extra", true);
        json.put("timestamp", "yesterday");
        json.put("schemaVersion", 2);

        assertThat(schemas.validate("status.schema.json", json))
                .containsExactlyInAnyOrder(
                        "/schemaVersion: 2 (expected: 1)",
                        "/timestamp: \"yesterday\" (expected: an ISO-8601 date-time)",
                        ": unexpected \"extra\"",
                        "/devices/0: missing \"safety\"");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void statusJsonOfEverySampleHasTheDocumentedShape(Path sample) {
        CliResult result = run(new VirtualSleeper(), "status", "--json", "--file", sample.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode json = result.json();
        assertThat(schemas.validate("status.schema.json", json)).isEmpty();
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.get("timestamp").asText()).isEqualTo("2026-12-06T10:00:00Z");
    }

    @Test
    void everyWatchLineHasTheShapeAndTheTimeOfItsRead() throws Exception {
        CliResult result = run(
                new VirtualSleeper(),
                "status",
                "--json",
                "--watch",
                "--interval",
                "1500ms",
                "--count",
                "3",
                "--file",
                SAMPLE.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        String[] lines = result.out().split("\n");
        assertThat(lines).hasSize(3);
        List<String> times = new ArrayList<>();
        for (String line : lines) {
            JsonNode json = MAPPER.readTree(line);
            assertThat(schemas.validate("status.schema.json", json)).isEmpty();
            times.add(json.get("timestamp").asText());
        }
        assertThat(times).containsExactly("2026-12-06T10:00:00Z", "2026-12-06T10:00:01.500Z", "2026-12-06T10:00:03Z");
    }

    @Test
    void haStatusJsonOfTheDemoPairHasTheDocumentedShape() {
        CliResult result = run(new VirtualSleeper(), "ha-status", "--demo", "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(schemas.validate("ha-status.schema.json", result.json())).isEmpty();
        assertThat(result.json().get("timestamp").asText()).isEqualTo("2026-12-06T10:00:00Z");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"failover-setup", "recover-primary", "rejoin-secondary", "split-brain-recovery"})
    void haStatusJsonOfEachStagedStateHasTheDocumentedShape(String workflow) {
        HaStatus status = HaStatus.read(DemoScenarios.stage(workflow, "8.4", 1).cluster());

        JsonNode json = HaStatusJson.tree(status, START);

        assertThat(schemas.validate("ha-status.schema.json", json)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.drbd4j.examples.cli.DemoScenarios#names")
    void planJsonOfEveryWorkflowHasOneObjectPerStepWithItsCommandsInside(String workflow) {
        CliResult result = run(new VirtualSleeper(), "plan", workflow, "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode json = result.json();
        assertThat(schemas.validate("plan.schema.json", json)).isEmpty();
        Set<String> ids = new HashSet<>();
        for (JsonNode step : json.get("steps")) {
            assertThat(ids.add(step.get("id").asText()))
                    .as("step id %s appears once", step.get("id"))
                    .isTrue();
        }
        assertThat(json.get("timestamp").asText()).isEqualTo("2026-12-06T10:00:00Z");
    }
}
