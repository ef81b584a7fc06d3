package io.drbd4j.chef.engine;

import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One backend's storage as LVM, the kernel and df show it: the volume group and logical volume under DRBD, the
 * physical volumes, the DRBD device's size, the filesystem's size, and what a disk holds. Each probe runs once per
 * check (like the rest of {@link HostState}); nothing here changes the host. Output that is not the tools' is a
 * {@link StateUnknownException} saying what was seen and what was expected.
 */
public final class Storage {
    /** lvm2's exit code when a named VG or LV does not exist (ECMD_FAILED). */
    private static final int LVM_FAILED = 5;

    /** blkid's exit code when it found nothing on the device (blkid(8) RETURN CODE). */
    private static final int BLKID_NOTHING = 2;

    private final HostState host;
    private final Duration timeout;
    private final Map<String, Optional<LogicalVolume>> lvs = new HashMap<>();
    private final Map<String, Optional<VolumeGroup>> vgs = new HashMap<>();
    private final Map<String, Disk> disks = new HashMap<>();
    private final Map<String, Optional<Filesystem>> filesystems = new HashMap<>();
    private List<PhysicalVolume> pvs;
    private Long drbdBytes;

    Storage(HostState host, Duration timeout) {
        this.host = host;
        this.timeout = timeout;
    }

    /**
     * A logical volume.
     *
     * @param path its device path, such as {@code /dev/opscode/drbd}
     * @param bytes its size
     */
    public record LogicalVolume(String path, long bytes) {}

    /**
     * A volume group.
     *
     * @param name its name
     * @param bytes its size
     * @param freeBytes what no logical volume uses
     * @param extentBytes the physical extent size, the unit every LV size is rounded up to
     */
    public record VolumeGroup(String name, long bytes, long freeBytes, long extentBytes) {}

    /**
     * A physical volume.
     *
     * @param device its device
     * @param group its volume group; empty when in none
     */
    public record PhysicalVolume(String device, Optional<String> group) {}

    /**
     * A mounted filesystem's size as df gives it.
     *
     * @param bytes its size ({@code 1B-blocks})
     * @param usedBytes used
     * @param availableBytes available to non-root users
     */
    public record Filesystem(long bytes, long usedBytes, long availableBytes) {}

    /**
     * What a disk holds, from {@code blkid -p -o export} and {@code lsblk -n -r -o NAME,TYPE,MOUNTPOINT}.
     *
     * @param device the device path
     * @param exists whether it is a block device
     * @param signatures what blkid found on it (such as {@code TYPE=ext4}, {@code PTTYPE=dos}); empty for nothing
     * @param children the partitions or volumes lsblk shows on it (such as {@code sdb1 part})
     * @param mountPoints where it or its children are mounted
     */
    public record Disk(
            String device,
            boolean exists,
            Map<String, String> signatures,
            List<String> children,
            List<String> mountPoints) {
        /**
         * Returns whether nothing is on it: no signature, partition, volume or mount.
         *
         * @return whether nothing is on it: no signature, partition, volume or mount
         */
        public boolean blank() {
            return exists && signatures.isEmpty() && children.isEmpty() && mountPoints.isEmpty();
        }

        /**
         * Returns what it holds, in words, such as {@code /dev/sdb: TYPE=ext4; mounted on /srv}.
         *
         * @return what it holds, in words
         */
        public String words() {
            if (!exists) {
                return device + ": no such block device";
            }
            if (blank()) {
                return device + ": blank (no signature, partition or mount)";
            }
            List<String> parts = new ArrayList<>();
            signatures.forEach((k, v) -> {
                if (k.equals("TYPE") || k.equals("PTTYPE")) {
                    parts.add(k + "=" + v);
                }
            });
            if (!children.isEmpty()) {
                parts.add("holds " + String.join(", ", children));
            }
            if (!mountPoints.isEmpty()) {
                parts.add("mounted on " + String.join(", ", mountPoints));
            }
            if (parts.isEmpty()) {
                parts.add("signatures " + signatures.keySet());
            }
            return device + ": " + String.join("; ", parts);
        }
    }

