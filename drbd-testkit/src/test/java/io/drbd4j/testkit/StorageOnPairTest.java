package io.drbd4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The storage under DRBD on the simulated pair: the default LVM layout, unprepared storage, spare disks. */
class StorageOnPairTest {
    private static final String[] PVS = {
        "pvs", "--noheadings", "--units", "b", "--nosuffix", "-o", "pv_name,vg_name,pv_size,pv_free"
    };

    private static CommandResult run(SimulatedDrbdCluster c, String host, String... argv) {
        return c.runner(host).run(Command.of(Duration.ofSeconds(30), argv));
    }

    private static SimulatedDrbdCluster.Builder pair(String dialect) {
        String kernel = dialect.equals("8.3") ? "8.3.16" : "8.4.11";
        return SimulatedDrbdCluster.builder()
                .host("be1", "10.0.0.1", dialect, kernel)
                .host("be2", "10.0.0.2", dialect, kernel)
                .seed(42);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.3", "8.4"})
    void eachHostHasTheChefLayoutWithAQuarterFree(String dialect) {
        SimulatedDrbdCluster c = pair(dialect).build();
        // 1 GiB LV (256 extents) and 64 extents free on /dev/sdb: 1 MiB + 320 × 4 MiB
        assertThat(run(c, "be1", PVS).stdoutText()).isEqualTo("  /dev/sdb opscode 1342177280 268435456\n");
        assertThat(run(
                                c,
                                "be2",
                                "lvs",
                                "--noheadings",
                                "--units",
                                "b",
                                "--nosuffix",
                                "-o",
                                "lv_path,lv_size",
                                "opscode/drbd")
                        .stdoutText())
                .isEqualTo("  /dev/opscode/drbd 1073741824\n");
        assertThat(run(c, "be1", "lsblk", "-n", "-r", "-o", "NAME,TYPE,MOUNTPOINT", "/dev/sdb")
                        .stdoutText())
                .isEqualTo("sdb disk \nopscode-drbd lvm \n");
        SimulatedDrbdCluster small =
                pair(dialect).backingSize(128L << 20).vgFree(0).build();
        assertThat(run(small, "be1", PVS).stdoutText()).isEqualTo("  /dev/sdb opscode 134217728     0\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.3", "8.4"})
    void theDrbdDeviceShowsUnderItsLogicalVolumeOnceAttached(String dialect) {
        Pairs p = new Pairs(pair(dialect).build()).synced();
        p.ok("be1", "mkdir", "-p", "/var/opt/opscode/drbd/data");
        p.ok("be1", "mkfs.ext4", "-q", "/dev/drbd0");
        p.ok("be1", "mount", "/dev/drbd0", "/var/opt/opscode/drbd/data");
        assertThat(p.ok("be1", "lsblk", "-n", "-r", "-o", "NAME,TYPE,MOUNTPOINT", "/dev/sdb")
                        .stdoutText())
                .isEqualTo("sdb disk \nopscode-drbd lvm \ndrbd0 disk /var/opt/opscode/drbd/data\n");
        assertThat(p.ok("be1", "blkid", "-p", "-o", "export", "/dev/sdb").stdoutText())
                .contains("TYPE=LVM2_member\n");
        assertThat(p.run("be1", "pvcreate", "/dev/opscode/drbd").exitCode()).isNotZero();
        assertThat(p.run("be1", "mkfs.ext4", "-q", "/dev/opscode/drbd").stderrText())
                .isEqualTo("/dev/opscode/drbd is apparently in use by the system; will not make a filesystem here!\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.3", "8.4"})
    void unpreparedStorageFailsCreateMdAndUpUntilTheLogicalVolumeExists(String dialect) {
        SimulatedDrbdCluster c = pair(dialect).unpreparedStorage().build();
        assertThat(run(c, "be1", PVS).stdoutText()).isEmpty();
        assertThat(run(c, "be1", "blkid", "-p", "-o", "export", "/dev/sdb").exitCode())
                .isEqualTo(2);
        CommandResult createMd = run(c, "be1", "drbdadm", "create-md", "pc0");
        assertThat(createMd.exitCode()).isEqualTo(20);
        assertThat(createMd.stderrText())
                .isEqualTo(
                        "open(/dev/opscode/drbd) failed: No such file or directory\n"
                                + "Command 'drbdmeta 0 v08 /dev/opscode/drbd internal create-md' terminated with exit code 20\n");
        CommandResult up = run(c, "be1", "drbdadm", "up", "pc0");
        if (dialect.equals("8.4")) {
            assertThat(up.exitCode()).isEqualTo(20);
            assertThat(up.stderrText())
                    .isEqualTo("open(/dev/opscode/drbd) failed: No such file or directory\n"
                            + "Command 'drbdmeta 0 v08 /dev/opscode/drbd internal apply-al' terminated with exit code"
                            + " 20\n");
        } else {
            assertThat(up.exitCode()).isEqualTo(10);
            assertThat(up.stderrText())
                    .isEqualTo("0: Failure: (104) Can not open backing device.\n"
                            + "Command 'drbdsetup-83 0 disk /dev/opscode/drbd /dev/opscode/drbd internal"
                            + " --set-defaults --create-device' terminated with exit code 10\n");
        }
        run(c, "be1", "drbdadm", "down", "pc0");
        for (String h : c.hosts()) {
            assertThat(run(c, h, "pvcreate", "/dev/sdb").stdoutText())
                    .isEqualTo("  Physical volume \"/dev/sdb\" successfully created.\n");
            assertThat(run(c, h, "vgcreate", "opscode", "/dev/sdb").exitCode()).isZero();
            assertThat(run(c, h, "lvcreate", "-y", "-n", "drbd", "-l", "80%VG", "opscode")
                            .stdoutText())
                    .isEqualTo("  Logical volume \"drbd\" created.\n");
        }
        Pairs p = new Pairs(c).synced();
        // 80 % of 320 extents: 256 extents, the 1 GiB the configured size gives
        assertThat(p.node("be2").oosKiB()).isZero();
        assertThat(p.ok("be1", "cat", "/sys/block/drbd0/size").stdoutText()).isEqualTo(Pairs.GIB_DEVICE_KIB * 2 + "\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.3", "8.4"})
    void spareDisksHoldWhatTheBuilderSays(String dialect) {
        SimulatedDrbdCluster c = pair(dialect)
                .spareDisk("be1", "/dev/sdc", 2L << 30, DiskContents.BLANK)
                .spareDisk("be1", "/dev/sdd", 2L << 30, DiskContents.EXT4, "/srv/d")
                .spareDisk("be1", "/dev/sde", 1L << 30, DiskContents.PARTITIONED)
                .spareDisk("be1", "/dev/sdf", 1L << 30, DiskContents.LVM_PV)
                .spareDisk("be2", "/dev/sdc", 1L << 30, DiskContents.EXT4)
                .build();
        assertThat(run(c, "be1", "blkid", "-p", "-o", "export", "/dev/sdc").exitCode())
                .isEqualTo(2);
        assertThat(run(c, "be1", "blkid", "-p", "-o", "export", "/dev/sdd").stdoutText())
                .contains("TYPE=ext4\n");
        assertThat(run(c, "be1", "mountpoint", "-q", "/srv/d").exitCode()).isZero();
        assertThat(run(c, "be1", "lsblk", "-n", "-r", "-o", "NAME,TYPE,MOUNTPOINT", "/dev/sdd")
                        .stdoutText())
                .isEqualTo("sdd disk /srv/d\n");
        assertThat(run(c, "be1", "blkid", "-p", "-o", "export", "/dev/sde").stdoutText())
                .contains("PTTYPE=dos\n");
        assertThat(run(c, "be1", "lsblk", "-n", "-r", "-o", "NAME,TYPE,MOUNTPOINT", "/dev/sde")
                        .stdoutText())
                .isEqualTo("sde disk \nsde1 part \n");
        assertThat(run(c, "be1", PVS).stdoutText())
                .isEqualTo("  /dev/sdb opscode 1342177280  268435456\n  /dev/sdf vg_sdf  1069547520 1069547520\n");
        assertThat(run(c, "be1", "vgextend", "opscode", "/dev/sdc").exitCode()).isZero();
        assertThat(run(c, "be1", "vgextend", "opscode", "/dev/sdd").stderrText())
                .contains("exclusively");
        assertThat(run(c, "be2", "blkid", "-p", "-o", "export", "/dev/sdc").stdoutText())
                .contains("TYPE=ext4\n");
        assertThat(run(c, "be2", "lsblk", "-n", "-r", "-o", "NAME,TYPE,MOUNTPOINT", "/dev/sdd")
                        .exitCode())
                .isEqualTo(32);
    }
}
