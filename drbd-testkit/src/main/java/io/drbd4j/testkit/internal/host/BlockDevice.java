package io.drbd4j.testkit.internal.host;

import java.util.Objects;
import java.util.Optional;

/**
 * A block device on a simulated host: its path, size and contents (a {@link Volume} once formatted, nothing while
 * blank). The DRBD layer reads and replaces the contents to model replication and resync between the two nodes.
 */
public final class BlockDevice {
    private final String path;
    private final long sizeBytes;
    private Volume volume;

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
    }

    @Override
    public String toString() {
        return path + " (" + sizeBytes + " bytes, " + (volume == null ? "blank" : volume.type()) + ")";
    }
}
