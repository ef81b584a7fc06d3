package io.drbd4j.testkit.internal.host;

import java.util.Objects;
import java.util.Optional;

/**
 * What a block device holds once formatted: the filesystem type {@code blkid} reports, the file tree a mount shows
 * and, for ext4, its {@link Ext4Geometry} (what {@code df} and {@code resize2fs} see). The DRBD layer replicates a
 * device by copying its volume ({@link #copy}) to the peer's device. A filesystem mounted since its last check wants
 * {@code e2fsck -f} before an offline {@code resize2fs}. Not thread-safe.
 */
public final class Volume {
    private final String type;
    private final FsNode root;
    private Ext4Geometry geometry;
    private boolean mountedSinceCheck;

    /**
     * Creates a volume.
     *
     * @param type the filesystem type, e.g. {@code ext4}
     * @param root the filesystem's root directory
     * @param geometry its sizes, or null when not modelled
     */
    Volume(String type, FsNode root, Ext4Geometry geometry) {
        this.type = Objects.requireNonNull(type, "type");
        this.root = Objects.requireNonNull(root, "root");
        if (!root.isDirectory()) {
            throw new IllegalArgumentException("a volume's root must be a directory");
        }
        this.geometry = geometry;
    }

    /**
     * Returns a fresh ext4 filesystem as mkfs.ext4 leaves it on a device of that size: only {@code lost+found}.
     *
     * @param deviceBytes the size of the device it fills
     * @return a fresh ext4 filesystem as mkfs.ext4 leaves it
     */
    public static Volume freshExt4(long deviceBytes) {
        FsNode root = FsNode.directory();
        root.put("lost+found", FsNode.directory());
        return new Volume("ext4", root, Ext4Geometry.fresh(deviceBytes));
    }

    /**
     * Returns the filesystem type, e.g. {@code ext4}.
     *
     * @return the filesystem type, e.g. {@code ext4}
     */
    public String type() {
        return type;
    }

    /**
     * Returns the filesystem's root directory (the live tree).
     *
     * @return the filesystem's root directory (the live tree)
     */
    public FsNode root() {
        return root;
    }

    /**
     * Returns the ext4 sizes, empty when not modelled.
     *
     * @return the ext4 sizes, empty when not modelled
     */
    public Optional<Ext4Geometry> geometry() {
        return Optional.ofNullable(geometry);
    }

    void geometry(Ext4Geometry grown) {
        this.geometry = Objects.requireNonNull(grown, "grown");
    }

    /**
     * Returns whether it was mounted after its last {@code e2fsck -f} (or mkfs): resize2fs then refuses offline.
     *
     * @return whether it was mounted after its last check
     */
    boolean mountedSinceCheck() {
        return mountedSinceCheck;
    }

    void mountedSinceCheck(boolean mounted) {
        this.mountedSinceCheck = mounted;
    }

    /**
     * Returns how many files and directories it holds besides the root and lost+found (each takes an inode).
     *
     * @return how many files and directories it holds besides the root and lost+found
     */
    long extraInodes() {
        return Math.max(0, count(root) - 2);
    }

    private static long count(FsNode node) {
        long n = 1;
        if (node.isDirectory()) {
            for (FsNode child : node.children().values()) {
                n += count(child);
            }
        }
        return n;
    }

    /**
     * Returns the data blocks of what it holds besides the root and lost+found: one per directory, and a regular file's
     * bytes rounded up to whole blocks (an empty file takes none), as df showed.
     *
     * @param blockSize the filesystem's block size
     * @return the data blocks of what it holds besides the root and lost+found
     */
    long extraBlocks(int blockSize) {
        long blocks = 0;
        for (var entry : root.children().entrySet()) {
            if (!entry.getKey().equals("lost+found")) {
                blocks += blocks(entry.getValue(), blockSize);
            }
        }
        return blocks;
    }

    private static long blocks(FsNode node, int blockSize) {
        if (!node.isDirectory()) {
            return (node.contents().length + blockSize - 1) / blockSize;
        }
        long n = 1;
        for (FsNode child : node.children().values()) {
            n += blocks(child, blockSize);
        }
        return n;
    }

    /**
     * Returns a deep copy, independent of this one.
     *
     * @return a deep copy, independent of this one
     */
    public Volume copy() {
        Volume copy = new Volume(type, root.deepCopy(), geometry);
        copy.mountedSinceCheck = mountedSinceCheck;
        return copy;
    }
}
