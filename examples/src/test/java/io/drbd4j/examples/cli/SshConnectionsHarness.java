package io.drbd4j.examples.cli;

import io.drbd4j.chef.FailoverSetup;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.runner.SshRunner;
import io.drbd4j.exec.runner.SshTarget;
import io.drbd4j.exec.sshd.SshServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures what one {@code drbd4j ha-status} and one {@code drbd4j plan failover-setup} cost over ssh, with and
 * without connection sharing: wall time of the whole command in this JVM ({@link Drbd4jCommand#run}, ssh clients
 * started as the command line starts them), logins that the two sshd accepted (their {@code Accepted publickey}
 * lines at LogLevel VERBOSE) and commands the simulated hosts served. The hosts are the examples' tests' setup:
 * drbd-testkit's simulated pair be1/be2, on a fresh pair as {@code demo failover-setup} stages it, behind two real
 * OpenSSH servers on 127.0.0.1 ({@link SimulatedPairOverSsh}). "Before" is {@code --no-connection-sharing}, which
 * builds the runners as drbd4j did before sharing ({@code SshRunner.create}: a login per command).
 *
 * <p>Last, the floor: 20 times {@code true} through one {@code SshRunner} to a plain sshd (no simulated hosts),
 * with a login each and with one shared login.
 *
 * <p>Not JMH: one sample is hundreds of milliseconds of child processes, not a hot loop. Each mode runs {@code
 * WARMUP} times unmeasured, then {@code RUNS} times; the median, minimum and maximum are printed.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.drbd4j.examples.cli.SshConnectionsHarness [RUNS]
 * </pre>
 *
 * Needs {@code /usr/sbin/sshd}, ssh and ssh-keygen, and bash for the simulated hosts' shim; run as root, as CI does.
 */
public final class SshConnectionsHarness {
    private static final int WARMUP = 2;
    private static final int TRUES = 20;

    private SshConnectionsHarness() {}

    /**
     * @param args the number of measured runs per mode (default 10)
     */
    public static void main(String... args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        System.out.println("command | connection sharing | wall time median (min-max) | logins per command |"
                + " commands per command");
        try (SimulatedPairOverSsh pair = SimulatedPairOverSsh.start(
                DemoScenarios.stage(FailoverSetup.NAME, "8.4", 1).sim())) {
            for (List<String> command : List.of(List.of("ha-status"), List.of("plan", "failover-setup"))) {
                for (boolean sharing : new boolean[] {false, true}) {
                    measure(pair, command, sharing, runs);
                }
            }
        }
        try (SshServer sshd = SshServer.start()) {
            for (boolean sharing : new boolean[] {false, true}) {
                measureTrue(sshd, sharing, runs);
            }
        }
    }

    /** The floor: {@value #TRUES} times {@code true} through one SshRunner, to the plain sshd (no shim). */
    private static void measureTrue(SshServer sshd, boolean sharing, int runs) {
        long[] millis = new long[runs];
        int logins = -1;
        for (int i = -WARMUP; i < runs; i++) {
            int before = sshd.logins();
            long start = System.nanoTime();
            SshTarget target = sshd.target().build();
            try (SshRunner runner = sharing ? SshRunner.shared(target) : SshRunner.create(target)) {
                for (int n = 0; n < TRUES; n++) {
                    CommandResult result = runner.run(Command.of(Duration.ofSeconds(20), "true"));
                    if (result.exitCode() != 0) {
                        throw new IllegalStateException(
                                "true exited " + result.exitCode() + ": " + result.stderrText());
                    }
                }
            }
            long took = (System.nanoTime() - start) / 1_000_000;
            if (i >= 0) {
                millis[i] = took;
                logins = sshd.logins() - before;
            }
        }
        print("ssh true x" + TRUES, sharing, millis, logins, TRUES);
    }

    private static void measure(SimulatedPairOverSsh pair, List<String> command, boolean sharing, int runs) {
        List<String> args = new ArrayList<>(command);
        args.addAll(pair.backendOptions());
        if (!sharing) {
            args.add("--no-connection-sharing");
        }
        long[] millis = new long[runs];
        int logins = -1;
        int served = -1;
        for (int i = -WARMUP; i < runs; i++) {
            int loginsBefore = pair.logins("be1") + pair.logins("be2");
            int servedBefore = pair.server().served();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            long start = System.nanoTime();
            int exit = Drbd4jCommand.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
            long took = (System.nanoTime() - start) / 1_000_000;
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + exit + ": " + err);
            }
            int runLogins = pair.logins("be1") + pair.logins("be2") - loginsBefore;
            int runServed = pair.server().served() - servedBefore;
            if (i >= 0) {
                millis[i] = took;
                if (logins >= 0 && (runLogins != logins || runServed != served)) {
                    throw new IllegalStateException(String.join(" ", command) + ": logins " + runLogins + " and"
                            + " commands " + runServed + " after " + logins + " and " + served + " before");
                }
                logins = runLogins;
                served = runServed;
            }
        }
        print(String.join(" ", command), sharing, millis, logins, served);
    }

    private static void print(String what, boolean sharing, long[] millis, int logins, int commands) {
        int runs = millis.length;
        Arrays.sort(millis);
        long median = runs % 2 == 1 ? millis[runs / 2] : (millis[runs / 2 - 1] + millis[runs / 2]) / 2;
        System.out.printf(
                "%s | %s | %d ms (%d-%d) | %d | %d%n",
                what, sharing ? "on" : "off", median, millis[0], millis[runs - 1], logins, commands);
    }
}
