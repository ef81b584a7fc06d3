package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Single values of {@code drbd4j status --json}, taken from the fixtures' {@code .source} files. */
class StatusJsonTest {
    private static JsonNode json(String fixture, String... options) {
        String[] args = new String[options.length + 4];
        args[0] = "status";
        args[1] = "--json";
        args[2] = "--file";
        args[3] = Fixtures.file(fixture).toString();
        System.arraycopy(options, 0, args, 4, options.length);
        CliResult result = CliResult.run(args);
        assertThat(result.exitCode()).as(result.err()).isZero();
        return result.json();
    }

    @Test
    void syncSourceInMiBGivesKiBSecondsAndSpeeds() {
        JsonNode device = json("030-chef-docs-drbd841-syncsource-typography-mangled")
                .get("devices")
                .get(0);

        assertThat(device.get("minor").asInt()).isZero();
        assertThat(device.get("connectionState").asText()).isEqualTo("SyncSource");
        assertThat(device.get("counters").get("oos").asLong()).isEqualTo(12685660L);
        JsonNode sync = device.get("sync");
        assertThat(sync.get("kind").asText()).isEqualTo("sync");
        assertThat(sync.get("percent").doubleValue()).isEqualTo(19.5);
        assertThat(sync.get("leftKiB").asLong()).isEqualTo(12388L * 1024);
        assertThat(sync.get("totalKiB").asLong()).isEqualTo(15372L * 1024);
        assertThat(sync.get("finishSeconds").asLong()).isEqualTo(11 * 60);
        assertThat(sync.get("speedKiBps").asLong()).isEqualTo(19188);
        assertThat(sync.get("averageKiBps").asLong()).isEqualTo(24468);
        assertThat(sync.get("wantKiBps").isNull()).isTrue();
        assertThat(sync.get("stalled").asBoolean()).isFalse();
    }

    @Test
    void eachDeviceCarriesItsSafetyVerdictsWithTheirReasons() {
        // 022: "split brain survivor: StandAlone Primary/Unknown UpToDate/DUnknown, oos:100".
        JsonNode survivor =
                json("022-hoangdh-drbd840-splitbrain-standalone-primary").at("/devices/0/safety");
        assertThat(survivor.at("/safe").asBoolean()).isFalse();
        assertThat(survivor.at("/splitBrain/verdict").asText()).isEqualTo("yes");
        assertThat(survivor.at("/splitBrain/reason").asText()).contains("StandAlone Primary", "100 KiB");
        assertThat(survivor.at("/canLoseThisNode/verdict").asText()).isEqualTo("no");

        // 023: Connected Primary/Secondary UpToDate/UpToDate, protocol C, oos:0: either node can be lost.
        JsonNode synced = json("023-hoangdh-drbd847-connected-primary").at("/devices/0/safety");
        assertThat(synced.at("/safe").asBoolean()).isTrue();
        assertThat(synced.at("/canLosePeer/verdict").asText()).isEqualTo("yes");
        assertThat(synced.at("/canLoseThisNode/verdict").asText()).isEqualTo("yes");
        assertThat(synced.at("/upToDateHolder/holder").asText()).isEqualTo("both");
        assertThat(synced.at("/splitBrain/verdict").asText()).isEqualTo("no");

        // 007: SyncTarget Secondary/Primary Inconsistent/UpToDate: only the peer holds the data.
        JsonNode target = json("007-ganeti-drbd8311-synctarget-want-srcversion").at("/devices/0/safety");
        assertThat(target.at("/safe").asBoolean()).isFalse();
        assertThat(target.at("/canLosePeer/verdict").asText()).isEqualTo("no");
        assertThat(target.at("/canLosePeer/reason").asText()).isNotBlank();
        assertThat(target.at("/upToDateHolder/holder").asText()).isEqualTo("peer");
    }

    @Test
    void syncTargetInKiBGivesWant() {
        JsonNode sync = json("007-ganeti-drbd8311-synctarget-want-srcversion")
                .get("devices")
                .get(0)
                .get("sync");

        assertThat(sync.get("leftKiB").asLong()).isEqualTo(588416);
        assertThat(sync.get("totalKiB").asLong()).isEqualTo(1048576);
        assertThat(sync.get("percent").doubleValue()).isEqualTo(44.4);
        assertThat(sync.get("finishSeconds").asLong()).isEqualTo(8);
        assertThat(sync.get("wantKiBps").asLong()).isEqualTo(61440);
    }

    @Test
    void drbd9ListsItsTransportsAndNoDevices() {
        JsonNode json = json("016-linbit-ug9-drbd900-version-transports");

        assertThat(json.get("transports").toString()).isEqualTo("[{\"name\":\"tcp\",\"version\":\"1.0.0\"}]");
        assertThat(json.get("devices").isEmpty()).isTrue();
        assertThat(json.get("version").toString())
                .isEqualTo("{\"release\":\"9.0.0\",\"api\":2,\"protoMin\":86,\"protoMax\":110}");
    }

    @Test
    void unconfiguredDeviceHasOnlyItsMinorStateAndNoDataToBeSafe() {
        JsonNode device =
                json("002-ganeti-drbd80-unconfigured-gap").get("devices").get(1);

        assertThat(device.toString())
                .startsWith("{\"minor\":1,\"connectionState\":\"Unconfigured\",\"role\":null,\"peerRole\":null,"
                        + "\"diskState\":null,\"peerDiskState\":null,\"protocol\":null,\"ioFlags\":null,"
                        + "\"counters\":null,\"sync\":null,\"safety\":{\"safe\":false,\"summary\":\"unconfigured: no"
                        + " data here\",");
        assertThat(device.at("/safety/canLoseThisNode/verdict").asText()).isEqualTo("yes");
    }

