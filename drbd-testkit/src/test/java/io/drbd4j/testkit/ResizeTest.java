package io.drbd4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.exec.runner.CommandResult;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Growing the DRBD volume (W11) on the simulated pair: lvextend, {@code drbdadm resize} and its resync of the new
 * area, {@code /sys/block/drbd0/size}, resize2fs and df; and the refusals.
 */
class ResizeTest {
    private static final String MOUNT = "/var/opt/opscode/drbd/data";
    private static final String LV = "/dev/opscode/drbd";

    /** 1.25 GiB: the 1 GiB LV plus the quarter the VG keeps free. */
    private static final String GROWN = "1342177280b";

    /**
     * The DRBD device of a 1.25 GiB backing disk: 1,310,720 KiB less 76 KiB of internal meta data (4 KiB super
     * block, 32 KiB activity log, 40 KiB bitmap).
     */
    private static final long GROWN_DEVICE_KIB = 1310644;

    private static Pairs mounted(String dialect) {
        Pairs p = Pairs.of(dialect).synced();
        p.ok("be1", "mkdir", "-p", MOUNT);
        p.ok("be1", "mkfs.ext4", "-q", "/dev/drbd0");
        p.ok("be1", "mount", "/dev/drbd0", MOUNT);
        p.cluster.write("be1", 64);
        return p;
    }

