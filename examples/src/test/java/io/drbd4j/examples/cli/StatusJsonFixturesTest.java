package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code drbd4j status --json} over every fixture, compared with what the fixture's {@code .source} describes. */
class StatusJsonFixturesTest {
    private static final List<String> ROOT_FIELDS =
            List.of("schemaVersion", "timestamp", "version", "buildTag", "transports", "devices", "problems");
    private static final List<String> VERSION_FIELDS = List.of("release", "api", "protoMin", "protoMax");
    private static final List<String> DEVICE_FIELDS = List.of(
            "minor",
            "connectionState",
            "role",
            "peerRole",
            "diskState",
            "peerDiskState",
            "protocol",
            "ioFlags",
            "counters",
            "sync",
            "safety");
    private static final List<String> SAFETY_FIELDS =
            List.of("safe", "summary", "canLosePeer", "canLoseThisNode", "upToDateHolder", "splitBrain");
    private static final List<String> COUNTER_FIELDS =
            List.of("ns", "nr", "dw", "dr", "al", "bm", "lo", "pe", "ua", "ap", "ep", "wo", "oos");
    private static final List<String> SYNC_FIELDS = List.of(
            "kind",
            "percent",
            "leftKiB",
            "totalKiB",
            "finishSeconds",
            "speedKiBps",
            "averageKiBps",
            "wantKiBps",
            "stalled");

    static List<FixtureExpectation> expectations() {
        return FixtureExpectations.all();
    }

    static List<String> fixtureNames() {
        return Fixtures.names();
    }

    @Test
    void everyFixtureHasAnExpectation() {
        List<String> expected =
                expectations().stream().map(FixtureExpectation::fixture).collect(Collectors.toList());

        assertThat(fixtureNames()).isNotEmpty().containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void reportsWhatTheFixtureSourceDescribes(FixtureExpectation expected) {
        CliResult result = CliResult.run(
                "status", "--json", "--file", Fixtures.file(expected.fixture()).toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        JsonNode json = result.json();
        if (!expected.version().equals(FixtureExpectation.UNCHECKED)) {
            assertThat(StatusSummary.version(json.get("version"))).isEqualTo(expected.version());
        }
        assertThat(elements(json.get("transports")))
                .map(StatusSummary::transport)
                .containsExactlyElementsOf(expected.transports());
        assertThat(elements(json.get("devices")))
                .map(StatusSummary::device)
                .containsExactlyElementsOf(expected.devices());
        assertThat(elements(json.get("devices")))
                .filteredOn(device -> !device.get("sync").isNull())
                .map(StatusSummary::sync)
                .containsExactlyElementsOf(expected.syncs());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureNames")
    void printsOneLineInTheDocumentedShape(String fixture) {
        CliResult result = CliResult.run(
                "status", "--json", "--file", Fixtures.file(fixture).toString());

        assertThat(result.out()).endsWith("\n").containsOnlyOnce("\n");
        JsonNode json = result.json();
        assertThat(fieldNames(json)).containsExactlyElementsOf(ROOT_FIELDS);
        if (!json.get("version").isNull()) {
            assertThat(fieldNames(json.get("version"))).containsExactlyElementsOf(VERSION_FIELDS);
            assertThat(json.get("version").get("api").isInt()).isTrue();
        }
        assertThat(json.get("buildTag").isNull() || json.get("buildTag").isTextual())
                .isTrue();
        for (JsonNode transport : elements(json.get("transports"))) {
            assertThat(fieldNames(transport)).containsExactly("name", "version");
        }
        for (JsonNode device : elements(json.get("devices"))) {
            assertThat(fieldNames(device)).containsExactlyElementsOf(DEVICE_FIELDS);
            assertThat(device.get("minor").isInt()).isTrue();
            assertThat(fieldNames(device.get("safety"))).containsExactlyElementsOf(SAFETY_FIELDS);
            if (!device.get("counters").isNull()) {
                assertThat(fieldNames(device.get("counters"))).containsExactlyElementsOf(COUNTER_FIELDS);
            }
            if (!device.get("sync").isNull()) {
                assertThat(fieldNames(device.get("sync"))).containsExactlyElementsOf(SYNC_FIELDS);
                assertThat(device.get("sync").get("percent").isNumber()).isTrue();
            }
        }
        for (JsonNode problem : elements(json.get("problems"))) {
            assertThat(fieldNames(problem)).containsExactly("line", "column", "message");
            assertThat(problem.get("line").asInt()).isPositive();
            assertThat(problem.get("column").asInt()).isPositive();
        }
    }

    private static List<JsonNode> elements(JsonNode array) {
        assertThat(array.isArray()).as("%s is an array", array).isTrue();
        return StreamSupport.stream(array.spliterator(), false).collect(Collectors.toList());
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
