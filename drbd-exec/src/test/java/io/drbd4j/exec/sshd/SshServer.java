package io.drbd4j.exec.sshd;

import static org.junit.jupiter.api.Assertions.fail;

import io.drbd4j.exec.runner.SshTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway OpenSSH server on 127.0.0.1 for the SSH runner's tests, one per test class: its own temp directory,
 * host key, client key, authorized_keys, sshd_config and a private known_hosts that holds the host key, so that
 * ssh runs with {@code StrictHostKeyChecking=yes}. The user is this JVM's user (root in CI, so sshd runs with
 * {@code StrictModes no} and {@code UsePAM no}).
 *
 * <p>Without {@code /usr/sbin/sshd} (or ssh, ssh-keygen) {@link #start()} skips the test with the reason, except
 * under {@code CI=true}, where it fails: CI installs openssh-server and must run these tests.
 *
 * <p>Shipped in drbd-exec's test jar, so the command line's tests use the same server.
 */
public final class SshServer implements AutoCloseable {
    public static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final Duration START_DEADLINE = Duration.ofSeconds(10);
    private static final Duration TOOL_DEADLINE = Duration.ofSeconds(30);
    private static final int START_ATTEMPTS = 3;

    private final Path dir;
    private final int port;
    private final Process sshd;
    private final Path log;

    private SshServer(Path dir, int port, Process sshd, Path log) {
        this.dir = dir;
        this.port = port;
        this.sshd = sshd;
        this.log = log;
    }

    /**
     * Starts sshd and waits, at most 10 s, until it accepts connections.
     *
     * @return the running server
     */
    public static SshServer start() throws IOException, InterruptedException {
        requireTools();
        Path dir = Files.createTempDirectory("drbd4j-sshd-");
        try {
            keygen(dir.resolve("host_key"));
            keygen(dir.resolve("client_key"));
            Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));
            Path privsep = Path.of("/run/sshd"); // sshd's privilege separation directory; /run is a tmpfs
            if (!Files.isDirectory(privsep)) {
                Files.createDirectories(privsep);
            }
            String failures = "";
            for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
                int port = freePort();
                Path config = writeConfig(dir, port);
                Path log = dir.resolve("sshd-" + attempt + ".log");
                Process sshd = new ProcessBuilder(SSHD.toString(), "-f", config.toString(), "-D", "-e")
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
                if (awaitListening(sshd, port)) {
                    SshServer server = new SshServer(dir, port, sshd, log);
                    Files.writeString(
                            server.knownHosts(),
                            "[127.0.0.1]:" + port + " " + Files.readString(dir.resolve("host_key.pub")));
                    return server;
                }
                stop(sshd);
                String output = Files.readString(log, StandardCharsets.UTF_8);
                failures += "attempt " + attempt + " on port " + port + ": exit "
                        + (sshd.isAlive() ? "none (still running)" : sshd.exitValue()) + ", output: " + output + "\n";
                if (!output.contains("Address already in use")) {
                    break; // only a port taken in the meantime is worth another try
                }
            }
            throw new IllegalStateException(SSHD + " did not accept connections on 127.0.0.1 within "
                    + START_DEADLINE.toSeconds() + " s:\n" + failures);
        } catch (IOException | InterruptedException | RuntimeException e) {
            deleteTree(dir);
            throw e;
        }
    }

    /** @return a port on 127.0.0.1 that nothing listened on a moment ago */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** @return the port sshd listens on */
    public int port() {
        return port;
    }

    /** @return the user to log in as: this JVM's */
    public String user() {
        return System.getProperty("user.name");
    }

    /** @return {@code user@127.0.0.1}, for an ssh command line */
    public String destination() {
        return user() + "@127.0.0.1";
    }

    /** @return the server's temp directory, removed by {@link #close()} */
    public Path dir() {
        return dir;
    }

    /** @return the client's private key, in authorized_keys */
    public Path clientKey() {
        return dir.resolve("client_key");
    }

    /** @return a known_hosts file that holds this server's host key for [127.0.0.1]:port */
    public Path knownHosts() {
        return dir.resolve("known_hosts");
    }

    /** @return a target for this server: its port, the client key, the private known_hosts, strict checking */
    public SshTarget.Builder target() {
        return SshTarget.builder()
                .host("127.0.0.1")
                .user(user())
                .port(port)
                .identity(clientKey())
                .knownHosts(knownHosts())
                .hostKeyChecking(SshTarget.HostKeyChecking.YES)
                .connectTimeout(Duration.ofSeconds(5));
    }

    /** @return what sshd printed so far, for failure messages */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /**
     * @return how many logins sshd accepted so far: its {@code Accepted publickey} lines, one per TCP connection that
     *     authenticated (sessions multiplexed over a shared connection log in no more)
     */
    public int logins() {
        return (int)
                log().lines().filter(l -> l.contains("Accepted publickey for ")).count();
    }

    /** Stops sshd (TERM, then KILL after 5 s) and deletes the temp directory. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            stop(sshd);
        } finally {
            deleteTree(dir);
        }
    }

    private static void stop(Process process) throws InterruptedException {
        // sshd -D forks a child per connection; a session still running must not outlive the test class.
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private static void requireTools() {
        List<String> missing = new ArrayList<>();
        for (Path tool : List.of(SSHD, Path.of("/usr/bin/ssh"), Path.of("/usr/bin/ssh-keygen"))) {
            if (!Files.isExecutable(tool)) {
                missing.add(tool.toString());
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String reason = "OpenSSH not installed (missing " + String.join(", ", missing)
                + "): the SSH runner's tests against a real sshd need openssh-server and openssh-client";
        if ("true".equals(System.getenv("CI"))) {
            fail(reason + "; CI=true, so this is a failure, not a skip (.ci/run installs them)");
        }
        System.err.println("SKIPPED: " + reason);
        Assumptions.abort(reason);
    }

    /** Writes a new ed25519 key pair without a passphrase: key and key.pub. */
    public static void keygen(Path key) throws IOException, InterruptedException {
        Path out = key.resolveSibling(key.getFileName() + ".keygen.log");
        Process p = new ProcessBuilder(
                        "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "drbd4j-test", "-f", key.toString())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        if (!p.waitFor(TOOL_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("ssh-keygen for " + key + " still running after " + TOOL_DEADLINE);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("ssh-keygen for " + key + ": exit " + p.exitValue() + ": "
                    + Files.readString(out, StandardCharsets.UTF_8));
        }
    }

    private static Path writeConfig(Path dir, int port) throws IOException {
        Path config = dir.resolve("sshd_config");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "ListenAddress 127.0.0.1",
                        "Port " + port,
                        "HostKey " + dir.resolve("host_key"),
                        "PidFile " + dir.resolve("sshd.pid"),
                        "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                        "StrictModes no",
                        "UsePAM no",
                        "PermitRootLogin prohibit-password",
                        "PubkeyAuthentication yes",
                        "PasswordAuthentication no",
                        "KbdInteractiveAuthentication no",
                        "X11Forwarding no",
                        "PrintMotd no",
                        "MaxStartups 50",
                        // VERBOSE: one "Accepted publickey" line per login, which logins() counts.
                        "LogLevel VERBOSE",
                        ""));
        return config;
    }

    /** Polls until something on the port greets with an SSH banner while sshd runs: not merely any listener. */
    private static boolean awaitListening(Process sshd, int port) throws InterruptedException {
        long deadline = System.nanoTime() + START_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!sshd.isAlive()) {
                return false;
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                socket.setSoTimeout(1000);
                byte[] banner = socket.getInputStream().readNBytes(4);
                if (new String(banner, StandardCharsets.US_ASCII).equals("SSH-") && sshd.isAlive()) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
