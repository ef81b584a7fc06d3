package io.drbd4j.testkit.internal.host;

import io.drbd4j.testkit.internal.Outcome;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lvm2 commands that change the layout: {@code pvcreate DEV}, {@code vgcreate VG DEV}, {@code vgextend VG DEV},
 * {@code lvcreate -y -n LV -L <N>b VG}, {@code lvcreate -y -n LV -l <P>%VG|%FREE VG} and {@code lvextend -L <N>b
 * VG/LV}. Every text was captured from lvm2 2.03.16 (Debian 12) as root on loop devices with stdin not a terminal,
 * except where a method says otherwise. Without device-mapper in the capturing container, lvcreate and lvextend ran
 * with {@code --driverloaded n}: the warnings that option adds ({@code Activation disabled}, {@code not zeroed}) are
 * left out, the rest is as captured; lvm's messages go to stdout when they report progress and to stderr when they
 * refuse, each indented by two blanks.
 */
final class LvmCommands {
    /** pvcreate's refusal of an ext4 signature when stdin gives no "y" (lvm2 asks; not a terminal: answers n). */
    private static final String EXT4_WIPE =
            "WARNING: ext4 signature detected on %s at offset 1080. Wipe it? [y/n]: [n]\n"
                    + "  Aborted wiping of ext4.\n"
                    + "  1 existing signature left on the device.\n";

    private static final Pattern SIZE_B = Pattern.compile("([0-9]{1,18})b");
    private static final Pattern PERCENT = Pattern.compile("([0-9]{1,4})%(VG|FREE)");

    private final SimulatedHost host;
    private final Lvm lvm;

    LvmCommands(SimulatedHost host, Lvm lvm) {
        this.host = host;
        this.lvm = lvm;
    }

    Outcome run(String program, List<String> args) {
        return switch (program) {
            case "pvcreate" ->
                args.size() == 1 && !args.get(0).startsWith("-") ? pvcreate(args.get(0)) : unsupported(program, args);
            case "vgcreate" ->
                args.size() == 2 && noOptions(args) ? vgcreate(args.get(0), args.get(1)) : unsupported(program, args);
            case "vgextend" ->
                args.size() == 2 && noOptions(args) ? vgextend(args.get(0), args.get(1)) : unsupported(program, args);
            case "lvcreate" -> lvcreate(args);
            case "lvextend" ->
                args.size() == 3 && args.get(0).equals("-L") && args.get(2).matches("[^/-][^/]*/[^/]+")
                        ? lvextend(args.get(1), args.get(2))
                        : unsupported(program, args);
            default -> unsupported(program, args);
        };
    }

    private static boolean noOptions(List<String> args) {
        return args.stream().noneMatch(a -> a.startsWith("-"));
    }

    private static Outcome unsupported(String program, List<String> args) {
        return SimulatedHost.unsupported(SimulatedHost.prepend(program, args));
    }

    /**
     * Why a device cannot become a PV, or empty when it can (a blank device or an orphan PV). Captured: a missing
     * device → {@code No device found for DEV.}; a mounted one → lvm's exclusive open fails twice, then it cannot read
     * it; a DOS partition table → {@code device is partitioned}; an ext4 signature → the wipe question answered "n";
     * a PV of a VG → {@code without -ff}. A device DRBD holds (its attached backing disk) fails the exclusive open as
     * a mounted one does (inferred: the same O_EXCL open, EBUSY).
     */
    private Optional<String> unusable(String device, boolean alone) {
        BlockDevice target = host.deviceTable().get(device);
        if (target == null) {
            return Optional.of("  No device found for " + device + ".\n");
        }
        if (host.heldExclusively(device)) {
            String busy = "  Can't open " + device + " exclusively.  Mounted filesystem?\n";
            return Optional.of(busy + busy + "  Error opening device " + device + " for reading at 0 length 4096.\n"
                    + "  Cannot use " + device + ": device has a signature\n");
        }
        if (target.partitioned()) {
            return Optional.of("  Cannot use " + device + ": device is partitioned\n"
                    + (alone ? "" : "  Command requires all devices to be found.\n"));
        }
        Optional<String> vg = lvm.vgOf(device);
        if (vg.isPresent()) {
            return Optional.of(
                    alone
                            ? "  Can't initialize physical volume \"" + device + "\" of volume group \"" + vg.get()
                                    + "\" without -ff\n  " + device + ": physical volume not initialized.\n"
                            : "  Physical volume '" + device + "' is already in volume group '" + vg.get() + "'\n"
                                    + "  Unable to add physical volume '" + device + "' to volume group '" + vg.get()
                                    + "'\n"
                                    + "  " + device + ": physical volume not initialized.\n");
        }
        if (!lvm.isPv(device) && host.filesystemOn(device).isPresent()) {
            return Optional.of(String.format(EXT4_WIPE, device));
        }
        return Optional.empty();
    }

