package io.drbd4j.examples.cli;

import io.drbd4j.testkit.SimulatedDrbdCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated pair be1/be2 behind two real sshd on 127.0.0.1 ({@link Sshd}), one per backend, each running the
 * {@link SimulatedHostsServer} shim for its host whatever the command. The backends are reached as {@code
 * localhost:PORT}: a host name, which the workflows' identity check does not compare with the simulated hosts'
 * addresses (10.0.0.1, 10.0.0.2), as it would an address. One client key logs in to both; a private known_hosts
 * holds both host keys under that name.
 */
final class SimulatedPairOverSsh implements AutoCloseable {
    private final Sshd be1;
    private final Sshd be2;
    private final SimulatedHostsServer server;
    private final Path knownHosts;

    private SimulatedPairOverSsh(Sshd be1, Sshd be2, SimulatedHostsServer server, Path knownHosts) {
        this.be1 = be1;
        this.be2 = be2;
        this.server = server;
        this.knownHosts = knownHosts;
    }

    /**
     * @param sim the simulated pair, with hosts be1 and be2
     * @return both sshd started and serving it
     */
    static SimulatedPairOverSsh start(SimulatedDrbdCluster sim) throws IOException, InterruptedException {
        Sshd be1 = Sshd.start();
        Sshd be2 = null;
        SimulatedHostsServer server = null;
        try {
            be2 = Sshd.start();
            server = new SimulatedHostsServer(sim);
            Path shim = SimulatedHostsServer.writeShim(be1.dir().resolve("simulated-host-shim"));
            String key = Files.readString(be1.clientKey().resolveSibling("client_key.pub"))
                    .strip();
            for (Sshd sshd : List.of(be1, be2)) {
                String host = sshd == be1 ? "be1" : "be2";
                Files.writeString(
                        sshd.dir().resolve("authorized_keys"),
                        "command=\"" + shim + " " + host + " " + server.port() + "\",no-pty,no-port-forwarding " + key
                                + "\n");
            }
            Path knownHosts = be1.dir().resolve("known_hosts_localhost");
            Files.writeString(knownHosts, hostKeyLine(be1) + hostKeyLine(be2));
            return new SimulatedPairOverSsh(be1, be2, server, knownHosts);
        } catch (IOException | RuntimeException e) {
            if (server != null) {
                server.close();
            }
            if (be2 != null) {
                be2.close();
            }
            be1.close();
            throw e;
        }
    }

    private static String hostKeyLine(Sshd sshd) throws IOException {
        return "[localhost]:" + sshd.port() + " "
                + Files.readString(sshd.dir().resolve("host_key.pub")).strip() + "\n";
    }

    /** @return the server behind both sshd */
    SimulatedHostsServer server() {
        return server;
    }

    /**
     * @param host be1 or be2
     * @return how many logins that backend's sshd accepted so far
     */
    int logins(String host) {
        return switch (host) {
            case "be1" -> be1.logins();
            case "be2" -> be2.logins();
            default -> throw new IllegalArgumentException("no backend " + host + " (expected: be1 or be2)");
        };
    }

    /**
     * Returns the port of a backend's sshd on 127.0.0.1.
     *
     * @param host be1 or be2
     * @return its port
     */
    int port(String host) {
        return switch (host) {
            case "be1" -> be1.port();
            case "be2" -> be2.port();
            default -> throw new IllegalArgumentException("no backend " + host + " (expected: be1 or be2)");
        };
    }

    /**
     * Returns the client's private key, which logs in to both backends.
     *
     * @return the key file
     */
    Path clientKey() {
        return be1.clientKey();
    }

    /**
     * Returns the known_hosts file holding both backends' host keys under {@code [localhost]:PORT}.
     *
     * @return the file
     */
    Path knownHosts() {
        return knownHosts;
    }

    /** @return the options that reach both backends: two --backend, the key, the known_hosts, a connect timeout */
    List<String> backendOptions() {
        return new ArrayList<>(List.of(
                "--backend",
                "be1=localhost:" + be1.port(),
                "--backend",
                "be2=localhost:" + be2.port(),
                "--identity",
                be1.clientKey().toString(),
                "--known-hosts",
                knownHosts.toString(),
                "--connect-timeout",
                "5s"));
    }

    @Override
    public void close() throws IOException {
        try {
            server.close();
        } finally {
            try {
                be2.close();
            } finally {
                be1.close();
            }
        }
    }
}
