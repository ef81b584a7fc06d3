package io.drbd4j.examples.cli;

import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.DrbdVersion;
import io.drbd4j.core.model.IoCounters;
import io.drbd4j.core.model.IoFlags;
import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.model.ReplicationProtocol;
import io.drbd4j.core.model.Role;
import io.drbd4j.core.model.SyncProgress;
import io.drbd4j.core.model.Transport;
import io.drbd4j.core.proc.ParseProblem;
import io.drbd4j.core.safety.DataSafety;
import io.drbd4j.core.safety.Holder;
import io.drbd4j.core.safety.SafetyReport;
import io.drbd4j.core.safety.Verdict;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Prints a {@link ProcDrbdStatus} for people: a version line, a table with one row per device, then the problems
 * a lenient parse found.
 *
 * <p>By default everything fits {@link #WIDTH} columns: the table holds the minor, the resource and the mount
 * point (when the host named them, {@link DeviceNames}), the connection state, roles, disk states, a short resync
 * column while one runs, and the data-safety verdict; cells and prose that do not fit wrap. {@code wide} prints
 * every column (protocol, I/O flags, out-of-sync KiB, the full resync line) and never wraps:
 *
 * <pre>
 * DRBD 8.4.1 (api 1, proto 86-100), GIT-hash: 91b4c048c1a0e06777b5f65d312b38d47abaea80 build by ...
 * MINOR  STATE       ROLE               DISK                   PROTO  FLAGS   OOS(KiB)  SYNC
 * 0      SyncSource  Primary/Secondary  UpToDate/Inconsistent  C      r-----  12685660  19.5% left 12388 MiB, ETA 0:11:00, 19,188 KiB/s
 * </pre>
 *
 * <p>Absent values print as {@code -}; text from the input goes through {@link Visible}. With a {@link Palette}
 * that paints, the data-safety cell is green when either node can be lost, bold red for a split brain or when no
 * node holds good data, yellow otherwise.
 */
final class StatusTable {
    /** The longest line printed without {@code wide}, in code points. */
    static final int WIDTH = 100;

    private static final String ABSENT = "-";

    private StatusTable() {}

    /**
     * Prints the devices as a table.
     *
     * @param status what to print
     * @param source where the status was read from, named in the problems heading
     * @param names the resource and mount point of each minor, where the host has them
     * @param wide every column and no wrapping, instead of {@link #WIDTH} columns
     * @param palette the colours, or {@link Palette#none()}
     * @param out where to print
     */
    static void print(
            ProcDrbdStatus status, String source, DeviceNames names, boolean wide, Palette palette, PrintWriter out) {
        int width = wide ? Integer.MAX_VALUE : WIDTH;
        prose(versionLine(status), "  ", width, out);
        if (!status.transports().isEmpty()) {
            prose(transportsLine(status), "  ", width, out);
        }
        if (status.devices().isEmpty()) {
            prose(noDevicesLine(status), "  ", width, out);
        } else {
            List<SafetyReport> reports = new ArrayList<>();
            for (DeviceStatus device : status.devices()) {
                reports.add(DataSafety.of(device));
            }
            table(status.devices(), reports, names, wide).print(out, width, palette);
            printReasons(status.devices(), reports, width, out);
        }
        int count = status.problems().size();
        if (count > 0) {
            prose(
                    count + (count == 1 ? " problem" : " problems") + " reading " + Visible.escape(source) + ":",
                    "  ",
                    width,
                    out);
            for (ParseProblem problem : status.problems()) {
                prose(
                        "  line " + problem.line() + ", column " + problem.column() + ": "
                                + Visible.escape(problem.message()),
                        "    ",
                        width,
                        out);
            }
        }
    }

    private static void prose(String line, String indent, int width, PrintWriter out) {
        TextTable.wrap(line, width, indent).forEach(out::println);
    }

    /** The columns: those that only some hosts or moments have are left out when no device has them. */
    private static TextTable table(
            List<DeviceStatus> devices, List<SafetyReport> reports, DeviceNames names, boolean wide) {
        boolean syncing = devices.stream().anyMatch(d -> d.sync().isPresent());
        List<String> header = new ArrayList<>(List.of("MINOR"));
        if (names.hasResources()) {
            header.add("RESOURCE");
        }
        header.addAll(List.of("STATE", "ROLE", "DISK"));
        if (wide) {
            header.addAll(List.of("PROTO", "FLAGS", "OOS(KiB)", "SYNC"));
        } else if (syncing) {
            header.add("SYNC");
        }
        if (names.hasMountPoints()) {
            header.add("MOUNT");
        }
        header.add("DATA SAFETY");
        TextTable table = new TextTable(header.toArray(String[]::new));
        for (String shrinkable : List.of("RESOURCE", "SYNC", "MOUNT", "DATA SAFETY")) {
            if (header.contains(shrinkable)) {
                table.shrinkable(header.indexOf(shrinkable));
            }
        }
        for (int i = 0; i < devices.size(); i++) {
            DeviceStatus d = devices.get(i);
            List<String> row = new ArrayList<>(List.of(String.valueOf(d.minor())));
            if (names.hasResources()) {
                row.add(names.resource(d.minor()).map(Visible::escape).orElse(ABSENT));
            }
            row.add(d.connectionState().label());
            row.add(pair(d.role().map(Role::label), d.peerRole().map(Role::label)));
            row.add(pair(d.diskState().map(DiskState::label), d.peerDiskState().map(DiskState::label)));
            if (wide) {
                row.add(d.protocol().map(ReplicationProtocol::label).orElse(ABSENT));
                row.add(d.ioFlags().map(IoFlags::raw).map(Visible::escape).orElse(ABSENT));
                row.add(oos(d));
                row.add(d.sync().map(StatusTable::sync).orElse(ABSENT));
            } else if (syncing) {
                row.add(d.sync().map(StatusTable::shortSync).orElse(ABSENT));
            }
            if (names.hasMountPoints()) {
                row.add(names.mountPoint(d.minor()).map(Visible::escape).orElse(ABSENT));
            }
            row.add(reports.get(i).summary());
            table.add(row.toArray(String[]::new));
            if (!d.isUnconfigured()) {
                table.colour(row.size() - 1, tone(reports.get(i)));
            }
        }
        return table;
    }

    /**
     * Returns green when either node can be lost; bold red for a split brain or when neither node holds good data;
     * yellow otherwise.
     *
     * @param report a device's data-safety verdicts
     * @return green when either node can be lost; bold red for a split brain or when neither node holds good data;
     *     yellow otherwise
     */
    static Palette.Tone tone(SafetyReport report) {
        if (report.canLosePeer().isYes() && report.canLoseThisNode().isYes()) {
            return Palette.Tone.GOOD;
        }
        if (report.splitBrain().verdict() == Verdict.YES
                || report.upToDateHolder().holder() == Holder.NEITHER) {
            return Palette.Tone.BAD;
        }
        return Palette.Tone.WARN;
    }

    private static String versionLine(ProcDrbdStatus status) {
        StringBuilder line = new StringBuilder();
        Optional<DrbdVersion> version = status.version();
        if (version.isPresent()) {
            DrbdVersion v = version.get();
            line.append("DRBD ")
                    .append(Visible.escape(v.release()))
                    .append(" (api ")
                    .append(v.api());
            line.append(", proto ").append(v.protoMin());
            if (v.protoMax() != v.protoMin()) {
                line.append('-').append(v.protoMax());
            }
            line.append(v.compat84() ? ", compat 8.4)" : ")");
        } else {
            line.append("DRBD version: unknown (no version line)");
        }
        status.buildTag().ifPresent(tag -> line.append(", ").append(Visible.escape(tag.text())));
        return line.toString();
    }

    private static String transportsLine(ProcDrbdStatus status) {
        String api = status.transportsApi().isPresent()
                ? " (api " + status.transportsApi().getAsInt() + ")"
                : "";
        return "Transports" + api + ": "
                + status.transports().stream().map(StatusTable::transport).collect(Collectors.joining(", "));
    }

    private static String transport(Transport t) {
        return Visible.escape(t.name()) + " " + Visible.escape(t.version());
    }

    private static String noDevicesLine(ProcDrbdStatus status) {
        boolean drbd9 =
                status.version().map(v -> v.major() >= 9 && !v.compat84()).orElse(false);
        return drbd9
                ? "No devices: DRBD 9 shows device state in 'drbdsetup status', not in /proc/drbd."
                : "No devices.";
    }

    /** Under the table, the two answers in full for each device where losing a node is not plainly safe. */
    private static void printReasons(
            List<DeviceStatus> devices, List<SafetyReport> reports, int width, PrintWriter out) {
        boolean heading = false;
        for (int i = 0; i < devices.size(); i++) {
            SafetyReport r = reports.get(i);
            if (devices.get(i).isUnconfigured()
                    || (r.canLosePeer().isYes() && r.canLoseThisNode().isYes())) {
                continue;
            }
            if (!heading) {
                out.println("Data safety:");
                heading = true;
            }
            String minor = "  minor " + devices.get(i).minor() + ": ";
            String indent = " ".repeat(minor.length());
            prose(minor + r.canLosePeer().reason(), indent, width, out);
            prose(indent + r.canLoseThisNode().reason(), indent, width, out);
        }
    }

    private static String pair(Optional<String> local, Optional<String> peer) {
        if (local.isEmpty() && peer.isEmpty()) {
            return ABSENT;
        }
        return local.orElse(ABSENT) + "/" + peer.orElse(ABSENT);
    }

    private static String oos(DeviceStatus d) {
        Optional<IoCounters> counters = d.counters();
        if (counters.isEmpty() || counters.get().oos().isEmpty()) {
            return ABSENT;
        }
        return String.valueOf(counters.get().oos().getAsLong());
    }

    /**
     * Returns for example {@code 19.5% left 12388 MiB, ETA 0:11:00, 19,188 KiB/s}; the left size in the unit the kernel
     * printed.
     *
     * @param s a running resync or verify
     * @return for example {@code 19.5% left 12388 MiB, ETA 0:11:00, 19,188 KiB/s}; the left size in the unit the
     *     kernel printed
     */
    private static String sync(SyncProgress s) {
        StringBuilder b = new StringBuilder();
        if (s.kind() == SyncProgress.Kind.VERIFY) {
            b.append("verify ");
        }
        b.append(String.format(Locale.ROOT, "%.1f%%", s.percent()));
        if (s.unit() == SyncProgress.Unit.MIB) {
            b.append(" left ").append(s.leftKiB() / 1024).append(" MiB");
        } else {
            b.append(" left ").append(s.leftKiB()).append(" KiB");
        }
        s.finish().ifPresent(eta -> b.append(", ETA ").append(clock(eta)));
        if (s.speedKiBps().isPresent()) {
            b.append(", ").append(grouped(s.speedKiBps().getAsLong())).append(" KiB/s");
        }
        if (s.wantKiBps().isPresent()) {
            b.append(", want ").append(grouped(s.wantKiBps().getAsLong())).append(" KiB/s");
        }
        if (s.stalled()) {
            b.append(", stalled");
        }
        return b.toString();
    }

    /**
     * Returns for example {@code 43.1% ETA 0:00:34}, {@code verify 2.5%}, {@code 12.0% stalled}.
     *
     * @param s a running resync or verify
     * @return for example {@code 43.1% ETA 0:00:34}, {@code verify 2.5%}, {@code 12.0% stalled}
     */
    private static String shortSync(SyncProgress s) {
        StringBuilder b = new StringBuilder();
        if (s.kind() == SyncProgress.Kind.VERIFY) {
            b.append("verify ");
        }
        b.append(String.format(Locale.ROOT, "%.1f%%", s.percent()));
        s.finish().ifPresent(eta -> b.append(" ETA ").append(clock(eta)));
        if (s.stalled()) {
            b.append(" stalled");
        }
        return b.toString();
    }

    /** Hours are not bounded, as in the kernel's {@code finish: 22:24:00}. */
    private static String clock(Duration d) {
        long seconds = d.getSeconds();
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds % 3600 / 60, seconds % 60);
    }

    private static String grouped(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
