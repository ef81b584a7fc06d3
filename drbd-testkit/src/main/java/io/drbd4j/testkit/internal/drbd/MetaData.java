package io.drbd4j.testkit.internal.drbd;

import io.drbd4j.testkit.internal.Outcome;

/**
 * The drbdmeta commands drbdadm runs on the backing disk (create-md, apply-al, dump-md, dstate) as drbd-utils 9.22
 * answers them (LINBIT/drbd-utils user/shared/drbdmeta.c). drbdmeta exits {@code !!rv}: a
 * command that "returns -1" exits 1, and drbdadm adds no {@code Command ... terminated} line for it. While a disk is
 * attached drbdmeta refuses to change the meta data ({@code Device '0' is configured!}, exit 20) and cannot open the
 * disk the kernel holds.
 *
 * <p>Clean and unclean: once an 8.4 kernel has attached the meta data, drbdmeta finds it "unclean" (the kernel's
 * activity-log state) until {@code drbdadm apply-al} ran, even after a clean {@code drbdadm down}, as DRBD 8.4.11
 * with drbd-utils 9.22 showed. {@code up} and {@code attach} run apply-al first, so unclean meta data attaches.
 */
final class MetaData {
    /** drbdmeta.c {@code meta_dump_md}: the activity log is not marked clean. */
    static final String UNCLEAN = "Found meta data is \"unclean\", please apply-al first\n";

    /** drbdmeta.c {@code confirmed}: the question and prompt on stderr, an empty line once stdin gave no "yes". */
    private static final String PROMPT = "[need to type 'yes' to confirm] \n";

    private MetaData() {}

    /**
     * {@code create-md}: over existing meta data without {@code --force}, drbdmeta's {@code
     * check_internal_md_flavours} asks on stderr and, stdin giving no "yes", prints {@code Operation cancelled.}
     * (sic, two l) on stdout and exits 1.
     */
    static Outcome createMd(DrbdNode n, boolean force) {
        if (n.attached()) {
            return Replies.configured(n, "create-md");
        }
        if (n.metadata && !force) {
            String question = "You want me to create a v08 style flexible-size internal meta data block.\n"
                    + "There appears to be a v08 flexible-size internal meta data block\n"
                    + "already in place on " + n.config.disk() + " at byte offset "
                    + MdLayout.mdOffset(n.backing.sizeBytes()) + "\n"
                    + "\nDo you really want to overwrite the existing meta-data?\n" + PROMPT;
            return new Outcome(1, "Operation cancelled.\n", question);
        }
        n.metadata = true;
        Uuids.createMd(n);
        n.superBlock.created();
        // the kernel attaches fresh meta data as a full sync: every block out of sync (on the real pair a
        // fresh Inconsistent pair shows oos: = the whole size)
        n.oosBits = n.sizeBits();
        long bitmapKb = (n.sizeBits() / 8 + 1023) / 1024;
        return new Outcome(
                0,
                "initializing activity log\nWriting meta data...\nNew drbd meta data block successfully created.\n",
                "initializing bitmap (" + bitmapKb + " KB) to all zero\n");
    }

    /** {@code apply-al}: replays the activity log into the bitmap and marks the meta data clean. */
    static Outcome applyAl(DrbdNode n) {
        if (n.attached()) {
            return Replies.configured(n, "apply-al");
        }
        if (!n.metadata) {
            return Replies.noMetadata();
        }
        n.superBlock.unclean = false;
        return Outcome.ok();
    }

    /**
     * {@code dump-md}. On an attached disk drbdmeta's {@code O_EXCL} open of the backing disk fails with EBUSY;
     * {@code v07_style_md_open_device} asks "Exclusive open failed. Do it anyways?" and, stdin giving no "yes",
     * prints {@code Operation canceled.} (sic, one l) and exits 20.
     */
    static Outcome dumpMd(DrbdNode n) {
        if (n.attached()) {
            String disk = n.config.disk();
            return new Outcome(
                    20,
                    "Operation canceled.\n",
                    "open(" + disk + ") failed: Device or resource busy\n"
                            + "\nExclusive open failed. Do it anyways?\n" + PROMPT
                            + Replies.commandLine(Replies.meta(n, "dump-md"), 20));
        }
        if (!n.metadata) {
            return Replies.noMetadata();
        }
        if (n.superBlock.unclean) {
            return Outcome.fail(1, UNCLEAN);
        }
        return Outcome.ok(MetaDump.text(n, n.pair.now()));
    }

    /**
     * {@code dstate}: the disk state the md flags give ({@code meta_dstate}): UpToDate only with PEER_OUT_DATED
     * too, Consistent, Outdated or Inconsistent.
     */
    static Outcome dstate(DrbdNode n) {
        if (!n.metadata) {
            return Replies.noMetadata();
        }
        if (!n.mdConsistent) {
            return Outcome.ok("Inconsistent\n");
        }
        if (!n.mdWasUpToDate) {
            return Outcome.ok("Outdated\n");
        }
        return Outcome.ok(n.mdPeerOutDated ? "UpToDate\n" : "Consistent\n");
    }

    /** What attach writes to the meta data: the size, the AL settings, a device UUID and (8.4) the unclean mark. */
    static void attached(DrbdNode n) {
        n.superBlock.unclean = n.kernelMinor() == 4;
        n.superBlock.laSizeSect = MdLayout.usableSectors(n.backing.sizeBytes());
        n.superBlock.alExtents = 1237;
        if (n.superBlock.deviceUuid == 0) {
            n.superBlock.deviceUuid = n.pair.newUuid(false);
        }
    }
}
