package io.drbd4j.testkit.internal.drbd;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The text of {@code drbdmeta ... v08 ... dump-md} as drbd-utils 9.22 prints it for 8.4 meta data ({@code
 * meta_dump_md}, {@code print_dump_header} and {@code printf_bm} in LINBIT/drbd-utils user/shared/drbdmeta.c). The
 * v08 {@code flags} line prints the peer slot's flags, which v08 meta data leaves 0, so it reads {@code flags
 * 0x00000000;} whatever the md flags are (as the real pair showed). The bitmap is modelled as
 * its first {@code oos} bits set.
 */
final class MetaDump {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx").withZone(ZoneOffset.UTC);

    private MetaDump() {}

    static String text(DrbdNode n, Instant now) {
        long backing = n.backingBytes();
        StringBuilder out = new StringBuilder();
        out.append("# DRBD meta data dump\n# ")
                .append(STAMP.format(now))
                .append(" [")
                .append(now.getEpochSecond())
                .append("]\n# ")
                .append(n.name)
                .append("> ")
                .append(Replies.meta(n, "dump-md"))
                .append("\n#\n\nversion \"v08\";\n\n");
        out.append("# md_size_sect ").append(MdLayout.mdSectors(backing)).append('\n');
        out.append("# md_offset ").append(MdLayout.mdOffset(backing)).append('\n');
        out.append("# al_offset ").append(MdLayout.alOffset(backing)).append('\n');
        out.append("# bm_offset ").append(MdLayout.bmOffset(backing)).append("\n\n");
        out.append(String.format(
                "uuid {\n    0x%016X; 0x%016X; 0x%016X; 0x%016X;\n    flags 0x00000000;\n}\n",
                n.uuidCurrent, n.uuidBitmap, n.uuidHistory0, n.uuidHistory1));
        out.append("# al-extents ").append(n.superBlock.alExtents).append(";\n");
        out.append("la-size-sect ").append(n.superBlock.laSizeSect).append(";\n");
        out.append("bm-byte-per-bit 4096;\n");
        out.append(String.format("device-uuid 0x%016X;\n", n.superBlock.deviceUuid));
        out.append("la-peer-max-bio-size ").append(n.superBlock.peerMaxBioSize).append(";\n");
        out.append("al-stripes 1;\nal-stripe-size-4k 8;\n");
        long words = MdLayout.bitmapBytes(n.superBlock.laSizeSect) / 8;
        long bits = Math.min(n.oosBits, words * 64);
        out.append("# bm-bytes ").append(words * 8).append(";\n");
        bitmap(out, words, bits);
        out.append("# bits-set ").append(bits).append(";\n");
        return out.toString();
    }

    /**
     * {@code printf_bm}: four words a line, a {@code # at NkB} comment every 32 words, and a run of more than four
     * equal words from a line start as {@code N times 0x...;} (rounded down to whole lines).
     */
    private static void bitmap(StringBuilder out, long words, long bits) {
        out.append("bm {");
        long r = 0;
        while (r < words) {
            long cw = word(r, bits);
            if ((r & 3) == 0) {
                long j = r + 1;
                while (j < words && word(j, bits) == cw) {
                    j++;
                }
                long run = (j & ~3L) - r;
                eol(out, r);
                if (run > 4) {
                    out.append(String.format(" %d times 0x%016X;", run, cw));
                    r += run;
                    continue;
                }
            }
            out.append(String.format(" 0x%016X;", cw));
            r++;
        }
        out.append("\n}\n");
    }

    private static void eol(StringBuilder out, long r) {
        if ((r & 31) == 0) {
            out.append("\n   # at ").append(256 * r).append("kB\n   ");
        } else {
            out.append("\n   ");
        }
    }

    private static long word(long index, long bits) {
        long set = Math.max(0, Math.min(64, bits - index * 64));
        return set == 64 ? -1L : (1L << set) - 1;
    }
}
