package io.drbd4j.testkit.internal.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.runner.CommandStartException;
import io.drbd4j.exec.runner.CommonsExecRunner;
import io.drbd4j.testkit.internal.Outcome;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs lvm2, resize2fs, e2fsck, df, blkid and lsblk for real on sparse loop devices next to a {@link SimulatedHost}
 * with the same devices, and requires the same exit codes, stdout and stderr. Two things differ on purpose: without
 * device-mapper (containers) lvcreate and lvextend run with {@code --driverloaded n}, whose own warnings ({@code
 * WARNING: Activation disabled...}, {@code not zeroed}, {@code Skipping zeroing}) are removed from the real stderr;
 * and the UUIDs blkid prints, random on the real devices, are compared by shape. Needs root, lvm2, e2fsprogs and free
 * loop devices: otherwise skipped with the reason printed, or failed under CI=true. The VG is named {@code
 * drbd4jtest}; the teardown removes it, the PVs and the loop devices.
 */
class RealStorageToolsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final String VG = "drbd4jtest";
    private static final Map<String, String> ENV = Map.of("LC_ALL", "C", "LVM_SUPPRESS_FD_WARNINGS", "1");

    private final CommonsExecRunner runner = CommonsExecRunner.create();
    private final SimulatedHost host = new SimulatedHost("real", DeviceGate.none());
    private final List<String> loops = new ArrayList<>();

    @TempDir
    Path dir;

    private static void skipOrFail(String reason) {
        if ("true".equals(System.getenv("CI"))) {
            fail("real-tool comparison cannot run under CI=true: " + reason);
        }
        System.out.println("SKIPPED RealStorageToolsTest: " + reason);
        Assumptions.abort(reason);
    }

    private CommandResult real(String... argv) {
        try {
            return runner.run(Command.builder()
                    .timeout(TIMEOUT)
                    .addArgv(argv)
                    .environment(ENV)
                    .build());
        } catch (CommandStartException e) {
            skipOrFail(argv[0] + " is not installed: " + e.getMessage());
            throw e;
        }
    }

    /** A sparse loop device of that size, known to the simulated host under the same path. */
    private String loop(long bytes) throws IOException {
        Path image = dir.resolve("disk" + loops.size() + ".img");
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(bytes);
        }
        CommandResult attach = real("losetup", "-f", "--show", image.toString());
        if (!attach.succeeded()) {
            skipOrFail("losetup -f --show failed (exit " + attach.exitCode() + "): "
                    + attach.stderrText().strip());
        }
        String device = attach.stdoutText().strip();
        loops.add(device);
        host.addDevice(device, bytes);
        return device;
    }

    @AfterEach
    void cleanUp() {
        real("umount", dir.resolve("mnt").toString());
        real("vgremove", "-f", "-y", VG);
        for (String device : loops) {
            real("pvremove", "-ff", "-y", device);
            real("losetup", "-d", device);
        }
    }

    private static Outcome outcome(CommandResult r) {
        return new Outcome(r.exitCode(), r.stdoutText(), r.stderrText());
    }

    private Outcome same(String... argv) {
        Outcome expected = outcome(real(argv));
        Outcome simulated = host.run(argv);
        assertThat(simulated).as("simulated %s", List.of(argv)).isEqualTo(expected);
        return simulated;
    }

    /** The real command with {@code --driverloaded n} and without that option's warnings, against the simulated one. */
    private Outcome sameWithoutDm(String... argv) {
        List<String> realArgv = new ArrayList<>(List.of(argv[0], "--driverloaded", "n"));
        realArgv.addAll(List.of(argv).subList(1, argv.length));
        CommandResult r = real(realArgv.toArray(String[]::new));
        StringBuilder err = new StringBuilder();
        for (String line : r.stderrText().split("\n", -1)) {
            boolean dmWarning = line.contains("Activation disabled")
                    || line.contains("not zeroed")
                    || line.contains("Skipping zeroing");
            if (!dmWarning && !line.isEmpty()) {
                err.append(line).append('\n');
            }
        }
        Outcome expected = new Outcome(r.exitCode(), r.stdoutText(), err.toString());
        Outcome simulated = host.run(argv);
        assertThat(simulated).as("simulated %s", List.of(argv)).isEqualTo(expected);
        return simulated;
    }

    private static String[] report(String program, String fields, String... targets) {
        List<String> argv =
                new ArrayList<>(List.of(program, "--noheadings", "--units", "b", "--nosuffix", "-o", fields));
        argv.addAll(List.of(targets));
        return argv.toArray(String[]::new);
    }

    @Test
    void lvmMatchesTheRealTools() throws IOException {
        String big = loop(1L << 30);
        String small = loop(512L << 20);
        String[] pvs = report("pvs", "pv_name,vg_name,pv_size,pv_free", big, small);
        String[] vgs = report("vgs", "vg_name,vg_size,vg_free,vg_extent_size", VG);
        same(pvs);
        same(vgs);
        same(report("lvs", "lv_path,lv_size", VG + "/drbd"));
        same("pvcreate", big);
        same(pvs);
        same("pvcreate", big);
        same("vgcreate", VG, big);
        same(vgs);
        same(pvs);
        same(report("lvs", "lv_path,lv_size", VG + "/drbd"));
        same("vgcreate", VG, small);
        same("pvcreate", "/dev/nonexist-drbd4j");
        same("lvcreate", "-y", "-n", "drbd", "-L", "100000000b", VG);
        sameWithoutDm("lvcreate", "-y", "-n", "drbd", "-L", "100000256b", VG);
        same(report("lvs", "lv_path,lv_size", VG + "/drbd"));
        sameWithoutDm("lvextend", "-L", "100663296b", VG + "/drbd");
        sameWithoutDm("lvextend", "-L", "50000384b", VG + "/drbd");
        sameWithoutDm("lvextend", "-L", "2000000000b", VG + "/drbd");
        sameWithoutDm("lvextend", "-L", "209715200b", VG + "/drbd");
        sameWithoutDm("lvextend", "-L", "220000256b", VG + "/drbd");
        sameWithoutDm("lvextend", "-L", "300000256b", VG + "/nope");
        sameWithoutDm("lvcreate", "-y", "-n", "drbd", "-L", "100000256b", VG);
        sameWithoutDm("lvcreate", "-y", "-n", "big", "-L", "2000000000b", VG);
        sameWithoutDm("lvcreate", "-y", "-n", "half", "-l", "50%VG", VG);
        sameWithoutDm("lvcreate", "-y", "-n", "more", "-l", "90%VG", VG);
        sameWithoutDm("lvcreate", "-y", "-n", "none", "-l", "10%FREE", VG);
        same(report("lvs", "lv_path,lv_size", VG));
        same(vgs);
        same("vgextend", VG, small);
        same(pvs);
        same(vgs);
        same("vgextend", VG, small);
        same("pvcreate", small);
        sameWithoutDm("lvcreate", "-y", "-n", "rest", "-l", "100%FREE", VG);
        same(pvs);
        same(
                "pvs",
                "--noheadings",
                "--units",
                "b",
                "--nosuffix",
                "-o",
                "pv_name,vg_name,pv_size,pv_free",
                "/dev/nonexist-drbd4j");
    }

    @Test
    void pvcreateRefusesAFilesystemAndAMountedDisk() throws IOException {
        String disk = loop(256L << 20);
        same("mkfs.ext4", "-q", "-E", "nodiscard", disk);
        same("pvcreate", disk);
        same("vgcreate", VG, disk);
        String mnt = Files.createDirectory(dir.resolve("mnt")).toString();
        host.run("mkdir", "-p", mnt);
        same("mount", disk, mnt);
        same("pvcreate", disk);
        same("lsblk", "-n", "-r", "-o", "NAME,TYPE,MOUNTPOINT", disk);
        same("lsblk", "-n", "-r", "-o", "NAME,TYPE,MOUNTPOINT", "/dev/nonexist-drbd4j");
    }

    @Test
    void resize2fsE2fsckAndDfMatchTheRealTools() throws IOException {
        String disk = loop(1L << 30);
        same("resize2fs", disk);
        same("e2fsck", "-f", "-y", disk);
        same("mkfs.ext4", "-q", "-E", "nodiscard", disk);
        same("resize2fs", disk);
        grow(disk, 1200L << 20);
        same("resize2fs", disk);
        same("e2fsck", "-f", "-y", disk);
        // resize2fs wants a check when the last mount is later than the last check, in whole seconds
        // (s_lastcheck < s_mtime); the simulation assumes time passes between them, so the real one waits a second
        pause();
        String mnt = Files.createDirectory(dir.resolve("mnt")).toString();
        host.run("mkdir", "-p", mnt);
        same("mount", disk, mnt);
        same("df", "-B1", "--output=size,used,avail", mnt);
        same("mkdir", "-p", mnt + "/d");
        same("touch", mnt + "/d/f");
        same("df", "-B1", "--output=size,used,avail", mnt + "/d");
        same("resize2fs", disk);
        same("e2fsck", "-f", "-y", disk);
        same("umount", mnt);
        grow(disk, 1500L << 20);
        same("resize2fs", disk);
        same("e2fsck", "-f", "-y", disk);
        same("resize2fs", disk);
        same("resize2fs", "/dev/nonexist-drbd4j");
        same("df", "-B1", "--output=size,used,avail", "/nonexist-drbd4j");
        Outcome blkid = host.run("blkid", "-p", "-o", "export", disk);
        String real = real("blkid", "-p", "-o", "export", disk).stdoutText();
        assertThat(blkid.stdout().replaceAll("UUID=\\S+", "UUID=*")).isEqualTo(real.replaceAll("UUID=\\S+", "UUID=*"));
    }

    private static void pause() {
        try {
            Thread.sleep(1100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Grows the image and tells the kernel, as lvextend grows an LV. */
    private void grow(String device, long bytes) throws IOException {
        Path image = dir.resolve("disk" + loops.indexOf(device) + ".img");
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(bytes);
        }
        assertThat(real("losetup", "-c", device).exitCode()).isZero();
        host.device(device).orElseThrow().resize(bytes);
    }

    @Test
    void blkidExportOfAPhysicalVolumeAndABlankDisk() throws IOException {
        String disk = loop(256L << 20);
        same("blkid", "-p", "-o", "export", disk);
        same("pvcreate", disk);
        Outcome blkid = host.run("blkid", "-p", "-o", "export", disk);
        String real = real("blkid", "-p", "-o", "export", disk).stdoutText();
        assertThat(blkid.stdout().replaceAll("UUID=\\S+", "UUID=*")).isEqualTo(real.replaceAll("UUID=\\S+", "UUID=*"));
        same("lsblk", "-n", "-r", "-o", "NAME,TYPE,MOUNTPOINT", disk);
    }
}
