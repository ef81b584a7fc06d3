package io.drbd4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ready-made starting points reach the states they promise. */
class ScenariosTest {
    private static SimulatedDrbdCluster.Builder pair(String dialect, String kernel) {
        return SimulatedDrbdCluster.builder()
                .host("be1", "10.0.0.1", dialect, kernel)
                .host("be2", "10.0.0.2", dialect, kernel)
                .seed(7);
    }

    private static String state(SimulatedDrbdCluster cluster, String host) {
        for (String line : cluster.procDrbd(host).split("\n")) {
            if (line.startsWith(" 0: ")) {
                return line.substring(4);
            }
        }
        return "";
    }

    @Test
    void aFreshPairIsConnectedAndInconsistent() {
        SimulatedDrbdCluster cluster = Scenarios.freshPair(pair("8.4", "8.4.11"));
        assertThat(cluster.hosts()).containsExactly("be1", "be2");
        assertThat(state(cluster, "be1"))
                .startsWith("cs:Connected ro:Secondary/Secondary ds:Inconsistent/Inconsistent");
    }

    @Test
    void aSyncedPairKeepsWritingOnThePrimaryWithoutLoss() {
        SimulatedDrbdCluster cluster = Scenarios.syncedPairWithWriter(pair("8.3", "8.3.16"), 512);
        assertThat(state(cluster, "be2")).startsWith("cs:Connected ro:Secondary/Primary ds:UpToDate/UpToDate");
        long before = cluster.dataLossDetector().acknowledgedWrites();
        cluster.time().advance(Duration.ofSeconds(10));
        assertThat(cluster.dataLossDetector().acknowledgedWrites()).isEqualTo(before + 10);
        assertThat(cluster.node("be2").holds(before + 10)).isTrue();
        assertThat(cluster.dataLossDetector().report()).isEmpty();
    }

    @Test
    void thePrimaryLostMidSyncLeavesTheSecondaryInconsistentAndTheLossAFault() {
        SimulatedDrbdCluster cluster = Scenarios.primaryLostMidSync(pair("8.4", "8.4.11"), Duration.ofSeconds(4));
        assertThat(state(cluster, "be2")).startsWith("cs:WFConnection ro:Secondary/Unknown ds:Inconsistent/DUnknown");
        assertThat(cluster.faults().isGone("be1")).isTrue();
        List<DataLoss> report = cluster.dataLossDetector().report();
        assertThat(report).hasSize(1);
        assertThat(report.get(0).kind()).isEqualTo(DataLoss.Kind.FAULT);
        assertThat(report.get(0).generations()).hasSize(4);
    }

    @Test
    void thePrimaryLostMidSyncNeedsTheSyncStillRunning() {
        assertThatThrownBy(() -> Scenarios.primaryLostMidSync(pair("8.4", "8.4.11"), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoPrimariesWhilePartitionedSplitBrainOnHeal() {
        SimulatedDrbdCluster cluster = Scenarios.splitBrain(pair("8.4", "8.4.11"));
        assertThat(state(cluster, "be1")).startsWith("cs:StandAlone ro:Primary/Unknown");
        assertThat(state(cluster, "be2")).contains("ro:Primary/Unknown");
        assertThat(cluster.eventLog()).anyMatch(e -> e.contains("Split-Brain detected"));
        assertThat(cluster.dataLossDetector().report()).isEmpty();
    }
}
