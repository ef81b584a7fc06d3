package io.drbd4j.testkit.internal.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.testkit.internal.Outcome;
import org.junit.jupiter.api.Test;

/**
 * resize2fs, e2fsck, df, blkid's export and lsblk on one host, against what e2fsprogs 1.47.0, coreutils 9.1 and
 * util-linux 2.38.1 printed for the same steps on loop devices (the device names changed).
 */
class FsCommandsTest {
    private static final long MIB = 1L << 20;
    private static final String DEV = "/dev/sdc";
    private static final String V = FsCommands.RESIZE2FS_VERSION;

    private final FakeGate gate = new FakeGate();
    private final SimulatedHost host = new SimulatedHost("be1", gate);

    private Outcome run(String... argv) {
        return host.run(argv);
    }

    private static String df(long size, long used, long avail) {
        String s = Long.toString(size);
        String u = Long.toString(used);
        String a = Long.toString(avail);
        int ws = Math.max(9, s.length());
        int wu = Math.max(4, u.length());
        int wa = Math.max(5, a.length());
        return String.format(
                "%" + ws + "s %" + wu + "s %" + wa + "s\n%" + ws + "s %" + wu + "s %" + wa + "s\n",
                "1B-blocks",
                "Used",
                "Avail",
                s,
                u,
                a);
    }

    /** df of a fresh filesystem made by mkfs.ext4 on a device of {@code mib} MiB, as the real df showed it. */
    @Test
    void freshFilesystemsHaveTheSizesDfShowed() {
        long[][] seen = {
            {128, 120015872, 14336, 110607360},
            {256, 241081344, 14336, 223451136},
            {300, 284285952, 14336, 264348672},
            {1024, 1020702720, 24576, 950214656},
            {1200, 1201283072, 24576, 1121566720},
            {1400, 1407057920, 24576, 1316855808},
            {2048, 2040373248, 24576, 1916198912},
            {3000, 3020029952L, 24576, 2845941760L}
        };
        for (long[] row : seen) {
            Ext4Geometry g = Ext4Geometry.fresh(row[0] * MIB);
            assertThat(new long[] {g.dfSizeBytes(), g.dfUsedBytes(0), g.dfAvailBytes(0)})
                    .as("%d MiB", row[0])
                    .containsExactly(row[1], row[2], row[3]);
        }
    }

    @Test
    void grownFilesystemsHaveTheSizesDfShowed() {
        Ext4Geometry a = Ext4Geometry.fresh(1024 * MIB).grownTo(1200 * MIB);
        assertThat(new long[] {a.dfSizeBytes(), a.dfAvailBytes(0)}).containsExactly(1200513024L, 1120800768L);
        Ext4Geometry b = Ext4Geometry.fresh(128 * MIB).grownTo(200 * MIB);
        assertThat(new long[] {b.dfSizeBytes(), b.dfUsedBytes(0), b.dfAvailBytes(0)})
                .containsExactly(190776320L, 14336L, 176082944L);
        Ext4Geometry c = Ext4Geometry.fresh(2048 * MIB).grownTo(5120 * MIB);
        assertThat(new long[] {c.dfSizeBytes(), c.dfAvailBytes(0)}).containsExactly(5208965120L, 4923731968L);
    }