    private static String setup(String dialect, String cmd) {
        return dialect.equals("8.3") ? "drbdsetup-83 0 " + cmd : "drbdsetup-84 " + cmd + " 0";
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.3", "8.4"})
    void resizeGrowsBothDevicesAndResyncsTheNewAreaFromThePrimary(String dialect) {
        Pairs p = mounted(dialect);
        assertThat(p.ok("be2", "cat", "/sys/block/drbd0/size").stdoutText()).isEqualTo(Pairs.GIB_DEVICE_KIB * 2 + "\n");
        for (String h : new String[] {"be1", "be2"}) {
            assertThat(p.ok(h, "lvextend", "-L", GROWN, "opscode/drbd").stdoutText())
                    .isEqualTo("  Size of logical volume opscode/drbd changed from 1.00 GiB (256 extents) to 1.25 GiB"
                            + " (320 extents).\n  Logical volume opscode/drbd successfully resized.\n");
        }
        assertThat(p.ok("be1", "cat", "/sys/block/drbd0/size").stdoutText())
                .as("DRBD sees the grown disk only at resize")
                .isEqualTo(Pairs.GIB_DEVICE_KIB * 2 + "\n");
        CommandResult resize = p.ok("be1", "drbdadm", "resize", "pc0");
        assertThat(resize.stdoutText()).isEmpty();
        assertThat(resize.stderrText()).isEmpty();
        for (String h : new String[] {"be1", "be2"}) {
            assertThat(p.ok(h, "cat", "/sys/block/drbd0/size").stdoutText()).isEqualTo(GROWN_DEVICE_KIB * 2 + "\n");
        }
        assertThat(p.state("be1")).startsWith("cs:SyncSource ro:Primary/Secondary ds:UpToDate/Inconsistent C");
        assertThat(p.state("be2")).startsWith("cs:SyncTarget ro:Secondary/Primary ds:Inconsistent/UpToDate C");
        assertThat(p.node("be2").oosKiB()).isEqualTo(GROWN_DEVICE_KIB - Pairs.GIB_DEVICE_KIB);
        assertThat(p.run("be1", "drbdadm", "resize", "pc0").stderrText())
                .isEqualTo("0: Failure: (130) Resize not allowed during resync.\nCommand '" + setup(dialect, "resize")
                        + "' terminated with exit code 10\n");
        p.advanceUntil(() -> p.node("be2").disk().label().equals("UpToDate"), Duration.ofMinutes(10));
        assertThat(p.state("be1")).startsWith("cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C");

        String before =
                p.ok("be1", "df", "-B1", "--output=size,used,avail", MOUNT).stdoutText();
        CommandResult grow = p.ok("be1", "resize2fs", "/dev/drbd0");
        assertThat(grow.stdoutText())
                .isEqualTo("Filesystem at /dev/drbd0 is mounted on " + MOUNT + "; on-line resizing required\n"
                        + "old_desc_blocks = 1, new_desc_blocks = 1\n"
                        + "The filesystem on /dev/drbd0 is now 327661 (4k) blocks long.\n\n");
        assertThat(grow.stderrText()).isEqualTo("resize2fs 1.47.0 (5-Feb-2023)\n");
        String after =
                p.ok("be1", "df", "-B1", "--output=size,used,avail", MOUNT).stdoutText();
        assertThat(size(after)).isGreaterThan(size(before) + (250L << 20));
        assertThat(p.ok("be1", "resize2fs", "/dev/drbd0").stderrText()).endsWith("Nothing to do!\n\n");
        assertThat(p.cluster.dataLossDetector().report()).isEmpty();
    }

    private static long size(String df) {
        return Long.parseLong(df.split("\n")[1].strip().split(" +")[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.3", "8.4"})
    void resize2fsOnTheSecondaryOrOnTheAttachedBackingDiskFailsToOpen(String dialect) {
        Pairs p = mounted(dialect);
        CommandResult secondary = p.run("be2", "resize2fs", "/dev/drbd0");
        assertThat(secondary.exitCode()).isEqualTo(1);
        assertThat(secondary.stdoutText()).isEqualTo("Couldn't find valid filesystem superblock.\n");
        assertThat(secondary.stderrText())
                .isEqualTo("resize2fs 1.47.0 (5-Feb-2023)\nresize2fs: Wrong medium type while trying to open"
                        + " /dev/drbd0\n");
        for (String h : new String[] {"be1", "be2"}) {
            CommandResult backing = p.run(h, "resize2fs", LV);
            assertThat(backing.exitCode()).isEqualTo(1);
            assertThat(backing.stderrText())
                    .isEqualTo("resize2fs 1.47.0 (5-Feb-2023)\nresize2fs: Device or resource busy while trying to open "
                            + LV + "\n");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.3", "8.4"})
    void resize2fsOnTheBackingDiskOfADownNodeDestroysItsMetaData(String dialect) {
        Pairs p = mounted(dialect);
        p.ok("be2", "drbdadm", "down", "pc0");
        p.ok("be2", "lvextend", "-L", GROWN, "opscode/drbd");
        assertThat(p.run("be2", "resize2fs", LV).stderrText())
                .as("the copy was mounted on be1 since its last check")
                .isEqualTo("resize2fs 1.47.0 (5-Feb-2023)\nPlease run 'e2fsck -f " + LV + "' first.\n\n");
        assertThat(p.ok("be2", "e2fsck", "-f", "-y", LV).stdoutText()).contains(LV + ": 11/");
        assertThat(p.ok("be2", "resize2fs", LV).stdoutText())
                .isEqualTo("Resizing the filesystem on " + LV + " to 327680 (4k) blocks.\n" + "The filesystem on " + LV
                        + " is now 327680 (4k) blocks long.\n\n");
        assertThat(p.run("be2", "drbdadm", "dump-md", "pc0").stderrText()).isEqualTo("No valid meta data found\n");
        assertThat(p.cluster.filesystemDamaged("be2")).isTrue();
        assertThat(p.cluster.filesystemDamaged("be1")).isFalse();
        assertThat(p.cluster.dataLossDetector().report())
                .as("be1 holds every write")
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.3", "8.4"})
    void resize2fsOnTheBackingDiskOfTheOnlyUpToDateCopyLosesItsWrites(String dialect) {
        Pairs p = mounted(dialect);
        p.ok("be2", "drbdadm", "disconnect", "pc0");
        long newest = p.cluster.write("be1", 64);
        p.ok("be1", "umount", MOUNT);
        p.ok("be1", "drbdadm", "down", "pc0");
        p.ok("be1", "lvextend", "-L", GROWN, "opscode/drbd");
        p.ok("be1", "e2fsck", "-f", "-y", LV);
        p.ok("be1", "resize2fs", LV);
        var losses = p.cluster.dataLossDetector().violations();
        assertThat(losses).hasSize(1);
        assertThat(losses.get(0).generations()).contains(newest);
        assertThat(losses.get(0).cause()).isEqualTo("be1: resize2fs " + LV);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.3", "8.4"})
    void resizeRefusals(String dialect) {
        Pairs p = Pairs.of(dialect);
        assertThat(p.run("be1", "drbdadm", "resize", "pc0").stderrText()).contains("(127) Device minor not allocated");
        p.upFresh();
        assertThat(p.run("be1", "drbdadm", "resize", "pc0").stderrText())
                .isEqualTo("0: Failure: (131) Need one Primary node to resize.\nCommand '" + setup(dialect, "resize")
                        + "' terminated with exit code 10\n");
        p.ok("be1", "drbdadm", "detach", "pc0");
        // 8.4.11 asks for the disk first, 8.3 for a Primary first
        assertThat(p.run("be1", "drbdadm", "resize", "pc0").stderrText())
                .startsWith(
                        dialect.equals("8.4")
                                ? "0: Failure: (138) Device does not have a disk-config\n"
                                : "0: Failure: (131) Need one Primary node to resize.\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.3", "8.4"})
    void resizeKeepsTheSizeWithoutAPeerOrWithASmallerPeer(String dialect) {
        Pairs p = mounted(dialect);
        p.ok("be1", "lvextend", "-L", GROWN, "opscode/drbd");
        p.ok("be1", "drbdadm", "resize", "pc0");
        assertThat(p.ok("be1", "cat", "/sys/block/drbd0/size").stdoutText())
                .as("the peer's disk did not grow")
                .isEqualTo(Pairs.GIB_DEVICE_KIB * 2 + "\n");
        assertThat(p.state("be1")).startsWith("cs:Connected");
        p.ok("be2", "lvextend", "-L", GROWN, "opscode/drbd");
        p.ok("be2", "drbdadm", "disconnect", "pc0");
        p.ok("be1", "drbdadm", "resize", "pc0");
        assertThat(p.ok("be1", "cat", "/sys/block/drbd0/size").stdoutText())
                .as("no peer to agree with")
                .isEqualTo(Pairs.GIB_DEVICE_KIB * 2 + "\n");
    }
}
