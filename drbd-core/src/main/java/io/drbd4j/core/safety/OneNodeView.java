package io.drbd4j.core.safety;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.ReplicationProtocol;
import io.drbd4j.core.model.Role;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Judges both copies from one node's status alone. While connected, the status shows the peer's disk as the
 * peer reported it; while not connected, it shows only what this node last knew ({@code DUnknown},
 * {@code Inconsistent} or {@code Outdated}).
 */
final class OneNodeView {
    private OneNodeView() {}

    static Assessment assess(DeviceStatus d) {
        if (d.isUnconfigured()) {
            String minor = "minor " + d.minor() + " is Unconfigured on this node";
            String brief = "minor " + d.minor() + " Unconfigured";
            return Assessment.of(
                    Copy.none(minor, brief),
                    Copy.unknown(minor + ", so it knows nothing of the peer's copy", brief),
                    minor,
                    SplitBrainCheck.oneNode(d));
        }
        return States.connected(d.connectionState()) ? connected(d) : apart(d);
    }

    private static Assessment connected(DeviceStatus d) {
        ConnectionState cs = d.connectionState();
        DiskState mine = d.diskState().orElseThrow();
        DiskState theirs = d.peerDiskState().orElseThrow();
        long oos = Text.oos(d).orElse(0);
        boolean copying =
                States.direction(cs).isPresent() || cs == ConnectionState.AHEAD || cs == ConnectionState.BEHIND;
        if (!copying && mine == DiskState.UP_TO_DATE && theirs == DiskState.UP_TO_DATE && oos > 0) {
            // Connected and both UpToDate, yet bits are set: an online verify marks every block whose digests
            // differ with drbd_set_out_of_sync and logs "Online verify found %lu %dk block out of sync!"
            // (torvalds/linux drivers/block/drbd/drbd_worker.c, drbd_ov_oos_found, drbd_resync_finished); the
            // blocks are resynced only at the next connect.
            String why = "both disks are UpToDate and " + link(d) + ", yet " + Text.kib(oos)
                    + " are marked out of sync (blocks an online verify found different, or writes the peer failed"
                    + " to store), so which copy of those blocks is right cannot be told until a disconnect and"
                    + " connect resyncs them";
            Copy both = Copy.unknown(why, Text.kib(oos) + " out of sync while " + cs.label())
                    .labelledUpToDate();
            return Assessment.of(both, both, why, SplitBrainCheck.oneNode(d));
        }
        return Assessment.of(
                connectedCopy(Side.THIS_NODE, d),
                connectedCopy(Side.PEER, d),
                "both disks are UpToDate and " + link(d) + ", so every acknowledged write is on both nodes",
                SplitBrainCheck.oneNode(d));
    }

    private static Copy connectedCopy(Side n, DeviceStatus d) {
        ConnectionState cs = d.connectionState();
        boolean isThis = n == Side.THIS_NODE;
        DiskState disk = (isThis ? d.diskState() : d.peerDiskState()).orElseThrow();
        Optional<ResyncDirection> direction = States.direction(cs);
        boolean target = direction.isPresent() && (direction.get() == ResyncDirection.THIS_NODE_IS_TARGET) == isThis;
        boolean source = direction.isPresent() && !target;
        if (target) {
            return Copy.stale(targetWhy(n, d, disk), n.noun() + " is the resync target");
        }
        boolean behind = (cs == ConnectionState.BEHIND && isThis) || (cs == ConnectionState.AHEAD && !isThis);
        if (behind) {
            long oos = Text.oos(d).orElse(0);
            String missing = oos > 0
                    ? "the " + Text.kib(oos) + " marked out of sync have not reached it"
                    : "the latest writes may not have reached it";
            Copy c = Copy.stale(
                    n.noun() + " is Behind: replication is suspended on congestion, and " + missing,
                    n.noun() + " Behind");
            return disk == DiskState.UP_TO_DATE ? c.labelledUpToDate() : c;
        }
        switch (disk) {
            case UP_TO_DATE:
                return upToDate(n, d, source);
            case DISKLESS:
                return Copy.none(n.noun() + " has no disk (Diskless)", n.noun() + " Diskless");
            case FAILED:
                return Copy.stale(n.possessive() + " disk has Failed (I/O error)", n.possessive() + " disk Failed");
            case INCONSISTENT:
                return Copy.stale(
                        n.noun() + " is Inconsistent (" + cs.label() + (isThis ? ", " + Text.outOfSync(d) : "")
                                + "), not a usable copy",
                        n.noun() + " Inconsistent");
            case OUTDATED:
                return Copy.stale(
                        n.noun() + " is Outdated (" + cs.label() + "), so it lacks the latest writes",
                        n.noun() + " Outdated");
            case CONSISTENT:
                return Copy.unknown(
                        n.noun() + " is Consistent (" + cs.label()
                                + "): its data is usable, but DRBD has not decided whether it is current",
                        n.noun() + " Consistent");
            default:
                return Copy.unknown(
                        n.possessive() + " disk is " + disk.label() + ", so what it holds is not known yet",
                        n.possessive() + " disk " + disk.label());
        }
    }

