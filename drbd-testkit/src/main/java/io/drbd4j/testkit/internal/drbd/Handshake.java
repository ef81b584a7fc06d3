package io.drbd4j.testkit.internal.drbd;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.Role;

/**
 * The sync handshake both nodes run at WFReportParams, each on its own view (drbd-8.4
 * drbd_receiver.c drbd_sync_handshake): {@code drbd_uuid_compare} (first matching rule wins), the disk-state rule, the Chef after-sb
 * policies ({@link SplitBrain}), manual resolution by {@code --discard-my-data}, the fatal results and the first
 * post-handshake state check. A node with a fatal result or an invalid first state goes Disconnecting, then
 * StandAlone; a node whose peer dropped that way goes back to WFConnection.
 */
final class Handshake {
    /** A fatal result ({@code C_MASK}): the node drops the connection. */
    static final int FATAL = Integer.MIN_VALUE;

    private Handshake() {}

    /** What one node reports of itself at WFReportParams (state packet and UUID packet). */
    record View(long[] uuids, Role role, DiskState disk, boolean discard, boolean crashedPrimary, long bits) {
        static View of(DrbdNode n) {
            return new View(Uuids.tuple(n), n.role, n.disk, n.discardMyData, n.crashedPrimary, n.oosBits);
        }
    }

    /**
     * Connects two nodes that wait for each other.
     *
     * @param pair both nodes in WFConnection, link up: the checks before the handshake ({@link PreHandshake}), then
     * {@link #run}.
     */
    static void connect(DrbdPair pair) {
        DrbdNode a = pair.first();
        DrbdNode b = pair.second();
        if (!PreHandshake.passes(pair)) {
            return;
        }
        a.conn = ConnectionState.WF_REPORT_PARAMS;
        b.conn = ConnectionState.WF_REPORT_PARAMS;
        pair.log("handshake: " + a + ", " + b);
        run(pair);
    }

    /**
     * Runs the sync handshake on both nodes.
     *
     * @param pair both nodes at WFReportParams, or Connected with a disk just attached or forced UpToDate
     */
    static void run(DrbdPair pair) {
        DrbdNode a = pair.first();
        DrbdNode b = pair.second();
        View va = View.of(a);
        View vb = View.of(b);
        a.discardMyData = false;
        b.discardMyData = false;
        int ha = 0;
        int hb = 0;
        if (a.attached() && b.attached()) {
            boolean aResolves = a.wfSeq <= b.wfSeq;
            ha = decide(a, va, vb, aResolves);
            hb = decide(b, vb, va, !aResolves);
        }
        boolean aOk = firstStateValid(a, ha, vb.role());
        boolean bOk = firstStateValid(b, hb, va.role());
        if (aOk && bOk && !mirrored(ha, hb)) {
            pair.log("handshake: the two results " + ha + " and " + hb + " disagree, dropping connection");
            aOk = false;
            bOk = false;
        }
        if (!aOk || !bOk) {
            dropped(pair, a, aOk, ha);
            dropped(pair, b, bOk, hb);
            return;
        }
        for (DrbdNode n : new DrbdNode[] {a, b}) {
            DrbdNode p = pair.peerOf(n);
            n.conn = ConnectionState.CONNECTED;
            n.alSuspended = false;
            // the peer's max bio size the kernel records in the meta data once it has seen a peer (1 MiB on 8.4)
            n.superBlock.peerMaxBioSize = 1048576;
            n.peer = p.role;
            n.pdsk = p.disk;
            if (n.role == Role.PRIMARY && n.disk == DiskState.DISKLESS) {
                n.edUuid = p.uuidCurrent;
            }
        }
        if (ha == 0) {
            connectedWithoutSync(pair, a, b);
            return;
        }
        DrbdNode src = ha > 0 ? a : b;
        DrbdNode tgt = pair.peerOf(src);
        boolean full = Math.abs(ha) >= 2 || Math.abs(hb) >= 2;
        long common = Math.max(a.oosBits - a.ownBits, b.oosBits - b.ownBits);
        long bits = full ? src.sizeBits() : Math.min(src.sizeBits(), common + a.ownBits + b.ownBits);
        pair.startSync(src, tgt, bits);
    }

    private static boolean mirrored(int ha, int hb) {
        return Integer.signum(ha) == -Integer.signum(hb);
    }

