package io.drbd4j.chef.engine;

import io.drbd4j.chef.ChefHaCluster;
import io.drbd4j.chef.SyncReport;
import io.drbd4j.chef.WorkflowException.Reason;
import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.DiskState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A step's wait: reads both backends until the state comes, is stuck, stalls for longer than the cluster's state
 * timeout, or the wait's own timeout passes; reports the resync's progress while it waits. Between two reads it
 * blocks on the backends' DRBD event streams ({@link PairWatch}): the next read comes as soon as DRBD reports a
 * change, and one poll interval after the last read at the latest.
 */
final class Waiting {
    private final Pair pair;
    private final ChefHaCluster cluster;
    private final RunEvents events;
    private final Clock clock;
    private final PairWatch watch;

    Waiting(Pair pair, RunEvents events, PairWatch watch) {
        this.pair = pair;
        this.watch = watch;
        this.cluster = pair.cluster();
        this.events = events;
        this.clock = events.clock();
    }

    void await(Step step, Wait wait) {
        Instant start = clock.instant();
        Instant deadline = start.plus(wait.timeout());
        String what = wait.until().description();
        Instant stalledSince = null;
        Resync resync = new Resync();
        while (true) {
            LiveState state = new LiveState(pair);
            Optional<String> notYet;
            try {
                notYet = wait.until().seen(state);
                if (notYet.isEmpty()) {
                    if (wait.syncProgress()) {
                        resync.report(state).ifPresent(r -> events.syncProgress(step, r));
                    }
                    return;
                }
                Optional<String> stuck = wait.stuck().apply(state);
                Optional<String> stalled = wait.stalled().apply(state);
                if (stalled.isEmpty()) {
                    stalledSince = null;
                } else if (stalledSince == null) {
                    stalledSince = clock.instant();
                } else if (!clock.instant().isBefore(stalledSince.plus(cluster.stateTimeout()))) {
                    stuck = Optional.of(
                            stalled.get() + " for " + cluster.stateTimeout().toSeconds() + " s");
                }
                if (stuck.isPresent()) {
                    throw events.stopped(
                            Reason.STUCK,
                            step,
                            stuck.get(),
                            what,
                            "restore the connection or the disk (drbdadm connect, cabling, the peer's power); "
                                    + Execution.RESUME_ADVICE,
                            null);
                }
                if (wait.syncProgress()) {
                    resync.report(state).ifPresent(r -> events.syncProgress(step, r));
                }
            } catch (StateUnknownException e) {
                throw events.stopped(
                        Reason.STATE_UNKNOWN,
                        step,
                        e.getMessage(),
                        what,
                        e.advice().orElse("check that " + e.host() + " is reachable and its DRBD status readable")
                                + "; " + Execution.RESUME_ADVICE,
                        e);
            }
            Instant now = clock.instant();
            if (!now.isBefore(deadline)) {
                throw events.stopped(
                        Reason.TIMED_OUT,
                        step,
                        notYet.get() + " after " + Duration.between(start, now).toSeconds() + " s",
                        what + " within " + wait.timeout().toSeconds() + " s",
                        "look at both backends' /proc/drbd; " + Execution.RESUME_ADVICE,
                        null);
            }
            events.waiting(step, what, Duration.between(start, now));
            events.checkStop(
                    step, "the next read of the state while waiting for " + what + " (seen " + notYet.get() + ")");
            Duration left = Duration.between(now, deadline);
            try {
                watch.await(left.compareTo(cluster.pollInterval()) < 0 ? left : cluster.pollInterval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw events.stopped(
                        Reason.INTERRUPTED,
                        step,
                        "interrupted while waiting; seen " + notYet.get(),
                        what,
                        Execution.RESUME_ADVICE,
                        e);
            }
        }
    }

    /**
     * What a wait has seen of a resync, so that its last progress report is 100%: DRBD's {@code /proc/drbd} drops the
     * sync line once both disks are UpToDate, so the last line it showed is below 100% (the resync often ends between
     * two polls). Once a wait has reported a resync, the first poll showing that host UpToDate/UpToDate with no sync
     * line reports 100% and 0 KiB left, once; a resync seen after that starts again.
     */
    private static final class Resync {
        private Side side;

        /**
         * Returns the report to give for this poll.
         *
         * @param state the poll's live state
         * @return DRBD's own report, the final 100%, or none
         */
        Optional<SyncReport> report(LiveState state) {
            Optional<SyncReport> seen = syncReport(state);
            if (seen.isPresent()) {
                side = sideOf(state, seen.get().host());
                return seen;
            }
            if (side == null) {
                return Optional.empty();
            }
            HostState host = state.host(side);
            if (!host.disk().equals(Optional.of(DiskState.UP_TO_DATE))
                    || !host.peerDisk().equals(Optional.of(DiskState.UP_TO_DATE))) {
                return Optional.empty();
            }
            side = null;
            // DRBD shows neither a speed nor a finish estimate once the resync ended.
            return Optional.of(SyncReport.builder()
                    .host(host.name())
                    .state(host.drbdWords())
                    .perMille(1000)
                    .leftKiB(0)
                    .build());
        }

        private static Side sideOf(LiveState state, String host) {
            for (Side s : Side.values()) {
                if (state.host(s).name().equals(host)) {
                    return s;
                }
            }
            throw new IllegalStateException("no backend named " + host);
        }
    }

    /**
     * Returns the resync's progress from whichever backend shows one, the SyncSource first.
     *
     * @return the resync's progress from whichever backend shows one, the SyncSource first
     */
    static Optional<SyncReport> syncReport(LiveState state) {
        for (Side side : Side.values()) {
            HostState host = state.host(side);
            Optional<DeviceStatus> device = host.device();
            if (device.isPresent() && device.get().sync().isPresent()) {
                var sync = device.get().sync().get();
                return Optional.of(SyncReport.builder()
                        .host(host.name())
                        .state(host.drbdWords())
                        .perMille(sync.perMille())
                        .leftKiB(sync.leftKiB())
                        .speedKiBps(sync.speedKiBps())
                        .eta(sync.finish())
                        .build());
            }
        }
        return Optional.empty();
    }
}
