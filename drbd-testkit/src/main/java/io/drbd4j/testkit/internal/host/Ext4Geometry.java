package io.drbd4j.testkit.internal.host;

/**
 * The sizes of an ext4 filesystem that {@code df} and {@code resize2fs} show: block size and count, inodes per
 * group, the blocks the metadata takes (what statfs leaves out of {@code f_blocks}) and the reserved blocks. Made as
 * mke2fs 1.47.0 makes it with Debian's mke2fs.conf (below 512 MiB the "small" type: 1 KiB blocks and one inode per 4
 * KiB; above, 4 KiB blocks and one inode per 16 KiB; 256-byte inodes, 64-bit group descriptors, sparse_super, 5 %
 * reserved) and grown as resize2fs grows it (the new groups' inode tables, bitmaps and backup descriptors; the
 * reserved share kept). Checked against real mke2fs, resize2fs and df on loop devices of 1024, 1200, 1400, 2048 and
 * 3000 MiB and a 1024 MiB filesystem grown to 1200 MiB (exact; see {@code Ext4GeometryTest}). Immutable.
 *
 * @param blockSize 1024 or 4096 bytes
 * @param blocks the block count
 * @param inodesPerGroup inodes per block group
 * @param overheadBlocks blocks the metadata takes
 * @param reservedBlocks blocks reserved for root
 */
public record Ext4Geometry(int blockSize, long blocks, long inodesPerGroup, long overheadBlocks, long reservedBlocks) {
    private static final int INODE_SIZE = 256;
    private static final int DESC_SIZE = 64;

    /**
     * Returns the filesystem mkfs.ext4 makes on a device of that size.
     *
     * @param deviceBytes the device size
     * @return the filesystem mkfs.ext4 makes on a device of that size
     */
    public static Ext4Geometry fresh(long deviceBytes) {
        boolean small = deviceBytes < (512L << 20);
        int blockSize = small ? 1024 : 4096;
        long blocks = deviceBytes / blockSize;
        long groups = groups(blockSize, blocks);
        long inodes = deviceBytes / (small ? 4096 : 16384);
        long perBlock = blockSize / INODE_SIZE;
        long ipg = ((inodes + groups - 1) / groups + perBlock - 1) / perBlock * perBlock;
        long overhead = firstDataBlock(blockSize) + journalBlocks(blocks);
        for (long g = 0; g < groups; g++) {
            overhead += groupOverhead(blockSize, blocks, ipg, g);
        }
        return new Ext4Geometry(blockSize, blocks, ipg, overhead, blocks * 5 / 100);
    }

    /**
     * Returns this filesystem grown by resize2fs to fill a device of that size (no change when it does not grow).
     *
     * @param deviceBytes the device size
     * @return this filesystem grown by resize2fs to fill a device of that size (no change when it does not grow)
     */
    public Ext4Geometry grownTo(long deviceBytes) {
        long newBlocks = deviceBytes / blockSize;
        if (newBlocks <= blocks) {
            return this;
        }
        long overhead = overheadBlocks;
        for (long g = groups(blockSize, blocks); g < groups(blockSize, newBlocks); g++) {
            overhead += groupOverhead(blockSize, blocks, inodesPerGroup, g);
        }
        // resize2fs keeps the reserved share: percent = r_blocks * 100 / blocks, then percent * new blocks / 100
        double percent = reservedBlocks * 100.0 / blocks;
        return new Ext4Geometry(blockSize, newBlocks, inodesPerGroup, overhead, (long) (percent * newBlocks / 100.0));
    }

    /**
     * Returns df's size ({@code f_blocks}): the blocks less the metadata, in bytes.
     *
     * @return df's size ({@code f_blocks}): the blocks less the metadata, in bytes
     */
    public long dfSizeBytes() {
        return (blocks - overheadBlocks) * blockSize;
    }