    private static String pvCreated(String device) {
        return "  Physical volume \"" + device + "\" successfully created.\n";
    }

    /** {@code pvcreate DEV}; again on an orphan PV it succeeds with the same message (captured). */
    private Outcome pvcreate(String device) {
        Optional<String> why = unusable(device, true);
        if (why.isPresent()) {
            return Outcome.fail(5, why.get());
        }
        lvm.pvcreate(device);
        return Outcome.ok(pvCreated(device));
    }

    /** {@code vgcreate VG DEV}: the name is checked first; a device that is no PV yet is made one. */
    private Outcome vgcreate(String name, String device) {
        if (lvm.vg(name).isPresent()) {
            return Outcome.fail(5, "  A volume group called " + name + " already exists.\n");
        }
        Optional<String> why = unusable(device, false);
        if (why.isPresent()) {
            return Outcome.fail(5, why.get());
        }
        String out = lvm.isPv(device) ? "" : pvCreated(device);
        lvm.vgcreate(name, device);
        return Outcome.ok(out + "  Volume group \"" + name + "\" successfully created\n");
    }

    /**
     * {@code vgextend VG DEV}: the device is checked (and made a PV) before the VG is looked up, so a missing VG
     * still leaves a new PV behind (captured).
     */
    private Outcome vgextend(String name, String device) {
        Optional<String> why = unusable(device, false);
        if (why.isPresent()) {
            return Outcome.fail(5, why.get());
        }
        String out = lvm.isPv(device) ? "" : pvCreated(device);
        lvm.pvcreate(device);
        Optional<Lvm.Vg> vg = lvm.vg(name);
        if (vg.isEmpty()) {
            return new Outcome(5, out, vgNotFound(name));
        }
        lvm.vgextend(vg.get(), device);
        return Outcome.ok(out + "  Volume group \"" + name + "\" successfully extended\n");
    }

    static String vgNotFound(String name) {
        return "  Volume group \"" + name + "\" not found\n  Cannot process volume group " + name + "\n";
    }

    /** The {@code -L <N>b} check lvm's command-line parser makes (captured, exit 3). */
    private static Optional<Outcome> notSectors(String size) {
        long bytes = Long.parseLong(size.substring(0, size.length() - 1));
        if (bytes % 512 == 0) {
            return Optional.empty();
        }
        long down = bytes / 512 * 512;
        return Optional.of(Outcome.fail(
                3,
                "  Size is not a multiple of 512. Try using " + down + " or " + (down + 512) + ".\n"
                        + "  Invalid argument for --size: " + size + "\n"
                        + "  Error during parsing of command line.\n"));
    }

