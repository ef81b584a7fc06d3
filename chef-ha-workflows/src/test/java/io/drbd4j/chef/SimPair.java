package io.drbd4j.chef;

import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandRunner;
import io.drbd4j.testkit.Scenarios;
import io.drbd4j.testkit.SimulatedDrbdCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** A simulated pair be1/be2 and the ChefHaCluster over it, with be1 the bootstrap backend. */
final class SimPair {
    static final String MKE2FS_CONF = "/etc/mke2fs.conf";

    final SimulatedDrbdCluster sim;
    final ChefHaCluster cluster;
    final String dialect;

    private SimPair(SimulatedDrbdCluster sim, String dialect, Function<String, CommandRunner> runners) {
        this(sim, dialect, runners, "be1", "10.0.0.1", "be2", "10.0.0.2");
    }

    private SimPair(
            SimulatedDrbdCluster sim,
            String dialect,
            Function<String, CommandRunner> runners,
            String primary,
            String primaryAddress,
            String secondary,
            String secondaryAddress) {
        this.sim = sim;
        this.dialect = dialect;
        for (String host : List.of(primary, secondary)) {
            keepTheInitialSyncLong(sim, host);
        }
        this.cluster = ChefHaCluster.builder()
                .addBackend(Backend.of(primary, primaryAddress, runners.apply(primary)))
                .addBackend(Backend.of(secondary, secondaryAddress, runners.apply(secondary)))
                .keeper(primary)
                .sleeper(sim.time())
                .build();
    }

    /**
     * mkfs.ext4 discards the device by default, and DRBD 8.4 then marks it in sync: the initial full sync would end
     * at FailoverSetup's mkfs (real-drbd-testbed.md). These tests exercise a long initial sync, as the real test bed
     * does, by turning discard off in the host's mke2fs.conf (mke2fs.conf(5) {@code discard}); the workflow is
     * unchanged. FailoverSetupTest runs it once with discard on.
     */
    static void keepTheInitialSyncLong(SimulatedDrbdCluster sim, String host) {
        if (!sim.hosts().contains(host)) {
            return;
        }
        sim.runner(host)
                .run(Command.builder()
                        .timeout(Duration.ofSeconds(5))
                        .addArgv("tee", MKE2FS_CONF)
                        .stdin("[defaults]\n\tdiscard = false\n".getBytes(StandardCharsets.UTF_8))
                        .build());
    }

    /** @return the pair with the given backends, the first as the cluster's keeper */
    static SimPair of(
            SimulatedDrbdCluster sim,
            String dialect,
            String primary,
            String primaryAddress,
            String secondary,
            String secondaryAddress) {
        return new SimPair(sim, dialect, sim::runner, primary, primaryAddress, secondary, secondaryAddress);
    }

    /** @return the command's trimmed standard output on the host; asserts it exited 0 */
    String ok(String host, String... argv) {
        io.drbd4j.exec.runner.CommandResult r = sim.runner(host).run(Command.of(Duration.ofSeconds(30), argv));
        org.assertj.core.api.Assertions.assertThat(r.exitCode())
                .as(host + ": " + String.join(" ", argv) + ": " + r.stderrText())
                .isZero();
        return r.stdoutText().strip();
    }

    static SimulatedDrbdCluster.Builder builder(String dialect) {
        String kernel = dialect.equals("8.3") ? "8.3.16" : "8.4.11";
        return SimulatedDrbdCluster.builder()
                .host("be1", "10.0.0.1", dialect, kernel)
                .host("be2", "10.0.0.2", dialect, kernel)
                .backingSize(2L << 30);
    }

    /** @return a fresh pair (create-md and up on both): Connected Secondary/Secondary Inconsistent/Inconsistent */
    static SimPair fresh(String dialect) {
        SimulatedDrbdCluster sim = Scenarios.freshPair(builder(dialect));
        return new SimPair(sim, dialect, sim::runner);
    }

    static SimPair of(SimulatedDrbdCluster sim, String dialect) {
        return new SimPair(sim, dialect, sim::runner);
    }

    /** @return the same pair with each runner wrapped (to kill a run, or record it) */
    SimPair wrapped(UnaryOperator<CommandRunner> wrap) {
        return new SimPair(sim, dialect, host -> wrap.apply(sim.runner(host)));
    }

    /** @return the same pair whose runners attribute commands to the journal's current step */
    Workflow failoverSetup() {
        return FailoverSetup.workflow(cluster);
    }

    /**
     * What an operator does after confirming that a stopped run is dead for good (its host lost, its process gone):
     * removes the cluster lock that run left, by hand. {@code Workflow.overridingLock(reason)} does the same and
     * journals it; scenarios that stage a dead run use this so that the workflow under test starts as it would.
     */
    static void removeDeadRunsLock(SimulatedDrbdCluster sim, String... hosts) {
        for (String host : hosts) {
            sim.runner(host, "operator")
                    .run(Command.of(Duration.ofSeconds(5), "rm", "-f", "/var/lib/drbd4j/pc0.lock/owner"));
            sim.runner(host, "operator").run(Command.of(Duration.ofSeconds(5), "rmdir", "/var/lib/drbd4j/pc0.lock"));
        }
    }
}
