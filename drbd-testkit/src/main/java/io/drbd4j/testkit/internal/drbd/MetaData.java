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
        if (NodeDisk.backing(n).isEmpty()) {
            return noDisk(n, "create-md" + (force ? " --force" : ""));
        }
        if (n.metadata && !force) {
            String question = "You want me to create a v08 style flexible-size internal meta data block.\n"
                    + "There appears to be a v08 flexible-size internal meta data block\n"
                    + "already in place on " + n.config.disk() + " at byte offset "
                    + MdLayout.mdOffset(NodeDisk.backingBytes(n)) + "\n"
                    + "\nDo you really want to overwrite the existing meta-data?\n" + PROMPT;
            return new Outcome(1, "Operation cancelled.\n", question);
        }
        String found = "";
        String asked = "";
        if (!n.metadata) {
            java.util.Optional<io.drbd4j.testkit.internal.host.Ext4Geometry> fs =
                    n.device.volume().flatMap(v -> v.geometry());
            if (fs.isPresent()) {
                Outcome refused = existingFilesystem(n, fs.get(), force);
                if (refused.exitCode() != 0) {
                    return refused;
                }
                found = refused.stdout();
                asked = refused.stderr();
            }
        }
        n.metadata = true;
        // fresh meta data has no agreed size: the device offers what the backing disk has now (a grown LV included)
        n.device.resize(NodeDisk.usableBytes(n));
        Uuids.createMd(n);
        n.superBlock.created();
        // the kernel attaches fresh meta data as a full sync: every block out of sync (on the real pair a
        // fresh Inconsistent pair shows oos: = the whole size)
        n.oosBits = n.sizeBits();
        long bitmapKb = (n.sizeBits() / 8 + 1023) / 1024;
        return new Outcome(
                0,
                found
                        + "initializing activity log\nWriting meta data...\nNew drbd meta data block successfully created.\n",
                asked + "initializing bitmap (" + bitmapKb + " KB) to all zero\n");
    }

    /**
     * drbdmeta's {@code check_for_existing_data} on a data area that holds a filesystem (wipe-md leaves it there):
     * it reports the filesystem (an ext4 shows as "ext3") and, when it fits in front of the new meta data, asks; without
     * a TTY and without {@code --force} the answer is no: {@code Operation canceled.} (one l here), exit 1. A filesystem
     * bigger than the usable size is refused even with {@code --force}, exit 40. Captured from drbd-utils 9.22's
     * drbdmeta on a loop device, and seen on the real pair after wipe-md.
     *
     * @return exit 0 with what was printed before the meta data is written, or the refusal
     */
    private static Outcome existingFilesystem(
            DrbdNode n, io.drbd4j.testkit.internal.host.Ext4Geometry fs, boolean force) {
        long backing = NodeDisk.backingBytes(n);
        long usedKb = fs.blocks() * fs.blockSize() / 1024;
        long usableKb = MdLayout.usableSectors(backing) / 2;
        String report = "md_offset " + MdLayout.mdOffset(backing) + "\nal_offset " + MdLayout.alOffset(backing)
                + "\nbm_offset " + MdLayout.bmOffset(backing) + "\n\nFound ext3 filesystem\n"
                + String.format(
                        "%12d kB data area apparently used\n%12d kB left usable by current configuration\n\n",
                        usedKb, usableKb);
        if (usedKb > usableKb) {
            return new Outcome(
                    40,
                    report + "Device size would be truncated, which\nwould corrupt data and result in\n"
                            + "'access beyond end of device' errors.\nYou need to either\n"
                            + "   * use external meta data (recommended)\n   * shrink that filesystem first\n"
                            + "   * zero out the device (destroy the filesystem)\nOperation refused.\n\n",
                    "");
        }
        report += "Even though it looks like this would place the new meta data into\n"
                + "unused space, you still need to confirm, as this is only a guess.\n";
        if (!force) {
            return new Outcome(
                    1,
                    report + "Operation canceled.\n",
                    "\nDo you want to proceed?\nstdin not a TTY, not waiting for confirmation\n");
        }
        return new Outcome(0, report, "\nDo you want to proceed?\n*** confirmation forced via --force option ***\n");
    }

    /** {@code apply-al}: replays the activity log into the bitmap and marks the meta data clean. */
    static Outcome applyAl(DrbdNode n) {
        if (n.attached()) {
            return Replies.configured(n, "apply-al");
        }
        if (NodeDisk.backing(n).isEmpty()) {
            return noDisk(n, "apply-al");
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
        if (NodeDisk.backing(n).isEmpty()) {
            return noDisk(n, "dump-md");
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
        n.superBlock.laSizeSect = n.device.sizeBytes() / 512;
        n.superBlock.alExtents = 1237;
        if (n.superBlock.deviceUuid == 0) {
            n.superBlock.deviceUuid = n.pair.newUuid(false);
        }
    }

    /**
     * drbdmeta cannot open a backing disk that does not exist (storage not prepared): {@code open(DISK) failed: No
     * such file or directory}, exit 20 (captured from drbd-utils 9.22's drbdmeta on this machine for create-md,
     * apply-al, wipe-md and dump-md), and drbdadm names the command that failed.
     */
    static Outcome noDisk(DrbdNode n, String metaCmd) {
        return Outcome.fail(
                20,
                "open(" + n.config.disk() + ") failed: No such file or directory\n"
                        + Replies.commandLine(Replies.meta(n, metaCmd), 20));
    }

    /**
     * {@code wipe-md} ({@code drbdadm -- --force wipe-md R} runs {@code drbdmeta ... wipe-md --force}). Captured from
     * drbd-utils 9.22's drbdmeta on a loop device: with {@code --force} the question and {@code *** confirmation
     * forced via --force option ***} on stderr, {@code Wiping meta data...} and {@code DRBD meta data block
     * successfully wiped out.} on stdout, exit 0; without it, stdin not a terminal, {@code stdin not a TTY, not waiting
     * for confirmation} and {@code Operation cancelled.}, exit 1; no meta data → {@code There appears to be no drbd
     * meta data to wipe out?}, exit 0. Refused while attached, as every drbdmeta command that writes.
     */
    static Outcome wipeMd(DrbdNode n, boolean force) {
        String cmd = "wipe-md" + (force ? " --force" : "");
        if (n.attached()) {
            return Replies.configured(n, cmd);
        }
        if (NodeDisk.backing(n).isEmpty()) {
            return noDisk(n, cmd);
        }
        if (!n.metadata) {
            return Outcome.fail(0, "There appears to be no drbd meta data to wipe out?\n");
        }
        String question = "\nDo you really want to wipe out the DRBD meta data?\n";
        if (!force) {
            return new Outcome(
                    1, "Operation cancelled.\n", question + "stdin not a TTY, not waiting for confirmation\n");
        }
        destroyed(n, "wipe-md");
        return new Outcome(
                0,
                "Wiping meta data...\nDRBD meta data block successfully wiped out.\n",
                question + "*** confirmation forced via --force option ***\n");
    }

    /**
     * The node's meta data is gone (wiped, or written over): no UUIDs, flags or bitmap, and its copy no longer counts
     * as data (the writes it held are lost unless the peer has them). {@code create-md} works again without
     * {@code --force}, and {@code up} then attaches it Inconsistent, a full SyncTarget.
     */
    static void destroyed(DrbdNode n, String why) {
        n.metadata = false;
        n.mdConsistent = false;
        n.mdWasUpToDate = false;
        n.mdPrimaryInd = false;
        n.mdPeerOutDated = false;
        n.mdCrashedPrimary = false;
        n.uuidCurrent = 0;
        n.uuidBitmap = 0;
        n.uuidHistory0 = 0;
        n.uuidHistory1 = 0;
        n.oosBits = 0;
        n.ownBits = 0;
        n.gens.clear();
        n.pair.log(n.name + ": meta data destroyed (" + why + ")");
    }
}
