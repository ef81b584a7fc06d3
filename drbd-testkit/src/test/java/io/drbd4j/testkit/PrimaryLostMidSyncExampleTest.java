package io.drbd4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.core.model.DiskState;
import io.drbd4j.exec.CliDrbdAdm;
import io.drbd4j.exec.DrbdAdm;
import io.drbd4j.exec.VolumeState;
import io.drbd4j.exec.dialect.DrbdDialect;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A failure test: the primary lost mid-sync, and the only way back loses data the detector blames on the fault. */
class PrimaryLostMidSyncExampleTest {
    @Test
    void losingThePrimaryMidSyncLosesDataThatOnlyTheDetectorCanName() {
        SimulatedDrbdCluster cluster = Scenarios.primaryLostMidSync(
                SimulatedDrbdCluster.builder()
                        .host("backend1", "10.0.0.1", "8.4", "8.4.11")
                        .host("backend2", "10.0.0.2", "8.4", "8.4.11"),
                Duration.ofSeconds(10));
        DrbdAdm survivor = new CliDrbdAdm(cluster.runner("backend2"), DrbdDialect.drbd84());
        assertThat(survivor.dstate("pc0")).containsExactly(VolumeState.of(DiskState.INCONSISTENT, DiskState.DUNKNOWN));
        survivor.primaryOverwritingPeer("pc0"); // W7: the only way back, accepting the loss
        assertThat(cluster.dataLossDetector().report()).isNotEmpty().allSatisfy(loss -> assertThat(loss.kind())
                .isEqualTo(DataLoss.Kind.FAULT));
    }
}