    /**
     * {@code lvs --noheadings --units b --nosuffix -o lv_path,lv_size VG/LV}.
     *
     * @param group the volume group
     * @param volume the logical volume
     * @return the logical volume; empty when it (or its group) does not exist
     */
    public Optional<LogicalVolume> lv(String group, String volume) {
        return lvs.computeIfAbsent(group + "/" + volume, key -> {
            CommandResult r = run("lvs", "--noheadings", "--units", "b", "--nosuffix", "-o", "lv_path,lv_size", key);
            if (r.exitCode() == LVM_FAILED && absent(r)) {
                return Optional.empty();
            }
            String[] f = fields(r, "lv_path lv_size", 2);
            return Optional.of(new LogicalVolume(f[0], number(r, f[1])));
        });
    }

    /**
     * {@code vgs --noheadings --units b --nosuffix -o vg_name,vg_size,vg_free,vg_extent_size VG}.
     *
     * @param group the volume group
     * @return the volume group; empty when it does not exist
     */
    public Optional<VolumeGroup> vg(String group) {
        return vgs.computeIfAbsent(group, key -> {
            CommandResult r = run(
                    "vgs",
                    "--noheadings",
                    "--units",
                    "b",
                    "--nosuffix",
                    "-o",
                    "vg_name,vg_size,vg_free,vg_extent_size",
                    key);
            if (r.exitCode() == LVM_FAILED && absent(r)) {
                return Optional.empty();
            }
            String[] f = fields(r, "vg_name vg_size vg_free vg_extent_size", 4);
            return Optional.of(new VolumeGroup(f[0], number(r, f[1]), number(r, f[2]), number(r, f[3])));
        });
    }

    /**
     * {@code pvs --noheadings --units b --nosuffix -o pv_name,vg_name,pv_size,pv_free}: every physical volume.
     *
     * @return every physical volume, with its group
     */
    public List<PhysicalVolume> pvs() {
        if (pvs == null) {
            CommandResult r =
                    run("pvs", "--noheadings", "--units", "b", "--nosuffix", "-o", "pv_name,vg_name,pv_size,pv_free");
            ok(r, "pvs");
            List<PhysicalVolume> all = new ArrayList<>();
            for (String line : r.stdoutText().split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                // a PV in no group prints an empty vg_name: three fields instead of four
                String[] f = line.strip().split("\\s+");
                if (f.length != 3 && f.length != 4) {
                    throw unexpected(r, "pv_name [vg_name] pv_size pv_free on each line");
                }
                all.add(new PhysicalVolume(f[0], f.length == 4 ? Optional.of(f[1]) : Optional.empty()));
            }
            pvs = List.copyOf(all);
        }
        return pvs;
    }

    /**
     * Returns the physical volume on that device; empty when it holds none.
     *
     * @param device a device path
     * @return the physical volume on that device; empty when it holds none
     */
    public Optional<PhysicalVolume> pv(String device) {
        return pvs().stream().filter(pv -> pv.device().equals(device)).findFirst();
    }

    /**
     * {@code cat /sys/block/drbdN/size}: the DRBD device's size, readable on a Secondary too.
     *
     * @param minor the DRBD minor
     * @return its size in bytes (0 when not configured)
     */
    public long drbdBytes(int minor) {
        if (drbdBytes == null) {
            CommandResult r = run("cat", "/sys/block/drbd" + minor + "/size");
            ok(r, "the DRBD device's size");
            drbdBytes = number(r, r.stdoutText().strip()) * 512;
        }
        return drbdBytes;
    }

    /**
     * {@code df -B1 --output=size,used,avail POINT}.
     *
     * @param mountPoint a mount point
     * @return the filesystem's sizes; empty when df fails (nothing there)
     */
    public Optional<Filesystem> df(String mountPoint) {
        return filesystems.computeIfAbsent(mountPoint, point -> {
            CommandResult r = run("df", "-B1", "--output=size,used,avail", point);
            if (!r.succeeded()) {
                return Optional.empty();
            }
            String[] lines = r.stdoutText().strip().split("\n");
            if (lines.length != 2 || !lines[0].strip().startsWith("1B-blocks")) {
                throw unexpected(r, "a 1B-blocks Used Avail header and one line of three numbers");
            }
            String[] f = lines[1].strip().split("\\s+");
            if (f.length != 3) {
                throw unexpected(r, "three numbers: size, used, available");
            }
            return Optional.of(new Filesystem(number(r, f[0]), number(r, f[1]), number(r, f[2])));
        });
    }

