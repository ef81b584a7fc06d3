package io.drbd4j.testkit.internal.drbd;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.Role;

/**
 * The checks before the UUID handshake that the Chef config can hit: the shared secret (both nodes fail the
 * authentication and go StandAlone), both nodes connecting with {@code --discard-my-data}, and a Diskless
 * Primary whose peer no longer holds the data generation it lost last (it goes StandAlone, the peer back to
 * WFConnection), and a peer disk smaller than the disk of a node with usable data (that node drops). The protocol
 * ranges of 8.3 (86-97) and 8.4 (86-101) always overlap, so that check never fails here.
 */
final class PreHandshake {
    private PreHandshake() {}

    /**
     * Returns whether the UUID handshake may run.
     *
     * @param pair both nodes in WFConnection, link up
     * @return whether the UUID handshake may run
     */
    static boolean passes(DrbdPair pair) {
        DrbdNode a = pair.first();
        DrbdNode b = pair.second();
        if (!a.sharedSecret.equals(b.sharedSecret)) {
            for (DrbdNode n : new DrbdNode[] {a, b}) {
                pair.log(n.name + ": Authentication of peer failed");
                pair.log(n.name + ": Discarding network configuration.");
                n.discardMyData = false;
                pair.standAlone(n);
            }
            return false;
        }
        if (a.discardMyData && b.discardMyData) {
            for (DrbdNode n : new DrbdNode[] {a, b}) {
                pair.log(n.name + ": incompatible discard-my-data settings");
                n.discardMyData = false;
                pair.standAlone(n);
            }
            return false;
        }
        for (DrbdNode n : new DrbdNode[] {a, b}) {
            DrbdNode p = pair.peerOf(n);
            boolean usable = n.attached() && n.disk.ordinal() >= DiskState.OUTDATED.ordinal();
            if (usable && p.attached() && p.sizeBits() < n.sizeBits()) {
                pair.log(n.name + ": The peer's disk size is too small! (" + p.sizeBits() * 8 + " < " + n.sizeBits() * 8
                        + " sectors)");
                return dropOne(pair, n, p);
            }
            boolean disklessPrimary = n.role == Role.PRIMARY && n.disk == DiskState.DISKLESS;
            if (disklessPrimary && n.edUuid != 0 && p.attached() && !Uuids.same(n.edUuid, p.uuidCurrent)) {
                pair.log(n.name + ": Can only connect to data with current UUID=" + Uuids.hex(n.edUuid));
                return dropOne(pair, n, p);
            }
        }
        return true;
    }

    /** {@code n} goes Disconnecting, then StandAlone; its peer {@code p} sees the link drop and waits again. */
    private static boolean dropOne(DrbdPair pair, DrbdNode n, DrbdNode p) {
        n.discardMyData = false;
        pair.standAlone(n);
        p.conn = ConnectionState.WF_CONNECTION;
        p.wfSeq = pair.nextSeq();
        return false;
    }
}
