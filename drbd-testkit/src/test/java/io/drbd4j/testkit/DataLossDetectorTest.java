package io.drbd4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 7: acknowledged writes per copy, and the commands and faults that lose the only copy of them. */
class DataLossDetectorTest {
    @Test
    void writesGetGenerationsHeldByBothCopiesWhileConnectedAndByThePrimaryAloneOtherwise() {
        Pairs p = Pairs.of("8.4").synced();
        long both = p.cluster.write("be1", 4);
        p.cluster.faults().partition();
        long alone = p.cluster.write("be1", 4);
        assertThat(alone).isEqualTo(both + 1);
        assertThat(p.cluster.holds("be2", both)).isTrue();
        assertThat(p.cluster.holds("be2", alone)).isFalse();
        assertThat(p.cluster.holds("be1", alone)).isTrue();
        assertThat(p.cluster.dataLossDetector().acknowledgedWrites()).isEqualTo(alone);
    }

    @Test
    void aDisklessPrimaryWithoutItsPeerAcknowledgesNothing() {
        Pairs p = Pairs.of("8.4").synced();
        p.cluster.faults().partition();
        p.cluster.faults().diskFailure("be1");
        assertThat(p.cluster.write("be1", 4)).isZero();
    }

    @Test
    void discardingTheOnlyUpToDateCopyAfterForcingTheInconsistentNodeIsAViolation() {
        Pairs p = Pairs.of("8.4").upFresh();
        p.forcePrimary("be1");
        p.cluster.startWriter("be1", 64);
        p.cluster.time().advance(Duration.ofSeconds(3));
        p.cluster.faults().partition();
        p.cluster.time().advance(Duration.ofSeconds(5));
        p.cluster.stopWriter();
        assertThat(p.state("be2")).startsWith("cs:WFConnection ro:Secondary/Unknown ds:Inconsistent/DUnknown");
        p.ok("be2", "drbdadm", "primary", "--force", "pc0");
        p.cluster.write("be2", 64);
        p.cluster.faults().heal();
        assertThat(p.cluster.dataLossDetector().report()).isEmpty();
        assertThat(p.state("be1")).startsWith("cs:StandAlone ro:Primary/Unknown ds:UpToDate/");
        p.ok("be1", "drbdadm", "secondary", "pc0");
        if (p.state("be2").startsWith("cs:StandAlone")) {
            p.ok("be2", "drbdadm", "connect", "pc0");
        }
        Command discard = Command.of(Duration.ofSeconds(30), "drbdadm", "connect", "--discard-my-data", "pc0");
        CommandResult r = p.cluster.runner("be1", "W9.4 victim discards").run(discard);
        assertThat(r.exitCode()).isZero();
        assertThat(p.state("be1")).startsWith("cs:SyncTarget");

        List<DataLoss> report = p.cluster.dataLossDetector().report();
        assertThat(report).hasSize(1);
        DataLoss loss = report.get(0);
        assertThat(loss.kind()).isEqualTo(DataLoss.Kind.VIOLATION);
        assertThat(loss.host()).isEqualTo("be1");
        assertThat(loss.argv()).containsExactly("drbdadm", "connect", "--discard-my-data", "pc0");
        assertThat(loss.step()).isEqualTo("W9.4 victim discards");
        assertThat(loss.generations()).hasSize(5);
        assertThat(p.cluster.dataLossDetector().violations()).containsExactly(loss);
        assertThat(p.cluster.eventLog()).anyMatch(e -> e.contains("data loss: VIOLATION"));
    }

    @Test
    void aDiscardWaitingForThePeerIsBlamedWhenThePeersConnectRunsTheHandshake() {
        Pairs p = Pairs.of("8.4").synced();
        p.cluster.faults().partition();
        p.ok("be2", "drbdadm", "primary", "pc0");
        p.cluster.write("be1", 4);
        p.cluster.write("be2", 4);
        p.cluster.faults().heal();
        assertThat(p.state("be2")).startsWith("cs:StandAlone");
        p.ok("be1", "drbdadm", "secondary", "pc0");
        p.cluster.step("W9.4");
        p.ok("be1", "drbdadm", "connect", "--discard-my-data", "pc0");
        assertThat(p.state("be1")).startsWith("cs:WFConnection");
        p.cluster.step("W9.5");
        p.ok("be2", "drbdadm", "connect", "pc0");
        assertThat(p.state("be1")).startsWith("cs:SyncTarget");

        List<DataLoss> violations = p.cluster.dataLossDetector().violations();
        assertThat(violations).hasSize(1);
        assertThat(violations.get(0).argv()).containsExactly("drbdadm", "connect", "--discard-my-data", "pc0");
        assertThat(violations.get(0).step()).isEqualTo("W9.4");
        assertThat(violations.get(0).cause())
                .isEqualTo("be1: drbdadm connect --discard-my-data pc0 (handshake after be2: drbdadm connect pc0)");
    }

