package io.drbd4j.core.safety;

import static io.drbd4j.core.safety.Statuses.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The two sentences the Chef HA procedures rest on (chef-ha-procedures.md W3, W6, W7): a synced pair can lose
 * either node; a Secondary that was Inconsistent when the Primary was lost has very likely lost data, as much as
 * {@code oos} said.
 */
class ChefScenarioSafetyTest {
    @Test
    void syncedPairCanLoseEitherNode() {
        // 023:  0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r----- ... oos:0
        SafetyReport report = DataSafety.of(fixture("023", 0));

        assertThat(report.canLosePeer().verdict()).isEqualTo(Verdict.YES);
        assertThat(report.canLosePeer().reason())
                .startsWith("The peer can be lost:")
                .contains("both disks are UpToDate", "Connected with protocol C", "every acknowledged write");
        assertThat(report.canLoseThisNode().verdict()).isEqualTo(Verdict.YES);
        assertThat(report.canLoseThisNode().reason())
                .startsWith("This node can be lost:")
                .contains("UpToDate", "protocol C", "on the peer too");
        assertThat(report.upToDateHolder().holder()).isEqualTo(Holder.BOTH);
        assertThat(report.splitBrain().verdict()).isEqualTo(Verdict.NO);
        assertThat(report.resync()).isEmpty();
        assertThat(report.summary()).isEqualTo("safe: either node can be lost");
        assertThat(report.bothNodesSeen()).isFalse();
        assertThat(report.minor()).isZero();
    }

    @Test
    void syncedPairSeenFromBothNodesCanLoseEitherNode() {
        // 023 is the Primary's view; 013 ( 0: cs:Connected ro:Secondary/Primary ds:UpToDate/UpToDate C) mirrors it.
        SafetyReport report = DataSafety.of(fixture("023", 0), fixture("013", 0));

        assertThat(report.bothNodesSeen()).isTrue();
        assertThat(report.canLosePeer().verdict()).isEqualTo(Verdict.YES);
        assertThat(report.canLoseThisNode().verdict()).isEqualTo(Verdict.YES);
        assertThat(report.upToDateHolder().holder()).isEqualTo(Holder.BOTH);
        assertThat(report.upToDateHolder().reason()).contains("every acknowledged write is on both nodes");
    }

    @Test
    void inconsistentSurvivorOfLostPrimaryHasVeryLikelyLostData() {
        // 039:  0: cs:WFConnection ro:Secondary/Unknown ds:Inconsistent/DUnknown C r----- ... oos:40552
        SafetyReport report = DataSafety.of(fixture("039", 0));

        assertThat(report.canLosePeer().verdict()).isEqualTo(Verdict.NO);
        assertThat(report.canLosePeer().reason())
                .startsWith("Do not lose the peer:")
                .contains("Inconsistent", "WFConnection", "40,552 KiB", "very likely lost");
        assertThat(report.canLoseThisNode().verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(report.canLoseThisNode().reason())
                .isEqualTo("Cannot tell: the peer is not connected (WFConnection), so this node cannot know whether"
                        + " the peer's disk is current.");
        assertThat(report.upToDateHolder().holder()).isEqualTo(Holder.UNKNOWN);
        assertThat(report.upToDateHolder().reason()).contains("40,552 KiB", "very likely lost");
        assertThat(report.splitBrain().verdict()).isEqualTo(Verdict.NO);
        assertThat(report.splitBrain().reason()).contains("Inconsistent");
        assertThat(report.resync()).as("an interrupted resync is not running").isEmpty();
        assertThat(report.summary()).contains("peer not connected (WFConnection)", "Inconsistent", "40,552 KiB");
    }

    @Test
    void upToDateSecondaryOfLostPrimaryCannotKnowWhatThePrimaryWroteSince() {
        // 024:  1: cs:WFConnection ro:Secondary/Unknown ds:UpToDate/DUnknown C r----- ... oos:0 (Chef W6)
        SafetyReport report = DataSafety.of(fixture("024", 1));

        assertThat(report.canLosePeer().verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(report.canLosePeer().reason())
                .contains("UpToDate only as of its last contact", "WFConnection", "any write the peer took since");
        assertThat(report.canLoseThisNode().verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(report.canLoseThisNode().reason()).contains("not connected (WFConnection)");
        assertThat(report.upToDateHolder().holder()).isEqualTo(Holder.UNKNOWN);
        assertThat(report.splitBrain().verdict()).isEqualTo(Verdict.NO);
        assertThat(report.summary()).isEqualTo("unknown: peer not connected (WFConnection)");
        assertThat(report.minor()).isEqualTo(1);
    }

    @Test
    void primaryThatLostItsSecondaryIsTheOnlyCopyOfWhatItWroteSince() {
        // 008 minor 4:  4: cs:WFConnection ro:Primary/Unknown ds:UpToDate/DUnknown C r----- ... oos:1048320 (W4)
        SafetyReport report = DataSafety.of(fixture("008", 4));

        assertThat(report.canLoseThisNode().verdict()).isEqualTo(Verdict.NO);
        assertThat(report.canLoseThisNode().reason())
                .startsWith("Do not lose this node: it is the only UpToDate copy")
                .contains("WFConnection", "1,048,320 KiB");
        assertThat(report.canLosePeer().verdict()).isEqualTo(Verdict.YES);
        assertThat(report.canLosePeer().reason()).contains("Primary and UpToDate", "as far as this node knows");
        assertThat(report.upToDateHolder().holder()).isEqualTo(Holder.THIS_NODE);
        assertThat(report.summary()).isEqualTo("only this node is UpToDate");
    }
}
