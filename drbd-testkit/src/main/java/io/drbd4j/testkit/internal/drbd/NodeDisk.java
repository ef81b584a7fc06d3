package io.drbd4j.testkit.internal.drbd;

import io.drbd4j.testkit.internal.host.BlockDevice;
import java.util.Optional;

/**
 * A node's disks as the size commands see them: the backing disk (looked up by path, so an LV created or grown later
 * counts), what it offers the DRBD device, and what {@code /sys/block/drbdN/size} shows. Callers outside the pair's
 * lock get a consistent answer: the public methods take it.
 */
public final class NodeDisk {
    private NodeDisk() {}

    /**
     * Returns the backing disk, empty while it does not exist (storage not prepared yet).
     *
     * @return the backing disk, empty while it does not exist
     */
    static Optional<BlockDevice> backing(DrbdNode n) {
        return n.host.device(n.config.disk());
    }

    /**
     * Returns the backing disk's size, 0 while it does not exist.
     *
     * @return the backing disk's size, 0 while it does not exist
     */
    static long backingBytes(DrbdNode n) {
        return backing(n).map(BlockDevice::sizeBytes).orElse(0L);
    }

    /**
     * Returns what the DRBD device offers on this node's disk: the backing disk less its internal meta data, bytes.
     *
     * @return what the DRBD device offers on this node's disk, bytes
     */
    static long usableBytes(DrbdNode n) {
        return MdLayout.usableSectors(backingBytes(n)) * 512;
    }

    /**
     * Returns whether the DRBD device holds a filesystem with more blocks than the device has (resize2fs grew it on
     * the backing disk).
     *
     * @param n a node
     * @return whether the DRBD device holds a filesystem with more blocks than the device has
     */
    public static boolean filesystemOutgrown(DrbdNode n) {
        synchronized (n.pair) {
            return n.device
                    .volume()
                    .flatMap(v -> v.geometry())
                    .filter(g -> g.blocks() * g.blockSize() > n.device.sizeBytes())
                    .isPresent();
        }
    }

    /**
     * Returns whether {@code /sys/block/drbdN} exists: an 8.4 minor between up and down; 8.3's always.
     *
     * @param n a node
     * @return whether {@code /sys/block/drbdN} exists
     */
    public static boolean sysBlockExists(DrbdNode n) {
        synchronized (n.pair) {
            return n.exists || n.kernelMinor() == 3;
        }
    }

    /**
     * Returns the DRBD device's capacity in 512-byte sectors: its size with a local disk, the peer's while Diskless
     * and connected to a peer with one, else 0.
     *
     * @param n a node
     * @return the DRBD device's capacity in 512-byte sectors
     */
    public static long capacitySectors(DrbdNode n) {
        synchronized (n.pair) {
            if (n.attached()) {
                return n.device.sizeBytes() / 512;
            }
            DrbdNode p = n.pair.peerOf(n);
            return n.exists && n.connected() && p.attached() ? p.device.sizeBytes() / 512 : 0;
        }
    }
}
