package io.drbd4j.core.safety;

import static io.drbd4j.core.safety.Statuses.device;
import static io.drbd4j.core.safety.Statuses.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Only an UpToDate disk is a good copy; Inconsistent, Outdated, Diskless and Failed are not; Consistent cannot tell. */
class DiskStateSafetyTest {
    @Test
    void inconsistentPairHoldsNoGoodCopy() {
        // 014:  0: cs:Connected ro:Secondary/Secondary ds:Inconsistent/Inconsistent C r----- ... oos:524236
        SafetyReport report = DataSafety.of(fixture("014", 0));

        assertThat(report.upToDateHolder().holder()).isEqualTo(Holder.NEITHER);
        assertThat(report.upToDateHolder().reason())
                .contains("this node is Inconsistent (Connected, 524,236 KiB out of sync)", "the peer is Inconsistent");
        assertThat(report.canLosePeer().verdict()).isEqualTo(Verdict.NO);
        assertThat(report.canLosePeer().reason()).contains("this node is Inconsistent", "not a usable copy");
        assertThat(report.canLoseThisNode().verdict()).isEqualTo(Verdict.NO);
        assertThat(report.canLoseThisNode().reason()).contains("the peer is Inconsistent");
        assertThat(report.summary()).isEqualTo("no good copy on either node");
    }

    @Test
    void unconfiguredMinorHoldsNoDataHere() {
        // 008:  2: cs:Unconfigured
        SafetyReport report = DataSafety.of(fixture("008", 2));

        assertThat(report.canLoseThisNode().verdict()).isEqualTo(Verdict.YES);
        assertThat(report.canLoseThisNode().reason())
                .isEqualTo("This node can be lost: minor 2 is Unconfigured on this node, so losing it loses no data.");
        assertThat(report.canLosePeer().verdict()).isEqualTo(Verdict.NO);
        assertThat(report.canLosePeer().reason()).contains("Unconfigured", "holds no copy of the data");
        assertThat(report.upToDateHolder().holder()).isEqualTo(Holder.UNKNOWN);
        assertThat(report.splitBrain().verdict()).isEqualTo(Verdict.NO);
        assertThat(report.resync()).isEmpty();
        assertThat(report.summary()).isEqualTo("unconfigured: no data here");
    }

    @Test
    void disklessNodeLeavesThePeerWithTheOnlyCopy() {
        // 008:  6: cs:Connected ro:Secondary/Primary ds:Diskless/UpToDate C r-----
        SafetyReport report = DataSafety.of(fixture("008", 6));

        assertThat(report.upToDateHolder().holder()).isEqualTo(Holder.PEER);
        assertThat(report.canLosePeer().verdict()).isEqualTo(Verdict.NO);
        assertThat(report.canLosePeer().reason())
                .isEqualTo("Do not lose the peer: it is the only UpToDate copy (this node has no disk (Diskless)).");
        assertThat(report.canLoseThisNode().verdict()).isEqualTo(Verdict.YES);
        assertThat(report.summary()).isEqualTo("only the peer is UpToDate");
    }

