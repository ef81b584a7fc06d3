package io.drbd4j.testkit.internal.host;

import java.util.Objects;

/**
 * What a block device holds once formatted: the filesystem type {@code blkid} reports and the file tree a mount shows.
 * The DRBD layer replicates a device by copying its volume ({@link #copy}) to the peer's device.
 *
 * @param type the filesystem type, e.g. {@code ext4}
 * @param root the filesystem's root directory
 */
public record Volume(String type, FsNode root) {
    /**
     * Checks the parts.
     *
     * @param type the filesystem type, e.g. {@code ext4}
     * @param root the filesystem's root directory
     */
    public Volume {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(root, "root");
        if (!root.isDirectory()) {
            throw new IllegalArgumentException("a volume's root must be a directory");
        }
    }

    /**
     * Returns a fresh ext4 filesystem as mkfs.ext4 leaves it: only {@code lost+found}.
     *
     * @return a fresh ext4 filesystem as mkfs.ext4 leaves it: only {@code lost+found}
     */
    public static Volume freshExt4() {
        FsNode root = FsNode.directory();
        root.put("lost+found", FsNode.directory());
        return new Volume("ext4", root);
    }

    /**
     * Returns a deep copy, independent of this one.
     *
     * @return a deep copy, independent of this one
     */
    public Volume copy() {
        return new Volume(type, root.deepCopy());
    }
}
