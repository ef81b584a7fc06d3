package io.drbd4j.testkit.internal.drbd;

import io.drbd4j.core.model.Role;

/**
 * DRBD's UUID operations, implemented literally on a node's tuple {@code current, bitmap,
 * history[0], history[1]}: {@code roleMark}, {@code newCurrent}, {@code rotateBitmap}, {@code genSyncUuid},
 * {@code takeSyncUuid}, {@code clearBitmapUuid}, {@code adoptPeer} and {@code createMd}. Bit 0 of a UUID is the role
 * marker; {@link #same} compares without it.
 */
final class Uuids {
    /** {@code UUID_NEW_BM_OFFSET}: what {@code genSyncUuid} adds to a set bitmap UUID. */
    static final long NEW_BM_OFFSET = 1L << 48;

    private Uuids() {}

    /**
     * Returns whether two UUIDs are the same generation (bit 0 masked).
     *
     * @return whether two UUIDs are the same generation (bit 0 masked)
     */
    static boolean same(long x, long y) {
        return (x & ~1L) == (y & ~1L);
    }

    /**
     * Returns the tuple {@code current, bitmap, history[0], history[1]} (a copy, as sent to the peer).
     *
     * @return the tuple {@code current, bitmap, history[0], history[1]} (a copy, as sent to the peer)
     */
    static long[] tuple(DrbdNode n) {
        return new long[] {n.uuidCurrent, n.uuidBitmap, n.uuidHistory0, n.uuidHistory1};
    }

    /** {@code roleMark}: current bit 0 from the role (promote, demote, attach). */
    static void roleMark(DrbdNode n) {
        n.uuidCurrent = n.role == Role.PRIMARY ? n.uuidCurrent | 1 : n.uuidCurrent & ~1L;
    }

    /** {@code newCurrent}: bitmap := current (bit 0 kept), current := random with the role bit. */
    static void newCurrent(DrbdNode n) {
        if (n.uuidBitmap != 0) {
            n.pair.log(n.name + ": bm UUID was already set: " + hex(n.uuidBitmap));
        }
        n.uuidBitmap = n.uuidCurrent;
        n.uuidCurrent = n.pair.newUuid(n.role == Role.PRIMARY);
        n.pair.log(n.name + ": new current UUID " + hex(n.uuidCurrent));
    }

    /** {@code rotateBitmap(v)}: a set bitmap UUID moves into the history, then bitmap := v. */
    static void rotateBitmap(DrbdNode n, long v) {
        if (n.uuidBitmap != 0) {
            n.uuidHistory1 = n.uuidHistory0;
            n.uuidHistory0 = n.uuidBitmap;
        }
        n.uuidBitmap = v;
    }

    /**
     * Returns {@code genSyncUuid} on a node becoming SyncSource: the sync UUID it sends.
     *
     * @return {@code genSyncUuid} on a node becoming SyncSource: the sync UUID it sends
     */
    static long genSyncUuid(DrbdNode n) {
        long v = n.uuidBitmap != 0 && n.uuidBitmap != DrbdNode.UUID_JUST_CREATED
                ? n.uuidBitmap + NEW_BM_OFFSET
                : n.pair.newUuid(false);
        rotateBitmap(n, v);
        return v;
    }

    /** {@code takeSyncUuid(v)} on the SyncTarget in WFSyncUUID: current := v (role bit), bitmap := 0. */
    static void takeSyncUuid(DrbdNode n, long v) {
        n.uuidCurrent = v;
        roleMark(n);
        n.uuidBitmap = 0;
    }

    /** {@code clearBitmapUuid}: a set bitmap UUID moves into the history (end of a successful resync). */
    static void clearBitmapUuid(DrbdNode n) {
        if (n.uuidBitmap != 0) {
            n.uuidHistory1 = n.uuidHistory0;
            n.uuidHistory0 = n.uuidBitmap;
            n.uuidBitmap = 0;
        }
    }

    /**
     * {@code adoptPeer} on a SyncTarget whose resync ended without failed blocks.
     *
     * @param n the target
     * @param peer the source's tuple as received at the handshake ({@code p_uuid})
     */
    static void adoptPeer(DrbdNode n, long[] peer) {
        n.uuidBitmap = peer[1];
        n.uuidHistory0 = peer[2];
        n.uuidHistory1 = peer[3];
        rotateBitmap(n, n.uuidCurrent);
        n.uuidCurrent = peer[0];
        roleMark(n);
        clearBitmapUuid(n);
    }

    /** {@code createMd}: current := UUID_JUST_CREATED, everything else 0, flags AL_CLEAN only. */
    static void createMd(DrbdNode n) {
        n.uuidCurrent = DrbdNode.UUID_JUST_CREATED;
        n.uuidBitmap = 0;
        n.uuidHistory0 = 0;
        n.uuidHistory1 = 0;
        n.mdConsistent = false;
        n.mdWasUpToDate = false;
        n.mdPrimaryInd = false;
        n.mdCrashedPrimary = false;
        n.oosBits = 0;
        n.ownBits = 0;
    }

    static String hex(long v) {
        return String.format("%016X", v);
    }
}
