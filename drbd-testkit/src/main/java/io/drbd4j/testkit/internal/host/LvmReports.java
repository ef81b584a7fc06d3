package io.drbd4j.testkit.internal.host;

import io.drbd4j.testkit.internal.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lvm2 reports in bytes without headings: {@code pvs --noheadings --units b --nosuffix -o
 * pv_name,vg_name,pv_size,pv_free}, {@code vgs ... -o vg_name,vg_size,vg_free,vg_extent_size [VG]} and {@code lvs ...
 * -o lv_path,lv_size [VG | VG/LV]}. Captured from lvm2 2.03.16 on loop devices: each row starts with two blanks,
 * columns are one blank apart, each as wide as its widest value or its heading ({@code PV}, {@code VG}, {@code
 * PSize}, ...: lvm sizes columns by the heading even when it prints none), names left-aligned, numbers
 * right-aligned; rows sorted by name. An orphan PV shows an empty VG and its whole device as size and free space; a
 * PV in a VG shows its extents. A missing VG exits 5 with {@code Volume group "VG" not found}, a missing LV with
 * {@code Failed to find logical volume "VG/LV"}.
 */
final class LvmReports {
    private static final List<String> COMMON = List.of("--noheadings", "--units", "b", "--nosuffix", "-o");

    private final Lvm lvm;

    LvmReports(Lvm lvm) {
        this.lvm = lvm;
    }

    Outcome run(String program, List<String> args) {
        String fields =
                switch (program) {
                    case "pvs" -> "pv_name,vg_name,pv_size,pv_free";
                    case "vgs" -> "vg_name,vg_size,vg_free,vg_extent_size";
                    case "lvs" -> "lv_path,lv_size";
                    default -> "";
                };
        int max = program.equals("pvs") ? Integer.MAX_VALUE : 7;
        if (args.size() < 6
                || args.size() > max
                || !args.subList(0, 5).equals(COMMON)
                || !args.get(5).equals(fields)
                || args.subList(6, args.size()).stream().anyMatch(a -> a.startsWith("-"))) {
            return SimulatedHost.unsupported(SimulatedHost.prepend(program, args));
        }
        Optional<String> target = args.size() == 7 ? Optional.of(args.get(6)) : Optional.empty();
        return switch (program) {
            case "pvs" -> pvs(args.subList(6, args.size()));
            case "vgs" -> vgs(target);
            default -> lvs(target);
        };
    }

    /**
     * {@code pvs ... [PV...]}: every PV, or the ones named. Captured: a named device that is no PV → {@code Failed
     * to find physical volume "DEV".}, a missing one → {@code Cannot use DEV: device not found}, exit 5, the others'
     * rows still printed.
     */
    private Outcome pvs(List<String> named) {
        List<String[]> rows = new ArrayList<>();
        StringBuilder err = new StringBuilder();
        for (String pv : named) {
            if (!lvm.hasDevice(pv)) {
                err.append("  Cannot use ").append(pv).append(": device not found\n");
            } else if (!lvm.isPv(pv)) {
                err.append("  Failed to find physical volume \"").append(pv).append("\".\n");
            }
        }
        lvm.pvs().forEach((pv, vg) -> {
            if (!named.isEmpty() && !named.contains(pv)) {
                return;
            }
            boolean orphan = vg.isEmpty();
            long size = orphan ? lvm.deviceSize(pv) : lvm.peCount(pv) * Lvm.EXTENT;
            long free = orphan ? size : lvm.pvFree(pv) * Lvm.EXTENT;
            rows.add(new String[] {pv, vg, Long.toString(size), Long.toString(free)});
        });
        String out = table(rows, new String[] {"PV", "VG", "PSize", "PFree"}, 2);
        return new Outcome(err.length() == 0 ? 0 : 5, out, err.toString());
    }

    private Outcome vgs(Optional<String> target) {
        List<String[]> rows = new ArrayList<>();
        for (Lvm.Vg vg : lvm.vgs().values()) {
            if (target.isEmpty() || target.get().equals(vg.name)) {
                rows.add(new String[] {
                    vg.name,
                    Long.toString(lvm.vgExtents(vg) * Lvm.EXTENT),
                    Long.toString(lvm.vgFree(vg) * Lvm.EXTENT),
                    Long.toString(Lvm.EXTENT)
                });
            }
        }
        if (target.isPresent() && rows.isEmpty()) {
            return Outcome.fail(5, LvmCommands.vgNotFound(target.get()));
        }
        return Outcome.ok(table(rows, new String[] {"VG", "VSize", "VFree", "Ext"}, 1));
    }

    private Outcome lvs(Optional<String> target) {
        String vgName = target.map(t -> t.contains("/") ? t.substring(0, t.indexOf('/')) : t)
                .orElse(null);
        String lvName = target.filter(t -> t.contains("/"))
                .map(t -> t.substring(t.indexOf('/') + 1))
                .orElse(null);
        if (vgName != null && lvm.vg(vgName).isEmpty()) {
            return Outcome.fail(5, LvmCommands.vgNotFound(vgName));
        }
        List<String[]> rows = new ArrayList<>();
        for (Lvm.Vg vg : lvm.vgs().values()) {
            if (vgName != null && !vgName.equals(vg.name)) {
                continue;
            }
            for (Lvm.Lv lv : vg.lvs.values()) {
                if (lvName == null || lvName.equals(lv.name)) {
                    rows.add(new String[] {lv.device.path(), Long.toString(lv.device.sizeBytes())});
                }
            }
        }
        if (lvName != null && rows.isEmpty()) {
            return Outcome.fail(5, "  Failed to find logical volume \"" + target.get() + "\"\n");
        }
        return Outcome.ok(table(rows, new String[] {"Path", "LSize"}, 1));
    }

    /**
     * Lays the rows out as lvm does.
     *
     * @param names how many leading columns are names (left-aligned); the rest are numbers (right-aligned)
     */
    private static String table(List<String[]> rows, String[] headings, int names) {
        int[] width = new int[headings.length];
        for (int c = 0; c < headings.length; c++) {
            width[c] = headings[c].length();
            for (String[] row : rows) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            out.append(' ');
            for (int c = 0; c < row.length; c++) {
                String pad = " ".repeat(width[c] - row[c].length());
                out.append(' ').append(c < names ? row[c] + pad : pad + row[c]);
            }
            out.append('\n');
        }
        return out.toString();
    }
}