    /**
     * The handshake on one node's view.
     *
     * @return hg ({@code ±2} full, {@code ±1} bitmap, 0 none) or {@link #FATAL}
     */
    static int decide(DrbdNode n, View self, View peer, boolean resolveConflicts) {
        DrbdPair pair = n.pair;
        int[] cmp = compare(n, self, peer, resolveConflicts);
        int hg = cmp[0];
        pair.log(n.name + ": uuid_compare()=" + hg + " by rule " + cmp[1]);
        if (hg == -1000) {
            pair.log(n.name + ": Unrelated data, aborting!");
            return FATAL;
        }
        DiskState mine = self.disk();
        DiskState theirs = peer.disk();
        if ((mine == DiskState.INCONSISTENT && theirs.ordinal() > DiskState.INCONSISTENT.ordinal())
                || (theirs == DiskState.INCONSISTENT && mine.ordinal() > DiskState.INCONSISTENT.ordinal())) {
            boolean f = hg == -100 || Math.abs(hg) == 2;
            hg = mine.ordinal() > DiskState.INCONSISTENT.ordinal() ? 1 : -1;
            hg = f ? hg * 2 : hg;
            pair.log(n.name + ": Becoming sync " + (hg > 0 ? "source" : "target") + " due to disk states.");
        }
        if (hg == 100) {
            int pcount = (self.role() == Role.PRIMARY ? 1 : 0) + (peer.role() == Role.PRIMARY ? 1 : 0);
            hg = SplitBrain.recover(n, pcount, self, peer, resolveConflicts);
            if (Math.abs(hg) < 100) {
                pair.log(n.name + ": Split-Brain detected, " + pcount + " primaries, automatically solved. Sync from "
                        + (hg < 0 ? "peer" : "this") + " node");
            }
        }
        if (hg == -100) {
            if (self.discard() && !peer.discard()) {
                hg = -1;
            } else if (!self.discard() && peer.discard()) {
                hg = 1;
            }
            if (hg != -100) {
                pair.log(n.name + ": Split-Brain detected, manually solved. Sync from " + (hg < 0 ? "peer" : "this")
                        + " node");
            }
        }
        if (hg == -100) {
            pair.log(n.name + ": Split-Brain detected but unresolved, dropping connection!");
            pair.log(n.name + ": helper command: /sbin/drbdadm split-brain minor-" + n.config.minor());
            return FATAL;
        }
        if (hg > 0 && mine.ordinal() <= DiskState.INCONSISTENT.ordinal()) {
            pair.log(n.name + ": I shall become SyncSource, but I am inconsistent!");
            return FATAL;
        }
        if (hg < 0 && n.role == Role.PRIMARY && n.disk.ordinal() >= DiskState.CONSISTENT.ordinal()) {
            pair.log(n.name + ": I shall become SyncTarget, but I am primary!");
            return FATAL;
        }
        if (Math.abs(hg) >= 2) {
            pair.log(n.name + ": Writing the whole bitmap, full sync required after drbd_sync_handshake.");
        }
        return hg;
    }

    /**
     * {@code drbd_uuid_compare}: the first matching rule wins; bit 0 is masked. Rules 34 and 71 correct this
     * node's own UUIDs, as the kernel does.
     *
     * @return {@code {hg, rule}}
     */
    static int[] compare(DrbdNode n, View selfView, View peerView, boolean resolveConflicts) {
        long[] s = selfView.uuids();
        long[] p = peerView.uuids();
        long self = s[0] & ~1L;
        long peer = p[0] & ~1L;
        long created = DrbdNode.UUID_JUST_CREATED;
        if (self == created && peer == created) {
            return new int[] {0, 10};
        }
        if ((self == created || self == 0) && peer != created) {
            return new int[] {-2, 20};
        }
        if (self != created && (peer == created || peer == 0)) {
            return new int[] {2, 30};
        }
        if (self == peer) {
            return sameCurrent(n, selfView, peerView, resolveConflicts);
        }
        if (Uuids.same(s[0], p[1])) {
            return new int[] {-1, 50};
        }
        if (Uuids.same(s[0], p[2]) && (p[2] & ~1L) + Uuids.NEW_BM_OFFSET == (p[1] & ~1L)) {
            n.pair.log(n.name + ": Lost last syncUUID packet, corrected");
            return new int[] {-1, 51};
        }
        if (Uuids.same(s[0], p[2]) || Uuids.same(s[0], p[3])) {
            return new int[] {-2, 60};
        }
        if (Uuids.same(s[1], p[0])) {
            return new int[] {1, 70};
        }
        if (Uuids.same(s[2], p[0]) && (s[2] & ~1L) + Uuids.NEW_BM_OFFSET == (s[1] & ~1L)) {
            n.uuidBitmap = n.uuidHistory0;
            n.uuidHistory0 = n.uuidHistory1;
            n.pair.log(n.name + ": Last syncUUID did not get through, corrected");
            return new int[] {1, 71};
        }
        if (Uuids.same(p[0], s[2]) || Uuids.same(p[0], s[3])) {
            return new int[] {2, 80};
        }
        if (Uuids.same(s[1], p[1]) && (s[1] & ~1L) != 0) {
            return new int[] {100, 90};
        }
        for (int i = 2; i < 4; i++) {
            for (int j = 2; j < 4; j++) {
                if (Uuids.same(s[i], p[j])) {
                    return new int[] {-100, 100};
                }
            }
        }
        return new int[] {-1000, 100};
    }

