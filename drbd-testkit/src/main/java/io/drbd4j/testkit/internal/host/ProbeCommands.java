package io.drbd4j.testkit.internal.host;

import io.drbd4j.testkit.internal.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What a disk holds, as the storage guard reads it: {@code blkid -p -o export DEV} and {@code lsblk -n -r -o
 * NAME,TYPE,MOUNTPOINT DEV}. Captured from util-linux 2.38.1 on loop devices (Debian 12): blkid prints {@code KEY=value}
 * lines (a blank in a value escaped as {@code \ }) and exits 2 with nothing on a blank or missing device; lsblk's raw
 * output is one line per device, its columns one blank apart, an empty mount point still preceded by its blank, and a
 * missing device exits 32 with {@code lsblk: DEV: not a block device}. The UUIDs are made from the host and path
 * (stable per test, not random as mkfs and pvcreate make them). Inferred, not captured: the device tree lsblk shows
 * below a disk (partitions {@code part}, logical volumes {@code lvm} under their device-mapper name {@code VG-LV},
 * and a DRBD device holding a backing disk as {@code disk}), since the capturing container had neither partition
 * device nodes nor device-mapper.
 */
final class ProbeCommands {
    private final SimulatedHost host;

    ProbeCommands(SimulatedHost host) {
        this.host = host;
    }

    /** {@code blkid -p -o export DEV}. */
    Outcome blkidExport(String device) {
        BlockDevice target = host.deviceTable().get(device);
        if (target == null) {
            return Outcome.fail(2, "");
        }
        if (host.gate().isDrbd(device) && !host.gate().canOpen(device)) {
            return Outcome.fail(2, "blkid: error: " + device + ": Wrong medium type\n");
        }
        StringBuilder out = new StringBuilder("DEVNAME=").append(device).append('\n');
        Optional<Volume> fs = host.filesystemOn(device);
        if (target.partitioned()) {
            out.append("PTUUID=").append(uuid(device).toString(), 0, 8).append("\nPTTYPE=dos\n");
        } else if (host.lvm().isPv(device)) {
            out.append("UUID=").append(lvmUuid(device)).append("\nVERSION=LVM2\\ 001\nTYPE=LVM2_member\nUSAGE=raid\n");
        } else if (fs.isPresent()) {
            int blockSize = fs.get().geometry().map(Ext4Geometry::blockSize).orElse(4096);
            out.append("UUID=")
                    .append(uuid(device))
                    .append("\nVERSION=1.0\nBLOCK_SIZE=")
                    .append(blockSize);
            out.append("\nTYPE=").append(fs.get().type()).append("\nUSAGE=filesystem\n");
        } else {
            return Outcome.fail(2, "");
        }
        return Outcome.ok(out.toString());
    }

    private UUID uuid(String device) {
        return UUID.nameUUIDFromBytes((host.name() + ":" + device).getBytes(StandardCharsets.UTF_8));
    }

    /** An LVM UUID: 32 letters and digits in groups of 6-4-4-4-4-4-6. */
    private String lvmUuid(String device) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        UUID u = uuid(device);
        long bits = u.getMostSignificantBits() ^ Long.rotateLeft(u.getLeastSignificantBits(), 17);
        StringBuilder id = new StringBuilder();
        int[] groups = {6, 4, 4, 4, 4, 4, 6};
        long state = bits;
        for (int g = 0; g < groups.length; g++) {
            if (g > 0) {
                id.append('-');
            }
            for (int i = 0; i < groups[g]; i++) {
                state = state * 6364136223846793005L + 1442695040888963407L;
                id.append(alphabet.charAt((int) Math.floorMod(state >>> 33, alphabet.length())));
            }
        }
        return id.toString();
    }

    /** {@code lsblk -n -r -o NAME,TYPE,MOUNTPOINT DEV}: the device, then what sits on it, depth first. */
    Outcome lsblk(List<String> args) {
        if (args.size() != 5 || !args.subList(0, 4).equals(List.of("-n", "-r", "-o", "NAME,TYPE,MOUNTPOINT"))) {
            return SimulatedHost.unsupported(SimulatedHost.prepend("lsblk", args));
        }
        String device = args.get(4);
        if (!host.deviceTable().containsKey(device)) {
            return Outcome.fail(32, "lsblk: " + device + ": not a block device\n");
        }
        StringBuilder out = new StringBuilder();
        tree(device, out);
        return Outcome.ok(out.toString());
    }

    private void tree(String device, StringBuilder out) {
        Optional<Lvm.Lv> lv = host.lvm().lvAt(device);
        String name;
        String type;
        if (lv.isPresent()) {
            String vg = device.substring("/dev/".length(), device.lastIndexOf('/'));
            name = vg.replace("-", "--") + "-" + lv.get().name.replace("-", "--");
            type = "lvm";
        } else {
            name = device.substring(device.lastIndexOf('/') + 1);
            // a loop device is of type "loop" (captured); DRBD devices and disks are "disk"
            type = host.partitionParents().containsKey(device) ? "part" : name.startsWith("loop") ? "loop" : "disk";
        }
        String mountPoint = "";
        for (Map.Entry<String, BlockDevice> m : host.mountTable().entrySet()) {
            if (m.getValue().path().equals(device)) {
                mountPoint = m.getKey().replace(" ", "\\x20");
            }
        }
        out.append(name).append(' ').append(type).append(' ').append(mountPoint).append('\n');
        host.partitionParents().forEach((part, parent) -> {
            if (parent.equals(device)) {
                tree(part, out);
            }
        });
        for (Lvm.Lv on : host.lvm().lvsOn(device)) {
            tree(on.device.path(), out);
        }
        host.gate().holderOf(device).ifPresent(holder -> tree(holder, out));
    }
}