    @Test
    void drbd80CountersHaveNoEpWoOrOos() {
        JsonNode counters =
                json("001-ganeti-drbd80-multi-minor").get("devices").get(0).get("counters");

        assertThat(counters.toString())
                .isEqualTo("{\"ns\":4375577,\"nr\":0,\"dw\":4446279,\"dr\":674,\"al\":1067,\"bm\":69,\"lo\":0,"
                        + "\"pe\":0,\"ua\":0,\"ap\":0,\"ep\":null,\"wo\":null,\"oos\":null}");
    }

    @Test
    void countersKeepEveryValue() {
        JsonNode counters = json("011-node-exporter-drbd843-primary-primary")
                .get("devices")
                .get(0)
                .get("counters");

        assertThat(counters.toString())
                .isEqualTo("{\"ns\":17324442,\"nr\":10961011,\"dw\":28263521,\"dr\":118696670,\"al\":1100,"
                        + "\"bm\":221,\"lo\":12345,\"pe\":12346,\"ua\":12347,\"ap\":12348,\"ep\":1,\"wo\":\"d\","
                        + "\"oos\":12349}");
    }

    @Test
    void writeOrderingIsTheLetterAsPrinted() {
        JsonNode devices = json("004-ganeti-drbd831-multi-minor-nul-flag").get("devices");

        assertThat(devices.get(0).get("counters").get("wo").asText()).isEqualTo("b");
        assertThat(devices.get(1).get("counters").get("wo").asText()).isEqualTo("f");
    }

    @Test
    void nulFlagByteIsEscapedAsUnicode() {
        CliResult result = CliResult.run(
                "status",
                "--json",
                "--file",
                Fixtures.file("004-ganeti-drbd831-multi-minor-nul-flag").toString());

        assertThat(result.out()).contains("\"ioFlags\":\"r---\\u0000\"").doesNotContain("\0");
        assertThat(result.json().get("devices").get(1).get("ioFlags").asText()).isEqualTo("r---\0");
    }

    @Test
    void nonAsciiIsEscapedSoTheOutputIsAscii() {
        CliResult result = CliResult.run(
                "status",
                "--json",
                "--file",
                Fixtures.file("030-chef-docs-drbd841-syncsource-typography-mangled")
                        .toString());

        assertThat(result.out()).contains("\"ioFlags\":\"r]\\u2014-\"");
        assertThat(result.out().chars()).allMatch(c -> c < 0x80);
    }

    @Test
    void buildTagIsTheLineAsPrintedWithoutTheKernelsPad() {
        assertThat(json("011-node-exporter-drbd843-primary-primary")
                        .get("buildTag")
                        .asText())
                .isEqualTo("srcversion: 1A9F77B1CA5FF92235C2213");
        assertThat(json("038-ec2-howto-drbd8311-mfinish-tab-and-pad-preserved")
                        .get("buildTag")
                        .asText())
                .isEqualTo("srcversion: 71955441799F513ACA6DA60");
        assertThat(json("032-gentoo-wiki-drbd843-builtin-syncsource-congested-n")
                        .get("buildTag")
                        .asText())
                .isEqualTo("built-in");
        assertThat(json("023-hoangdh-drbd847-connected-primary").get("buildTag").asText())
                .isEqualTo("GIT-hash: 3a6a769340ef93b1ba2792c6461250790795db49 build by phil@Build64R7,"
                        + " 2016-01-12 14:29:40");
    }

    @Test
    void missingVersionLineIsNullAndListedAsProblem() {
        JsonNode json = json("003-ganeti-drbd80-missing-version-line");

        assertThat(json.get("version").isNull()).isTrue();
        assertThat(json.get("buildTag").asText()).startsWith("GIT-hash: 5c9f89594553e32adb87d9638dce591782f947e3");
        assertThat(json.get("problems").isEmpty()).isFalse();
        assertThat(json.get("problems").get(0).get("message").asText()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "008-ganeti-drbd842-multi-minor-gaps",
                "011-node-exporter-drbd843-primary-primary",
                "013-linbit-ug84-drbd8312-connected",
                "014-linbit-ug84-drbd841-inconsistent-pair",
                "016-linbit-ug9-drbd900-version-transports",
                "023-hoangdh-drbd847-connected-primary",
                "024-tcarlos-drbd845-wfconnection-minor1",
                "025-tcarlos-drbd845-connected-secondary-secondary-minor1"
            })
    void kernelExactTextPassesStrictParseWithoutProblems(String fixture) {
        assertThat(json(fixture, "--strict").get("problems").isEmpty()).isTrue();
        assertThat(json(fixture).get("problems").isEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--strict", "--json"})
    void optionsWorkInAnyOrder(String first) {
        String other = first.equals("--strict") ? "--json" : "--strict";
        CliResult result = CliResult.run(
                "status",
                first,
                "--file",
                Fixtures.file("023-hoangdh-drbd847-connected-primary").toString(),
                other);

        assertThat(result.exitCode()).isZero();
        assertThat(result.json().get("devices").get(0).get("role").asText()).isEqualTo("Primary");
    }
}
