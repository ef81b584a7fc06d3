package io.drbd4j.testkit.internal.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.testkit.internal.Outcome;
import org.junit.jupiter.api.Test;

/**
 * The lvm2 commands on one host, against the texts lvm2 2.03.16 printed for the same steps on loop devices of 1 GiB
 * ({@code /dev/loop0} here {@code /dev/sdc}) and 512 MiB ({@code /dev/loop1}, here {@code /dev/sdd}).
 */
class LvmCommandsTest {
    private static final String[] PVS = {
        "pvs", "--noheadings", "--units", "b", "--nosuffix", "-o", "pv_name,vg_name,pv_size,pv_free"
    };
    private static final String VGS_FIELDS = "vg_name,vg_size,vg_free,vg_extent_size";
    private static final String LVS_FIELDS = "lv_path,lv_size";

    private final SimulatedHost host = new SimulatedHost("be1", new FakeGate());

    private Outcome run(String... argv) {
        return host.run(argv);
    }

    private Outcome vgs(String... vg) {
        String[] argv = {"vgs", "--noheadings", "--units", "b", "--nosuffix", "-o", VGS_FIELDS};
        return run(concat(argv, vg));
    }

    private Outcome lvs(String... target) {
        String[] argv = {"lvs", "--noheadings", "--units", "b", "--nosuffix", "-o", LVS_FIELDS};
        return run(concat(argv, target));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static Outcome err(int exit, String stdout, String stderr) {
        return new Outcome(exit, stdout, stderr);
    }

    @Test
    void theChefLayoutReportsItsDiskVolumeGroupAndLogicalVolume() {
        StorageSetup.lvmLayout(host, "/dev/sdb", "opscode", "drbd", 1L << 30, 256L << 20);
        assertThat(host.device("/dev/sdb").orElseThrow().sizeBytes()).isEqualTo((1L << 20) + (1280L << 20));
        assertThat(run(PVS)).isEqualTo(Outcome.ok("  /dev/sdb opscode 1342177280 268435456\n"));
        assertThat(vgs("opscode")).isEqualTo(Outcome.ok("  opscode 1342177280 268435456 4194304\n"));
        assertThat(lvs("opscode/drbd")).isEqualTo(Outcome.ok("  /dev/opscode/drbd 1073741824\n"));
        assertThat(host.device("/dev/opscode/drbd").orElseThrow().sizeBytes()).isEqualTo(1L << 30);
    }

    @Test
    void reportsOnAHostWithoutLvmAndMissingVolumes() {
        assertThat(run(PVS)).isEqualTo(Outcome.ok());
        String notFound = "  Volume group \"opscode\" not found\n  Cannot process volume group opscode\n";
        assertThat(vgs("opscode")).isEqualTo(Outcome.fail(5, notFound));
        assertThat(lvs("opscode/drbd")).isEqualTo(Outcome.fail(5, notFound));
        host.addDevice("/dev/sdc", 1L << 30);
        run("vgcreate", "opscode", "/dev/sdc");
        assertThat(lvs("opscode/drbd"))
                .isEqualTo(Outcome.fail(5, "  Failed to find logical volume \"opscode/drbd\"\n"));
        assertThat(lvs("opscode/nope"))
                .isEqualTo(Outcome.fail(5, "  Failed to find logical volume \"opscode/nope\"\n"));
        assertThat(lvs("opscode")).isEqualTo(Outcome.ok());
    }

    @Test
    void pvcreateVgcreateAndReports() {
        host.addDevice("/dev/sdc", 1L << 30);
        assertThat(run("pvcreate", "/dev/sdc"))
                .isEqualTo(Outcome.ok("  Physical volume \"/dev/sdc\" successfully created.\n"));
        assertThat(run(PVS)).isEqualTo(Outcome.ok("  /dev/sdc    1073741824 1073741824\n"));
        assertThat(run("pvcreate", "/dev/sdc"))
                .as("again on an orphan PV")
                .isEqualTo(Outcome.ok("  Physical volume \"/dev/sdc\" successfully created.\n"));
        assertThat(run("vgcreate", "opscode", "/dev/sdc"))
                .isEqualTo(Outcome.ok("  Volume group \"opscode\" successfully created\n"));
        assertThat(vgs("opscode")).isEqualTo(Outcome.ok("  opscode 1069547520 1069547520 4194304\n"));
        assertThat(run(PVS)).isEqualTo(Outcome.ok("  /dev/sdc opscode 1069547520 1069547520\n"));
        assertThat(run("vgcreate", "opscode", "/dev/sdd"))
                .isEqualTo(Outcome.fail(5, "  A volume group called opscode already exists.\n"));
        assertThat(run("vgcreate", "other", "/dev/nonexist"))
                .isEqualTo(Outcome.fail(5, "  No device found for /dev/nonexist.\n"));
        assertThat(run("pvcreate", "/dev/nonexist"))
                .isEqualTo(Outcome.fail(5, "  No device found for /dev/nonexist.\n"));
        assertThat(run("pvcreate", "/dev/sdc"))
                .isEqualTo(Outcome.fail(
                        5,
                        "  Can't initialize physical volume \"/dev/sdc\" of volume group \"opscode\" without -ff\n"
                                + "  /dev/sdc: physical volume not initialized.\n"));
    }

    @Test
    void lvcreateAndLvextendAsLvmAnswersThem() {
        host.addDevice("/dev/sdc", 1L << 30);
        run("vgcreate", "opscode", "/dev/sdc");
        assertThat(run("lvcreate", "-y", "-n", "drbd", "-L", "100000000b", "opscode"))
                .isEqualTo(Outcome.fail(
                        3,
                        "  Size is not a multiple of 512. Try using 99999744 or 100000256.\n"
                                + "  Invalid argument for --size: 100000000b\n"
                                + "  Error during parsing of command line.\n"));
        assertThat(run("lvcreate", "-y", "-n", "drbd", "-L", "100000256b", "opscode"))
                .isEqualTo(Outcome.ok(
                        "  Rounding up size to full physical extent 96.00 MiB\n  Logical volume \"drbd\" created.\n"));
        assertThat(lvs("opscode/drbd")).isEqualTo(Outcome.ok("  /dev/opscode/drbd 100663296\n"));
        assertThat(run("lvextend", "-L", "100663296b", "opscode/drbd"))
                .isEqualTo(Outcome.fail(5, "  New size (24 extents) matches existing size (24 extents).\n"));
        assertThat(run("lvextend", "-L", "50000384b", "opscode/drbd"))
                .isEqualTo(err(
                        5,
                        "  Rounding size to boundary between physical extents: 48.00 MiB.\n",
                        "  New size given (12 extents) not larger than existing size (24 extents)\n"));
        assertThat(run("lvextend", "-L", "2000000000b", "opscode/drbd"))
                .isEqualTo(err(
                        5,
                        "  Rounding size to boundary between physical extents: 1.86 GiB.\n",
                        "  Insufficient free space: 453 extents needed, but only 231 available\n"));
        assertThat(run("lvextend", "-L", "209715200b", "opscode/drbd"))
                .isEqualTo(Outcome.ok("  Size of logical volume opscode/drbd changed from 96.00 MiB (24 extents) to"
                        + " 200.00 MiB (50 extents).\n  Logical volume opscode/drbd successfully resized.\n"));
        assertThat(run("lvextend", "-L", "220000256b", "opscode/drbd"))
                .isEqualTo(Outcome.ok("  Rounding size to boundary between physical extents: 212.00 MiB.\n"
                        + "  Size of logical volume opscode/drbd changed from 200.00 MiB (50 extents) to"
                        + " 212.00 MiB (53 extents).\n  Logical volume opscode/drbd successfully resized.\n"));
        assertThat(host.device("/dev/opscode/drbd").orElseThrow().sizeBytes()).isEqualTo(222298112L);
        assertThat(run("lvextend", "-L", "300000256b", "opscode/nope"))
                .isEqualTo(Outcome.fail(5, "  Logical volume nope not found in volume group opscode.\n"));
        assertThat(run("lvextend", "-L", "300000256b", "nope/drbd"))
                .isEqualTo(Outcome.fail(5, "  Volume group \"nope\" not found\n  Cannot process volume group nope\n"));
        assertThat(run("lvcreate", "-y", "-n", "drbd", "-L", "100000256b", "opscode"))
                .isEqualTo(err(
                        5,
                        "  Rounding up size to full physical extent 96.00 MiB\n",
                        "  Logical Volume \"drbd\" already exists in volume group \"opscode\"\n"));
        assertThat(run("lvcreate", "-y", "-n", "big", "-L", "2000000000b", "opscode"))
                .isEqualTo(err(
                        5,
                        "  Rounding up size to full physical extent 1.86 GiB\n",
                        "  Volume group \"opscode\" has insufficient free space (202 extents): 477 required.\n"));
        assertThat(run("lvcreate", "-y", "-n", "big", "-L", "100000256b", "nope"))
                .isEqualTo(Outcome.fail(5, "  Volume group \"nope\" not found\n  Cannot process volume group nope\n"));
        assertThat(run("lvcreate", "-y", "-n", "p80", "-l", "50%VG", "opscode"))
                .isEqualTo(Outcome.ok("  Logical volume \"p80\" created.\n"));
        assertThat(run("lvcreate", "-y", "-n", "pf", "-l", "100%FREE", "opscode"))
                .isEqualTo(Outcome.ok("  Logical volume \"pf\" created.\n"));
        assertThat(run("lvcreate", "-y", "-n", "more", "-l", "10%FREE", "opscode"))
                .isEqualTo(Outcome.fail(5, "  Calculated size of logical volume is 0 extents. Needs to be larger.\n"));
        assertThat(lvs("opscode"))
                .isEqualTo(Outcome.ok("  /dev/opscode/drbd 222298112\n  /dev/opscode/p80  532676608\n"
                        + "  /dev/opscode/pf   314572800\n"));
        assertThat(vgs("opscode")).isEqualTo(Outcome.ok("  opscode 1069547520     0 4194304\n"));
        assertThat(run(PVS)).isEqualTo(Outcome.ok("  /dev/sdc opscode 1069547520     0\n"));
    }

    @Test
    void percentOfTheVolumeGroupIsCutToTheFreeSpace() {
        host.addDevice("/dev/sdy", 100L << 20);
        run("vgcreate", "yy", "/dev/sdy");
        assertThat(run("lvcreate", "-y", "-n", "a", "-l", "30%VG", "yy"))
                .isEqualTo(Outcome.ok("  Logical volume \"a\" created.\n"));
        assertThat(run("lvcreate", "-y", "-n", "b", "-l", "90%VG", "yy"))
                .isEqualTo(Outcome.ok("  Reducing 90%VG to remaining free space 68.00 MiB in VG.\n"
                        + "  Logical volume \"b\" created.\n"));
        assertThat(lvs("yy")).isEqualTo(Outcome.ok("  /dev/yy/a 29360128\n  /dev/yy/b 71303168\n"));
        assertThat(run("lvcreate", "-y", "-n", "c", "-l", "30%VG", "yy"))
                .isEqualTo(err(
                        5,
                        "  Reducing 30%VG to remaining free space 0    in VG.\n",
                        "  Calculated size of logical volume is 0 extents. Needs to be larger.\n"));
        assertThat(run("lvcreate", "-y", "-n", "d", "-L", "10b", "yy").stderr())
                .startsWith("  Size is not a multiple of 512. Try using 0 or 512.\n");
    }

    @Test
    void vgextendMakesThePhysicalVolumeAndExtendsTheGroup() {
        host.addDevice("/dev/sdc", 1L << 30);
        host.addDevice("/dev/sdd", 512L << 20);
        host.addDevice("/dev/sde", 100L << 20);
        run("vgcreate", "opscode", "/dev/sdc");
        run("lvcreate", "-y", "-n", "drbd", "-l", "100%FREE", "opscode");
        assertThat(run("vgextend", "opscode", "/dev/sdd"))
                .isEqualTo(Outcome.ok("  Physical volume \"/dev/sdd\" successfully created.\n"
                        + "  Volume group \"opscode\" successfully extended\n"));
        assertThat(run(PVS))
                .isEqualTo(Outcome.ok(
                        "  /dev/sdc opscode 1069547520         0\n" + "  /dev/sdd opscode  532676608 532676608\n"));
        assertThat(vgs("opscode")).isEqualTo(Outcome.ok("  opscode 1602224128 532676608 4194304\n"));
        assertThat(vgs()).isEqualTo(Outcome.ok("  opscode 1602224128 532676608 4194304\n"));
        String already = "  Physical volume '/dev/sdd' is already in volume group 'opscode'\n"
                + "  Unable to add physical volume '/dev/sdd' to volume group 'opscode'\n"
                + "  /dev/sdd: physical volume not initialized.\n";
        assertThat(run("vgextend", "opscode", "/dev/sdd")).isEqualTo(Outcome.fail(5, already));
        assertThat(run("vgextend", "nope", "/dev/sdd")).isEqualTo(Outcome.fail(5, already));
        assertThat(run("vgextend", "nope", "/dev/sde"))
                .isEqualTo(err(
                        5,
                        "  Physical volume \"/dev/sde\" successfully created.\n",
                        "  Volume group \"nope\" not found\n  Cannot process volume group nope\n"));
        assertThat(run("vgextend", "opscode", "/dev/nonexist"))
                .isEqualTo(Outcome.fail(5, "  No device found for /dev/nonexist.\n"));
        assertThat(run("lvextend", "-L", "1602224128b", "opscode/drbd").exitCode())
                .isZero();
        assertThat(lvs("opscode/drbd")).isEqualTo(Outcome.ok("  /dev/opscode/drbd 1602224128\n"));
    }

    @Test
    void devicesThatHoldSomethingAreRefused() {
        StorageSetup.spareDisk(host, "/dev/sdc", 256L << 20, StorageSetup.Contents.EXT4, null);
        StorageSetup.spareDisk(host, "/dev/sdd", 256L << 20, StorageSetup.Contents.PARTITIONED, null);
        StorageSetup.spareDisk(host, "/dev/sde", 256L << 20, StorageSetup.Contents.LVM_PV, null);
        StorageSetup.spareDisk(host, "/dev/sdf", 256L << 20, StorageSetup.Contents.EXT4, "/mnt/f");
        String wipe = "WARNING: ext4 signature detected on /dev/sdc at offset 1080. Wipe it? [y/n]: [n]\n"
                + "  Aborted wiping of ext4.\n  1 existing signature left on the device.\n";
        assertThat(run("pvcreate", "/dev/sdc")).isEqualTo(Outcome.fail(5, wipe));
        assertThat(run("vgcreate", "opscode2", "/dev/sdc")).isEqualTo(Outcome.fail(5, wipe));
        assertThat(run("pvcreate", "/dev/sdd"))
                .isEqualTo(Outcome.fail(5, "  Cannot use /dev/sdd: device is partitioned\n"));
        assertThat(run("vgcreate", "opscode3", "/dev/sdd"))
                .isEqualTo(Outcome.fail(
                        5,
                        "  Cannot use /dev/sdd: device is partitioned\n  Command requires all devices to be found.\n"));
        assertThat(run("pvcreate", "/dev/sde"))
                .isEqualTo(Outcome.fail(
                        5,
                        "  Can't initialize physical volume \"/dev/sde\" of volume group \"vg_sde\" without -ff\n"
                                + "  /dev/sde: physical volume not initialized.\n"));
        assertThat(run("vgcreate", "zz", "/dev/sde"))
                .isEqualTo(Outcome.fail(
                        5,
                        "  Physical volume '/dev/sde' is already in volume group 'vg_sde'\n"
                                + "  Unable to add physical volume '/dev/sde' to volume group 'vg_sde'\n"
                                + "  /dev/sde: physical volume not initialized.\n"));
        String busy = "  Can't open /dev/sdf exclusively.  Mounted filesystem?\n";
        assertThat(run("pvcreate", "/dev/sdf"))
                .isEqualTo(Outcome.fail(
                        5,
                        busy + busy + "  Error opening device /dev/sdf for reading at 0 length 4096.\n"
                                + "  Cannot use /dev/sdf: device has a signature\n"));
        assertThat(run("vgcreate", "x", "/dev/sdf").stderr()).startsWith(busy + busy);
        assertThat(run(PVS)).isEqualTo(Outcome.ok("  /dev/sde vg_sde 264241152 264241152\n"));
    }
}
