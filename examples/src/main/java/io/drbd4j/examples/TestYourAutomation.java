package io.drbd4j.examples;

import io.drbd4j.core.model.DiskState;
import io.drbd4j.exec.CliDrbdAdm;
import io.drbd4j.exec.DrbdAdm;
import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.testkit.DataLoss;
import io.drbd4j.testkit.Scenarios;
import io.drbd4j.testkit.SimulatedDrbdCluster;
import java.time.Duration;
import java.util.List;

/**
 * Tests a piece of failover automation on the simulated pair before an outage does: it must promote a survivor that
 * holds every write and refuse one whose copy is not whole, and the data-loss detector must blame none of its
 * commands.
 */
public final class TestYourAutomation {
    private TestYourAutomation() {}

    /**
     * The automation under test: once the primary is gone, promote the survivor, but only when its copy is whole.
     *
     * @param survivor drbdadm on the surviving backend
     * @return true when it promoted the survivor
     */
    static boolean promoteSurvivor(DrbdAdm survivor) {
        boolean whole = survivor.dstate("pc0").stream()
                .allMatch(volume -> volume.local().orElseThrow() == DiskState.UP_TO_DATE);
        if (whole) {
            survivor.primary("pc0");
        }
        return whole;
    }

    /**
     * Runs the example.
     *
     * @param args none
     */
    public static void main(String[] args) {
        // The primary dies while the pair is in sync: the survivor holds every acknowledged write.
        SimulatedDrbdCluster synced = Scenarios.syncedPairWithWriter(pair(), 1024);
        synced.faults().crashForGood("backend1");
        check(promoteSurvivor(survivorOf(synced)), "promotes an UpToDate survivor");
        check(synced.dataLossDetector().report().isEmpty(), "loses no acknowledged write");

        // The primary dies ten seconds into the initial sync: the survivor is Inconsistent.
        SimulatedDrbdCluster midSync = Scenarios.primaryLostMidSync(pair(), Duration.ofSeconds(10));
        check(!promoteSurvivor(survivorOf(midSync)), "refuses to promote an Inconsistent survivor");
        List<DataLoss> losses = midSync.dataLossDetector().report(); // the crash lost writes: a FAULT, not ours
        check(losses.stream().noneMatch(loss -> loss.kind() == DataLoss.Kind.VIOLATION), "overwrites no good copy");
    }

    private static SimulatedDrbdCluster.Builder pair() {
        return SimulatedDrbdCluster.builder()
                .host("backend1", "10.0.0.1", "8.4", "8.4.11")
                .host("backend2", "10.0.0.2", "8.4", "8.4.11");
    }

    private static DrbdAdm survivorOf(SimulatedDrbdCluster cluster) {
        return new CliDrbdAdm(cluster.runner("backend2"), DrbdDialect.drbd84());
    }

    private static void check(boolean passed, String what) {
        if (!passed) {
            throw new AssertionError("the automation no longer " + what);
        }
        System.out.println("ok: the automation " + what);
    }
}
