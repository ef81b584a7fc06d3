package io.drbd4j.examples.cli;

import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.testkit.SimulatedDrbdCluster;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * drbd-testkit's simulated hosts served to real sshd sessions: this JVM listens on a loopback TCP port, and a bash shim
 * ({@link #writeShim}), which sshd runs for every session as the {@code command=} of a key in authorized_keys, sends it
 * the host's name, the argv of {@code $SSH_ORIGINAL_COMMAND} and its stdin over bash's {@code /dev/tcp}, and relays
 * back the simulated command's stdout, stderr and exit code. The shim gets the argv by letting bash itself read the
 * line drbd-exec's SshRunner sends (its start marker, a cleanup function, then {@code 'timeout' '-k' '5' 'T' 'env'
 * 'LC_ALL=C' 'DRBD4J_SSH_RUN=ID' 'drbdadm' ...}), with {@code timeout} and {@code env} defined as shell functions
 * that drop their own words; the marker is printed as SshRunner expects, and the cleanup finds nothing to kill.
 *
 * <p>Simulated time moves with real time while {@link #timeRuns()}: every 50 ms of real time, one simulated second,
 * so that a resync of a few simulated minutes takes seconds. Every command and every tick holds one lock, so the
 * simulation sees one thing at a time.
 */
final class SimulatedHostsServer implements AutoCloseable {
    private static final Duration TICK = Duration.ofMillis(50);
    private static final Duration SIMULATED_PER_TICK = Duration.ofSeconds(1);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final SimulatedDrbdCluster sim;
    private final ServerSocket socket;
    private final ExecutorService sessions = Executors.newCachedThreadPool(daemon("simulated-host-session"));
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(daemon("simulated-time"));
    private final Object lock = new Object();
    private final AtomicBoolean timeRuns = new AtomicBoolean(true);
    private final AtomicInteger served = new AtomicInteger();
    private final List<String> failures = new ArrayList<>();

    SimulatedHostsServer(SimulatedDrbdCluster sim) throws IOException {
        this.sim = sim;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        sessions.submit(this::accept);
        ticker.scheduleAtFixedRate(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** @return the loopback port the shim connects to */
    int port() {
        return socket.getLocalPort();
    }

    /** @return how many commands were served over ssh so far */
    int served() {
        return served.get();
    }

    /** @return what went wrong serving a session (a bad request), for the test's messages */
    List<String> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    /** @param runs whether simulated time moves with real time (stopped: a resync stays where it is) */
    void timeRuns(boolean runs) {
        timeRuns.set(runs);
    }

    private void tick() {
        if (timeRuns.get()) {
            synchronized (lock) {
                sim.time().advance(SIMULATED_PER_TICK);
            }
        }
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                sessions.submit(() -> serve(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setSoTimeout((int) READ_TIMEOUT.toMillis());
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            String host = in.readLine();
            int argc = Integer.parseInt(in.readLine());
            List<String> argv = new ArrayList<>();
            for (int i = 0; i < argc; i++) {
                argv.add(decode(in.readLine()));
            }
            byte[] stdin = Base64.getDecoder().decode(in.readLine());
            var command = Command.builder().addAllArgv(argv).timeout(Duration.ofMinutes(30));
            if (stdin.length > 0) {
                command.stdin(stdin);
            }
            CommandResult result;
            synchronized (lock) {
                result = sim.runner(host).run(command.build());
            }
            served.incrementAndGet();
            OutputStream out = s.getOutputStream();
            out.write((result.exitCode() + "\n"
                            + Base64.getEncoder().encodeToString(result.stdout()) + "\n"
                            + Base64.getEncoder().encodeToString(result.stderr()) + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException | RuntimeException e) {
            synchronized (failures) {
                failures.add(e.toString());
            }
        }
    }

    private static String decode(String line) {
        return new String(Base64.getDecoder().decode(line), StandardCharsets.UTF_8);
    }

    /**
     * Writes the shim sshd runs for a key: {@code shim HOST PORT}.
     *
     * @param file where
     * @return the file, executable
     */
    static Path writeShim(Path file) {
        String script = String.join(
                "\n",
                "#!/bin/bash",
                "# drbd4j test shim: one ssh session of simulated host $1, served by the test JVM on 127.0.0.1:$2",
                "host=$1 port=$2",
                "timeout() { shift 3; \"$@\"; }",
                "env() { while [[ $1 == *=* ]]; do shift; done; relay \"$@\"; }",
                "relay() {",
                "  exec 3<>\"/dev/tcp/127.0.0.1/$port\" || { echo \"shim: cannot reach the test JVM\" >&2; return 255; }",
                "  { printf '%s\\n%s\\n' \"$host\" \"$#\"",
                "    for a in \"$@\"; do printf '%s' \"$a\" | base64 -w0; echo; done",
                "    base64 -w0; echo; } >&3",
                "  local code out err",
                "  read -r code <&3; read -r out <&3; read -r err <&3",
                "  exec 3<&-",
                "  printf '%s' \"$out\" | base64 -d",
                "  printf '%s' \"$err\" | base64 -d >&2",
                "  return \"${code:-255}\"",
                "}",
                "eval \"$SSH_ORIGINAL_COMMAND\"",
                "");
        try {
            Files.writeString(file, script);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    @Override
    public void close() throws IOException {
        ticker.shutdownNow();
        sessions.shutdownNow();
        socket.close();
    }
}
