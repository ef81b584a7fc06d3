package io.drbd4j.examples.cli;

import io.drbd4j.micrometer.DrbdMetrics;
import io.drbd4j.micrometer.StateMeters;
import io.drbd4j.micrometer.StatusSource;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The text {@code exporter} serves and {@code status --prometheus} prints: drbd-micrometer's meters in Micrometer's
 * Prometheus registry, which holds nothing else. Each {@link #write} reads the status once ({@link
 * DrbdMetrics#refresh()}) and renders the registry in Prometheus' text format 0.0.4. Thread-safe: writes are
 * serialised, so that two scrapes at once cost two reads and never mix.
 */
final class PrometheusText {
    /** The content type of Prometheus' text format, as node_exporter serves it. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final DrbdMetrics metrics;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    /**
     * Creates the registry and binds the meters of what {@code source} reads.
     *
     * @param source read once per {@link #write}
     * @param host the {@code host} tag
     * @param names the resource names of the minors
     * @param states with or without one-hot state gauges
     */
    PrometheusText(StatusSource source, String host, DeviceNames names, StateMeters states) {
        this.metrics = DrbdMetrics.create(source, host, names::resource, states);
        metrics.bindTo(registry);
    }

    /**
     * Reads the status once and writes the text of every meter.
     *
     * @param out where the text goes; not closed
     * @throws IOException when the status cannot be read or {@code out} fails
     */
    synchronized void write(OutputStream out) throws IOException {
        metrics.refresh();
        registry.scrape(out);
    }
}