    private static Copy upToDate(Side n, DeviceStatus d, boolean source) {
        boolean isThis = n == Side.THIS_NODE;
        Role role = (isThis ? d.role() : d.peerRole()).orElseThrow();
        Role otherRole = (isThis ? d.peerRole() : d.role()).orElseThrow();
        DiskState otherDisk = (isThis ? d.peerDiskState() : d.diskState()).orElseThrow();
        Optional<ReplicationProtocol> protocol = d.protocol();
        if (otherRole == Role.PRIMARY && protocol.orElse(null) != ReplicationProtocol.C) {
            return lagging(n, protocol);
        }
        if (source) {
            String label = isThis ? d.connectionState().label() : "resync source";
            return Copy.current(n.noun() + " is UpToDate (" + label + "), so it holds every acknowledged write");
        }
        ConnectionState cs = d.connectionState();
        if ((cs == ConnectionState.AHEAD && isThis) || (cs == ConnectionState.BEHIND && !isThis)) {
            return Copy.current(n.noun() + " is Ahead and UpToDate, so it holds every acknowledged write while"
                    + " replication to the other node is suspended");
        }
        if (otherDisk != DiskState.UP_TO_DATE) {
            return Copy.current(
                    n.noun() + " is UpToDate and " + link(d) + ", so every acknowledged write is on " + n.noun());
        }
        if (protocol.isPresent() && protocol.get() == ReplicationProtocol.C) {
            return Copy.current("both disks are UpToDate and " + link(d) + ", so every acknowledged write is on "
                    + n.noun() + " too");
        }
        if (role == Role.PRIMARY) {
            return Copy.current("both disks are UpToDate and " + link(d) + ", and " + n.noun()
                    + " is the Primary, so every acknowledged write is on it");
        }
        return Copy.current("both disks are UpToDate and " + link(d)
                + ", and neither node is Primary, so no acknowledged write can be missing from " + n.noun());
    }

    /** Protocols A and B complete a write before the peer's disk has it (UG84 "Replication modes"). */
    private static Copy lagging(Side n, Optional<ReplicationProtocol> protocol) {
        if (protocol.isEmpty()) {
            return Copy.lagging(
                    Copy.Kind.UNKNOWN,
                    "no replication protocol is shown, so whether every acknowledged write has reached " + n.noun()
                            + " cannot be told",
                    "protocol not shown");
        }
        if (protocol.get() == ReplicationProtocol.A) {
            return Copy.lagging(
                    Copy.Kind.STALE,
                    "protocol A acknowledges a write once it is in the Primary's send buffer, so the last"
                            + " acknowledged writes may not have reached " + n.noun() + " yet",
                    "protocol A");
        }
        return Copy.lagging(
                Copy.Kind.UNKNOWN,
                "protocol B acknowledges a write once " + n.noun() + " has received it, before it is on "
                        + n.possessive() + " disk, so the last acknowledged writes survive only if " + n.noun()
                        + " stays up until it has written them",
                "protocol B");
    }

    private static String targetWhy(Side n, DeviceStatus d, DiskState disk) {
        ConnectionState cs = d.connectionState();
        StringBuilder s = new StringBuilder(n.noun())
                .append(" is ")
                .append(disk.label())
                .append(" (")
                .append(n == Side.THIS_NODE ? cs.label() : "resync target")
                .append(')');
        OptionalLong oos = Text.oos(d);
        if (oos.isPresent()) {
            s.append(", ").append(Text.kib(oos.getAsLong())).append(" still to sync");
        }
        switch (States.phase(cs)) {
            case PAUSED:
                s.append(", resync paused");
                break;
            case STARTING:
                s.append(", resync starting");
                break;
            default:
                d.sync()
                        .flatMap(p -> p.finish())
                        .ifPresent(f -> s.append(", about ").append(Text.hms(f)).append(" left"));
        }
        Role otherRole = (n == Side.THIS_NODE ? d.peerRole() : d.role()).orElseThrow();
        ReplicationProtocol protocol = d.protocol().orElse(ReplicationProtocol.C);
        if (otherRole == Role.PRIMARY && protocol != ReplicationProtocol.C) {
            s.append("; protocol ").append(protocol.label()).append(" also acknowledges writes before they reach it");
        }
        return s.toString();
    }