    @Test
    void resize2fsGrowsAnUnmountedFilesystemUntilItWasMountedThenWantsAFsck() {
        BlockDevice dev = host.addDevice(DEV, 1024 * MIB);
        run("mkfs.ext4", "-q", "-E", "nodiscard", DEV);
        assertThat(run("resize2fs", DEV))
                .isEqualTo(new Outcome(
                        0, "", V + "The filesystem is already 262144 (4k) blocks long.  Nothing to do!\n\n"));
        dev.resize(1200 * MIB);
        assertThat(run("resize2fs", DEV))
                .isEqualTo(new Outcome(
                        0,
                        "Resizing the filesystem on /dev/sdc to 307200 (4k) blocks.\n"
                                + "The filesystem on /dev/sdc is now 307200 (4k) blocks long.\n\n",
                        V));
        assertThat(run("e2fsck", "-f", "-y", DEV))
                .isEqualTo(new Outcome(
                        0,
                        "Pass 1: Checking inodes, blocks, and sizes\nPass 2: Checking directory structure\n"
                                + "Pass 3: Checking directory connectivity\nPass 4: Checking reference counts\n"
                                + "Pass 5: Checking group summary information\n"
                                + "/dev/sdc: 11/81920 files (0.0% non-contiguous), 14112/307200 blocks\n",
                        FsCommands.E2FSCK_VERSION));
        run("mkdir", "-p", "/mnt/x");
        run("mount", DEV, "/mnt/x");
        assertThat(run("df", "-B1", "--output=size,used,avail", "/mnt/x"))
                .isEqualTo(Outcome.ok(" 1B-blocks  Used      Avail\n1200513024 24576 1120800768\n"));
        assertThat(run("e2fsck", "-f", "-y", DEV))
                .isEqualTo(new Outcome(
                        8,
                        "/dev/sdc is mounted.\n",
                        FsCommands.E2FSCK_VERSION + "e2fsck: Cannot continue, aborting.\n\n\n"));
        run("umount", "/mnt/x");
        dev.resize(1500 * MIB);
        assertThat(run("resize2fs", DEV)).isEqualTo(Outcome.fail(1, V + "Please run 'e2fsck -f /dev/sdc' first.\n\n"));
        assertThat(run("e2fsck", "-f", "-y", DEV).exitCode()).isZero();
        assertThat(run("resize2fs", DEV).stdout()).endsWith("is now 384000 (4k) blocks long.\n\n");
    }

