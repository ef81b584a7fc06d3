package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.examples.cli.PrometheusParser.Sample;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drbd4j exporter} on 127.0.0.1 and {@code status --prometheus}: what they serve parses with a real Prometheus
 * text parser ({@link PrometheusParser}) and carries the fixture's values.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ExporterTest {
    /** Two devices: minor 0 Connected Primary/Secondary, minor 1 SyncSource at 74.4 %, 11,776 K/sec. */
    static final String TWO_DEVICES = "027-tcarlos-drbd830-two-minors-syncsource-indented";

    @TempDir
    Path dir;

    private Path copyOfFixture() throws IOException {
        Path file = dir.resolve("drbd");
        Files.copy(Fixtures.file(TWO_DEVICES), file, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    private static double value(List<Sample> samples, String name, Map<String, String> labels) {
        return samples.stream()
                .filter(s -> s.name().equals(name))
                .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value)
                .reduce((a, b) -> {
                    throw new AssertionError("more than one sample " + name + labels);
                })
                .orElseThrow(() -> new AssertionError("no sample " + name + labels));
    }

    @Test
    void servesTheFixtureAsTextThatPrometheusClientParses() throws Exception {
        PrometheusParser.assumeInstalled();
        try (RunningExporter exporter =
                RunningExporter.start("--file", copyOfFixture().toString())) {
            RunningExporter.Response response = exporter.get("/metrics");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
            List<Sample> samples = PrometheusParser.parse(response.body());

            String host = InetAddress.getLocalHost().getHostName();
            assertThat(samples).allSatisfy(s -> assertThat(s.labels())
                    .containsEntry("host", host)
                    .containsKey("minor")
                    .doesNotContainKey("resource"));
            Map<String, String> minor0 = Map.of("minor", "0");
            Map<String, String> minor1 = Map.of("minor", "1");
            assertThat(value(samples, "drbd_network_sent_bytes_total", minor0)).isEqualTo(19532532.0 * 1024);
            assertThat(value(samples, "drbd_disk_read_bytes_total", minor0)).isEqualTo(34046020.0 * 1024);
            assertThat(value(samples, "drbd_disk_written_bytes_total", minor0)).isEqualTo(1688.0 * 1024);
            assertThat(value(samples, "drbd_bitmap_writes_total", minor0)).isEqualTo(1196.0);
            assertThat(value(samples, "drbd_local_pending", minor0)).isEqualTo(156.0);
            assertThat(value(samples, "drbd_application_pending", minor0)).isEqualTo(156.0);
            assertThat(value(samples, "drbd_remote_unacknowledged", minor1)).isEqualTo(292.0);
            assertThat(value(samples, "drbd_out_of_sync_bytes", minor1)).isEqualTo(5018200.0 * 1024);
            assertThat(value(samples, "drbd_sync_progress_percent", minor1)).isEqualTo(74.4);
            assertThat(value(samples, "drbd_sync_speed_bytes_per_second", minor1))
                    .isEqualTo(11776.0 * 1024);
            assertThat(samples)
                    .filteredOn(s -> s.name().equals("drbd_sync_progress_percent"))
                    .extracting(s -> s.labels().get("minor"))
                    .containsExactly("1");
            assertThat(value(samples, "drbd_connected", minor0)).isEqualTo(1.0);
            assertThat(value(samples, "drbd_connected", minor1)).isZero();
            assertThat(value(samples, "drbd_connection_state", minor1)).isEqualTo(16.0);
            assertThat(value(samples, "drbd_node_role_is_primary", Map.of("minor", "1", "node", "local")))
                    .isEqualTo(1.0);
            assertThat(value(samples, "drbd_disk_state_is_up_to_date", Map.of("minor", "1", "node", "remote")))
                    .isZero();
            assertThat(value(samples, "drbd_disk_state", Map.of("minor", "1", "node", "remote")))
                    .isEqualTo(4.0);
            assertThat(samples)
                    .filteredOn(s -> s.name().equals("drbd_network_sent_bytes_total"))
                    .extracting(Sample::type)
                    .containsOnly("counter");
            assertThat(samples).noneMatch(s -> s.name().endsWith("_is"));
        }
    }

    @Test
    void oneHotStatesParseAndOneStateOfEachIsOne() throws Exception {
        PrometheusParser.assumeInstalled();
        try (RunningExporter exporter =
                RunningExporter.start("--file", copyOfFixture().toString(), "--one-hot-states")) {
            List<Sample> samples = PrometheusParser.parse(exporter.scrape());

            List<Sample> states = samples.stream()
                    .filter(s -> s.name().equals("drbd_connection_state_is"))
                    .filter(s -> s.labels().get("minor").equals("1"))
                    .toList();
            assertThat(states).hasSize(25);
            assertThat(states)
                    .filteredOn(s -> s.value() == 1.0)
                    .extracting(s -> s.labels().get("state"))
                    .containsExactly("SyncSource");
            assertThat(value(
                            samples,
                            "drbd_disk_state_is",
                            Map.of("minor", "1", "node", "remote", "state", "Inconsistent")))
                    .isEqualTo(1.0);
        }
    }

    @Test
    void everyScrapeReadsTheFileAgainAndAFailedReadIs503() throws Exception {
        Path file = copyOfFixture();
        try (RunningExporter exporter = RunningExporter.start("--file", file.toString())) {
            assertThat(exporter.scrape()).contains("drbd_connected{host=");

            Files.writeString(
                    file,
                    "version: 8.4.11 (api:1/proto:86-101)\n 7: cs:StandAlone ro:Secondary/Unknown"
                            + " ds:UpToDate/DUnknown   r-----\n    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1"
                            + " wo:f oos:0\n");
            String second = exporter.scrape();
            assertThat(second).contains("minor=\"7\"").doesNotContain("minor=\"0\"");

            Files.delete(file);
            RunningExporter.Response failed = exporter.get("/metrics");
            assertThat(failed.status()).isEqualTo(503);
            assertThat(failed.body()).isEqualTo("cannot read " + file + ": No such file or directory\n");
            assertThat(exporter.get("/").status()).isEqualTo(404);
        }
    }

    @Test
    void statusPrometheusPrintsWhatTheExporterServes() throws Exception {
        Path file = copyOfFixture();
        CliResult printed = CliResult.run("status", "--file", file.toString(), "--prometheus");
        assertThat(printed.exitCode()).as(printed.err()).isZero();
        try (RunningExporter exporter = RunningExporter.start("--file", file.toString())) {
            assertThat(printed.out()).isEqualTo(exporter.scrape());
        }
    }

    @Test
    void exporterStopsWhenInterrupted() throws Exception {
        RunningExporter exporter =
                RunningExporter.start("--file", copyOfFixture().toString());
        exporter.close();
        assertThat(exporter.exitCode()).isEqualTo(Drbd4jCommand.EXIT_OK);
    }

    @Test
    void badListenAddressAndUnreadableFileAreOneLineFailures() throws IOException {
        CliResult badListen = CliResult.run(
                "exporter", "--listen", "nowhere", "--file", copyOfFixture().toString());
        assertThat(badListen.exitCode()).isEqualTo(Drbd4jCommand.EXIT_FAILURE);
        assertThat(badListen.err())
                .startsWith("drbd4j exporter: --listen 'nowhere' (expected: HOST:PORT such as 127.0.0.1:9942)");

        CliResult missing = CliResult.run("exporter", "--listen", "127.0.0.1:0", "--file", "/nope");
        assertThat(missing.exitCode()).isEqualTo(Drbd4jCommand.EXIT_FAILURE);
        assertThat(missing.err()).isEqualTo("drbd4j exporter: cannot read /nope: No such file or directory\n");

        CliResult oneHot = CliResult.run("status", "--file", copyOfFixture().toString(), "--one-hot-states");
        assertThat(oneHot.exitCode()).isEqualTo(Drbd4jCommand.EXIT_FAILURE);
        assertThat(oneHot.err()).startsWith("drbd4j status: --one-hot-states needs --prometheus");

        CliResult withJson = CliResult.run("status", "--file", copyOfFixture().toString(), "--prometheus", "--json");
        assertThat(withJson.exitCode()).isEqualTo(Drbd4jCommand.EXIT_FAILURE);
    }
}
