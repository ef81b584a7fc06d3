package io.drbd4j.benchmarks;

import io.drbd4j.core.proc.ProcDrbdParser;
import io.drbd4j.micrometer.DrbdMetrics;
import io.drbd4j.micrometer.StateMeters;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What one scrape of {@code drbd4j exporter} costs, without HTTP: one read and parse of a {@code /proc/drbd} file
 * ({@code proc-drbd-<minors>.txt} copied to a temporary file), the meters updated ({@link DrbdMetrics#refresh()}),
 * and the Prometheus text rendered ({@link PrometheusMeterRegistry#scrape(java.io.OutputStream)}, into a reused
 * buffer as the exporter renders it into the HTTP response). Compared with node_exporter's drbd
 * collector on the same file in BENCHMARKS.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ScrapeBenchmark {

    /** Number of minors in the generated input: resource {@code proc-drbd-<minors>.txt}. */
    @Param({"1000"})
    public int minors;

    /** With or without the one-hot state gauges (about 24 or 73 time series per configured device). */
    @Param({"NUMBERS", "NUMBERS_AND_ONE_HOT"})
    public StateMeters states;

    private Path file;
    private DrbdMetrics metrics;
    private PrometheusMeterRegistry registry;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);

    @Setup
    public void setUp() throws IOException {
        String name = "/proc-drbd-" + minors + ".txt";
        file = Files.createTempFile("proc-drbd-", ".txt");
        try (InputStream in = ScrapeBenchmark.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            Files.write(file, in.readAllBytes());
        }
        ProcDrbdParser parser = ProcDrbdParser.strict();
        metrics = DrbdMetrics.create(() -> parser.parse(file), "bench", minor -> Optional.empty(), states);
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        metrics.bindTo(registry);
        metrics.refresh();
        if (!registry.scrape().contains("drbd_network_sent_bytes_total{host=\"bench\",minor=\"" + (minors - 1))) {
            throw new IllegalStateException("the scrape lacks minor " + (minors - 1));
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    /** One scrape as the exporter does it: read, parse, update, render into the response's stream. */
    @Benchmark
    public int scrape() throws IOException {
        metrics.refresh();
        out.reset();
        registry.scrape(out);
        return out.size();
    }
}
