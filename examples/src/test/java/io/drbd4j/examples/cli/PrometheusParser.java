package io.drbd4j.examples.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The Prometheus text format as a real parser reads it: python3-prometheus-client's {@code
 * text_string_to_metric_families} (Debian's package), run in a child process. Where it is not installed the tests
 * that need it are skipped with the reason, except under {@code CI=true}, where that is a failure.
 */
final class PrometheusParser {
    /** Debian's python, which its package python3-prometheus-client installs into (a pyenv python3 first on PATH has none). */
    private static final String PYTHON = "/usr/bin/python3";

    private static final String SCRIPT = String.join(
            "\n",
            "import json, sys",
            "from prometheus_client.parser import text_string_to_metric_families",
            "out = []",
            "for family in text_string_to_metric_families(sys.stdin.read()):",
            "    for s in family.samples:",
            "        out.append({'family': family.name, 'type': family.type, 'name': s.name, 'labels': s.labels,",
            "                    'value': repr(float(s.value))})",
            "print(json.dumps(out))");

    /** One sample as the parser read it. */
    record Sample(String family, String type, String name, Map<String, String> labels, double value) {}

    private PrometheusParser() {}

    /** Python's repr of a float: 1.5, 1e+20, nan, inf. */
    private static double number(String repr) {
        return switch (repr) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(repr);
        };
    }

    /** Skips the test, or fails it under CI=true, when /usr/bin/python3 cannot import prometheus_client. */
    static void assumeInstalled() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(PYTHON, "-c", "import prometheus_client")
                .redirectErrorStream(true)
                .start();
        boolean ok;
        try {
            ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } finally {
            p.destroyForcibly();
        }
        String reason =
                "/usr/bin/python3 with prometheus_client is not installed (apt-get install python3-prometheus-client)";
        if (!ok && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(reason + ", and CI=true");
        }
        if (!ok) {
            System.out.println("skipped: " + reason);
        }
        assumeTrue(ok, reason);
    }

    /**
     * @param text Prometheus text format
     * @return every sample the parser read, in order
     * @throws AssertionError when the parser rejects the text
     */
    static List<Sample> parse(String text) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(PYTHON, "-c", SCRIPT).start();
        byte[] stdout;
        String stderr;
        try {
            Thread writer = new Thread(() -> {
                try (var in = p.getOutputStream()) {
                    in.write(text.getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // the parser failed early: its stderr says why
                }
            });
            writer.start();
            var errBytes = new java.io.ByteArrayOutputStream();
            Thread errReader = new Thread(() -> {
                try {
                    p.getErrorStream().transferTo(errBytes);
                } catch (IOException e) {
                    // the process is gone
                }
            });
            errReader.start();
            stdout = p.getInputStream().readAllBytes();
            p.waitFor(60, TimeUnit.SECONDS);
            writer.join();
            errReader.join();
            stderr = errBytes.toString(StandardCharsets.UTF_8);
        } finally {
            p.destroyForcibly();
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("prometheus_client rejected the text: " + stderr);
        }
        List<Sample> samples = new ArrayList<>();
        for (JsonNode s : new ObjectMapper().readTree(stdout)) {
            Map<String, String> labels = new TreeMap<>();
            s.get("labels")
                    .fields()
                    .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            samples.add(new Sample(
                    s.get("family").asText(),
                    s.get("type").asText(),
                    s.get("name").asText(),
                    labels,
                    number(s.get("value").asText())));
        }
        return samples;
    }
}
