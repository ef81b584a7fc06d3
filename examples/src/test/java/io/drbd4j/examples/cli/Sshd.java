package io.drbd4j.examples.cli;

import io.drbd4j.exec.sshd.SshServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * drbd-exec's real-sshd fixture ({@link SshServer}: a throwaway OpenSSH server on 127.0.0.1 with its own keys and
 * known_hosts; skipped with a printed reason without OpenSSH, failing under {@code CI=true}), plus the
 * {@code drbd4j status --ssh} arguments that reach it.
 */
final class Sshd implements AutoCloseable {
    private final SshServer server;

    private Sshd(SshServer server) {
        this.server = server;
    }

    static Sshd start() throws IOException, InterruptedException {
        return new Sshd(SshServer.start());
    }

    static int freePort() throws IOException {
        return SshServer.freePort();
    }

    int port() {
        return server.port();
    }

    String destination() {
        return server.destination();
    }

    Path clientKey() {
        return server.clientKey();
    }

    Path knownHosts() {
        return server.knownHosts();
    }

    Path dir() {
        return server.dir();
    }

    /** @return how many logins (TCP connections that authenticated) sshd accepted so far, from its log */
    int logins() {
        return server.logins();
    }

    /**
     * @param more the arguments after the ssh options
     * @return {@code status --ssh user@127.0.0.1 --port N --identity K --known-hosts F} and then {@code more}
     */
    String[] status(String... more) {
        return command("status", more);
    }

    /**
     * @param command {@code status} or {@code check}
     * @param more the arguments after the ssh options
     * @return {@code COMMAND --ssh user@127.0.0.1 --port N --identity K --known-hosts F} and then {@code more}
     */
    String[] command(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(
                command,
                "--ssh",
                destination(),
                "--port",
                String.valueOf(port()),
                "--identity",
                clientKey().toString(),
                "--known-hosts",
                knownHosts().toString(),
                "--connect-timeout",
                "5s"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Override
    public void close() throws IOException {
        try {
            server.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping sshd", e);
        }
    }
}
