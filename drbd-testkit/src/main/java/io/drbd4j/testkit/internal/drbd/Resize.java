package io.drbd4j.testkit.internal.drbd;

import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.Role;
import io.drbd4j.testkit.internal.Outcome;

/**
 * {@code drbdadm resize R}: 8.4's drbdadm runs {@code drbdsetup resize 0} then {@code drbdsetup check-resize 0}, 8.3's
 * {@code drbdsetup 0 resize} then {@code drbdsetup 0 check-resize} (both read off {@code drbdadm -d}). The kernel
 * (drbd-8.4 drbd_nl.c drbd_adm_resize and drbd_determine_dev_size / drbd_new_dev_size; drbd-8.3 drbd_nl_resize)
 * refuses without a disk ({@code (138) Device does not have a disk-config}), during a resync ({@code (130) Resize not
 * allowed during resync.}) and when both nodes are Secondary ({@code (131) Need one Primary node to resize.}); 8.4.11
 * checks the disk first, 8.3 last. The texts are drbd-utils' error table; drbdsetup exits 10 and drbdadm adds the
 * Command line.
 *
 * <p>The new size is the smaller usable size of the two backing disks while Connected to a peer with a disk. Without
 * such a peer the kernel keeps the last agreed size (it grows only past it with {@code --assume-peer-has-space}, which
 * drbd4j does not send), so a disconnected resize changes nothing and exits 0. A grow marks the new area out of sync
 * and resyncs it from the Primary ({@code resync_after_online_grow}: the Primary is SyncSource, the peer SyncTarget),
 * which ends UpToDate/UpToDate as any resync. Not simulated: shrinking (the backing disks only grow here) and the
 * {@code --size}, {@code --assume-clean} and {@code --assume-peer-has-space} options.
 */
final class Resize {
    private Resize() {}

    static Outcome run(DrbdNode n) {
        String minor = String.valueOf(n.config.minor());
        String cmd = Replies.setup(n, "resize " + minor, "resize");
        DrbdNode p = n.pair.peerOf(n);
        boolean disk = n.attached();
        if (!disk && n.kernelMinor() == 4) {
            return noDisk(minor, cmd);
        }
        if (n.syncing()) {
            return Replies.failure(minor, 130, "Resize not allowed during resync.", null, cmd);
        }
        if (n.role == Role.SECONDARY && n.peer != Role.PRIMARY) {
            return Replies.failure(minor, 131, "Need one Primary node to resize.", null, cmd);
        }
        if (!disk) {
            return noDisk(minor, cmd);
        }
        long now = n.device.sizeBytes();
        if (!n.connected() || !p.attached()) {
            n.pair.log(n.name + ": resize kept " + now + " bytes (no peer disk to agree with)");
            return Outcome.ok();
        }
        long agreed = Math.min(n.usableBytes(), p.usableBytes()) / 4096 * 4096;
        if (agreed <= now) {
            return Outcome.ok();
        }
        n.device.resize(agreed);
        p.device.resize(agreed);
        n.superBlock.laSizeSect = agreed / 512;
        p.superBlock.laSizeSect = agreed / 512;
        long newBits = (agreed - now) / 4096;
        DrbdNode source = n.role == Role.PRIMARY ? n : p;
        DrbdNode target = n.pair.peerOf(source);
        n.pair.log(n.name + ": resize grew the device from " + now + " to " + agreed + " bytes");
        if (source.disk == DiskState.UP_TO_DATE && target.disk == DiskState.UP_TO_DATE) {
            n.pair.startSync(source, target, newBits);
        }
        return Outcome.ok();
    }

    private static Outcome noDisk(String minor, String cmd) {
        return Replies.failure(minor, 138, "Device does not have a disk-config", null, cmd);
    }
}