    @Test
    void invalidatingTheOnlyUpToDateCopyIsAViolationNamingTheStep() {
        Pairs p = Pairs.of("8.4").synced();
        p.cluster.faults().crash("be2");
        p.cluster.write("be1", 4);
        p.ok("be1", "drbdadm", "secondary", "pc0");
        p.ok("be1", "drbdadm", "disconnect", "pc0");
        p.cluster.step("wrong step");
        p.ok("be1", "drbdadm", "invalidate", "pc0");
        List<DataLoss> violations = p.cluster.dataLossDetector().violations();
        assertThat(violations).hasSize(1);
        assertThat(violations.get(0).cause()).isEqualTo("be1: drbdadm invalidate pc0");
        assertThat(violations.get(0).step()).isEqualTo("wrong step");
    }

    @Test
    void losingTheOnlyCopyForGoodIsAFaultLoss() {
        Pairs p = Pairs.of("8.4").synced();
        p.cluster.faults().partition();
        p.cluster.write("be1", 4);
        p.cluster.write("be1", 4);
        p.cluster.faults().crashForGood("be1");
        List<DataLoss> report = p.cluster.dataLossDetector().report();
        assertThat(report).hasSize(1);
        assertThat(report.get(0).kind()).isEqualTo(DataLoss.Kind.FAULT);
        assertThat(report.get(0).cause()).isEqualTo("fault: crash be1 for good");
        assertThat(report.get(0).generations()).hasSize(2);
        assertThat(report.get(0).argv()).isEmpty();
    }

    @Test
    void w4SecondaryLostAndRejoiningLosesNothing() {
        Pairs p = Pairs.of("8.4").synced();
        p.cluster.startWriter("be1", 256);
        p.cluster.time().advance(Duration.ofSeconds(10));
        p.cluster.faults().crash("be2");
        p.cluster.time().advance(Duration.ofMinutes(1));
        p.cluster.faults().reboot("be2");
        p.ok("be2", "drbdadm", "up", "pc0");
        p.advanceUntil(() -> p.node("be2").oosKiB() == 0, Duration.ofMinutes(5));
        long last = p.cluster.dataLossDetector().acknowledgedWrites();
        assertThat(last).isGreaterThan(60);
        assertThat(p.node("be2").holds(last)).isTrue();
        assertThat(p.node("be2").holds(20)).isTrue();
        assertThat(p.cluster.dataLossDetector().report()).isEmpty();
    }

    @Test
    void w6MasterLostAfterSyncFailsOverWithoutLoss() {
        Pairs p = Pairs.of("8.4").synced();
        p.cluster.startWriter("be1", 256);
        p.cluster.time().advance(Duration.ofSeconds(30));
        p.cluster.faults().crashForGood("be1");
        p.cluster.step("W6.3");
        p.ok("be2", "drbdadm", "primary", "pc0");
        p.cluster.startWriter("be2", 256);
        p.cluster.time().advance(Duration.ofSeconds(30));
        assertThat(p.cluster.dataLossDetector().acknowledgedWrites()).isGreaterThanOrEqualTo(60);
        assertThat(p.cluster.dataLossDetector().report()).isEmpty();
    }

    @Test
    void w7MasterLostWhileTheBackupWasInconsistentIsAnAcceptedLoss() {
        Pairs p = Pairs.of("8.4").upFresh();
        p.forcePrimary("be1");
        p.cluster.startWriter("be1", 256);
        p.cluster.time().advance(Duration.ofSeconds(5));
        p.cluster.acceptLoss("W7: BE1 gone while BE2 was Inconsistent");
        p.cluster.faults().crashForGood("be1");
        p.cluster.faults().replaceHost("be1", "be3", "10.0.0.3");
        // The survivor's kernel keeps the lost host's address until its configuration names the new one (adjust).
        p.ok("be2", "drbdadm", "adjust", "pc0");
        p.ok("be3", "drbdadm", "create-md", "pc0");
        p.ok("be3", "drbdadm", "up", "pc0");
        p.ok("be2", "drbdadm", "primary", "--force", "pc0");
        assertThat(p.state("be2")).startsWith("cs:StandAlone ro:Primary/Unknown ds:UpToDate/DUnknown");
        p.ok("be2", "drbdadm", "connect", "pc0");
        p.cluster.time().advance(Duration.ofMinutes(2));
        assertThat(p.state("be3")).startsWith("cs:Connected ro:Secondary/Primary ds:UpToDate/UpToDate");

        List<DataLoss> report = p.cluster.dataLossDetector().report();
        assertThat(report).hasSize(1);
        assertThat(report.get(0).kind()).isEqualTo(DataLoss.Kind.ACCEPTED);
        assertThat(report.get(0).reason()).isEqualTo("W7: BE1 gone while BE2 was Inconsistent");
        assertThat(report.get(0).generations()).hasSize(5);
        assertThat(p.cluster.dataLossDetector().violations()).isEmpty();
    }

    @Test
    void w7WithoutAnAcceptedLossReportsTheFault() {
        Pairs p = Pairs.of("8.4").upFresh();
        p.forcePrimary("be1");
        p.cluster.startWriter("be1", 256);
        p.cluster.time().advance(Duration.ofSeconds(5));
        p.cluster.faults().crashForGood("be1");
        List<DataLoss> report = p.cluster.dataLossDetector().report();
        assertThat(report).hasSize(1);
        assertThat(report.get(0).kind()).isEqualTo(DataLoss.Kind.FAULT);
    }
}