    private static Assessment apart(DeviceStatus d) {
        String state = d.connectionState().label();
        DiskState mine = d.diskState().orElseThrow();
        OptionalLong oos = Text.oos(d);
        Answer splitBrain = SplitBrainCheck.oneNode(d);
        Copy thisCopy;
        switch (mine) {
            case UP_TO_DATE:
                if (d.role().orElseThrow() != Role.PRIMARY) {
                    thisCopy = Copy.unknown(
                                    "this node is UpToDate only as of its last contact with the peer (" + state
                                            + "), so it misses any write the peer took since",
                                    "peer not connected (" + state + ")")
                            .labelledUpToDate();
                } else if (splitBrain.verdict() == Verdict.YES) {
                    thisCopy = Copy.unknown(
                                    "this node is StandAlone Primary with " + Text.outOfSync(d)
                                            + ", the split-brain signature, so the peer may hold writes of its own"
                                            + " that are missing here",
                                    "possible split brain")
                            .labelledUpToDate();
                } else {
                    thisCopy = Copy.current("this node is Primary and UpToDate (" + state
                            + "), so every write acknowledged here is on it, as far as this node knows (writes the"
                            + " peer took after a promotion of its own would not be)");
                }
                break;
            case INCONSISTENT:
                String amount = oos.isPresent() ? "the data in those " + Text.kib(oos.getAsLong()) : "data";
                thisCopy = Copy.stale(
                        "this node is Inconsistent (" + state + ", " + Text.outOfSync(d)
                                + "), so if the peer is lost or already gone, " + amount + " is very likely lost",
                        "this node Inconsistent, " + Text.outOfSync(d));
                break;
            case OUTDATED:
                thisCopy = Copy.stale(
                        "this node is Outdated (" + state + "), so it lacks the latest writes", "this node Outdated");
                break;
            case CONSISTENT:
                thisCopy = Copy.unknown(
                        "this node is Consistent (" + state
                                + "): its data is usable, but without the peer DRBD cannot tell whether it is current",
                        "this node Consistent");
                break;
            case DISKLESS:
                thisCopy = Copy.none("this node has no disk (Diskless)", "this node Diskless");
                break;
            case FAILED:
                thisCopy = Copy.stale("this node's disk has Failed (I/O error)", "this node's disk Failed");
                break;
            default:
                thisCopy = Copy.unknown(
                        "this node's disk is " + mine.label() + ", so what it holds is not known yet",
                        "this node's disk " + mine.label());
        }
        return Assessment.of(thisCopy, peerApart(d), "", splitBrain);
    }

    private static Copy peerApart(DeviceStatus d) {
        String state = d.connectionState().label();
        long oos = Text.oos(d).orElse(0);
        // A disconnected UpToDate node with bits set holds blocks the peer lacks: its own writes since the
        // disconnect, or what a broken-off resync had still to send.
        boolean lacksOurs = d.diskState().orElseThrow() == DiskState.UP_TO_DATE && oos > 0;
        String lacks = lacksOurs ? " and lacks the " + Text.kib(oos) + " marked out of sync on this node" : "";
        switch (d.peerDiskState().orElseThrow()) {
            case INCONSISTENT:
                return Copy.stale(
                        "the peer was Inconsistent when last seen (" + state + ")" + lacks, "peer Inconsistent");
            case OUTDATED:
                return Copy.stale(
                        "the peer was Outdated when last seen (" + state + "), so it lacks the latest writes",
                        "peer Outdated");
            case DISKLESS:
                return Copy.none("the peer had no disk (Diskless) when last seen", "peer Diskless");
            default:
                if (lacksOurs) {
                    return Copy.stale(
                            "the peer is not connected (" + state + ")" + lacks, "peer lacks " + Text.kib(oos));
                }
                return Copy.unknown(
                        "the peer is not connected (" + state
                                + "), so this node cannot know whether the peer's disk is current",
                        "peer not connected (" + state + ")");
        }
    }

    /**
     * Returns {@code Connected with protocol C}, {@code SyncSource with protocol A}.
     *
     * @return {@code Connected with protocol C}, {@code SyncSource with protocol A}, ...
     */
    static String link(DeviceStatus d) {
        ConnectionState cs = d.connectionState();
        String state = cs.isVerify() ? "Connected (" + cs.label() + ", an online verify)" : cs.label();
        return state + d.protocol().map(p -> " with protocol " + p.label()).orElse("");
    }
}
