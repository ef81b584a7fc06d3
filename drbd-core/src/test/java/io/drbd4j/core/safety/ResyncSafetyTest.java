package io.drbd4j.core.safety;

import static io.drbd4j.core.safety.Statuses.device;
import static io.drbd4j.core.safety.Statuses.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.core.model.ConnectionState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A resync makes the source the only good copy and the target a copy to wait for. */
class ResyncSafetyTest {
    @Test
    void syncSourceMustNotBeLostUntilTheResyncEnds() {
        // 032:  1: cs:SyncSource ro:Primary/Secondary ds:UpToDate/Inconsistent C r---n- ... oos:1715080
        //       [==>.................] sync'ed: 15.6% (1715080/2026376)K  finish: 0:00:44
        SafetyReport report = DataSafety.of(fixture("032", 1));

        assertThat(report.canLoseThisNode().verdict()).isEqualTo(Verdict.NO);
        assertThat(report.canLoseThisNode().reason())
                .isEqualTo("Do not lose this node: it is the only UpToDate copy (the peer is Inconsistent (resync"
                        + " target), 1,715,080 KiB still to sync, about 0:00:44 left).");
        assertThat(report.canLosePeer().verdict()).isEqualTo(Verdict.YES);
        assertThat(report.canLosePeer().reason()).contains("UpToDate (SyncSource)");
        assertThat(report.upToDateHolder().holder()).isEqualTo(Holder.THIS_NODE);
        assertThat(report.summary()).isEqualTo("only this node is UpToDate, resync 15.6%");

        ResyncInfo resync = report.resync().orElseThrow();
        assertThat(resync.direction()).isEqualTo(ResyncDirection.THIS_NODE_IS_SOURCE);
        assertThat(resync.phase()).isEqualTo(ResyncInfo.Phase.RUNNING);
        assertThat(resync.state()).isEqualTo(ConnectionState.SYNC_SOURCE);
        assertThat(resync.perMille()).hasValue(156);
        assertThat(resync.outOfSyncKiB()).hasValue(1_715_080);
        assertThat(resync.finish()).hasValue(Duration.ofSeconds(44));
        assertThat(resync.description()).contains("SyncSource", "15.6%", "1,715,080 KiB", "0:00:44");
    }

    @Test
    void syncTargetLeavesThePeerWithTheOnlyGoodCopy() {
        // 007:  0: cs:SyncTarget ro:Secondary/Primary ds:Inconsistent/UpToDate C r----- ... oos:588416
        SafetyReport report = DataSafety.of(fixture("007", 0));

        assertThat(report.upToDateHolder().holder()).isEqualTo(Holder.PEER);
        assertThat(report.upToDateHolder().reason()).contains("Inconsistent (SyncTarget)", "588,416 KiB");
        assertThat(report.canLosePeer().verdict()).isEqualTo(Verdict.NO);
        assertThat(report.canLosePeer().reason())
                .startsWith("Do not lose the peer: it is the only UpToDate copy")
                .contains("588,416 KiB still to sync", "about 0:00:08 left");
        assertThat(report.canLoseThisNode().verdict()).isEqualTo(Verdict.YES);
        assertThat(report.summary()).isEqualTo("only the peer is UpToDate, resync 44.4%");

        ResyncInfo resync = report.resync().orElseThrow();
        assertThat(resync.direction()).isEqualTo(ResyncDirection.THIS_NODE_IS_TARGET);
        assertThat(resync.perMille()).hasValue(444);
        assertThat(resync.outOfSyncKiB()).hasValue(588_416);
        assertThat(resync.finish()).hasValue(Duration.ofSeconds(8));
    }

    @Test
    void outOfSyncAmountComesFromOosEvenWhenProgressPrintsMib() {
        // 027 minor 1: sync'ed: 74.4% (4900/19072)M, oos:5018200; 4900 MiB is truncated to 4 MiB steps.
        ResyncInfo resync = DataSafety.of(fixture("027", 1)).resync().orElseThrow();

        assertThat(resync.outOfSyncKiB()).hasValue(5_018_200);
        assertThat(resync.progress().orElseThrow().leftKiB()).isEqualTo(4900L * 1024);
        assertThat(resync.perMille()).hasValue(744);
        assertThat(resync.finish()).hasValue(Duration.ofMinutes(7).plusSeconds(6));
    }

    @Test
    void pausedSyncTargetIsStillNotAGoodCopy() {
        SafetyReport report =
                DataSafety.of(device("cs:PausedSyncT ro:Secondary/Primary ds:Inconsistent/UpToDate C r--u--", 524288));

        assertThat(report.upToDateHolder().holder()).isEqualTo(Holder.PEER);
        assertThat(report.canLosePeer().verdict()).isEqualTo(Verdict.NO);
        assertThat(report.canLosePeer().reason()).contains("PausedSyncT", "524,288 KiB", "resync paused");
        ResyncInfo resync = report.resync().orElseThrow();
        assertThat(resync.phase()).isEqualTo(ResyncInfo.Phase.PAUSED);
        assertThat(resync.direction()).isEqualTo(ResyncDirection.THIS_NODE_IS_TARGET);
        assertThat(resync.perMille()).as("no progress lines while paused").isEmpty();
        assertThat(resync.description()).contains("paused", "by the user", "524,288 KiB");
        assertThat(report.summary()).isEqualTo("only the peer is UpToDate, resync paused");
    }

    @Test
    void startingResyncAlreadyMakesTheSourceTheOnlyGoodCopy() {
        // During WFBitMapS the peer's disk is capped at Outdated (drbd-state-machine.md correction 9a).
        SafetyReport report =
                DataSafety.of(device("cs:WFBitMapS ro:Primary/Secondary ds:UpToDate/Outdated C r-----", 4096));

        assertThat(report.upToDateHolder().holder()).isEqualTo(Holder.THIS_NODE);
        assertThat(report.canLoseThisNode().verdict()).isEqualTo(Verdict.NO);
        assertThat(report.canLoseThisNode().reason()).contains("Outdated (resync target)", "4,096 KiB");
        ResyncInfo resync = report.resync().orElseThrow();
        assertThat(resync.phase()).isEqualTo(ResyncInfo.Phase.STARTING);
        assertThat(resync.direction()).isEqualTo(ResyncDirection.THIS_NODE_IS_SOURCE);
        assertThat(report.summary()).endsWith(", resync starting");
    }

    @Test
    void onlineVerifyIsNotAResyncAndBothCopiesStayGood() {
        SafetyReport report = DataSafety.of(device(
                "cs:VerifyS ro:Primary/Secondary ds:UpToDate/UpToDate C r-----",
                0,
                "\t[=====>..............] verified: 29.6% (738304/1048576)K\n"
                        + "\tfinish: 0:00:29 speed: 25,120 (24,960) want: 25,600 K/sec\n"));

        assertThat(report.resync()).isEmpty();
        assertThat(report.upToDateHolder().holder()).isEqualTo(Holder.BOTH);
        assertThat(report.canLosePeer().reason()).contains("VerifyS");
        assertThat(report.summary()).isEqualTo("safe: either node can be lost");
    }
}
