package io.drbd4j.core.proc;

import io.drbd4j.core.model.Congestion;
import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.DrbdVersion;
import io.drbd4j.core.model.IoCounters;
import io.drbd4j.core.model.IoFlags;
import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.model.ReplicationProtocol;
import io.drbd4j.core.model.Role;
import io.drbd4j.core.model.SyncProgress;
import io.drbd4j.core.model.WriteOrdering;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Builders for expected model values, written to mirror the printed text field by field. */
final class Expect {
    private Expect() {}

    /** @return the Unconfigured device {@code minor} */
    static DeviceStatus unconfigured(int minor) {
        return DeviceStatus.builder()
                .minor(minor)
                .connectionState(ConnectionState.UNCONFIGURED)
                .build();
    }

    /**
     * @param protocol the protocol letter, or null for the three-space form
     * @param flags the flags as printed
     * @return a builder with the state line filled in; add counters, sync and details, then build
     */
    static DeviceStatus.Builder device(
            int minor,
            ConnectionState cs,
            Role role,
            Role peerRole,
            DiskState disk,
            DiskState peerDisk,
            ReplicationProtocol protocol,
            String flags) {
        return DeviceStatus.builder()
                .minor(minor)
                .connectionState(cs)
                .role(role)
                .peerRole(peerRole)
                .diskState(disk)
                .peerDiskState(peerDisk)
                .protocol(Optional.ofNullable(protocol))
                .ioFlags(flags(flags));
    }

    /**
     * Decodes flags by position as §4.5 of the spec describes: 1 {@code s}, 2 {@code a}, 3 {@code p}, 4 {@code u},
     * 5 congestion letter (known letters only), 6 {@code s}.
     */
    static IoFlags flags(String raw) {
        return IoFlags.builder()
                .raw(raw)
                .ioSuspended(at(raw, 0) == 's')
                .pausedByDependency(at(raw, 1) == 'a')
                .pausedByPeer(at(raw, 2) == 'p')
                .pausedByUser(at(raw, 3) == 'u')
                .congestion(raw.length() >= 5 ? Congestion.fromLabel(raw.substring(4, 5)) : Optional.empty())
                .activityLogSuspended(at(raw, 5) == 's')
                .build();
    }

    private static char at(String s, int i) {
        return i < s.length() ? s.charAt(i) : '?';
    }

    /** @return DRBD 8.0 counters: {@code ns nr dw dr al bm lo pe ua ap}, no ep, wo or oos */
    static IoCounters counters80(
            long ns, long nr, long dw, long dr, long al, long bm, long lo, long pe, long ua, long ap) {
        return IoCounters.builder()
                .ns(ns)
                .nr(nr)
                .dw(dw)
                .dr(dr)
                .al(al)
                .bm(bm)
                .lo(lo)
                .pe(pe)
                .ua(ua)
                .ap(ap)
                .build();
    }

    /** @return counters in printed order {@code ns nr dw dr al bm lo pe ua ap ep wo oos} */
    static IoCounters counters(
            long ns,
            long nr,
            long dw,
            long dr,
            long al,
            long bm,
            long lo,
            long pe,
            long ua,
            long ap,
            long ep,
            WriteOrdering wo,
            long oos) {
        return IoCounters.builder()
                .from(counters80(ns, nr, dw, dr, al, bm, lo, pe, ua, ap))
                .ep(ep)
                .wo(wo)
                .oos(oos)
                .build();
    }

    /** @return counters that are all zero but ep 1, the given write ordering and oos */
    static IoCounters idle(WriteOrdering wo, long oos) {
        return counters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, wo, oos);
    }

    /** @return a sync progress builder with the progress line filled in (sizes in KiB as the model holds them) */
    static SyncProgress.Builder progress(
            SyncProgress.Kind kind, int perMille, long leftKiB, long totalKiB, SyncProgress.Unit unit) {
        return SyncProgress.builder()
                .kind(kind)
                .perMille(perMille)
                .leftKiB(leftKiB)
                .totalKiB(totalKiB)
                .unit(unit);
    }

    /** @return {@code h:mm:ss} as a duration */
    static Duration hms(long hours, long minutes, long seconds) {
        return Duration.ofSeconds(hours * 3600 + minutes * 60 + seconds);
    }

    /** @return the version line's model */
    static DrbdVersion version(String release, int api, int protoMin, int protoMax) {
        return DrbdVersion.builder()
                .release(release)
                .api(api)
                .protoMin(protoMin)
                .protoMax(protoMax)
                .build();
    }

    /** @return the minors in file order */
    static List<Integer> minors(ProcDrbdStatus status) {
        return status.devices().stream().map(DeviceStatus::minor).collect(Collectors.toList());
    }

    /** @return the line numbers of the problems, in order */
    static List<Integer> problemLines(ProcDrbdStatus status) {
        return status.problems().stream().map(ParseProblem::line).collect(Collectors.toList());
    }

    /** @return the text as UTF-8 bytes */
    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** @return the 1-based byte column of {@code needle} in {@code line} (which must contain it) */
    static int columnOf(String line, String needle) {
        int at = line.indexOf(needle);
        if (at < 0) {
            throw new IllegalArgumentException(needle + " not in " + line);
        }
        return line.substring(0, at).getBytes(StandardCharsets.UTF_8).length + 1;
    }
}
