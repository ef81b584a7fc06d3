package io.drbd4j.examples.cli;

import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.IoCounters;
import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.model.Role;
import io.drbd4j.core.model.SyncProgress;
import io.drbd4j.core.proc.ParseProblem;
import io.drbd4j.core.safety.DataSafety;
import io.drbd4j.core.safety.Holder;
import io.drbd4j.core.safety.ResyncInfo;
import io.drbd4j.core.safety.SafetyReport;
import io.drbd4j.core.safety.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * The Nagios verdict on one {@code /proc/drbd}: each configured device is judged by drbd-core's data-safety answers
 * ({@link DataSafety#of(DeviceStatus)}), and the worst device gives the state:
 *
 * <ol>
 *   <li>CRITICAL {@code split brain}: {@link SafetyReport#splitBrain()} is yes; {@code possible split brain}: it is
 *       unknown (a StandAlone node whose data may have diverged: DRBD will not reconnect it by itself).
 *   <li>CRITICAL {@code no good copy on either node}: {@link SafetyReport#upToDateHolder()} is neither (both
 *       Inconsistent, as before the initial sync).
 *   <li>CRITICAL {@code no current copy here and the peer is not connected}: {@link SafetyReport#canLosePeer()} is
 *       no (this node lacks acknowledged writes) and the peer's disk is {@code DUnknown}: the primary-lost state.
 *   <li>OK {@code safe}: {@link SafetyReport#canLosePeer()} and {@link SafetyReport#canLoseThisNode()} are both yes.
 *   <li>WARNING {@code resync 43.1%} ({@code resync running}, {@code resync paused}, {@code resync starting}) while
 *       a resync shows ({@link SafetyReport#resync()}); otherwise WARNING {@code this node cannot be lost} ({@link
 *       SafetyReport#canLoseThisNode()} no), {@code the peer cannot be lost} ({@link SafetyReport#canLosePeer()} no)
 *       or {@code cannot tell whether either node can be lost} (an answer is unknown, such as a peer not connected).
 * </ol>
 *
 * <p>Unconfigured minors hold no data and are only listed. No configured device, or a lenient read that listed
 * problems while every device was OK, is UNKNOWN: nothing vouches for an OK then. The summary lists each device that
 * is not OK, worst first, as {@code drbd1 SyncTarget Secondary/Primary Inconsistent/UpToDate: resync 43.1%}, then
 * {@code safe: drbd0, ...}, {@code unconfigured: drbd2, ...} and {@code N problem(s) reading FILE (first at line
 * L)}. Performance data per configured device: {@code drbdN_oos} (KiB, Nagios unit {@code KB}) when the status has
 * an {@code oos:} counter; while a resync shows its progress line, {@code drbdN_sync} (percent) and {@code
 * drbdN_speed_KiBps} (the current speed; Nagios has no unit for a rate).
 */
final class ProcDrbdCheck {
    private ProcDrbdCheck() {}

    /** One judged device. */
    private record Judged(DeviceStatus device, CheckState state, String reason) {}

    /**
     * Returns the state, summary and performance data.
     *
     * @param status what was read
     * @param source where it was read from, for the summary
     * @return the state, summary and performance data
     */
    static CheckResult of(ProcDrbdStatus status, String source) {
        CheckResult result = new CheckResult();
        List<Judged> judged = new ArrayList<>();
        List<String> unconfigured = new ArrayList<>();
        for (DeviceStatus d : status.devices()) {
            if (d.isUnconfigured()) {
                unconfigured.add("drbd" + d.minor());
            } else {
                SafetyReport report = DataSafety.of(d);
                judged.add(new Judged(d, state(d, report), reason(d, report)));
            }
        }
        judged.stream()
                .filter(j -> j.state() != CheckState.OK)
                .sorted(Comparator.comparing(Judged::state).reversed())
                .forEach(j -> result.raise(j.state())
                        .part("drbd" + j.device().minor() + " " + words(j.device()) + ": " + j.reason()));
        List<String> safe = judged.stream()
                .filter(j -> j.state() == CheckState.OK)
                .map(j -> "drbd" + j.device().minor())
                .collect(Collectors.toList());
        if (judged.isEmpty()) {
            result.raise(CheckState.UNKNOWN).part("no configured device in " + source);
        }
        if (!safe.isEmpty()) {
            result.part("safe: " + String.join(", ", safe));
        }
        if (!unconfigured.isEmpty()) {
            result.part("unconfigured: " + String.join(", ", unconfigured));
        }
        List<ParseProblem> problems = status.problems();
        if (!problems.isEmpty()) {
            result.raise(CheckState.UNKNOWN)
                    .part(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " reading " + source
                            + " (first at line " + problems.get(0).line() + ")");
        }
        for (Judged j : judged) {
            perf(result, "drbd" + j.device().minor(), j.device());
        }
        return result;
    }

    /**
     * Returns its state by the rules of the class comment.
     *
     * @param d a configured device
     * @param report drbd-core's report on it, of this node alone or of both nodes
     * @return its state by the rules of the class comment
     */
    static CheckState state(DeviceStatus d, SafetyReport report) {
        if (report.splitBrain().verdict() != Verdict.NO
                || report.upToDateHolder().holder() == Holder.NEITHER
                || (report.canLosePeer().verdict() == Verdict.NO && !peerConnected(d))) {
            return CheckState.CRITICAL;
        }
        return StatusJson.safe(report) ? CheckState.OK : CheckState.WARNING;
    }

    /**
     * Returns the words of the class comment for the rule that gave its state.
     *
     * @param d a configured device
     * @param report drbd-core's report on it
     * @return the words of the class comment for the rule that gave its state
     */
    static String reason(DeviceStatus d, SafetyReport report) {
        if (report.splitBrain().verdict() == Verdict.YES) {
            return "split brain";
        } else if (report.splitBrain().verdict() == Verdict.UNKNOWN) {
            return "possible split brain";
        } else if (report.upToDateHolder().holder() == Holder.NEITHER) {
            return "no good copy on either node";
        } else if (report.canLosePeer().verdict() == Verdict.NO && !peerConnected(d)) {
            return "no current copy here and the peer is not connected";
        } else if (StatusJson.safe(report)) {
            return "safe";
        } else if (report.resync().isPresent()) {
            return resync(report.resync().get());
        } else if (report.canLoseThisNode().verdict() == Verdict.NO) {
            return "this node cannot be lost";
        } else if (report.canLosePeer().verdict() == Verdict.NO) {
            return "the peer cannot be lost";
        }
        return "cannot tell whether either node can be lost";
    }

    private static String resync(ResyncInfo r) {
        switch (r.phase()) {
            case PAUSED:
                return "resync paused";
            case STARTING:
                return "resync starting";
            default:
                return r.perMille().isPresent()
                        ? "resync " + percent(r.perMille().getAsInt())
                        : "resync running";
        }
    }

    /** DRBD's own sign of a connection: the peer's disk state is known. */
    private static boolean peerConnected(DeviceStatus d) {
        return d.peerDiskState().filter(ds -> ds != DiskState.DUNKNOWN).isPresent();
    }

    /**
     * Returns {@code SyncTarget Secondary/Primary Inconsistent/UpToDate}, {@code -} for what the status lacks.
     *
     * @param d a configured device
     * @return {@code SyncTarget Secondary/Primary Inconsistent/UpToDate}, {@code -} for what the status lacks
     */
    static String words(DeviceStatus d) {
        return d.connectionState().label() + " " + d.role().map(Role::label).orElse("-") + "/"
                + d.peerRole().map(Role::label).orElse("-") + " "
                + d.diskState().map(DiskState::label).orElse("-") + "/"
                + d.peerDiskState().map(DiskState::label).orElse("-");
    }

    /**
     * Adds a device's performance data.
     *
     * @param result where to add it
     * @param prefix the labels' prefix, such as {@code drbd0} or {@code be1}
     * @param d a configured device
     */
    static void perf(CheckResult result, String prefix, DeviceStatus d) {
        OptionalLong oos = d.counters().map(IoCounters::oos).orElse(OptionalLong.empty());
        if (oos.isPresent()) {
            result.perf(prefix + "_oos", oos.getAsLong() + "KB", "");
        }
        Optional<SyncProgress> sync = d.sync().filter(s -> s.kind() == SyncProgress.Kind.SYNC);
        if (sync.isPresent()) {
            result.perf(prefix + "_sync", percent(sync.get().perMille()), "100");
            OptionalLong speed = sync.get().speedKiBps();
            if (speed.isPresent()) {
                result.perf(prefix + "_speed_KiBps", String.valueOf(speed.getAsLong()), "");
            }
        }
    }

    private static String percent(int perMille) {
        return perMille / 10 + "." + perMille % 10 + "%";
    }
}
