package io.drbd4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.core.model.DiskState;
import io.drbd4j.exec.CliDrbdAdm;
import io.drbd4j.exec.DrbdAdm;
import io.drbd4j.exec.VolumeState;
import io.drbd4j.exec.dialect.DrbdDialect;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A ten-line test on the simulated pair: two hosts set up, one forced Primary, a resync on virtual time. */
class SimulatedPairSyncExampleTest {
    @Test
    void aFreshPairSyncsOnVirtualTime() throws InterruptedException {
        SimulatedDrbdCluster cluster = SimulatedDrbdCluster.builder()
                .host("backend1", "10.0.0.1", "8.4", "8.4.11")
                .host("backend2", "10.0.0.2", "8.4", "8.4.11")
                .build();
        DrbdAdm b1 = new CliDrbdAdm(cluster.runner("backend1"), DrbdDialect.drbd84());
        DrbdAdm b2 = new CliDrbdAdm(cluster.runner("backend2"), DrbdDialect.drbd84());
        for (DrbdAdm adm : new DrbdAdm[] {b1, b2}) {
            adm.createMd("pc0", true);
            adm.up("pc0");
        }
        b1.primaryOverwritingPeer("pc0");
        cluster.time().sleep(Duration.ofMinutes(1)); // 1 GiB at about 40 MiB/s: done in milliseconds of real time
        assertThat(b2.dstate("pc0")).containsExactly(VolumeState.of(DiskState.UP_TO_DATE, DiskState.UP_TO_DATE));
    }
}
