package io.drbd4j.testkit.internal.host;

import java.util.Objects;
import java.util.Optional;

/**
 * A block device on a simulated host: its path, size and contents (a {@link Volume} once formatted, a DOS partition
 * table, or nothing while blank). The size can grow: a logical volume grows with {@code lvextend}, a DRBD device with
 * {@code drbdadm resize}. The DRBD layer reads and replaces the contents to model replication and resync between the
 * two nodes. Not thread-safe.
 */
public final class BlockDevice {
    private final String path;
    private long sizeBytes;
    private Volume volume;
    private boolean partitioned;

    BlockDevice(String path, long sizeBytes) {
        this.path = Objects.requireNonNull(path, "path");
        if (sizeBytes <= 0) {
            throw new IllegalArgumentException("size must be positive: " + sizeBytes);
        }
        this.sizeBytes = sizeBytes;
    }

    /**
     * Returns the device path, e.g.
     *
     * @return the device path, e.g. {@code /dev/drbd0}
     */
    public String path() {
        return path;
    }

    /**
     * Returns the size in bytes.
     *
     * @return the size in bytes
     */
    public long sizeBytes() {
        return sizeBytes;
    }

    /**
     * Changes the size, as a grown logical volume or DRBD device has it.
     *
     * @param bytes the new size, positive
     */
    public void resize(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("size must be positive: " + bytes);
        }
        this.sizeBytes = bytes;
    }

    /**
     * Returns whether the device starts with a DOS partition table ({@code blkid} {@code PTTYPE=dos}).
     *
     * @return whether the device starts with a DOS partition table
     */
    public boolean partitioned() {
        return partitioned;
    }

    /**
     * Writes or wipes the partition table.
     *
     * @param table whether the device holds a DOS partition table from now on
     */
    void partitioned(boolean table) {
        this.partitioned = table;
    }

    /**
     * Returns the filesystem on the device (the live object, not a copy), empty while blank.
     *
     * @return the filesystem on the device (the live object, not a copy), empty while blank
     */
    public Optional<Volume> volume() {
        return Optional.ofNullable(volume);
    }

    /**
     * Returns a deep copy of the contents, for replication to the peer.
     *
     * @return a deep copy of the contents, for replication to the peer
     */
    public Optional<Volume> snapshot() {
        return volume().map(Volume::copy);
    }

    /**
     * Replaces what the device holds.
     *
     * @param contents the new contents (a copy is stored), or null for a blank device
     */
    public void replaceContents(Volume contents) {
        this.volume = contents == null ? null : contents.copy();
    }

    void format(Volume fresh) {
        this.volume = fresh;
        this.partitioned = false;
    }

    @Override
    public String toString() {
        String contents = volume != null ? volume.type() : partitioned ? "dos partition table" : "blank";
        return path + " (" + sizeBytes + " bytes, " + contents + ")";
    }
}
