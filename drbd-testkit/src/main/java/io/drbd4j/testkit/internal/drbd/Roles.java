package io.drbd4j.testkit.internal.drbd;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.Role;

/**
 * Promotion and demotion with their UUID effects ({@code roleMark}, {@code newCurrent}): a plain
 * promotion needs UpToDate data here or at a connected peer and no Primary peer; {@code --force} first tries that,
 * then considers Inconsistent/Outdated/Consistent local data UpToDate, rotates the current UUID and, when
 * Connected, reruns the handshake (which starts the sync to the peer). {@code newCurrent} runs before the role mark,
 * so the bitmap UUID of a node promoted while disconnected has bit 0 clear.
 */
final class Roles {
    private Roles() {}

    /**
     * Promotion.
     *
     * @param n the node (its pair locked)
     * @param force {@code --force}
     * @return 0, or the refusing kernel code (-1 two primaries, -2 no UpToDate data)
     */
    static int promote(DrbdNode n, boolean force) {
        DrbdPair pair = n.pair;
        if (n.role == Role.PRIMARY) {
            return 0;
        }
        if (n.connected() && n.peer == Role.PRIMARY) {
            return -1;
        }
        boolean access = n.disk == DiskState.UP_TO_DATE || (n.connected() && n.pdsk == DiskState.UP_TO_DATE);
        boolean forced = false;
        if (!access) {
            if (!force || n.disk == DiskState.DISKLESS || n.disk == DiskState.FAILED) {
                return -2;
            }
            n.disk = DiskState.UP_TO_DATE;
            forced = true;
            pair.log(n.name + ": Forced to consider local data as UpToDate!");
        }
        n.role = Role.PRIMARY;
        if (n.disk == DiskState.DISKLESS) {
            n.edUuid = pair.peerOf(n).uuidCurrent;
        }
        boolean peerDataGone = !n.connected() || n.pdsk.ordinal() <= DiskState.FAILED.ordinal();
        if (forced || (peerDataGone && n.uuidBitmap == 0)) {
            pair.newCurrent(n);
        }
        Uuids.roleMark(n);
        n.writeMdFlags();
        DrbdNode p = pair.peerOf(n);
        if (n.connected()) {
            p.peer = Role.PRIMARY;
            p.pdsk = n.disk;
            if (forced) {
                n.conn = ConnectionState.CONNECTED;
                pair.negotiate();
            }
        }
        pair.log(n.name + ": primary" + (forced ? " (forced)" : "") + " -> " + n);
        pair.replicate();
        return 0;
    }

    /**
     * Demotes a Primary.
     *
     * @param n a Primary with nothing open: Secondary, role bit cleared
     */
    static void demote(DrbdNode n) {
        DrbdPair pair = n.pair;
        n.role = Role.SECONDARY;
        Uuids.roleMark(n);
        if (n.connected()) {
            pair.peerOf(n).peer = Role.SECONDARY;
        }
        n.writeMdFlags();
        pair.log(n.name + ": secondary -> " + n);
    }
}
