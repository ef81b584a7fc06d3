package io.drbd4j.chef;

import io.drbd4j.testkit.SimulatedDrbdCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Chef guide's scenario 4 on the simulated pair: failover setup running, an application writing on be1, be1
 * lost for good part way through the initial sync (be2 is the Inconsistent survivor), be1 replaced by be3.
 */
final class LostPrimary {
    static final byte[] NEW_CONFIG = ("topology \"ha\"\n"
                    + "server \"be2\", :ipaddress => \"10.0.0.2\", :role => \"backend\", :bootstrap => true\n"
                    + "server \"be3\", :ipaddress => \"10.0.0.3\", :role => \"backend\"\n")
            .getBytes(StandardCharsets.UTF_8);
    static final PeerGone BE1_GONE = PeerGone.of("be1", "10.0.0.1", "powered off via ILO");

    private LostPrimary() {}

    /**
     * @param dialect 8.3 or 8.4
     * @param journal where the interrupted setup journals
     * @return be2 (an UpToDate survivor whose Chef setup never finished: no drbd_ready, no cluster.sh) and be3: be1
     *     was lost right after it became master, before be2 joined
     */
    static SimPair afterSyncBeforeSecondaryJoined(String dialect, Path journal) {
        return lose(dialect, journal, "reconfigure-primary", 1001);
    }

    /**
     * @param dialect 8.3 or 8.4
     * @param perMille how far the initial sync got when be1 was lost; 1000: after the setup completed
     * @param journal where the interrupted setup journals
     * @return be2 (survivor, as primary) and be3 (replacement) over the simulated pair
     */
    static SimPair midSync(String dialect, int perMille, Path journal) {
        return lose(dialect, journal, null, perMille);
    }

    /**
     * @param dialect 8.3 or 8.4
     * @param perMille how far the initial sync got when be1 was lost
     * @param journal where the interrupted setup journals
     * @return be2 (survivor, as primary) and be1, lost and not replaced
     */
    static SimPair midSyncNotReplaced(String dialect, int perMille, Path journal) {
        SimPair pair = crash(dialect, journal, null, perMille);
        return SimPair.of(pair.sim, dialect, "be2", "10.0.0.2", "be1", "10.0.0.1");
    }

    private static SimPair lose(String dialect, Path journal, String afterStep, int perMille) {
        SimPair pair = crash(dialect, journal, afterStep, perMille);
        pair.sim.faults().replaceHost("be1", "be3", "10.0.0.3");
        return SimPair.of(pair.sim, dialect, "be2", "10.0.0.2", "be3", "10.0.0.3");
    }

    private static SimPair crash(String dialect, Path journal, String afterStep, int perMille) {
        SimPair pair = SimPair.fresh(dialect);
        SimulatedDrbdCluster sim = pair.sim;
        PrepareTest.seedConfig(pair);
        sim.runner("be2")
                .run(io.drbd4j.exec.runner.Command.builder()
                        .timeout(java.time.Duration.ofSeconds(5))
                        .addArgv("tee", "/etc/opscode/chef-server.rb")
                        .stdin("topology \"ha\"\n".getBytes(StandardCharsets.UTF_8))
                        .build());
        sim.runner("be2")
                .run(io.drbd4j.exec.runner.Command.builder()
                        .timeout(java.time.Duration.ofSeconds(5))
                        .addArgv("tee", "/etc/opscode/private-chef-secrets.json")
                        .stdin(PrepareTest.SECRETS.getBytes(StandardCharsets.UTF_8))
                        .build());
        AtomicBoolean lost = new AtomicBoolean();
        ProgressListener loseBe1 = new ProgressListener() {
            @Override
            public void stepFinished(PlannedStep step, java.time.Duration took) {
                if (step.id().equals("mount")) {
                    sim.startWriter("be1", 256);
                }
                if (step.id().equals(afterStep) && lost.compareAndSet(false, true)) {
                    sim.faults().crashForGood("be1");
                }
            }

            @Override
            public void syncProgress(PlannedStep step, SyncReport report) {
                if (report.perMille() >= perMille && lost.compareAndSet(false, true)) {
                    sim.faults().crashForGood("be1");
                }
            }
        };
        try {
            FailoverSetup.workflow(pair.cluster).run(loseBe1, Journal.at(journal));
        } catch (WorkflowException expected) {
            // be1 vanished while the setup waited for the sync
        }
        if (!lost.get()) {
            sim.faults().crashForGood("be1");
        }
        sim.stopWriter();
        return pair;
    }
}
