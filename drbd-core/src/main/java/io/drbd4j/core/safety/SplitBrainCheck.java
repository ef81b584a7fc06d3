package io.drbd4j.core.safety;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.Role;
import java.util.EnumSet;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Recognises a split brain. In DRBD 8.3 and 8.4 two Primaries that meet again both end StandAlone
 * ({@code Split-Brain detected but unresolved, dropping connection!}, drbd-8.4 drbd_receiver.c
 * drbd_sync_handshake), and a Primary marks every write made
 * without its peer out of sync, so a StandAlone Primary with {@code oos} above 0 is the signature. A node
 * without consistent data never takes part: the handshake settles disk states first.
 */
final class SplitBrainCheck {
    private static final Set<DiskState> CAN_DIVERGE =
            EnumSet.of(DiskState.UP_TO_DATE, DiskState.CONSISTENT, DiskState.OUTDATED);

    private SplitBrainCheck() {}

    static Answer oneNode(DeviceStatus d) {
        if (d.isUnconfigured()) {
            return Answer.no("Not a split brain: minor " + d.minor()
                    + " is Unconfigured on this node, so it holds no data that could diverge.");
        }
        ConnectionState cs = d.connectionState();
        if (States.connected(cs)) {
            return Answer.no("Not a split brain: the nodes are connected (" + cs.label() + ") and replicate.");
        }
        DiskState disk = d.diskState().orElseThrow();
        if (!CAN_DIVERGE.contains(disk)) {
            return Answer.no("Not a split brain: this node is " + disk.label()
                    + ", and a node without consistent data never takes part in one.");
        }
        if (cs != ConnectionState.STAND_ALONE) {
            return Answer.no("Not a split-brain signature: this node is " + cs.label()
                    + ", still waiting for the peer; a split brain that DRBD detected leaves a node StandAlone.");
        }
        OptionalLong oos = Text.oos(d);
        if (oos.isEmpty()) {
            return Answer.unknown("Cannot tell: this node is StandAlone, but the status has no oos counter, so"
                    + " whether it took writes the peer lacks is not shown.");
        }
        boolean primary = d.role().orElseThrow() == Role.PRIMARY;
        String kib = Text.kib(oos.getAsLong());
        if (primary && oos.getAsLong() > 0) {
            return Answer.yes(
                    "Split-brain signature: this node is StandAlone Primary with " + kib
                            + " out of sync, so it took writes the peer lacks and will not reconnect by itself; compare"
                            + " with the peer and choose the copy to keep by hand, then recover with the split-brain-recovery workflow (drbd4j run split-brain-recovery).");
        }
        if (primary) {
            return Answer.unknown("Cannot tell from this node alone: it is StandAlone Primary with nothing out of"
                    + " sync, so it holds no writes the peer lacks; if the peer was Primary too, the split brain"
                    + " shows on the peer.");
        }
        if (oos.getAsLong() > 0) {
            return Answer.unknown("Cannot tell from this node alone: StandAlone Secondary with " + kib
                    + " out of sync is not a split-brain signature by itself, but it is how the demoted side of"
                    + " one looks; compare with the peer's status.");
        }
        return Answer.no("Not a split-brain signature: this node is StandAlone Secondary with nothing out of sync,"
                + " so it holds no writes the peer lacks; drbdadm connect reconnects it.");
    }

    /** Both statuses known and neither connected. */
    static Answer pair(DeviceStatus local, DeviceStatus peer) {
        String seen = "this node " + shown(local) + "; the peer " + shown(peer);
        if (!canDiverge(local) || !canDiverge(peer)) {
            return Answer.no("Not a split brain: " + (canDiverge(local) ? "the peer" : "this node")
                    + " holds no consistent data that could have diverged (" + seen + ").");
        }
        boolean detected = local.connectionState() == ConnectionState.STAND_ALONE
                || peer.connectionState() == ConnectionState.STAND_ALONE;
        String handle = (detected ? "" : ", not yet detected by DRBD")
                + "; choose the copy to keep by hand, then recover with the split-brain-recovery workflow (drbd4j run split-brain-recovery).";
        if (local.role().orElseThrow() == Role.PRIMARY && peer.role().orElseThrow() == Role.PRIMARY) {
            return Answer.yes("Split brain: both nodes are Primary while disconnected, so each can take writes the"
                    + " other lacks (" + seen + ")" + handle);
        }
        OptionalLong mine = Text.oos(local);
        OptionalLong theirs = Text.oos(peer);
        if (mine.isEmpty() || theirs.isEmpty()) {
            return Answer.unknown("Cannot tell: a status has no oos counter, so whether both nodes took writes"
                    + " the other lacks is not shown (" + seen + ").");
        }
        if (mine.getAsLong() > 0 && theirs.getAsLong() > 0) {
            return Answer.yes("Split brain: both nodes hold writes the other lacks (" + seen + ")" + handle);
        }
        if (mine.getAsLong() > 0 || theirs.getAsLong() > 0) {
            return Answer.no("Not a split brain: only " + (mine.getAsLong() > 0 ? "this node" : "the peer")
                    + " holds writes the other lacks (" + seen + "), so a connect resyncs the other node from it.");
        }
        return Answer.no("Not a split brain: neither node holds writes the other lacks (" + seen + ").");
    }

    private static boolean canDiverge(DeviceStatus d) {
        return !d.isUnconfigured() && CAN_DIVERGE.contains(d.diskState().orElseThrow());
    }

    /**
     * Returns {@code StandAlone Primary UpToDate, 100 KiB out of sync} or {@code Unconfigured}.
     *
     * @return {@code StandAlone Primary UpToDate, 100 KiB out of sync} or {@code Unconfigured}
     */
    static String shown(DeviceStatus d) {
        if (d.isUnconfigured()) {
            return "Unconfigured";
        }
        return d.connectionState().label() + " " + d.role().orElseThrow().label() + " "
                + d.diskState().orElseThrow().label() + ", " + Text.outOfSync(d);
    }
}