    /**
     * What the disk holds: {@code blkid -p -o export DEV} and {@code lsblk -n -r -o NAME,TYPE,MOUNTPOINT DEV}.
     *
     * @param device a device path
     * @return what it holds
     */
    public Disk disk(String device) {
        return disks.computeIfAbsent(device, dev -> {
            CommandResult tree = run("lsblk", "-n", "-r", "-o", "NAME,TYPE,MOUNTPOINT", dev);
            if (!tree.succeeded()) {
                if ((tree.stderrText() + tree.stdoutText()).contains("not a block device")) {
                    return new Disk(dev, false, Map.of(), List.of(), List.of());
                }
                throw unexpected(tree, "the device and what it holds (lsblk exit 0), or \"not a block device\"");
            }
            List<String> children = new ArrayList<>();
            List<String> mounts = new ArrayList<>();
            String[] lines = tree.stdoutText().split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                String[] f = lines[i].split(" ", -1);
                if (f.length < 2) {
                    throw unexpected(tree, "NAME TYPE MOUNTPOINT on each line");
                }
                if (i > 0) {
                    children.add(unescape(f[0]) + " " + f[1]);
                }
                if (f.length > 2 && !f[2].isEmpty()) {
                    mounts.add(unescape(f[2]));
                }
            }
            CommandResult probe = run("blkid", "-p", "-o", "export", dev);
            Map<String, String> signatures = new LinkedHashMap<>();
            if (probe.exitCode() != BLKID_NOTHING) {
                ok(probe, "blkid");
                for (String line : probe.stdoutText().split("\n")) {
                    int eq = line.indexOf('=');
                    if (eq > 0 && !line.startsWith("DEVNAME=")) {
                        signatures.put(line.substring(0, eq), line.substring(eq + 1));
                    }
                }
            }
            return new Disk(dev, true, Map.copyOf(signatures), List.copyOf(children), List.copyOf(mounts));
        });
    }

    /** lsblk -r writes blanks and other unsafe bytes as {@code \xNN}. */
    private static String unescape(String raw) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            if (raw.startsWith("\\x", i) && i + 4 <= raw.length()) {
                try {
                    out.append((char) Integer.parseInt(raw.substring(i + 2, i + 4), 16));
                    i += 3;
                    continue;
                } catch (NumberFormatException e) {
                    // not an escape: kept as it is
                }
            }
            out.append(raw.charAt(i));
        }
        return out.toString();
    }

    private CommandResult run(String... argv) {
        Command command = Command.of(timeout, argv);
        return host.read(argv[0], () -> host.backend().runner().run(command));
    }

    private static boolean absent(CommandResult r) {
        String err = r.stderrText();
        return err.contains("not found") || err.contains("Failed to find");
    }

    private void ok(CommandResult r, String what) {
        if (!r.succeeded()) {
            throw new StateUnknownException(
                    host.name(),
                    "could not read " + what + " on " + host.name() + ": " + r.command() + " exited " + r.exitCode()
                            + ": " + firstLine(r.stderrText()),
                    null);
        }
    }

    private String[] fields(CommandResult r, String expected, int count) {
        ok(r, String.join(" ", r.command().argv().subList(0, 1)));
        String[] lines = r.stdoutText().strip().split("\n");
        String[] f = lines[0].strip().split("\\s+");
        if (lines.length != 1 || f.length != count) {
            throw unexpected(r, "one line: " + expected);
        }
        return f;
    }

    private long number(CommandResult r, String text) {
        try {
            long n = Long.parseLong(text);
            if (n < 0) {
                throw new NumberFormatException(text);
            }
            return n;
        } catch (NumberFormatException e) {
            throw unexpected(r, "a size in bytes where it printed \"" + cut(text) + "\"");
        }
    }

    private StateUnknownException unexpected(CommandResult r, String expected) {
        return new StateUnknownException(
                host.name(),
                r.command() + " on " + host.name() + " printed \"" + cut(r.stdoutText()) + "\" (expected: " + expected
                        + ")",
                null);
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return cut(line);
    }

    private static String cut(String text) {
        String t = text.strip();
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }
}
