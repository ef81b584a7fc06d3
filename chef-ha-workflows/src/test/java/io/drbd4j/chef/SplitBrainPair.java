package io.drbd4j.chef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drbd4j.chef.engine.LiveState;
import io.drbd4j.chef.engine.Pair;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.testkit.SimulatedDrbdCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chef's W9 on the simulated pair: failover set up (be1 master, be2 backup), the replication link cut, be2 made master
 * as keepalived would on a cut VRRP link ({@code chef-server-ctl master-recover}: promote, mount, HA services), one
 * write on each Primary, the link healed: both {@code StandAlone Primary/Unknown UpToDate/DUnknown} and mounted
 * (drbd-state-machine.md corrections 1, S4). Unlike {@code Scenarios.splitBrain}, Chef runs on both and the writes'
 * generations are kept.
 */
final class SplitBrainPair {
    private static final Set<String> PROBES =
            Set.of("cat", "mountpoint", "test", "ss", "blkid", "uname", "ip", "readlink");

    final SimulatedDrbdCluster sim;
    final String dialect;
    private final Map<String, Long> written;

    private SplitBrainPair(SimulatedDrbdCluster sim, String dialect, Map<String, Long> written) {
        this.sim = sim;
        this.dialect = dialect;
        this.written = written;
    }

    /**
     * @param dialect 8.3 or 8.4
     * @param setupJournal where the failover setup journals
     * @return the split brain
     */
    static SplitBrainPair of(String dialect, Path setupJournal) {
        SimPair pair = SimPair.fresh(dialect);
        pair.failoverSetup().run(ProgressListener.none(), Journal.at(setupJournal));
        SimulatedDrbdCluster sim = pair.sim;
        sim.faults().partition();
        CommandResult takeover = sim.runner("be2", "scenario")
                .run(Command.of(Duration.ofMinutes(5), "chef-server-ctl", "master-recover"));
        assertThat(takeover.exitCode()).as("%s", takeover).isZero();
        return writeOnBothAndHeal(pair, dialect);
    }

    /**
     * The same split brain with be2's Chef setup never finished: the failover setup stopped once be1 was master, before
     * be2 got drbd_ready and reconfigure (no keepalived, no cluster.sh there), and be2 was promoted and mounted by
     * hand while apart.
     *
     * @param dialect 8.3 or 8.4
     * @param setupJournal where the failover setup journals
     * @return the split brain
     */
    static SplitBrainPair secondaryNeverJoined(String dialect, Path setupJournal) {
        SimPair pair = SimPair.fresh(dialect);
        ProgressListener stopBeforeBe2Joins =
                CrashHarness.dieWhenStarting("ready-secondary", "the operator stopped the setup before be2 joined");
        assertThatThrownBy(() -> pair.failoverSetup().run(stopBeforeBe2Joins, Journal.at(setupJournal)))
                .hasMessageContaining("before be2 joined");
        SimulatedDrbdCluster sim = pair.sim;
        SimPair.removeDeadRunsLock(sim, "be1", "be2");
        sim.faults().partition();
        for (List<String> argv : List.of(
                List.of("drbdadm", "primary", "pc0"),
                List.of("mkdir", "-p", "/var/opt/opscode/drbd/data"),
                List.of("mount", "/dev/drbd0", "/var/opt/opscode/drbd/data"))) {
            CommandResult result = sim.runner("be2", "scenario").run(Command.of(Duration.ofMinutes(5), argv));
            assertThat(result.exitCode()).as("%s", result).isZero();
        }
        return writeOnBothAndHeal(pair, dialect);
    }

    /** Both Primaries, apart, take a write each; the link heals and both end StandAlone: the split brain. */
    private static SplitBrainPair writeOnBothAndHeal(SimPair pair, String dialect) {
        SimulatedDrbdCluster sim = pair.sim;
        long be1 = sim.write("be1", 4);
        long be2 = sim.write("be2", 4);
        sim.faults().heal();
        for (String host : List.of("be1", "be2")) {
            assertThat(new LiveState(Pair.unresolved(pair.cluster)).host(host).drbdWords())
                    .isEqualTo(host + ": StandAlone Primary/Unknown UpToDate/DUnknown");
        }
        return new SplitBrainPair(sim, dialect, Map.of("be1", be1, "be2", be2));
    }

    /** @return the generation of the write the host took while apart */
    long written(String host) {
        return written.get(host);
    }

    /** @return the pair with the keeper as the cluster's keeper */
    SimPair keeping(String keep) {
        return keep.equals("be1")
                ? SimPair.of(sim, dialect)
                : SimPair.of(sim, dialect, "be2", "10.0.0.2", "be1", "10.0.0.1");
    }

    static String other(String host) {
        return host.equals("be1") ? "be2" : "be1";
    }

    private static String address(String host) {
        return host.equals("be1") ? "10.0.0.1" : "10.0.0.2";
    }

    /** @return a cluster over the pair's simulator with the keeper as primary and each runner wrapped */
    static ChefHaCluster cluster(SimPair pair, String keep, CrashHarness.Wrapper wrapper) {
        String victim = other(keep);
        return ChefHaCluster.builder()
                .addBackend(Backend.of(keep, address(keep), wrapper.wrap(keep, pair.sim.runner(keep))))
                .addBackend(Backend.of(victim, address(victim), wrapper.wrap(victim, pair.sim.runner(victim))))
                .keeper(keep)
                .sleeper(pair.sim.time())
                .build();
    }

    /** @return whether the command only reads state (a guard's or a wait's probe) */
    static boolean isProbe(CrashHarness.Sent sent) {
        List<String> argv = sent.argv();
        return PROBES.contains(argv.get(0))
                || argv.get(0).equals("chef-server-ctl") && argv.get(1).equals("status")
                || argv.get(0).equals("drbdadm") && (argv.contains("--version") || argv.contains("get-gi"));
    }

    /** Records step events and declares an accepted loss to the test kit's detector. */
    static final class Listener implements ProgressListener {
        final List<String> started = new ArrayList<>();
        final List<String> skipped = new ArrayList<>();
        private final SimPair pair;

        Listener(SimPair pair) {
            this.pair = pair;
        }

        @Override
        public void stepStarted(PlannedStep step) {
            if (!step.id().equals(SharedSteps.CHECK_IDENTITY)) {
                started.add(step.id());
            }
        }

        @Override
        public void stepSkipped(PlannedStep step, String why) {
            skipped.add(step.id());
        }

        @Override
        public void lossAccepted(PlannedStep step, String acceptance) {
            pair.sim.acceptLoss(acceptance);
        }
    }
}
