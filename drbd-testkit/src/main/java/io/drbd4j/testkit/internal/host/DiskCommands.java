package io.drbd4j.testkit.internal.host;

import io.drbd4j.testkit.internal.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The block-device commands of a {@link SimulatedHost}: {@code mkfs.ext4}, {@code blkid}, {@code mount}, {@code
 * umount} and {@code mountpoint}. Texts marked "captured" were recorded on Debian 12 as root against a loop device
 * (e2fsprogs 1.47.0, util-linux 2.38.1) and are compared with the real tools in {@code RealHostToolsTest}; texts
 * marked "inferred" (what a DRBD Secondary answers) come from the tools' source, as cited.
 */
final class DiskCommands {
    /** mke2fs prints its version on stderr unless -q (captured). */
    static final String MKE2FS_VERSION = "mke2fs 1.47.0 (5-Feb-2023)\n";

    /** mount(8) adds this line after a failed mount(2) (util-linux sys-utils/mount.c; captured). */
    static final String DMESG_HINT = "       dmesg(1) may have more information after failed mount system call.\n";

    private static final int MOUNT_FAIL = 32;

    private final SimulatedHost host;

    DiskCommands(SimulatedHost host) {
        this.host = host;
    }

    private boolean closedDrbd(String device) {
        return host.gate().isDrbd(device) && !host.gate().canOpen(device);
    }

