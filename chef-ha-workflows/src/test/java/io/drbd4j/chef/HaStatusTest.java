package io.drbd4j.chef;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.core.safety.Verdict;
import io.drbd4j.testkit.Scenarios;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HaStatusTest {
    @TempDir
    Path dir;

    @Test
    void aSetUpPairIsHealthyAndEitherNodeCanBeLost() {
        SimPair pair = SimPair.fresh("8.4");
        pair.failoverSetup().run(ProgressListener.none(), Journal.at(dir.resolve("j")));

        HaStatus status = HaStatus.read(pair.cluster);

        assertThat(status.healthy()).isTrue();
        BackendStatus be1 = status.backend("be1");
        assertThat(be1.drbdWords()).isEqualTo("Connected Primary/Secondary UpToDate/UpToDate");
        assertThat(be1.mounted()).isTrue();
        assertThat(be1.ready()).isTrue();
        assertThat(be1.clusterStatus()).hasValue("master");
        assertThat(be1.services()).containsEntry("postgresql", true).containsEntry("keepalived", true);
        assertThat(be1.safety().orElseThrow().bothNodesSeen()).isTrue();
        assertThat(be1.safety().orElseThrow().canLoseThisNode().verdict()).isEqualTo(Verdict.YES);
        assertThat(be1.problems()).isEmpty();
        BackendStatus be2 = status.backend("be2");
        assertThat(be2.drbdWords()).isEqualTo("Connected Secondary/Primary UpToDate/UpToDate");
        assertThat(be2.clusterStatus()).hasValue("backup");
        assertThat(be2.services()).containsEntry("postgresql", false);
        assertThat(be2.safety().orElseThrow().canLosePeer().verdict()).isEqualTo(Verdict.YES);
    }

    @Test
    void midSyncOnlyThePrimaryHoldsTheDataAndThePairIsNotHealthy() {
        SimPair pair = SimPair.of(Scenarios.freshPair(SimPair.builder("8.4")), "8.4");
        pair.sim
                .runner("be1")
                .run(io.drbd4j.exec.runner.Command.of(Duration.ofSeconds(5), "drbdadm", "primary", "--force", "pc0"));
        pair.sim.time().advance(Duration.ofSeconds(10));

        HaStatus status = HaStatus.read(pair.cluster);

        assertThat(status.healthy()).isFalse();
        assertThat(status.backend("be1").drbdWords()).isEqualTo("SyncSource Primary/Secondary UpToDate/Inconsistent");
        assertThat(status.backend("be1")
                        .safety()
                        .orElseThrow()
                        .canLoseThisNode()
                        .verdict())
                .isEqualTo(Verdict.NO);
        assertThat(status.backend("be2")
                        .safety()
                        .orElseThrow()
                        .canLoseThisNode()
                        .verdict())
                .isEqualTo(Verdict.YES);
        assertThat(status.backend("be2").clusterStatus()).isEmpty();
    }

    @Test
    void anUnreachableBackendIsReportedNotThrown() {
        SimPair pair = SimPair.fresh("8.4");
        pair.sim.faults().crashForGood("be2");

        HaStatus status = HaStatus.read(pair.cluster);

        BackendStatus be2 = status.backend("be2");
        assertThat(be2.drbd()).isEmpty();
        assertThat(be2.drbdWords()).isEqualTo("unknown");
        assertThat(be2.problems()).isNotEmpty().allMatch(p -> p.contains("be2"));
        // sanitize_state keeps a peer disk of Inconsistent or Outdated when the connection goes (drbd_state.c).
        assertThat(status.backend("be1").drbdWords())
                .isEqualTo("WFConnection Secondary/Unknown Inconsistent/Inconsistent");
        assertThat(status.backend("be1").safety().orElseThrow().bothNodesSeen()).isFalse();
        assertThat(status.healthy()).isFalse();
    }
}
