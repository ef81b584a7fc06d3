package io.drbd4j.core.safety;

import static io.drbd4j.core.safety.Statuses.device;
import static io.drbd4j.core.safety.Statuses.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Protocols A and B complete a write before the peer's disk has it (A: once it is in the local send buffer; B:
 * once the peer has received it), so "Connected UpToDate/UpToDate" is not enough to lose the Primary. Losing the
 * Secondary stays safe: every write is on the Primary first.
 */
class ProtocolSafetyTest {
    @Test
    void protocolAPrimaryMustNotBeLostEvenWhenInSync() {
        SafetyReport report =
                DataSafety.of(device("cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate A r-----", 0));

        assertThat(report.canLoseThisNode().verdict()).isEqualTo(Verdict.NO);
        assertThat(report.canLoseThisNode().reason())
                .startsWith("Do not lose this node: it is the only copy sure to hold every acknowledged write")
                .contains("protocol A", "send buffer", "may not have reached the peer");
        assertThat(report.canLosePeer().verdict()).isEqualTo(Verdict.YES);
        assertThat(report.canLosePeer().reason()).contains("this node is the Primary");
        assertThat(report.upToDateHolder().holder()).isEqualTo(Holder.THIS_NODE);
        assertThat(report.summary()).isEqualTo("only this node is current (protocol A)");
    }

    @Test
    void protocolASecondaryMayLackTheLastAcknowledgedWrites() {
        SafetyReport report =
                DataSafety.of(device("cs:Connected ro:Secondary/Primary ds:UpToDate/UpToDate A r-----", 0));

        assertThat(report.canLosePeer().verdict()).isEqualTo(Verdict.NO);
        assertThat(report.canLosePeer().reason()).contains("protocol A", "may not have reached this node");
        assertThat(report.canLoseThisNode().verdict()).isEqualTo(Verdict.YES);
        assertThat(report.upToDateHolder().holder()).isEqualTo(Holder.PEER);
    }

    @Test
    void protocolBPrimaryCannotBeLostSafelyForSure() {
        SafetyReport report =
                DataSafety.of(device("cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate B r-----", 0));

        assertThat(report.canLoseThisNode().verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(report.canLoseThisNode().reason())
                .contains("protocol B", "before it is on the peer's disk", "stays up");
        assertThat(report.canLosePeer().verdict()).isEqualTo(Verdict.YES);
        assertThat(report.upToDateHolder().holder()).isEqualTo(Holder.UNKNOWN);
        assertThat(report.summary()).isEqualTo("unknown: protocol B");
    }

    @Test
    void protocolAWithoutAPrimaryHasNoWriteInFlight() {
        SafetyReport report =
                DataSafety.of(device("cs:Connected ro:Secondary/Secondary ds:UpToDate/UpToDate A r-----", 0));

        assertThat(report.upToDateHolder().holder()).isEqualTo(Holder.BOTH);
        assertThat(report.canLosePeer().reason()).contains("neither node is Primary");
    }

    @Test
    void protocolASyncSourceMustNotBeLostAndSaysWhy() {
        // 027:  1: cs:SyncSource ro:Primary/Secondary ds:UpToDate/Inconsistent A r--- ... oos:5018200
        SafetyReport report = DataSafety.of(fixture("027", 1));

        assertThat(report.canLoseThisNode().verdict()).isEqualTo(Verdict.NO);
        assertThat(report.canLoseThisNode().reason())
                .contains("only UpToDate copy", "Inconsistent (resync target)", "5,018,200 KiB", "protocol A");
        assertThat(report.canLosePeer().verdict()).isEqualTo(Verdict.YES);
        assertThat(report.upToDateHolder().holder()).isEqualTo(Holder.THIS_NODE);
        // Minor 0 of the same file is an ordinary synced protocol C pair.
        assertThat(DataSafety.of(fixture("027", 0)).upToDateHolder().holder()).isEqualTo(Holder.BOTH);
    }

    @Test
    void aheadNodeHoldsWhatTheBehindPeerHasNotReceived() {
        // Pull-ahead on congestion: the Behind side's disk is capped at Outdated (drbd-state-machine.md §1.6 rule 6).
        SafetyReport report =
                DataSafety.of(device("cs:Ahead ro:Primary/Secondary ds:UpToDate/Outdated A r---n-", 8192));

        assertThat(report.upToDateHolder().holder()).isEqualTo(Holder.THIS_NODE);
        assertThat(report.canLoseThisNode().verdict()).isEqualTo(Verdict.NO);
        assertThat(report.canLoseThisNode().reason()).contains("the peer is Behind", "8,192 KiB");
        assertThat(report.canLosePeer().verdict()).isEqualTo(Verdict.YES);
        assertThat(report.canLosePeer().reason()).contains("Ahead");
        assertThat(report.resync()).isEmpty();
    }

    @Test
    void behindNodeIsNotCurrent() {
        SafetyReport report =
                DataSafety.of(device("cs:Behind ro:Secondary/Primary ds:Outdated/UpToDate A r-----", 8192));

        assertThat(report.upToDateHolder().holder()).isEqualTo(Holder.PEER);
        assertThat(report.canLosePeer().verdict()).isEqualTo(Verdict.NO);
        assertThat(report.canLosePeer().reason()).contains("this node is Behind", "8,192 KiB");
        assertThat(report.canLoseThisNode().verdict()).isEqualTo(Verdict.YES);
    }
}
