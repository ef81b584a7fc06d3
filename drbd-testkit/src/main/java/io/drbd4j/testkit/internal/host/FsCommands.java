package io.drbd4j.testkit.internal.host;

import io.drbd4j.testkit.internal.Outcome;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Growing and checking ext4: {@code resize2fs DEV}, {@code e2fsck -f -y DEV} and {@code df -B1
 * --output=size,used,avail PATH}. Captured from e2fsprogs 1.47.0 and coreutils 9.1 (Debian 12) on loop devices, except
 * where a method says otherwise. The sizes follow {@link Ext4Geometry}.
 */
final class FsCommands {
    static final String RESIZE2FS_VERSION = "resize2fs 1.47.0 (5-Feb-2023)\n";
    static final String E2FSCK_VERSION = "e2fsck 1.47.0 (5-Feb-2023)\n";
    private static final String NO_SUPERBLOCK = "Couldn't find valid filesystem superblock.\n";

    /** The root filesystem df reports for a path on no simulated mount: an ext4 of 20 GiB (an assumption). */
    private static final Ext4Geometry ROOT_FS = Ext4Geometry.fresh(20L << 30);

    private final SimulatedHost host;

    FsCommands(SimulatedHost host) {
        this.host = host;
    }

    /**
     * {@code resize2fs DEV}: grows the filesystem to the device size. Captured: a missing device → {@code open: No
     * such file or directory while opening DEV}; a blank one → {@code Bad magic number in super-block}; a device held
     * open exclusively (as DRBD holds its attached backing disk) → {@code Device or resource busy while trying to open
     * DEV}, each with {@code Couldn't find valid filesystem superblock.} on stdout where the open failed, exit 1; the
     * same size → {@code Nothing to do!}, exit 0 (mounted or not); unmounted and mounted since the last check →
     * {@code Please run 'e2fsck -f DEV' first.}, exit 1 (resize2fs compares whole seconds, {@code s_lastcheck <
     * s_mtime}: the simulation takes every mount as later than the check or mkfs before it); unmounted and checked → {@code Resizing the filesystem ...},
     * exit 0. Mounted, the online grow prints {@code Filesystem at DEV is mounted on P; on-line resizing required} and
     * the descriptor counts (captured) and {@code The filesystem on DEV is now N (4k) blocks long.} (inferred from
     * e2fsprogs resize/main.c: the capturing container refused EXT4_IOC_RESIZE_FS). Inferred: a DRBD Secondary's
     * device fails the open with EMEDIUMTYPE ({@code Wrong medium type}), as the EBUSY case reads.
     *
     * <p>On the backing disk of a DRBD device that is down, the filesystem DRBD replicates is there (DRBD puts it at
     * the start and its internal meta data at the end): growing it to the whole disk writes the new groups' tables
     * over DRBD's meta data, which {@link DeviceGate#overwroteMetaData} reports to the DRBD layer; the filesystem then
     * claims more blocks than the DRBD device has, so it no longer mounts there.
     */
    Outcome resize2fs(List<String> args) {
        if (args.size() != 1 || args.get(0).startsWith("-")) {
            return SimulatedHost.unsupported(SimulatedHost.prepend("resize2fs", args));
        }
        String device = args.get(0);
        BlockDevice target = host.deviceTable().get(device);
        if (target == null) {
            return Outcome.fail(
                    1, RESIZE2FS_VERSION + "open: No such file or directory while opening " + device + "\n");
        }
        String mountPoint = mountPointOf(target);
        if (host.gate().isDrbd(device) && !host.gate().canOpen(device)) {
            return openFailed(device, "Wrong medium type");
        }
        if (mountPoint == null && host.gate().holderOf(device).isPresent()) {
            return openFailed(device, "Device or resource busy");
        }
        Optional<Volume> fs = host.filesystemOn(device);
        if (fs.isEmpty() || fs.get().geometry().isEmpty()) {
            return openFailed(device, "Bad magic number in super-block");
        }
        Volume volume = fs.get();
        Ext4Geometry before = volume.geometry().orElseThrow();
        Ext4Geometry after = before.grownTo(target.sizeBytes());
        String unit = "(" + before.blockSize() / 1024 + "k)";
        if (mountPoint == null && volume.mountedSinceCheck()) {
            return Outcome.fail(1, RESIZE2FS_VERSION + "Please run 'e2fsck -f " + device + "' first.\n\n");
        }
        if (after.blocks() == before.blocks()) {
            return new Outcome(
                    0,
                    "",
                    RESIZE2FS_VERSION + "The filesystem is already " + before.blocks() + " " + unit
                            + " blocks long.  Nothing to do!\n\n");
        }
        String done = "The filesystem on " + device + " is now " + after.blocks() + " " + unit + " blocks long.\n\n";
        volume.geometry(after);
        if (mountPoint != null) {
            return new Outcome(
                    0,
                    "Filesystem at " + device + " is mounted on " + mountPoint + "; on-line resizing required\n"
                            + "old_desc_blocks = " + before.descBlocks() + ", new_desc_blocks = " + after.descBlocks()
                            + "\n" + done,
                    RESIZE2FS_VERSION);
        }
        if (!host.deviceTable().get(device).volume().isPresent()) {
            host.gate().overwroteMetaData(device);
        }
        return new Outcome(
                0,
                "Resizing the filesystem on " + device + " to " + after.blocks() + " " + unit + " blocks.\n" + done,
                RESIZE2FS_VERSION);
    }

    private static Outcome openFailed(String device, String why) {
        return new Outcome(
                1, NO_SUPERBLOCK, RESIZE2FS_VERSION + "resize2fs: " + why + " while trying to open " + device + "\n");
    }

