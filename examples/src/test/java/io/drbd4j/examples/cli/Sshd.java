package io.drbd4j.examples.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway OpenSSH server on 127.0.0.1 for {@code drbd4j status --ssh}, after drbd-exec's test fixture: its
 * own temp directory with a host key, a client key in authorized_keys, an sshd_config and a known_hosts that holds
 * the host key, so that the command runs with {@code --known-hosts} (strict host-key checking). The user is this
 * JVM's (root in CI, hence {@code StrictModes no} and {@code UsePAM no}).
 *
 * <p>Without sshd, ssh or ssh-keygen, {@link #start()} skips the test and prints why, except under {@code CI=true},
 * where it fails.
 */
final class Sshd implements AutoCloseable {
    private static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final long DEADLINE_SECONDS = 10;

    private final Path dir;
    private final int port;
    private final Process process;

    private Sshd(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Starts sshd and waits, at most 10 s per attempt, until it greets with an SSH banner. */
    static Sshd start() throws IOException, InterruptedException {
        requireTools();
        Path dir = Files.createTempDirectory("drbd4j-cli-sshd-");
        try {
            keygen(dir.resolve("host_key"));
            keygen(dir.resolve("client_key"));
            Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));
            Files.createDirectories(Path.of("/run/sshd")); // privilege separation directory
            String failures = "";
            for (int attempt = 1; attempt <= 3; attempt++) {
                int port = freePort();
                Path log = dir.resolve("sshd-" + attempt + ".log");
                Process sshd = new ProcessBuilder(
                                SSHD.toString(), "-f", writeConfig(dir, port).toString(), "-D", "-e")
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
                if (awaitBanner(sshd, port)) {
                    Files.writeString(
                            dir.resolve("known_hosts"),
                            "[127.0.0.1]:" + port + " " + Files.readString(dir.resolve("host_key.pub")));
                    return new Sshd(dir, port, sshd);
                }
                stop(sshd);
                String output = Files.readString(log, StandardCharsets.UTF_8);
                failures += "attempt " + attempt + " on port " + port + ": " + output + "\n";
                if (!output.contains("Address already in use")) {
                    break;
                }
            }
            throw new IllegalStateException(SSHD + " did not start on 127.0.0.1:\n" + failures);
        } catch (IOException | InterruptedException | RuntimeException e) {
            deleteTree(dir);
            throw e;
        }
    }

    /** @return a port on 127.0.0.1 that nothing listened on a moment ago */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    /** @return this JVM's user, who logs in */
    String user() {
        return System.getProperty("user.name");
    }

    /** @return {@code user@127.0.0.1} for {@code --ssh} */
    String destination() {
        return user() + "@127.0.0.1";
    }

    Path clientKey() {
        return dir.resolve("client_key");
    }

    Path knownHosts() {
        return dir.resolve("known_hosts");
    }

    /** @return the server's temp directory, removed by {@link #close()} */
    Path dir() {
        return dir;
    }

    /**
     * @param more the arguments after the ssh options
     * @return {@code status --ssh user@127.0.0.1 --port N --identity K --known-hosts F} and then {@code more}
     */
    String[] status(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "status",
                "--ssh",
                destination(),
                "--port",
                String.valueOf(port),
                "--identity",
                clientKey().toString(),
                "--known-hosts",
                knownHosts().toString(),
                "--connect-timeout",
                "5s"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** Stops sshd (TERM, then KILL after 5 s) and its sessions, and deletes the temp directory. */
    @Override
    public void close() throws IOException {
        try {
            stop(process);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } finally {
            deleteTree(dir);
        }
    }

    private static void stop(Process process) throws InterruptedException {
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
                + "): drbd4j status --ssh is tested against a real sshd, which needs openssh-server and"
                + " openssh-client";
        if ("true".equals(System.getenv("CI"))) {
            fail(reason + "; CI=true, so this is a failure, not a skip");
        }
        System.err.println("SKIPPED: " + reason);
        Assumptions.abort(reason);
    }

    private static void keygen(Path key) throws IOException, InterruptedException {
        Path out = key.resolveSibling(key.getFileName() + ".keygen.log");
        Process p = new ProcessBuilder(
                        "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "drbd4j-cli-test", "-f", key.toString())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("ssh-keygen for " + key + " still running after 30 s");
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
                        "LogLevel ERROR",
                        ""));
        return config;
    }

    private static boolean awaitBanner(Process sshd, int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (System.nanoTime() < deadline && sshd.isAlive()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                socket.setSoTimeout(1000);
                byte[] banner = socket.getInputStream().readNBytes(4);
                if ("SSH-".equals(new String(banner, StandardCharsets.US_ASCII)) && sshd.isAlive()) {
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
