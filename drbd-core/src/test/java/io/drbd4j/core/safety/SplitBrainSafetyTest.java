package io.drbd4j.core.safety;

import static io.drbd4j.core.safety.Statuses.device;
import static io.drbd4j.core.safety.Statuses.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Split brain: in 8.3 and 8.4 two Primaries that meet again both end StandAlone, each with the writes it took
 * alone marked out of sync (drbd-state-machine.md corrections 1, §3.5; Chef W9). Fixtures 021 and 022 are the
 * two sides of one real split brain.
 */
class SplitBrainSafetyTest {
    @Test
    void standAlonePrimaryWithOutOfSyncDataIsASplitBrainSignature() {
        // 022:  0: cs:StandAlone ro:Primary/Unknown ds:UpToDate/DUnknown   r----- ... oos:100
        SafetyReport report = DataSafety.of(fixture("022", 0));

        assertThat(report.splitBrain().verdict()).isEqualTo(Verdict.YES);
        assertThat(report.splitBrain().reason())
                .contains("StandAlone Primary", "100 KiB out of sync", "drbd4j run split-brain-recovery");
        assertThat(report.summary()).isEqualTo("split brain");
        assertThat(report.canLoseThisNode().verdict()).isEqualTo(Verdict.NO);
        assertThat(report.canLoseThisNode().reason()).contains("lacks the 100 KiB");
        assertThat(report.canLosePeer().verdict())
                .as("the peer may hold writes of its own")
                .isEqualTo(Verdict.UNKNOWN);
        assertThat(report.canLosePeer().reason()).contains("split-brain signature", "writes of its own");
        assertThat(report.upToDateHolder().holder()).isEqualTo(Holder.UNKNOWN);
    }

    @Test
    void standAloneSecondaryAloneIsNotASplitBrainSignature() {
        // 021:  0: cs:StandAlone ro:Secondary/Unknown ds:UpToDate/DUnknown   r----- ... oos:76
        SafetyReport report = DataSafety.of(fixture("021", 0));

        assertThat(report.splitBrain().verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(report.splitBrain().reason())
                .contains("StandAlone Secondary", "76 KiB", "not a split-brain signature by itself", "peer's status");
        assertThat(report.summary()).isNotEqualTo("split brain").endsWith("possible split brain");
        assertThat(report.canLoseThisNode().verdict()).isEqualTo(Verdict.NO);
        assertThat(report.canLoseThisNode().reason()).contains("StandAlone", "76 KiB");
        assertThat(report.canLosePeer().verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void bothSidesOfASplitBrainSeenTogetherAreASplitBrain() {
        SafetyReport report = DataSafety.of(fixture("021", 0), fixture("022", 0));

        assertThat(report.splitBrain().verdict()).isEqualTo(Verdict.YES);
        assertThat(report.splitBrain().reason())
                .contains("both nodes hold writes the other lacks", "76 KiB", "100 KiB", "StandAlone");
        assertThat(report.summary()).isEqualTo("split brain");
        assertThat(report.canLoseThisNode().verdict()).isEqualTo(Verdict.NO);
        assertThat(report.canLoseThisNode().reason()).contains("the peer lacks the 76 KiB");
        assertThat(report.canLosePeer().verdict()).isEqualTo(Verdict.NO);
        assertThat(report.canLosePeer().reason()).contains("this node lacks the 100 KiB");
        assertThat(report.upToDateHolder().holder()).isEqualTo(Holder.NEITHER);
    }

    @Test
    void twoDisconnectedPrimariesAreASplitBrainBeforeDrbdDetectsIt() {
        SafetyReport report = DataSafety.of(
                device("cs:WFConnection ro:Primary/Unknown ds:UpToDate/DUnknown C r-----", 2048),
                device("cs:WFConnection ro:Primary/Unknown ds:UpToDate/DUnknown C r-----", 0));

        assertThat(report.splitBrain().verdict()).isEqualTo(Verdict.YES);
        assertThat(report.splitBrain().reason()).contains("both nodes are Primary", "not yet detected by DRBD");
    }

    @Test
    void disconnectedPrimaryFacingAnUntouchedSecondaryIsNoSplitBrain() {
        SafetyReport report = DataSafety.of(
                fixture("022", 0), device("cs:StandAlone ro:Secondary/Unknown ds:UpToDate/DUnknown   r-----", 0));

        assertThat(report.splitBrain().verdict()).isEqualTo(Verdict.NO);
        assertThat(report.splitBrain().reason()).contains("only this node holds writes the other lacks", "100 KiB");
        assertThat(report.upToDateHolder().holder()).isEqualTo(Holder.THIS_NODE);
        assertThat(report.canLosePeer().verdict()).isEqualTo(Verdict.YES);
        assertThat(report.canLoseThisNode().verdict()).isEqualTo(Verdict.NO);
        assertThat(report.canLoseThisNode().reason()).contains("the peer lacks the 100 KiB");
    }

    @Test
    void standAloneSecondaryWithNothingOutOfSyncIsNoSplitBrain() {
        SafetyReport report =
                DataSafety.of(device("cs:StandAlone ro:Secondary/Unknown ds:UpToDate/DUnknown   r-----", 0));

        assertThat(report.splitBrain().verdict()).isEqualTo(Verdict.NO);
        assertThat(report.splitBrain().reason()).contains("StandAlone Secondary with nothing out of sync");
    }

    @Test
    void connectedPairIsNoSplitBrainEvenWhenBothArePrimary() {
        // 011:  1: cs:Connected ro:Primary/Primary ds:UpToDate/UpToDate C r----- (dual-primary)
        SafetyReport report = DataSafety.of(fixture("011", 1));

        assertThat(report.splitBrain().verdict()).isEqualTo(Verdict.NO);
        assertThat(report.splitBrain().reason()).contains("connected (Connected)");
    }

    @Test
    void inconsistentNodeNeverTakesPartInASplitBrain() {
        SafetyReport report = DataSafety.of(
                device("cs:StandAlone ro:Primary/Unknown ds:UpToDate/DUnknown   r-----", 512),
                device("cs:StandAlone ro:Secondary/Unknown ds:Inconsistent/DUnknown   r-----", 512));

        assertThat(report.splitBrain().verdict()).isEqualTo(Verdict.NO);
        assertThat(report.splitBrain().reason()).contains("the peer holds no consistent data", "Inconsistent");
        assertThat(report.upToDateHolder().holder()).isEqualTo(Holder.THIS_NODE);
    }
}