    private String mountPointOf(BlockDevice device) {
        for (Map.Entry<String, BlockDevice> m : host.mountTable().entrySet()) {
            if (m.getValue() == device) {
                return m.getKey();
            }
        }
        return null;
    }

    /**
     * {@code e2fsck -f -y DEV}. Captured: the five passes and {@code DEV: I/N files (0.0% non-contiguous), B/M
     * blocks}, exit 0; a mounted filesystem → {@code DEV is mounted.} and {@code e2fsck: Cannot continue, aborting.},
     * exit 8; no filesystem → {@code Bad magic number in super-block} and the superblock advice, exit 8. A
     * filesystem larger than its device (resize2fs ran on DRBD's backing disk) is not modelled here.
     */
    Outcome e2fsck(List<String> args) {
        if (args.size() != 3
                || !args.get(0).equals("-f")
                || !args.get(1).equals("-y")
                || args.get(2).startsWith("-")) {
            return SimulatedHost.unsupported(SimulatedHost.prepend("e2fsck", args));
        }
        String device = args.get(2);
        BlockDevice target = host.deviceTable().get(device);
        if (target != null && mountPointOf(target) != null) {
            return new Outcome(
                    8, device + " is mounted.\n", E2FSCK_VERSION + "e2fsck: Cannot continue, aborting.\n\n\n");
        }
        if (target != null && host.gate().isDrbd(device) && !host.gate().canOpen(device)) {
            return new Outcome(
                    8, "", E2FSCK_VERSION + "e2fsck: Wrong medium type while trying to open " + device + "\n");
        }
        Optional<Volume> fs = target == null ? Optional.empty() : host.filesystemOn(device);
        if (fs.isEmpty() || fs.get().geometry().isEmpty()) {
            String why = target == null ? "No such file or directory" : "Bad magic number in super-block";
            return new Outcome(
                    8,
                    badSuperblock(why),
                    E2FSCK_VERSION + "e2fsck: " + why + " while trying to open " + device + "\n");
        }
        Volume volume = fs.get();
        Ext4Geometry g = volume.geometry().orElseThrow();
        long files = volume.extraInodes();
        long groups = (g.blocks() - (g.blockSize() == 1024 ? 1 : 0) + 8L * g.blockSize() - 1) / (8L * g.blockSize());
        long usedBlocks = g.overheadBlocks() + g.dfUsedBytes(volume.extraBlocks(g.blockSize())) / g.blockSize();
        volume.mountedSinceCheck(false);
        return new Outcome(
                0,
                "Pass 1: Checking inodes, blocks, and sizes\nPass 2: Checking directory structure\n"
                        + "Pass 3: Checking directory connectivity\nPass 4: Checking reference counts\n"
                        + "Pass 5: Checking group summary information\n"
                        + device + ": " + (11 + files) + "/" + g.inodesPerGroup() * groups
                        + " files (0.0% non-contiguous), " + usedBlocks + "/" + g.blocks() + " blocks\n",
                E2FSCK_VERSION);
    }

    private static String badSuperblock(String why) {
        if (!why.startsWith("Bad magic")) {
            return "";
        }
        return "ext2fs_open2: Bad magic number in super-block\ne2fsck: Superblock invalid, trying backup blocks...\n\n"
                + "The superblock could not be read or does not describe a valid ext2/ext3/ext4\n"
                + "filesystem.  If the device is valid and it really contains an ext2/ext3/ext4\n"
                + "filesystem (and not swap or ufs or something else), then the superblock\n"
                + "is corrupt, and you might try running e2fsck with an alternate superblock:\n"
                + "    e2fsck -b 8193 <device>\n or\n    e2fsck -b 32768 <device>\n\n";
    }

    /**
     * {@code df -B1 --output=size,used,avail PATH}: the filesystem the path is on. Captured: a header of {@code
     * 1B-blocks}, {@code Used}, {@code Avail}, each column right-aligned as wide as its widest entry, one blank apart;
     * a missing path → {@code df: PATH: No such file or directory}, exit 1.
     */
    Outcome df(List<String> args) {
        if (args.size() != 3 || !args.get(0).equals("-B1") || !args.get(1).equals("--output=size,used,avail")) {
            return SimulatedHost.unsupported(SimulatedHost.prepend("df", args));
        }
        String path = args.get(2);
        if (!host.files().lookup(path).found()) {
            return Outcome.fail(1, "df: " + path + ": No such file or directory\n");
        }
        String normalized = FileCommands.normalize(path);
        Ext4Geometry g = ROOT_FS;
        long files = 0;
        for (String point : host.mountPointsLongestFirst()) {
            if (normalized.equals(point) || normalized.startsWith(point + "/")) {
                Volume v = host.mountTable().get(point).volume().orElseThrow();
                g = v.geometry().orElse(ROOT_FS);
                files = v.extraBlocks(g.blockSize());
                break;
            }
        }
        String[] head = {"1B-blocks", "Used", "Avail"};
        String[] row = {
            Long.toString(g.dfSizeBytes()), Long.toString(g.dfUsedBytes(files)), Long.toString(g.dfAvailBytes(files))
        };
        StringBuilder h = new StringBuilder();
        StringBuilder r = new StringBuilder();
        for (int c = 0; c < 3; c++) {
            int w = Math.max(head[c].length(), row[c].length());
            String sep = c == 0 ? "" : " ";
            h.append(sep).append(" ".repeat(w - head[c].length())).append(head[c]);
            r.append(sep).append(" ".repeat(w - row[c].length())).append(row[c]);
        }
        return Outcome.ok(h + "\n" + r + "\n");
    }
}
