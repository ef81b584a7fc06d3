package io.drbd4j.testkit.internal.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A host's LVM state: physical volumes (a device and its volume group, none for an orphan), volume groups of 4 MiB
 * extents and their logical volumes, each a {@link BlockDevice} at {@code /dev/VG/LV} in the host's device table.
 * A PV's data area starts 1 MiB into the device (lvm2 2.03.16's default {@code pe_start}), so a device of S bytes
 * gives {@code (S - 1 MiB) / 4 MiB} extents, as pvs showed on loop devices. An LV takes its extents from the VG's PVs
 * in order. The commands are in {@link LvmCommands} and {@link LvmReports}. Not thread-safe.
 */
final class Lvm {
    /** The extent size vgcreate picks by default. */
    static final long EXTENT = 4L << 20;

    /** Where a PV's data area starts. */
    static final long PE_START = 1L << 20;

    /** A volume group: its PVs in the order they were added, its LVs by name. */
    static final class Vg {
        final String name;
        final List<String> pvs = new ArrayList<>();
        final Map<String, Lv> lvs = new TreeMap<>();

        Vg(String name) {
            this.name = name;
        }
    }

    /** A logical volume: its device and how many extents it has on each PV. */
    static final class Lv {
        final String name;
        final BlockDevice device;
        final Map<String, Long> extentsOn = new LinkedHashMap<>();

        Lv(String name, BlockDevice device) {
            this.name = name;
            this.device = device;
        }

        long extents() {
            return extentsOn.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final SimulatedHost host;
    /** PV device → its VG's name, "" for an orphan. */
    private final Map<String, String> pvs = new TreeMap<>();

    private final Map<String, Vg> vgs = new TreeMap<>();

    Lvm(SimulatedHost host) {
        this.host = host;
    }

    Map<String, String> pvs() {
        return pvs;
    }

    Map<String, Vg> vgs() {
        return vgs;
    }

    Optional<Vg> vg(String name) {
        return Optional.ofNullable(vgs.get(name));
    }

    /**
     * Returns the extents a PV offers once in a VG.
     *
     * @return the extents a PV offers once in a VG
     */
    long peCount(String pv) {
        return Math.max(0, (deviceSize(pv) - PE_START) / EXTENT);
    }

    boolean hasDevice(String path) {
        return host.deviceTable().containsKey(path);
    }

    long deviceSize(String pv) {
        return host.deviceTable().get(pv).sizeBytes();
    }

    long pvFree(String pv) {
        String vg = pvs.get(pv);
        if (vg == null || vg.isEmpty()) {
            return 0;
        }
        long used = 0;
        for (Lv lv : vgs.get(vg).lvs.values()) {
            used += lv.extentsOn.getOrDefault(pv, 0L);
        }
        return peCount(pv) - used;
    }

    long vgExtents(Vg vg) {
        return vg.pvs.stream().mapToLong(this::peCount).sum();
    }

    long vgFree(Vg vg) {
        return vg.pvs.stream().mapToLong(this::pvFree).sum();
    }

    /** Makes the device a PV of no VG. */
    void pvcreate(String device) {
        pvs.put(device, "");
    }

    /** Makes a VG of one PV. */
    void vgcreate(String name, String pv) {
        Vg vg = new Vg(name);
        vgs.put(name, vg);
        vgextend(vg, pv);
    }

    void vgextend(Vg vg, String pv) {
        vg.pvs.add(pv);
        pvs.put(pv, vg.name);
    }

    /**
     * Creates an LV of {@code extents} extents, registered in the host as {@code /dev/VG/LV}.
     *
     * @param sizeBytes its device size: {@code extents} × 4 MiB from the commands, the configured size when a test
     *     sets the layout up (which may be no multiple of the extent)
     */
    Lv lvcreate(Vg vg, String name, long extents, long sizeBytes) {
        Lv lv = new Lv(name, host.addDevice("/dev/" + vg.name + "/" + name, sizeBytes));
        vg.lvs.put(name, lv);
        allocate(vg, lv, extents);
        return lv;
    }

    /** Grows the LV by {@code more} extents, taking them from the PVs in order. */
    void lvextend(Vg vg, Lv lv, long more) {
        allocate(vg, lv, more);
        lv.device.resize(lv.extents() * EXTENT);
    }

    private void allocate(Vg vg, Lv lv, long extents) {
        long left = extents;
        for (String pv : vg.pvs) {
            long take = Math.min(left, pvFree(pv));
            if (take > 0) {
                lv.extentsOn.merge(pv, take, Long::sum);
                left -= take;
            }
        }
        if (left > 0) {
            throw new IllegalStateException("no room for " + extents + " extents in " + vg.name);
        }
    }

    /**
     * Returns the VG the device is a PV of, if any.
     *
     * @param device a device path
     * @return its VG's name; empty for an orphan PV or a device that is no PV
     */
    Optional<String> vgOf(String device) {
        String vg = pvs.get(device);
        return vg == null || vg.isEmpty() ? Optional.empty() : Optional.of(vg);
    }

    boolean isPv(String device) {
        return pvs.containsKey(device);
    }

    /**
     * Returns the LV whose device is at that path.
     *
     * @return the LV whose device is at that path
     */
    Optional<Lv> lvAt(String path) {
        for (Vg vg : vgs.values()) {
            for (Lv lv : vg.lvs.values()) {
                if (lv.device.path().equals(path)) {
                    return Optional.of(lv);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the LVs with extents on that PV, as {@code VG-LV} device-mapper names.
     *
     * @return the LVs with extents on that PV
     */
    List<Lv> lvsOn(String pv) {
        List<Lv> on = new ArrayList<>();
        String vg = pvs.get(pv);
        if (vg != null && !vg.isEmpty()) {
            for (Lv lv : vgs.get(vg).lvs.values()) {
                if (lv.extentsOn.containsKey(pv)) {
                    on.add(lv);
                }
            }
        }
        return on;
    }

    /**
     * lvm's {@code display_size} with two decimals in the largest binary unit that fits ({@code 96.00 MiB}, {@code
     * 1.86 GiB}); zero is {@code "0   "}, as lvcreate printed it.
     */
    static String human(long bytes) {
        if (bytes == 0) {
            return "0   ";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = bytes / 1024.0;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.2f %s", v, units[u]);
    }
}
