package io.drbd4j.testkit.internal.host;

/**
 * The stdout of {@code mkfs.ext4 DEV} without -q. Captured from e2fsprogs 1.47.0 on an 8 MiB loop device, byte for
 * byte including the progress backspaces: exact for single-group filesystems (devices up to 8 MiB). Larger devices
 * also print a random {@code Filesystem UUID} and the superblock backup list, which this report leaves out; the block,
 * inode and journal figures follow mke2fs.conf's "small" (below 512 MiB: 1 KiB blocks, 4096 bytes per inode) and
 * default (4 KiB blocks, 16384 bytes per inode) types and lib/ext2fs/mkjournal.c ext2fs_default_journal_size.
 */
final class Mke2fsReport {
    private static final String DONE = "done                            \n";

    private Mke2fsReport() {}

    /**
     * Returns the report.
     *
     * @param sizeBytes the device size
     * @param discarded whether mke2fs discarded the device first ({@code Discarding device blocks:})
     * @return the report
     */
    static String of(long sizeBytes, boolean discarded) {
        boolean small = sizeBytes < (512L << 20);
        int blockSize = small ? 1024 : 4096;
        long blocks = sizeBytes / blockSize;
        long inodes = sizeBytes / (small ? 4096 : 16384);
        long groups = (blocks + 8L * blockSize - 1) / (8L * blockSize);
        long journal = Ext4Geometry.journalBlocks(blocks);
        StringBuilder out = new StringBuilder();
        if (discarded) {
            out.append("Discarding device blocks: ").append(progress(0, blocks)).append(DONE);
        }
        out.append("Creating filesystem with ")
                .append(blocks)
                .append(small ? " 1k" : " 4k")
                .append(" blocks and ")
                .append(inodes)
                .append(" inodes\n\n");
        out.append("Allocating group tables: ").append(progress(0, groups)).append(DONE);
        out.append("Writing inode tables: ").append(progress(0, groups)).append(DONE);
        if (journal > 0) {
            out.append("Creating journal (").append(journal).append(" blocks): done\n");
        }
        out.append("Writing superblocks and filesystem accounting information: ")
                .append(progress(0, groups))
                .append("done\n\n");
        return out.toString();
    }

    /** ext2fs_numeric_progress: value/max right-aligned to max's width, then backspaced out and blanked. */
    private static String progress(long value, long max) {
        int width = Long.toString(max).length();
        String back = "\b".repeat(2 * width + 1);
        return String.format("%" + width + "d/%d", value, max) + back + " ".repeat(2 * width + 1) + back;
    }
}
