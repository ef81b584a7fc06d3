package io.drbd4j.testkit.internal.drbd;

/**
 * Where DRBD 8.4 puts internal ({@code flexible-size}) meta data at the end of a backing disk, in 512-byte sectors:
 * the 4 KiB super block in the last 4 KiB-aligned block, the 32 KiB activity log before it and the bitmap (one bit
 * per 4 KiB, one bitmap sector per 16 MiB, in whole 4 KiB blocks) before that. The formula is the kernel's {@code
 * drbd_md_set_sector_offsets} for {@code DRBD_MD_INDEX_FLEX_INT} (drbd-8.4 drbd/drbd_nl.c) and drbdmeta's {@code
 * v07_style_md_get_byte_offset} (LINBIT/drbd-utils user/shared/drbdmeta.c); a 128 MiB disk leaves 131,032 KiB,
 * as the real 8.4.11 kernel showed.
 */
final class MdLayout {
    /** The activity log: 32 KiB, one stripe of 8 blocks of 4 KiB ({@code al-stripes 1; al-stripe-size-4k 8;}). */
    static final long AL_SECTORS = 64;

    /** The super block: 4 KiB. */
    static final long SUPER_BLOCK_SECTORS = 8;

    /** One bitmap sector (4,096 bits of 4 KiB) covers 16 MiB: {@code BM_SECT_PER_EXT}. */
    private static final long SECTORS_PER_BITMAP_SECTOR = 32768;

    private MdLayout() {}

    /**
     * Returns the sectors of the whole internal meta data area ({@code md_size_sect}).
     *
     * @return the sectors of the whole internal meta data area ({@code md_size_sect})
     */
    static long mdSectors(long backingBytes) {
        long bitmapSectors = (backingBytes / 512 + SECTORS_PER_BITMAP_SECTOR - 1) / SECTORS_PER_BITMAP_SECTOR;
        return align8(bitmapSectors) + SUPER_BLOCK_SECTORS + AL_SECTORS;
    }

    /**
     * Returns the sectors left for data: what the DRBD device offers ({@code la-size-sect} once attached).
     *
     * @return the sectors left for data: what the DRBD device offers ({@code la-size-sect} once attached)
     */
    static long usableSectors(long backingBytes) {
        return (backingBytes / 512 & ~7L) - mdSectors(backingBytes);
    }

    /**
     * Returns the byte offset of the super block ({@code md_offset}).
     *
     * @return the byte offset of the super block ({@code md_offset})
     */
    static long mdOffset(long backingBytes) {
        return (backingBytes - 4096) & ~4095L;
    }

    /**
     * Returns the byte offset of the activity log ({@code al_offset}).
     *
     * @return the byte offset of the activity log ({@code al_offset})
     */
    static long alOffset(long backingBytes) {
        return mdOffset(backingBytes) - AL_SECTORS * 512;
    }

    /**
     * Returns the byte offset of the bitmap ({@code bm_offset}).
     *
     * @return the byte offset of the bitmap ({@code bm_offset})
     */
    static long bmOffset(long backingBytes) {
        return mdOffset(backingBytes) - (mdSectors(backingBytes) - SUPER_BLOCK_SECTORS) * 512;
    }

    /**
     * Returns the bytes of bitmap drbdmeta prints for a device of that many sectors, in whole 64-bit words.
     *
     * @return the bytes of bitmap drbdmeta prints for a device of that many sectors, in whole 64-bit words
     */
    static long bitmapBytes(long laSizeSectors) {
        long bits = align8(laSizeSectors) / 8;
        return (bits + 63) / 64 * 8;
    }

    private static long align8(long v) {
        return (v + 7) & ~7L;
    }
}
