package io.drbd4j.core.safety;

import static io.drbd4j.core.safety.Statuses.device;
import static io.drbd4j.core.safety.Statuses.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Both nodes' statuses: connected ones must mirror each other (drbd-state-machine.md §6 N6), else they were
 * read at different times; disconnected ones together tell what neither can alone.
 */
class TwoNodeViewTest {
    @Test
    void connectedNodeFacingStandAlonePeerMeansTheReadsAreFromDifferentTimes() {
        SafetyReport report = DataSafety.of(fixture("023", 0), fixture("022", 0));

        assertThat(report.canLosePeer().verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(report.canLoseThisNode().verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(report.upToDateHolder().holder()).isEqualTo(Holder.UNKNOWN);
        assertThat(report.splitBrain().verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(report.canLosePeer().reason())
                .isEqualTo("Cannot tell: the two statuses disagree (this node shows Connected, the peer shows"
                        + " StandAlone), so they were taken at different times; read both again.");
        assertThat(report.summary()).isEqualTo("unknown: statuses disagree");
    }

    @Test
    void syncSourceFacingAConnectedPeerIsNotAMirror() {
        SafetyReport report = DataSafety.of(fixture("032", 1), fixture("013", 0));

        assertThat(report.canLoseThisNode().verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(report.canLoseThisNode().reason())
                .contains("this node shows SyncSource, the peer shows Connected", "not its mirror");
        assertThat(report.resync())
                .as("this node's own resync is still reported")
                .isPresent();
    }

    @Test
    void rolesThatDoNotMirrorMeanTheReadsAreFromDifferentTimes() {
        // Both say Connected, but both claim to be the Primary of a single-primary pair.
        SafetyReport report = DataSafety.of(fixture("023", 0), fixture("023", 0));

        assertThat(report.upToDateHolder().holder()).isEqualTo(Holder.UNKNOWN);
        assertThat(report.upToDateHolder().reason())
                .contains("ro:Primary/Secondary, the peer shows ro:Primary/Secondary");
    }

    @Test
    void diskStatesThatDoNotMirrorMeanTheReadsAreFromDifferentTimes() {
        SafetyReport report = DataSafety.of(
                device("cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----", 0),
                device("cs:Connected ro:Secondary/Primary ds:Inconsistent/UpToDate C r-----", 0));

        assertThat(report.canLosePeer().verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(report.canLosePeer().reason()).contains("ds:UpToDate/UpToDate", "ds:Inconsistent/UpToDate");
    }

    @Test
    void mirroredResyncSaysWhatTheSourceAloneSays() {
        SafetyReport report = DataSafety.of(
                fixture("032", 1),
                device(
                        "cs:SyncTarget ro:Secondary/Primary ds:Inconsistent/UpToDate C r-----",
                        1_715_080,
                        "\t[==>.................] sync'ed: 15.6% (1715080/2026376)K\n"
                                + "\tfinish: 0:00:44 speed: 38,912 (38,912) want: 40,960 K/sec\n"));

        assertThat(report.bothNodesSeen()).isTrue();
        assertThat(report.upToDateHolder().holder()).isEqualTo(Holder.THIS_NODE);
        assertThat(report.canLoseThisNode().reason()).contains("1,715,080 KiB", "0:00:44");
        assertThat(report.resync().orElseThrow().perMille()).hasValue(156);
    }

    @Test
    void disconnectedPrimaryAndUntouchedSecondaryLeaveThePrimaryTheOnlyCurrentCopy() {
        // Secondary lost its link (Chef W4): the Primary wrote 1,048,320 KiB since, the Secondary nothing.
        SafetyReport report = DataSafety.of(fixture("008", 4), fixture("024", 1));

        assertThat(report.upToDateHolder().holder()).isEqualTo(Holder.THIS_NODE);
        assertThat(report.canLosePeer().verdict()).isEqualTo(Verdict.YES);
        assertThat(report.canLosePeer().reason()).contains("holds no writes it lacks", "WFConnection Secondary");
        assertThat(report.canLoseThisNode().verdict()).isEqualTo(Verdict.NO);
        assertThat(report.canLoseThisNode().reason()).contains("the peer lacks the 1,048,320 KiB");
        assertThat(report.splitBrain().verdict()).isEqualTo(Verdict.NO);
    }

    @Test
    void upToDateSecondarySeenWithTheDeadPrimarysLastWritesIsNotCurrent() {
        // Seen from the Secondary of the pair above, "the peer" is the Primary with 1,048,320 KiB it lacks.
        SafetyReport report = DataSafety.of(fixture("024", 1), fixture("008", 4));

        assertThat(report.upToDateHolder().holder()).isEqualTo(Holder.PEER);
        assertThat(report.canLosePeer().verdict()).isEqualTo(Verdict.NO);
        assertThat(report.canLosePeer().reason()).contains("this node lacks the 1,048,320 KiB");
    }

    @Test
    void twoUntouchedDisconnectedSecondariesAreBothCurrent() {
        SafetyReport report = DataSafety.of(
                device("cs:WFConnection ro:Secondary/Unknown ds:UpToDate/DUnknown C r-----", 0), fixture("024", 1));

        assertThat(report.upToDateHolder().holder()).isEqualTo(Holder.BOTH);
        assertThat(report.upToDateHolder().reason()).contains("neither node holds writes the other lacks");
        assertThat(report.summary()).isEqualTo("safe: either node can be lost");
    }

    @Test
    void inconsistentSurvivorWithTheOldPrimaryGoneFromDrbdHasNoGoodCopy() {
        // Chef W7: the old Primary's minor is down (Unconfigured); the survivor is Inconsistent.
        SafetyReport report = DataSafety.of(fixture("039", 0), fixture("008", 2));

        assertThat(report.upToDateHolder().holder()).isEqualTo(Holder.NEITHER);
        assertThat(report.upToDateHolder().reason()).contains("40,552 KiB", "Unconfigured on the peer");
        assertThat(report.canLosePeer().verdict())
                .as("the peer holds no data in DRBD")
                .isEqualTo(Verdict.YES);
        assertThat(report.canLoseThisNode().verdict()).isEqualTo(Verdict.NO);
        assertThat(report.summary()).isEqualTo("no good copy on either node");
    }
}