    /** {@code lvcreate -y -n LV (-L <N>b | -l <P>%VG | -l <P>%FREE) VG}. */
    private Outcome lvcreate(List<String> args) {
        if (args.size() != 6
                || !args.get(0).equals("-y")
                || !args.get(1).equals("-n")
                || !args.get(2).matches("[A-Za-z0-9_][A-Za-z0-9_.+-]*")
                || !(args.get(3).equals("-L") && SIZE_B.matcher(args.get(4)).matches()
                        || args.get(3).equals("-l")
                                && PERCENT.matcher(args.get(4)).matches())
                || args.get(5).startsWith("-")) {
            return unsupported("lvcreate", args);
        }
        String name = args.get(2);
        if (args.get(3).equals("-L")) {
            Optional<Outcome> bad = notSectors(args.get(4));
            if (bad.isPresent()) {
                return bad.get();
            }
        }
        Optional<Lvm.Vg> found = lvm.vg(args.get(5));
        if (found.isEmpty()) {
            return Outcome.fail(5, vgNotFound(args.get(5)));
        }
        Lvm.Vg vg = found.get();
        StringBuilder out = new StringBuilder();
        long free = lvm.vgFree(vg);
        long extents;
        if (args.get(3).equals("-L")) {
            long bytes = Long.parseLong(args.get(4).substring(0, args.get(4).length() - 1));
            extents = (bytes + Lvm.EXTENT - 1) / Lvm.EXTENT;
            if (bytes % Lvm.EXTENT != 0) {
                out.append("  Rounding up size to full physical extent ")
                        .append(Lvm.human(extents * Lvm.EXTENT))
                        .append('\n');
            }
        } else {
            Matcher m = PERCENT.matcher(args.get(4));
            m.matches();
            long percent = Long.parseLong(m.group(1));
            boolean ofVg = m.group(2).equals("VG");
            // lvm2 takes the share rounded down; more than is free is cut to what is free, with a note for %VG
            extents = (ofVg ? lvm.vgExtents(vg) : free) * percent / 100;
            if (extents > free) {
                if (ofVg) {
                    out.append("  Reducing ")
                            .append(args.get(4))
                            .append(" to remaining free space ")
                            .append(Lvm.human(free * Lvm.EXTENT))
                            .append(" in VG.\n");
                }
                extents = free;
            }
            if (extents == 0) {
                return new Outcome(
                        5, out.toString(), "  Calculated size of logical volume is 0 extents. Needs to be larger.\n");
            }
        }
        if (vg.lvs.containsKey(name)) {
            return new Outcome(
                    5,
                    out.toString(),
                    "  Logical Volume \"" + name + "\" already exists in volume group \"" + vg.name + "\"\n");
        }
        if (extents > free) {
            return new Outcome(
                    5,
                    out.toString(),
                    "  Volume group \"" + vg.name + "\" has insufficient free space (" + free + " extents): " + extents
                            + " required.\n");
        }
        lvm.lvcreate(vg, name, extents, extents * Lvm.EXTENT);
        out.append("  Logical volume \"").append(name).append("\" created.\n");
        return Outcome.ok(out.toString());
    }

    /** {@code lvextend -L <N>b VG/LV}: an absolute size, rounded up to the extent. */
    private Outcome lvextend(String size, String path) {
        Matcher m = SIZE_B.matcher(size);
        if (!m.matches()) {
            return unsupported("lvextend", List.of("-L", size, path));
        }
        Optional<Outcome> bad = notSectors(size);
        if (bad.isPresent()) {
            return bad.get();
        }
        String vgName = path.substring(0, path.indexOf('/'));
        String lvName = path.substring(path.indexOf('/') + 1);
        Optional<Lvm.Vg> found = lvm.vg(vgName);
        if (found.isEmpty()) {
            return Outcome.fail(5, vgNotFound(vgName));
        }
        Lvm.Vg vg = found.get();
        Lvm.Lv lv = vg.lvs.get(lvName);
        if (lv == null) {
            return Outcome.fail(5, "  Logical volume " + lvName + " not found in volume group " + vgName + ".\n");
        }
        long bytes = Long.parseLong(m.group(1));
        long extents = (bytes + Lvm.EXTENT - 1) / Lvm.EXTENT;
        StringBuilder out = new StringBuilder();
        if (bytes % Lvm.EXTENT != 0) {
            out.append("  Rounding size to boundary between physical extents: ")
                    .append(Lvm.human(extents * Lvm.EXTENT))
                    .append(".\n");
        }
        long now = lv.extents();
        if (extents == now) {
            return new Outcome(
                    5,
                    out.toString(),
                    "  New size (" + extents + " extents) matches existing size (" + now + " extents).\n");
        }
        if (extents < now) {
            return new Outcome(
                    5,
                    out.toString(),
                    "  New size given (" + extents + " extents) not larger than existing size (" + now + " extents)\n");
        }
        long free = lvm.vgFree(vg);
        if (extents - now > free) {
            return new Outcome(
                    5,
                    out.toString(),
                    "  Insufficient free space: " + (extents - now) + " extents needed, but only " + free
                            + " available\n");
        }
        long before = lv.device.sizeBytes();
        lvm.lvextend(vg, lv, extents - now);
        out.append("  Size of logical volume ")
                .append(path)
                .append(" changed from ")
                .append(Lvm.human(before))
                .append(" (")
                .append(now)
                .append(" extents) to ")
                .append(Lvm.human(lv.device.sizeBytes()))
                .append(" (")
                .append(extents)
                .append(" extents).\n");
        out.append("  Logical volume ").append(path).append(" successfully resized.\n");
        return Outcome.ok(out.toString());
    }
}
