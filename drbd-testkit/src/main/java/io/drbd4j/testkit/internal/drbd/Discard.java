package io.drbd4j.testkit.internal.drbd;

import io.drbd4j.core.model.Role;

/**
 * A discard of the whole DRBD device (mkfs.ext4's default BLKDISCARD). DRBD 8.4.11 marks a discarded range in sync on
 * a connected Primary (the peer discards it too), so the initial full sync ended right after mkfs
 * (on the real pair only 28 of 256 MiB were sent). Not modelled: 8.3 (no discard support here) and a
 * disconnected Primary, where a discard is a write like any other (the simulator does not track mkfs's writes
 * either).
 */
final class Discard {
    private Discard() {}

    /**
     * Discards the whole device.
     *
     * @param n the node whose device was discarded; the caller holds the pair's lock
     */
    static void wholeDevice(DrbdNode n) {
        DrbdPair pair = n.pair;
        DrbdNode p = pair.peerOf(n);
        if (n.kernelMinor() != 4 || !n.exists || n.role != Role.PRIMARY || !n.connected() || !p.attached()) {
            return;
        }
        pair.log(n.name + ": discard of the whole device, marked in sync");
        for (DrbdNode x : new DrbdNode[] {n, p}) {
            x.oosBits = 0;
            x.ownBits = 0;
        }
        if (pair.resync != null) {
            pair.finishSync();
        }
    }
}
