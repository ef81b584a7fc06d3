package io.drbd4j.core.safety;

import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.DiskState;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Judges both copies from both nodes' statuses. Connected statuses that mirror each other say the same as either
 * one alone. Disconnected ones each show their own disk and out-of-sync count: a disconnected node marks every
 * block it writes (or still had to send) out of sync, so an {@code oos} above 0 on an UpToDate node is data the
 * other node lacks.
 */
final class PairView {
    private PairView() {}

    static Assessment assess(DeviceStatus local, DeviceStatus peer) {
        Optional<String> disagreement = CrossCheck.disagreement(local, peer);
        if (disagreement.isPresent()) {
            return Assessment.disagreement(disagreement.get());
        }
        if (States.connected(local.connectionState())) {
            return OneNodeView.assess(local);
        }
        return Assessment.of(
                apartCopy(Side.THIS_NODE, local, peer),
                apartCopy(Side.PEER, peer, local),
                "both disks are UpToDate and neither node holds writes the other lacks (this node "
                        + SplitBrainCheck.shown(local) + "; the peer " + SplitBrainCheck.shown(peer) + ")",
                SplitBrainCheck.pair(local, peer));
    }

    private static Copy apartCopy(Side n, DeviceStatus own, DeviceStatus other) {
        Side o = n.other();
        if (own.isUnconfigured()) {
            return Copy.none("minor " + own.minor() + " is Unconfigured on " + n.noun(), n.noun() + " Unconfigured");
        }
        String state = own.connectionState().label();
        DiskState disk = own.diskState().orElseThrow();
        switch (disk) {
            case UP_TO_DATE:
            case CONSISTENT:
                break;
            case DISKLESS:
                return Copy.none(n.noun() + " has no disk (Diskless)", n.noun() + " Diskless");
            case FAILED:
                return Copy.stale(n.possessive() + " disk has Failed (I/O error)", n.possessive() + " disk Failed");
            case INCONSISTENT:
                return Copy.stale(
                        n.noun() + " is Inconsistent (" + state + ", " + Text.outOfSync(own) + "), not a usable copy",
                        n.noun() + " Inconsistent");
            case OUTDATED:
                return Copy.stale(
                        n.noun() + " is Outdated (" + state + "), so it lacks the latest writes",
                        n.noun() + " Outdated");
            default:
                return Copy.unknown(
                        n.possessive() + " disk is " + disk.label() + ", so what it holds is not known yet",
                        n.possessive() + " disk " + disk.label());
        }
        boolean otherHasData = !other.isUnconfigured()
                && (other.diskState().orElseThrow() == DiskState.UP_TO_DATE
                        || other.diskState().orElseThrow() == DiskState.CONSISTENT);
        OptionalLong otherOos = Text.oos(other);
        Copy copy;
        if (otherHasData && otherOos.orElse(0) > 0) {
            copy = Copy.stale(
                    n.noun() + " lacks the " + Text.kib(otherOos.getAsLong()) + " marked out of sync on " + o.noun()
                            + " while they were apart",
                    n.noun() + " lacks " + Text.kib(otherOos.getAsLong()));
        } else if (otherHasData && otherOos.isEmpty()) {
            copy = Copy.unknown(
                    o.noun() + " shows no oos counter, so whether it took writes " + n.noun() + " lacks cannot be told",
                    "no oos counter");
        } else if (disk == DiskState.CONSISTENT) {
            return Copy.unknown(
                    n.noun() + " is Consistent (" + state + "): its data is usable, but DRBD cannot tell whether"
                            + " it is current",
                    n.noun() + " Consistent");
        } else {
            return Copy.current(n.noun() + " is UpToDate (" + state + ") and " + o.noun()
                    + " holds no writes it lacks (" + o.noun() + " " + SplitBrainCheck.shown(other) + ")");
        }
        return disk == DiskState.UP_TO_DATE ? copy.labelledUpToDate() : copy;
    }
}
