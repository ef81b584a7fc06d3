package io.drbd4j.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code drbd4j exporter} running in this JVM on a thread of its own, on an ephemeral port of 127.0.0.1. */
final class RunningExporter implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+/metrics)");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Thread thread;
    private volatile int exitCode = -1;
    private final URI metrics;

    private RunningExporter(String... args) throws InterruptedException {
        List<String> argv = new ArrayList<>(List.of("exporter", "--listen", "127.0.0.1:0"));
        argv.addAll(List.of(args));
        thread = new Thread(
                () -> exitCode = Drbd4jCommand.run(
                        new PrintWriter(out, true), new PrintWriter(err, true), argv.toArray(String[]::new)),
                "exporter");
        thread.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Matcher m = LISTENING.matcher("");
        while (!(m = LISTENING.matcher(out.toString())).find()) {
            if (!thread.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the exporter did not say where it listens (exit " + exitCode + "): " + out + err);
            }
            Thread.sleep(20);
        }
        metrics = URI.create(m.group(1));
    }

    /**
     * @param args the arguments after {@code exporter --listen 127.0.0.1:0}
     * @return the exporter, listening
     */
    static RunningExporter start(String... args) throws InterruptedException {
        return new RunningExporter(args);
    }

    /** @return {@code http://127.0.0.1:PORT/metrics} */
    URI metrics() {
        return metrics;
    }

    /** One HTTP response: status, content type and body. */
    record Response(int status, String contentType, String body) {}

    /** @return one GET of {@code path} on the exporter's port */
    Response get(String path) throws IOException {
        HttpURLConnection connection =
                (HttpURLConnection) metrics.resolve(path).toURL().openConnection();
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(30_000);
        try {
            int status = connection.getResponseCode();
            InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream();
            String text = body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
            return new Response(status, connection.getContentType(), text);
        } finally {
            connection.disconnect();
        }
    }

    /** @return one scrape's body, after checking it answered 200 */
    String scrape() throws IOException, InterruptedException {
        Response response = get("/metrics");
        if (response.status() != 200) {
            throw new IllegalStateException("scrape answered " + response.status() + ": " + response.body());
        }
        return response.body();
    }

    /** @return what the command printed on stderr so far */
    String err() {
        return err.toString();
    }

    /** Interrupts the command and waits for it to return. */
    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(Duration.ofSeconds(30).toMillis());
    }

    /** @return the exit code, after {@link #close()} */
    int exitCode() {
        return exitCode;
    }
}
