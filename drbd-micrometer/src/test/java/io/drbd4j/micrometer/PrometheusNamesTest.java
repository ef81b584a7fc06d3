package io.drbd4j.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** What a Prometheus registry makes of the meters: node_exporter's drbd names without {@code node_}. */
class PrometheusNamesTest {
    @Test
    void prometheusRendersNodeExportersNamesWithoutItsPrefix() throws IOException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        DrbdMetrics metrics = DrbdMetricsTest.oneHot(new DrbdMetricsTest.CountingSource(DrbdMetricsTest.TWO_DEVICES));
        metrics.bindTo(registry);
        metrics.refresh();

        String text = registry.scrape();

        Set<String> names = new TreeSet<>();
        for (String line : text.split("\n")) {
            if (!line.startsWith("#") && !line.isEmpty()) {
                names.add(line.substring(0, line.indexOf('{')));
            }
        }
        assertThat(names)
                .contains(
                        "drbd_network_sent_bytes_total",
                        "drbd_network_received_bytes_total",
                        "drbd_disk_written_bytes_total",
                        "drbd_disk_read_bytes_total",
                        "drbd_activitylog_writes_total",
                        "drbd_bitmap_writes_total",
                        "drbd_local_pending",
                        "drbd_remote_pending",
                        "drbd_remote_unacknowledged",
                        "drbd_application_pending",
                        "drbd_epochs",
                        "drbd_out_of_sync_bytes",
                        "drbd_connected",
                        "drbd_node_role_is_primary",
                        "drbd_disk_state_is_up_to_date");
        assertThat(names).containsExactlyInAnyOrder(expectedAll());
        assertThat(text)
                .contains("drbd_network_sent_bytes_total{host=\"alpha\",minor=\"0\"} 1.073741824E9")
                .contains("drbd_node_role_is_primary{host=\"alpha\",minor=\"0\",node=\"local\"} 1.0")
                .contains("drbd_connection_state_is{host=\"alpha\",minor=\"1\",state=\"SyncSource\"}" + " 1.0");
    }

    private static String[] expectedAll() {
        return new String[] {
            "drbd_network_sent_bytes_total",
            "drbd_network_received_bytes_total",
            "drbd_disk_written_bytes_total",
            "drbd_disk_read_bytes_total",
            "drbd_activitylog_writes_total",
            "drbd_bitmap_writes_total",
            "drbd_local_pending",
            "drbd_remote_pending",
            "drbd_remote_unacknowledged",
            "drbd_application_pending",
            "drbd_epochs",
            "drbd_out_of_sync_bytes",
            "drbd_connected",
            "drbd_node_role_is_primary",
            "drbd_disk_state_is_up_to_date",
            "drbd_connection_state",
            "drbd_connection_state_is",
            "drbd_node_role",
            "drbd_node_role_is",
            "drbd_disk_state",
            "drbd_disk_state_is",
            "drbd_sync_progress_percent",
            "drbd_sync_speed_bytes_per_second"
        };
    }
}
