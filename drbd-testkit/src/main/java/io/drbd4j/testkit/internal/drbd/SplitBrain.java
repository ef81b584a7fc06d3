package io.drbd4j.testkit.internal.drbd;

import io.drbd4j.core.model.Role;

/**
 * The after-sb policies of the Chef configuration for handshake result 100:
 * {@code after-sb-0pri discard-younger-primary} (falling through to discard-zero-changes and
 * discard-least-changes), {@code after-sb-1pri discard-secondary} and {@code after-sb-2pri call-pri-lost-after-sb}
 * (0pri's decision; the loser's demotion inside the handshake succeeds only on 8.4.0-8.4.5 with nothing open).
 */
final class SplitBrain {
    private SplitBrain() {}

    /**
     * Returns {@code 1} (I win), {@code -1} (I lose, my changes are discarded) or {@code -100} (unresolved).
     *
     * @param n the node deciding, on its own view
     * @param pcount how many of the two are Primary now
     * @return {@code 1} (I win), {@code -1} (I lose, my changes are discarded) or {@code -100} (unresolved)
     */
    static int recover(DrbdNode n, int pcount, Handshake.View self, Handshake.View peer, boolean resolveConflicts) {
        switch (pcount) {
            case 0:
                return discardYoungerPrimary(n, self, peer, resolveConflicts);
            case 1:
                return self.role() == Role.PRIMARY ? 1 : -1;
            default:
                return callPriLostAfterSb(n, self, peer, resolveConflicts);
        }
    }

    /** {@code drbd_asb_recover_0p} with discard-younger-primary: bit 0 of the bitmap UUIDs, then the changes. */
    static int discardYoungerPrimary(DrbdNode n, Handshake.View self, Handshake.View peer, boolean resolveConflicts) {
        long selfBit = self.uuids()[1] & 1;
        long peerBit = peer.uuids()[1] & 1;
        if (selfBit == 0 && peerBit == 1) {
            return -1;
        }
        if (selfBit == 1 && peerBit == 0) {
            return 1;
        }
        n.pair.log(n.name + ": Discard younger/older primary did not find a decision");
        n.pair.log(n.name + ": Using discard-least-changes instead");
        long chSelf = self.bits();
        long chPeer = peer.bits();
        if (chSelf == 0 && chPeer == 0) {
            return resolveConflicts ? -1 : 1;
        }
        if (chPeer == 0) {
            return 1;
        }
        if (chSelf == 0) {
            return -1;
        }
        if (chSelf != chPeer) {
            return chSelf < chPeer ? -1 : 1;
        }
        return resolveConflicts ? -1 : 1;
    }

    /** {@code drbd_asb_recover_2p} with call-pri-lost-after-sb. */
    private static int callPriLostAfterSb(
            DrbdNode n, Handshake.View self, Handshake.View peer, boolean resolveConflicts) {
        int hg = discardYoungerPrimary(n, self, peer, resolveConflicts);
        if (hg != -1) {
            return hg;
        }
        boolean demotable = n.kernelMinor() == 4 && n.kernelPatch() <= 5 && n.openCount == 0;
        if (demotable) {
            Roles.demote(n);
            n.pair.log(n.name + ": Successfully gave up primary role.");
            return -1;
        }
        // 8.3 and 8.4.6+ refuse the demotion as transient (STATE_SENT); mounted, it fails with (-12)
        n.pair.log(n.name + ": helper command: /sbin/drbdadm pri-lost-after-sb minor-" + n.config.minor());
        return -100;
    }
}