    /** Rules 34-41: the same current UUID on both sides. */
    private static int[] sameCurrent(DrbdNode n, View selfView, View peerView, boolean resolveConflicts) {
        long[] s = selfView.uuids();
        long[] p = peerView.uuids();
        if (p[1] == 0 && s[1] != 0) {
            if (Uuids.same(s[1], p[2]) && Uuids.same(s[2], p[3])) {
                n.pair.log(n.name + ": was SyncSource, missed the resync finished event, corrected myself");
                Uuids.clearBitmapUuid(n);
                return new int[] {1, 34};
            }
            return new int[] {1, 36};
        }
        if (s[1] == 0 && p[1] != 0) {
            return new int[] {-1, Uuids.same(p[1], s[2]) && Uuids.same(p[2], s[3]) ? 35 : 37};
        }
        int rct = (selfView.crashedPrimary() ? 1 : 0) + (peerView.crashedPrimary() ? 2 : 0);
        if (rct == 0) {
            return new int[] {0, 40};
        }
        boolean rule41 = n.kernelMinor() == 4 && n.kernelPatch() >= 7;
        boolean selfPrimary = selfView.role() == Role.PRIMARY;
        boolean peerPrimary = peerView.role() == Role.PRIMARY;
        if (rule41 && (selfPrimary || peerPrimary)) {
            return new int[] {selfPrimary && peerPrimary ? -100 : selfPrimary ? 1 : -1, 41};
        }
        int hg = rct == 1 ? 1 : rct == 2 ? -1 : resolveConflicts ? -1 : 1;
        return new int[] {hg, 40};
    }

    /** Correction 2: the first state after WFReportParams is a soft change, checked by {@code is_valid_state}. */
    private static boolean firstStateValid(DrbdNode n, int hg, Role peerRole) {
        if (hg == FATAL) {
            return false;
        }
        if (n.role == Role.PRIMARY && peerRole == Role.PRIMARY) {
            n.pair.log(n.name + ": State change failed: (-1) Multiple primaries not allowed by config");
            return false;
        }
        return true;
    }

    /** Disconnecting → StandAlone for a node that failed; back to WFConnection for one whose peer dropped. */
    private static void dropped(DrbdPair pair, DrbdNode n, boolean ok, int hg) {
        if (!ok) {
            pair.log(n.name + ": conn( WFReportParams -> Disconnecting )");
            pair.standAlone(n);
            return;
        }
        if (hg < 0 && n.disk.ordinal() > DiskState.OUTDATED.ordinal()) {
            // WFBitMapT caps the disk at Outdated (correction 9a); the link drops before the bitmap exchange
            n.disk = DiskState.OUTDATED;
        }
        n.conn = ConnectionState.WF_CONNECTION;
        n.peer = Role.UNKNOWN;
        n.pdsk = DiskState.DUNKNOWN;
        n.wfSeq = pair.nextSeq();
        n.writeMdFlags();
        pair.log(n.name + ": peer dropped the connection -> " + n);
    }

    private static void connectedWithoutSync(DrbdPair pair, DrbdNode a, DrbdNode b) {
        for (DrbdNode n : new DrbdNode[] {a, b}) {
            // sanitize_state rule 5: Connected turns Consistent and Outdated into UpToDate
            if (n.disk == DiskState.OUTDATED || n.disk == DiskState.CONSISTENT) {
                n.disk = DiskState.UP_TO_DATE;
            }
        }
        for (DrbdNode n : new DrbdNode[] {a, b}) {
            n.pdsk = pair.peerOf(n).disk;
            if (n.oosBits > 0) {
                pair.log(n.name + ": No resync, but " + n.oosBits + " bits in bitmap!");
            }
            if (n.disk == DiskState.UP_TO_DATE && n.pdsk == DiskState.UP_TO_DATE) {
                n.crashedPrimary = false;
            }
            n.writeMdFlags();
        }
        pair.log("handshake: connected " + a + ", " + b);
    }
}
