package io.drbd4j.examples.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.drbd4j.micrometer.StateMeters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code drbd4j exporter [--listen HOST:PORT] [--file F | --ssh [USER@]HOST ...] [--one-hot-states]}: serves the
 * devices of {@code /proc/drbd} to Prometheus at {@code http://HOST:PORT/metrics}, until interrupted.
 *
 * <p>Every scrape reads {@code /proc/drbd} once: the local file, or one {@code cat} over the ssh connection the
 * command keeps open for all scrapes ({@link SshConnections}). A scrape whose read fails is answered 503 with the
 * one-line reason, and the next scrape tries again. The JDK's HTTP server answers on one thread; any path other than
 * {@code /metrics} is 404. Resource names come from this host ({@link DeviceNames}) for its own {@code /proc/drbd},
 * and from the remote host with {@code --ssh}, once at start.
 *
 * <p>The first line on stdout says where it listens ({@code listening on http://127.0.0.1:9942/metrics}), so that a
 * caller that asked for port 0 learns the port the system chose.
 */
@Command(
        name = "exporter",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Serves DRBD's state to Prometheus at http://HOST:PORT/metrics, until interrupted: one read of /proc/drbd"
                    + " (the local file, or 'cat /proc/drbd' over one shared ssh connection) per scrape.",
            "The metric names follow node_exporter's drbd collector without its node_ prefix (README: Monitoring)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:interrupted",
            "2:bad arguments, or the address cannot be listened on, or the first read fails"
        })
public final class ExporterCommand implements Callable<Integer> {
    /** The port of drbd4j's exporter: one of the free ones in Prometheus' list of default ports. */
    static final int DEFAULT_PORT = 9942;

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private Drbd4jCommand parent;

    @Mixin
    private SourceOptions source;

    @Option(
            names = "--listen",
            paramLabel = "HOST:PORT",
            defaultValue = "127.0.0.1:" + DEFAULT_PORT,
            description = "Address and port to serve on; port 0 lets the system choose (default: ${DEFAULT-VALUE}).")
    private String listen;

    @Option(
            names = "--one-hot-states",
            description = "Also serve one 0/1 gauge per possible connection state, role and disk state: 49 more"
                    + " series per device.")
    private boolean oneHotStates;

    /** Creates the command; picocli sets the options. */
    public ExporterCommand() {}

    /**
     * Serves until the thread is interrupted.
     *
     * @return {@link Drbd4jCommand#EXIT_OK} when interrupted
     * @throws ParameterException for a bad address and options that do not go together
     * @throws CliFailure when the address cannot be listened on or the first read fails
     */
    @Override
    public Integer call() {
        InetSocketAddress address = address();
        RemoteProcDrbd remote = source.validate(Drbd4jCommand.connections(spec));
        PrometheusText text = remote == null
                ? new PrometheusText(source::readLocal, source.host(), localNames(), states())
                : new PrometheusText(remote::read, source.host(), remote.names(), states());
        try {
            text.write(OutputStream.nullOutputStream()); // fails at start, not at the first scrape
        } catch (IOException e) {
            throw new CliFailure(e.getMessage(), e);
        }
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new CliFailure("cannot listen on " + listen + ": " + e.getMessage(), e);
        }
        server.createContext("/", exchange -> serve(exchange, text));
        server.start();
        PrintWriter out = spec.commandLine().getOut();
        out.println("listening on http://" + server.getAddress().getHostString() + ":"
                + server.getAddress().getPort() + "/metrics");
        out.flush();
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.stop(0);
        }
        return Drbd4jCommand.EXIT_OK;
    }

    private StateMeters states() {
        return oneHotStates ? StateMeters.NUMBERS_AND_ONE_HOT : StateMeters.NUMBERS;
    }

    private DeviceNames localNames() {
        boolean own = source.file().equals(LocalProcDrbd.PROC_DRBD);
        return own && parent != null ? DeviceNames.read(parent.localRunner()) : DeviceNames.none();
    }

    private InetSocketAddress address() {
        int colon = listen.lastIndexOf(':');
        String host = colon < 0 ? "" : listen.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (colon < 0 || host.isEmpty() || port < 0 || port > 65535) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--listen '" + listen + "' (expected: HOST:PORT such as 127.0.0.1:" + DEFAULT_PORT + ")");
        }
        return new InetSocketAddress(host, port);
    }

    private static void serve(HttpExchange exchange, PrometheusText text) throws IOException {
        try (exchange) {
            if (!"/metrics".equals(exchange.getRequestURI().getPath())) {
                reply(exchange, 404, "not found: the metrics are at /metrics\n");
                return;
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream(1 << 16);
            try {
                text.write(body);
            } catch (IOException | CliFailure e) {
                reply(exchange, 503, e.getMessage() + "\n");
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", PrometheusText.CONTENT_TYPE);
            exchange.sendResponseHeaders(200, body.size());
            body.writeTo(exchange.getResponseBody());
        }
    }

    private static void reply(HttpExchange exchange, int status, String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