    @Test
    void resize2fsGrowsAMountedFilesystemOnline() {
        BlockDevice dev = host.addDevice(DEV, 1024 * MIB);
        run("mkfs.ext4", "-q", DEV);
        run("mkdir", "-p", "/mnt/x");
        run("mount", DEV, "/mnt/x");
        run("mkdir", "-p", "/mnt/x/d");
        run("touch", "/mnt/x/d/f");
        host.run(java.util.List.of("tee", "/mnt/x/d/f"), "hi\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(run("df", "-B1", "--output=size,used,avail", "/mnt/x/d"))
                .as("two more blocks for a directory and a file of 3 bytes")
                .isEqualTo(Outcome.ok(" 1B-blocks  Used     Avail\n1020702720 32768 950206464\n"));
        assertThat(run("resize2fs", DEV).stderr()).endsWith("Nothing to do!\n\n");
        dev.resize(1400 * MIB);
        assertThat(run("resize2fs", DEV))
                .isEqualTo(new Outcome(
                        0,
                        "Filesystem at /dev/sdc is mounted on /mnt/x; on-line resizing required\n"
                                + "old_desc_blocks = 1, new_desc_blocks = 1\n"
                                + "The filesystem on /dev/sdc is now 358400 (4k) blocks long.\n\n",
                        V));
        assertThat(run("df", "-B1", "--output=size,used,avail", "/mnt/x").stdout())
                .isEqualTo(df(
                        Ext4Geometry.fresh(1024 * MIB).grownTo(1400 * MIB).dfSizeBytes(),
                        32768,
                        Ext4Geometry.fresh(1024 * MIB).grownTo(1400 * MIB).dfAvailBytes(2)));
    }

    @Test
    void resize2fsFailsToOpen() {
        host.addDevice(DEV, 1024 * MIB);
        host.addDevice("/dev/drbd0", 1024 * MIB);
        String noSb = "Couldn't find valid filesystem superblock.\n";
        assertThat(run("resize2fs", "/dev/nonexist"))
                .isEqualTo(Outcome.fail(1, V + "open: No such file or directory while opening /dev/nonexist\n"));
        assertThat(run("resize2fs", DEV))
                .isEqualTo(new Outcome(
                        1, noSb, V + "resize2fs: Bad magic number in super-block while trying to open /dev/sdc\n"));
        assertThat(run("resize2fs", "/dev/drbd0"))
                .as("a Secondary's DRBD device")
                .isEqualTo(new Outcome(1, noSb, V + "resize2fs: Wrong medium type while trying to open /dev/drbd0\n"));
        assertThat(run("df", "-B1", "--output=size,used,avail", "/nonexist"))
                .isEqualTo(Outcome.fail(1, "df: /nonexist: No such file or directory\n"));
    }

    @Test
    void blkidExportShowsWhatEachDiskHolds() {
        host.addDevice("/dev/sdb", 1024 * MIB);
        StorageSetup.spareDisk(host, "/dev/sdc", 1024 * MIB, StorageSetup.Contents.EXT4, null);
        StorageSetup.spareDisk(host, "/dev/sdd", 256 * MIB, StorageSetup.Contents.PARTITIONED, "/mnt/d");
        StorageSetup.spareDisk(host, "/dev/sde", 256 * MIB, StorageSetup.Contents.LVM_PV, null);
        assertThat(run("blkid", "-p", "-o", "export", "/dev/sdb")).isEqualTo(Outcome.fail(2, ""));
        assertThat(run("blkid", "-p", "-o", "export", "/dev/nonexist")).isEqualTo(Outcome.fail(2, ""));
        assertThat(run("blkid", "-p", "-o", "export", "/dev/sdc").stdout())
                .matches("DEVNAME=/dev/sdc\nUUID=[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\n"
                        + "VERSION=1.0\nBLOCK_SIZE=4096\nTYPE=ext4\nUSAGE=filesystem\n");
        assertThat(run("blkid", "-p", "-o", "export", "/dev/sdd").stdout())
                .matches("DEVNAME=/dev/sdd\nPTUUID=[0-9a-f]{8}\nPTTYPE=dos\n");
        assertThat(run("blkid", "-p", "-o", "export", "/dev/sdd1").stdout()).contains("BLOCK_SIZE=1024\nTYPE=ext4\n");
        assertThat(run("blkid", "-p", "-o", "export", "/dev/sde").stdout())
                .matches("DEVNAME=/dev/sde\nUUID=[A-Za-z0-9]{6}(-[A-Za-z0-9]{4}){5}-[A-Za-z0-9]{6}\n"
                        + "VERSION=LVM2\\\\ 001\nTYPE=LVM2_member\nUSAGE=raid\n");
        assertThat(run("blkid", "-p", "-o", "export", "/dev/sdc"))
                .as("stable")
                .isEqualTo(run("blkid", "-p", "-o", "export", "/dev/sdc"));
        assertThat(run("lsblk", "-n", "-r", "-o", "NAME,TYPE,MOUNTPOINT", "/dev/sdb"))
                .isEqualTo(Outcome.ok("sdb disk \n"));
        assertThat(run("lsblk", "-n", "-r", "-o", "NAME,TYPE,MOUNTPOINT", "/dev/sdd"))
                .isEqualTo(Outcome.ok("sdd disk \nsdd1 part /mnt/d\n"));
        assertThat(run("lsblk", "-n", "-r", "-o", "NAME,TYPE,MOUNTPOINT", "/dev/nonexist"))
                .isEqualTo(Outcome.fail(32, "lsblk: /dev/nonexist: not a block device\n"));
    }

    @Test
    void lsblkShowsTheLogicalVolumesOnADisk() {
        StorageSetup.lvmLayout(host, "/dev/sdb", "opscode", "drbd", 1024 * MIB, 256 * MIB);
        run("lvcreate", "-y", "-n", "x-y", "-l", "100%FREE", "opscode");
        assertThat(run("lsblk", "-n", "-r", "-o", "NAME,TYPE,MOUNTPOINT", "/dev/sdb"))
                .isEqualTo(Outcome.ok("sdb disk \nopscode-drbd lvm \nopscode-x--y lvm \n"));
        assertThat(run("blkid", "-p", "-o", "export", "/dev/sdb").stdout()).contains("TYPE=LVM2_member\n");
    }
}
