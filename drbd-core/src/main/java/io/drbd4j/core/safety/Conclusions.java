package io.drbd4j.core.safety;

import io.drbd4j.core.model.DeviceStatus;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** Turns both nodes' copies into the answers of a {@link SafetyReport}. */
final class Conclusions {
    private Conclusions() {}

    static SafetyReport report(DeviceStatus local, Assessment a, boolean bothNodesSeen) {
        Optional<ResyncInfo> resync = ResyncInfo.of(local);
        HolderAnswer holder = holder(a);
        return SafetyReport.builder()
                .minor(local.minor())
                .bothNodesSeen(bothNodesSeen)
                .canLosePeer(canLose(Side.PEER, a))
                .canLoseThisNode(canLose(Side.THIS_NODE, a))
                .upToDateHolder(holder)
                .resync(resync)
                .splitBrain(a.splitBrain())
                .summary(summary(local, a, holder.holder(), resync, bothNodesSeen))
                .build();
    }

    /** Losing a node is safe when the survivor holds every acknowledged write, or the lost node holds none. */
    static Answer canLose(Side lost, Assessment a) {
        Copy gone = a.copy(lost);
        Copy survivor = a.copy(lost.other());
        if (a.disagreement().isPresent()) {
            return Answer.unknown("Cannot tell: " + survivor.why() + ".");
        }
        if (survivor.kind() == Copy.Kind.CURRENT) {
            return Answer.yes(lost.subject() + " can be lost: " + survivor.why() + ".");
        }
        if (gone.kind() == Copy.Kind.NONE && !survivor.protocolLag()) {
            return Answer.yes(lost.subject() + " can be lost: " + gone.why() + ", so losing it loses no data.");
        }
        if (survivor.kind() == Copy.Kind.UNKNOWN) {
            return Answer.unknown("Cannot tell: " + survivor.why() + ".");
        }
        String noCopy =
                survivor.kind() == Copy.Kind.NONE ? ", so " + lost.other().noun() + " holds no copy of the data" : "";
        if (gone.kind() == Copy.Kind.CURRENT) {
            String only = survivor.upToDateLabel()
                    ? "the only copy sure to hold every acknowledged write"
                    : "the only UpToDate copy";
            return Answer.no("Do not lose " + lost.noun() + ": it is " + only + " (" + survivor.why() + ").");
        }
        return Answer.no("Do not lose " + lost.noun() + ": " + survivor.why() + noCopy + ".");
    }

    static HolderAnswer holder(Assessment a) {
        Copy mine = a.copy(Side.THIS_NODE);
        Copy theirs = a.copy(Side.PEER);
        if (a.disagreement().isPresent()) {
            return HolderAnswer.of(Holder.UNKNOWN, "Cannot tell: " + mine.why() + ".");
        }
        if (mine.kind() == Copy.Kind.UNKNOWN || theirs.kind() == Copy.Kind.UNKNOWN) {
            Copy unknown = mine.kind() == Copy.Kind.UNKNOWN ? mine : theirs;
            String other = (unknown == mine ? theirs : mine).why();
            String why = unknown.why().contains(other) ? unknown.why() : unknown.why() + "; " + other;
            return HolderAnswer.of(Holder.UNKNOWN, "Cannot tell: " + why + ".");
        }
        boolean mineGood = mine.kind() == Copy.Kind.CURRENT;
        boolean theirsGood = theirs.kind() == Copy.Kind.CURRENT;
        if (mineGood && theirsGood) {
            return HolderAnswer.of(Holder.BOTH, "Both nodes hold every acknowledged write: " + a.bothWhy() + ".");
        }
        if (mineGood) {
            return HolderAnswer.of(
                    Holder.THIS_NODE, "Only this node holds every acknowledged write: " + theirs.why() + ".");
        }
        if (theirsGood) {
            return HolderAnswer.of(Holder.PEER, "Only the peer holds every acknowledged write: " + mine.why() + ".");
        }
        return HolderAnswer.of(
                Holder.NEITHER,
                "Neither node holds every acknowledged write: " + mine.why() + ", and " + theirs.why() + ".");
    }

    private static String summary(
            DeviceStatus local, Assessment a, Holder holder, Optional<ResyncInfo> resync, boolean bothNodesSeen) {
        if (a.disagreement().isPresent()) {
            return "unknown: statuses disagree";
        }
        if (a.splitBrain().verdict() == Verdict.YES) {
            return "split brain";
        }
        if (local.isUnconfigured() && !bothNodesSeen) {
            return "unconfigured: no data here";
        }
        String possibleSplitBrain = a.splitBrain().verdict() == Verdict.UNKNOWN ? "; possible split brain" : "";
        return holderSummary(a, holder) + resyncSummary(resync) + possibleSplitBrain;
    }

    private static String holderSummary(Assessment a, Holder holder) {
        Copy mine = a.copy(Side.THIS_NODE);
        Copy theirs = a.copy(Side.PEER);
        switch (holder) {
            case BOTH:
                return "safe: either node can be lost";
            case THIS_NODE:
                return "only this node is " + (theirs.upToDateLabel() ? "current" + lagNote(theirs) : "UpToDate");
            case PEER:
                return "only the peer is " + (mine.upToDateLabel() ? "current" + lagNote(mine) : "UpToDate");
            case NEITHER:
                return "no good copy on either node";
            default:
                Set<String> briefs = new LinkedHashSet<>();
                briefs.add((mine.kind() == Copy.Kind.UNKNOWN ? mine : theirs).brief());
                if (mine.bad()) {
                    briefs.add(mine.brief());
                }
                if (theirs.bad()) {
                    briefs.add(theirs.brief());
                }
                briefs.remove("");
                return "unknown: " + String.join("; ", briefs);
        }
    }

    private static String lagNote(Copy lagging) {
        return lagging.protocolLag() ? " (" + lagging.brief() + ")" : "";
    }

    private static String resyncSummary(Optional<ResyncInfo> resync) {
        if (resync.isEmpty()) {
            return "";
        }
        ResyncInfo r = resync.get();
        switch (r.phase()) {
            case PAUSED:
                return ", resync paused";
            case STARTING:
                return ", resync starting";
            default:
                return r.perMille().isPresent()
                        ? ", resync " + Text.percent(r.perMille().getAsInt())
                        : ", resyncing";
        }
    }
}
