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
import io.drbd4j.core.safety.SafetyReport;
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
 * <pre>
 * DRBD 8.4.1 (api 1, proto 86-100), GIT-hash: 91b4c048c1a0e06777b5f65d312b38d47abaea80 build by ...
 * MINOR  STATE       ROLE               DISK                   PROTO  FLAGS   OOS(KiB)  SYNC
 * 0      SyncSource  Primary/Secondary  UpToDate/Inconsistent  C      r-----  12685660  19.5% left 12388 MiB, ETA 0:11:00, 19,188 KiB/s
 * </pre>
 *
 * <p>Absent values print as {@code -}; text from the input goes through {@link Visible}.
 */
final class StatusTable {
    private static final String ABSENT = "-";

    private StatusTable() {}

    /**
     * @param status what to print
     * @param source where the status was read from, named in the problems heading
     * @param out where to print
     */
    static void print(ProcDrbdStatus status, String source, PrintWriter out) {
        out.println(versionLine(status));
        if (!status.transports().isEmpty()) {
            out.println(transportsLine(status));
        }
        if (status.devices().isEmpty()) {
            out.println(noDevicesLine(status));
        } else {
            TextTable table = new TextTable(
                    "MINOR", "STATE", "ROLE", "DISK", "PROTO", "FLAGS", "OOS(KiB)", "SYNC", "DATA SAFETY");
            List<SafetyReport> reports = new ArrayList<>();
            for (DeviceStatus device : status.devices()) {
                SafetyReport report = DataSafety.of(device);
                reports.add(report);
                table.add(row(device, report));
            }
            table.print(out);
            printReasons(status.devices(), reports, out);
        }
        int count = status.problems().size();
        if (count > 0) {
            out.println(count + (count == 1 ? " problem" : " problems") + " reading " + Visible.escape(source) + ":");
            for (ParseProblem problem : status.problems()) {
                out.println("  line " + problem.line() + ", column " + problem.column() + ": "
                        + Visible.escape(problem.message()));
            }
        }
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
    private static void printReasons(List<DeviceStatus> devices, List<SafetyReport> reports, PrintWriter out) {
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
            out.println(minor + r.canLosePeer().reason());
            out.println(" ".repeat(minor.length()) + r.canLoseThisNode().reason());
        }
    }

    private static String[] row(DeviceStatus d, SafetyReport report) {
        return new String[] {
            String.valueOf(d.minor()),
            d.connectionState().label(),
            pair(d.role().map(Role::label), d.peerRole().map(Role::label)),
            pair(d.diskState().map(DiskState::label), d.peerDiskState().map(DiskState::label)),
            d.protocol().map(ReplicationProtocol::label).orElse(ABSENT),
            d.ioFlags().map(IoFlags::raw).map(Visible::escape).orElse(ABSENT),
            oos(d),
            d.sync().map(StatusTable::sync).orElse(ABSENT),
            report.summary()
        };
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

    /** Hours are not bounded, as in the kernel's {@code finish: 22:24:00}. */
    private static String clock(Duration d) {
        long seconds = d.getSeconds();
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds % 3600 / 60, seconds % 60);
    }

    private static String grouped(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