    /**
     * {@code mkfs.ext4 [-q] [-F] [-E discard|nodiscard] DEV}; a discard is reported to the {@link DeviceGate}. Captured: a missing device → {@code The file DEV does not exist and no size
     * was specified.}, exit 1; a mounted one → {@code DEV is mounted; will not make a filesystem here!}, exit 1; an
     * existing filesystem is overwritten without a question when stdin is not a terminal (exit 0). Inferred: a DRBD
     * Secondary refuses the read-only open with EMEDIUMTYPE, which
     * mke2fs reports through com_err as {@code mkfs.ext4: Wrong medium type while trying to determine filesystem
     * size} (e2fsprogs misc/mke2fs.c PRS, ext2fs_get_device_size2).
     */
    Outcome mkfs(List<String> args) {
        boolean quiet = false;
        Boolean discard = null;
        String device = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-q")) {
                quiet = true;
            } else if (arg.equals("-F")) {
                continue;
            } else if (arg.equals("-E")
                    && i + 1 < args.size()
                    && args.get(i + 1).matches("(no)?discard")) {
                discard = args.get(++i).equals("discard");
            } else if (arg.startsWith("-") || device != null) {
                return SimulatedHost.unsupported(SimulatedHost.prepend("mkfs.ext4", args));
            } else {
                device = arg;
            }
        }
        if (device == null) {
            return SimulatedHost.unsupported(SimulatedHost.prepend("mkfs.ext4", args));
        }
        String version = quiet ? "" : MKE2FS_VERSION;
        BlockDevice target = host.deviceTable().get(device);
        if (target == null) {
            return Outcome.fail(1, version + "The file " + device + " does not exist and no size was specified.\n");
        }
        if (host.mountTable().containsValue(target)) {
            return Outcome.fail(1, version + device + " is mounted; will not make a filesystem here!\n");
        }
        if (closedDrbd(device)) {
            return Outcome.fail(
                    1, version + "mkfs.ext4: Wrong medium type while trying to determine filesystem size\n");
        }
        if (host.gate().holderOf(device).isPresent()) {
            // captured with a process holding the device open with O_EXCL, as DRBD holds its attached backing disk
            return Outcome.fail(
                    1, version + device + " is apparently in use by the system; will not make a filesystem here!\n");
        }
        boolean discards = discard != null ? discard : discardByDefault();
        if (discards) {
            host.gate().discarded(device);
        }
        target.format(Volume.freshExt4(target.sizeBytes()));
        return new Outcome(0, quiet ? "" : Mke2fsReport.of(target.sizeBytes(), discards), version);
    }

    /**
     * mke2fs discards the device before writing unless {@code -E nodiscard} or the boolean relation {@code discard =
     * false} in /etc/mke2fs.conf says otherwise (mke2fs(8) {@code -E}, mke2fs.conf(5) {@code discard}).
     */
    private boolean discardByDefault() {
        FsNode conf = host.files().lookup("/etc/mke2fs.conf").node();
        if (conf == null || conf.isDirectory()) {
            return true;
        }
        return new String(conf.contents(), StandardCharsets.UTF_8).lines().noneMatch(line -> line.strip()
                .matches("discard\\s*=\\s*false"));
    }

    /**
     * {@code blkid -p -o value -s TYPE DEV}. Captured: {@code ext4\n} and exit 0 on an ext4 device; exit 2 and no
     * output on a blank or missing device (blkid(8) "RETURN CODE": 2 when nothing was identified). Inferred: a DRBD
     * Secondary fails the open with EMEDIUMTYPE and util-linux misc-utils/blkid.c lowprobe_device warns {@code
     * error: DEV} with the errno text, exit 2.
     */
    Outcome blkid(List<String> args) {
        if (args.size() != 6 || !args.subList(0, 5).equals(List.of("-p", "-o", "value", "-s", "TYPE"))) {
            return SimulatedHost.unsupported(SimulatedHost.prepend("blkid", args));
        }
        String device = args.get(5);
        BlockDevice target = host.deviceTable().get(device);
        if (target == null) {
            return Outcome.fail(2, "");
        }
        if (closedDrbd(device)) {
            return Outcome.fail(2, "blkid: error: " + device + ": Wrong medium type\n");
        }
        return target.volume().map(v -> Outcome.ok(v.type() + "\n")).orElse(Outcome.fail(2, ""));
    }

    /**
     * {@code mount DEV P}, exit 32 (MNT_EX_FAIL) on every failure below, each followed by {@link #DMESG_HINT}.
     * Captured: {@code mount: P: mount point does not exist.}, {@code mount: P: special device DEV does not exist.},
     * {@code mount: P: DEV already mounted on P.}, and on a blank device {@code mount: P: wrong fs type, bad option,
     * bad superblock on DEV, missing codepage or helper program, or other error.} Inferred for a DRBD Secondary:
     * the read-write open gets EROFS, libmount retries read-only ("write-protected source, trying RDONLY"), that
     * open gets EMEDIUMTYPE, and libmount's
     * mnt_context_get_mount_excode has no case for it, so the default applies: {@code mount(2) system call failed:
     * %m} → {@code mount: P: mount(2) system call failed: Wrong medium type.}
     */
    Outcome mount(List<String> args) {
        if (args.size() != 2 || args.get(0).startsWith("-") || args.get(1).startsWith("-")) {
            return SimulatedHost.unsupported(SimulatedHost.prepend("mount", args));
        }
        String device = args.get(0);
        String point = FileCommands.normalize(args.get(1));
        FileCommands.Lookup target = host.files().lookup(point);
        if (!target.found()) {
            return mountFailure(point, "mount point does not exist");
        }
        BlockDevice source = host.deviceTable().get(device);
        if (source == null) {
            return mountFailure(point, "special device " + device + " does not exist");
        }
        for (Map.Entry<String, BlockDevice> mounted : host.mountTable().entrySet()) {
            if (mounted.getValue() == source) {
                return mountFailure(point, device + " already mounted on " + mounted.getKey());
            }
        }
        if (host.mountTable().containsKey(point)) {
            // Stacking a second filesystem on a mount point is legal on Linux but not modelled here.
            return SimulatedHost.unsupported(SimulatedHost.prepend("mount", args));
        }
        if (closedDrbd(device)) {
            return mountFailure(point, "mount(2) system call failed: Wrong medium type");
        }
        if (source.volume().isEmpty()) {
            return mountFailure(
                    point,
                    "wrong fs type, bad option, bad superblock on " + device
                            + ", missing codepage or helper program, or other error");
        }
        if (source.volume()
                .get()
                .geometry()
                .filter(g -> g.blocks() * g.blockSize() > source.sizeBytes())
                .isPresent()) {
            // ext4_fill_super refuses "bad geometry: block count N exceeds size of device (M blocks)" with EINVAL,
            // which mount reports as for a blank device (inferred: linux fs/ext4/super.c; libmount's EINVAL text)
            return mountFailure(
                    point,
                    "wrong fs type, bad option, bad superblock on " + device
                            + ", missing codepage or helper program, or other error");
        }
        if (!target.node().isDirectory()) {
            return mountFailure(point, "mount point is not a directory");
        }
        source.volume().get().mountedSinceCheck(true);
        host.mountTable().put(point, source);
        if (host.gate().isDrbd(device)) {
            host.gate().opened(device);
        }
        return Outcome.ok();
    }

    private static Outcome mountFailure(String point, String message) {
        return Outcome.fail(MOUNT_FAIL, "mount: " + point + ": " + message + ".\n" + DMESG_HINT);
    }

    /**
     * {@code umount P}, or {@code umount -f P} as {@code ha_backend_storage detach} runs it. Captured, exit 32 each:
     * {@code umount: P: target is busy.} (a process has its working directory there), {@code umount: P: not
     * mounted.} (an existing directory), {@code umount: P: no mount point specified.} (a missing path).
     */
    Outcome umount(List<String> args) {
        boolean valid = args.size() == 1 && !args.get(0).startsWith("-")
                || args.size() == 2 && args.get(0).equals("-f") && !args.get(1).startsWith("-");
        if (!valid) {
            return SimulatedHost.unsupported(SimulatedHost.prepend("umount", args));
        }
        String point = FileCommands.normalize(args.get(args.size() - 1));
        BlockDevice device = host.mountTable().get(point);
        if (device == null) {
            String why = host.files().lookup(point).found() ? "not mounted" : "no mount point specified";
            return Outcome.fail(MOUNT_FAIL, "umount: " + point + ": " + why + ".\n");
        }
        if (host.busy(point)) {
            return Outcome.fail(MOUNT_FAIL, "umount: " + point + ": target is busy.\n");
        }
        host.mountTable().remove(point);
        if (host.gate().isDrbd(device.path())) {
            host.gate().closed(device.path());
        }
        return Outcome.ok();
    }

    /**
     * {@code mountpoint -q P}. Captured: 0 for a mount point, 32 for a directory that is not one, 1 for a missing
     * path; no output with -q.
     */
    Outcome mountpoint(List<String> args) {
        if (args.size() != 2 || !args.get(0).equals("-q")) {
            return SimulatedHost.unsupported(SimulatedHost.prepend("mountpoint", args));
        }
        String point = FileCommands.normalize(args.get(1));
        if (host.mountTable().containsKey(point)) {
            return Outcome.ok();
        }
        return Outcome.fail(host.files().lookup(point).found() ? 32 : 1, "");
    }

    /**
     * {@code cat /proc/mounts} (proc(5)): the root filesystem and proc, then each mount in the order it was made, as
     * {@code /dev/drbd0 /var/opt/opscode/drbd/data ext4 rw,relatime 0 0}. A space, tab, newline or backslash in a
     * field is written as a three-digit octal escape ({@code \040}, {@code \011}, {@code \012}, {@code \134}), as
     * the kernel's show_vfsmnt does (linux fs/proc_namespace.c, {@code mangle} and {@code seq_path_root} with
     * {@code " \t\n\\"}); unescaped, a newline would split one mount into two lines.
     */
    Outcome procMounts() {
        StringBuilder out = new StringBuilder();
        out.append("/dev/vda1 / ext4 rw,relatime 0 0\n");
        out.append("proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n");
        host.mountTable().forEach((point, device) -> out.append(mangle(device.path()))
                .append(' ')
                .append(mangle(point))
                .append(' ')
                .append(mangle(device.volume().map(Volume::type).orElse("ext4")))
                .append(" rw,relatime 0 0\n"));
        return Outcome.ok(out.toString());
    }

    private static String mangle(String field) {
        StringBuilder b = new StringBuilder(field.length());
        for (char c : field.toCharArray()) {
            if (c == ' ' || c == '\t' || c == '\n' || c == '\\') {
                b.append(String.format("\\%03o", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