    /**
     * Returns df's Used.
     *
     * @param files data blocks of the files and directories besides the root and lost+found
     * @return df's Used in bytes
     */
    public long dfUsedBytes(long files) {
        // a fresh filesystem: 6 blocks used at 4 KiB (24,576 bytes), 14 at 1 KiB (14,336 bytes), as df showed
        return ((blockSize == 1024 ? 14 : 6) + files) * blockSize;
    }

    /**
     * Returns df's Avail: free blocks less the reserved ones and ext4's own reserve ({@code s_resv_clusters}: 2 % of
     * the blocks, at most 4096; linux fs/ext4/super.c ext4_calc_resv_clusters), never negative.
     *
     * @param files as for {@link #dfUsedBytes}
     * @return df's Avail in bytes
     */
    public long dfAvailBytes(long files) {
        long resv = Math.min(blocks / 50, 4096);
        return Math.max(0, dfSizeBytes() - dfUsedBytes(files) - (reservedBlocks + resv) * blockSize);
    }

    /**
     * Returns how many group descriptor blocks there are (resize2fs prints old and new).
     *
     * @return how many group descriptor blocks there are (resize2fs prints old and new)
     */
    public long descBlocks() {
        return (groups(blockSize, blocks) * DESC_SIZE + blockSize - 1) / blockSize;
    }

    private static long firstDataBlock(int blockSize) {
        return blockSize == 1024 ? 1 : 0;
    }

    private static long groups(int blockSize, long blocks) {
        long perGroup = 8L * blockSize;
        return (blocks - firstDataBlock(blockSize) + perGroup - 1) / perGroup;
    }

    /**
     * A group's metadata: two bitmaps and its inode table, and in groups 0, 1 and the powers of 3, 5 and 7
     * (sparse_super) a superblock backup, the descriptors and the reserved descriptor blocks. The descriptor and
     * reserved blocks together stay fixed as the filesystem grows (a new descriptor block takes a reserved one), so
     * they are counted from the size at mkfs.
     */
    private static long groupOverhead(int blockSize, long mkfsBlocks, long ipg, long group) {
        long overhead = 2 + ipg * INODE_SIZE / blockSize;
        if (hasBackup(group)) {
            long groups = groups(blockSize, mkfsBlocks);
            long perBlock = blockSize / DESC_SIZE;
            long desc = (groups + perBlock - 1) / perBlock;
            overhead += 1 + desc + reservedDescBlocks(blockSize, mkfsBlocks, desc);
        }
        return overhead;
    }

    /** e2fsprogs lib/ext2fs/initialize.c calc_reserved_gdt_blocks: room to grow 1024-fold, at most a block's worth. */
    private static long reservedDescBlocks(int blockSize, long blocks, long desc) {
        long max = 0xffffffffL;
        if (blocks < max / 1024) {
            max = blocks * 1024;
        }
        long rsvGroups = (max - firstDataBlock(blockSize) + 8L * blockSize - 1) / (8L * blockSize);
        long perBlock = blockSize / DESC_SIZE;
        long rsv = (rsvGroups + perBlock - 1) / perBlock - desc;
        return Math.min(rsv, blockSize / 4);
    }

    private static boolean hasBackup(long group) {
        if (group <= 1) {
            return true;
        }
        for (long base : new long[] {3, 5, 7}) {
            long p = base;
            while (p < group) {
                p *= base;
            }
            if (p == group) {
                return true;
            }
        }
        return false;
    }

    /** lib/ext2fs/mkjournal.c ext2fs_default_journal_size (e2fsprogs 1.47.0). */
    static long journalBlocks(long blocks) {
        if (blocks < 2048) {
            return 0;
        }
        long[][] table = {
            {32768, 1024},
            {256 * 1024, 4096},
            {512 * 1024, 8192},
            {4096 * 1024, 16384},
            {8192 * 1024, 32768},
            {16384 * 1024, 65536},
            {32768 * 1024, 131072}
        };
        for (long[] row : table) {
            if (blocks < row[0]) {
                return row[1];
            }
        }
        return 262144;
    }
}