    @Test
    void connectedPairWithBlocksOutOfSyncCannotTellWhichCopyIsRight() {
        // 011:  1: cs:Connected ro:Primary/Primary ds:UpToDate/UpToDate C r----- ... oos:12349
        SafetyReport report = DataSafety.of(fixture("011", 1));

        assertThat(report.canLosePeer().verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(report.canLoseThisNode().verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(report.canLosePeer().reason()).contains("both disks are UpToDate", "12,349 KiB", "online verify");
        assertThat(report.upToDateHolder().holder()).isEqualTo(Holder.UNKNOWN);
        assertThat(report.summary()).isEqualTo("unknown: 12,349 KiB out of sync while Connected");
    }

    @Test
    void dualPrimaryPairInSyncCanLoseEitherNode() {
        SafetyReport report = DataSafety.of(device("cs:Connected ro:Primary/Primary ds:UpToDate/UpToDate C r-----", 0));

        assertThat(report.upToDateHolder().holder()).isEqualTo(Holder.BOTH);
        assertThat(report.canLosePeer().verdict()).isEqualTo(Verdict.YES);
        assertThat(report.canLoseThisNode().verdict()).isEqualTo(Verdict.YES);
    }

    @Test
    void outdatedPeerLeavesThisNodeTheOnlyGoodCopy() {
        SafetyReport report =
                DataSafety.of(device("cs:WFConnection ro:Primary/Unknown ds:UpToDate/Outdated C r-----", 2048));

        assertThat(report.upToDateHolder().holder()).isEqualTo(Holder.THIS_NODE);
        assertThat(report.canLoseThisNode().verdict()).isEqualTo(Verdict.NO);
        assertThat(report.canLoseThisNode().reason())
                .contains("only UpToDate copy", "the peer was Outdated when last seen (WFConnection)");
        assertThat(report.canLosePeer().verdict()).isEqualTo(Verdict.YES);
    }

    @Test
    void outdatedNodeIsNotAGoodCopy() {
        // 037:  0: cs:StandAlone ro:Secondary/Unknown ds:Outdated/DUnknown   r---- (no counters line)
        SafetyReport report = DataSafety.of(fixture("037", 0));

        assertThat(report.canLosePeer().verdict()).isEqualTo(Verdict.NO);
        assertThat(report.canLosePeer().reason())
                .isEqualTo("Do not lose the peer: this node is Outdated (StandAlone), so it lacks the latest writes.");
        assertThat(report.canLoseThisNode().verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(report.splitBrain().verdict()).as("no oos counter to tell").isEqualTo(Verdict.UNKNOWN);
        assertThat(report.splitBrain().reason()).contains("no oos counter");
    }

    @Test
    void consistentWithoutAConnectionCannotTellWhetherItIsCurrent() {
        SafetyReport report =
                DataSafety.of(device("cs:WFConnection ro:Secondary/Unknown ds:Consistent/DUnknown C r-----", 0));

        assertThat(report.canLosePeer().verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(report.canLosePeer().reason())
                .contains("Consistent (WFConnection)", "cannot tell whether it is current");
        assertThat(report.canLoseThisNode().verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(report.upToDateHolder().holder()).isEqualTo(Holder.UNKNOWN);
        assertThat(report.summary()).contains("unknown:", "this node Consistent");
    }

    @Test
    void disklessPrimaryWithoutPeerHasNothingToLose() {
        // A Primary that detached its disk and lost its peer (drbd-state-machine.md §4.1, last row).
        SafetyReport report =
                DataSafety.of(device("cs:WFConnection ro:Primary/Unknown ds:Diskless/DUnknown C r-----", 0));

        assertThat(report.canLoseThisNode().verdict()).isEqualTo(Verdict.YES);
        assertThat(report.canLoseThisNode().reason()).contains("Diskless", "loses no data");
        assertThat(report.canLosePeer().verdict()).isEqualTo(Verdict.NO);
        assertThat(report.canLosePeer().reason()).contains("Diskless", "this node holds no copy of the data");
    }

    @Test
    void failedDiskIsNotAGoodCopy() {
        SafetyReport report = DataSafety.of(device("cs:Connected ro:Primary/Secondary ds:Failed/UpToDate C r-----", 0));

        assertThat(report.upToDateHolder().holder()).isEqualTo(Holder.PEER);
        assertThat(report.canLosePeer().verdict()).isEqualTo(Verdict.NO);
        assertThat(report.canLosePeer().reason()).contains("this node's disk has Failed");
    }

    @Test
    void attachingDiskIsNotKnownYet() {
        SafetyReport report =
                DataSafety.of(device("cs:WFConnection ro:Secondary/Unknown ds:Attaching/DUnknown C r-----", 0));

        assertThat(report.canLosePeer().verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(report.canLosePeer().reason()).contains("this node's disk is Attaching");
    }
}
