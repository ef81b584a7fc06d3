package io.drbd4j.testkit.internal.drbd;

import io.drbd4j.core.model.SyncProgress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * A running resync and its bookkeeping: total, start, paused time and the ring of 8 marks the kernel takes
 * every 3 s. Each 100 ms step moves {@code rate / 10} KiB, where the rate is chosen on the SyncTarget:
 * fixed mode ({@code c-plan-ahead 0}, 8.3's default) runs at {@code resync-rate} and shows it as {@code want:};
 * the 8.4 dynamic controller is simplified to run at {@code c-max-rate} (what it ramps to when the pipe is faster).
 * Either is then bounded by the link bandwidth and, on 8.4.5+ and 8.3.16, by max-buffers/2 pages per step (40,960
 * KiB/s with the default max-buffers 2048; correction 3). The ramp itself is not modelled.
 *
 * <p>{@code want:} of the dynamic controller is its {@code c_sync_rate}: what it requested in the last step
 * ({@code drbd_rs_number_requests}), which follows what the resync can move rather than c-max-rate; DRBD 8.4.11
 * showed 2,280-10,640 on slow VMs, not a fixed 102,400. Modelled as the rate a step runs at
 * after every cap.
 */
final class Resync {
    private static final int MARKS = 8;
    private static final long MARK_STEP_MILLIS = 3000;

    final DrbdNode source;
    final DrbdNode target;
    final long totalBits;
    final long startMillis;
    private long pausedMillis;
    private long pauseStart = -1;
    private final long[] markTime = new long[MARKS];
    private final long[] markLeft = new long[MARKS];
    private int lastMark;

    Resync(DrbdNode source, DrbdNode target, long totalBits, long startMillis) {
        this.source = source;
        this.target = target;
        this.totalBits = totalBits;
        this.startMillis = startMillis;
        Arrays.fill(markTime, startMillis);
        Arrays.fill(markLeft, totalBits);
    }

    void pause(boolean paused, long now) {
        if (paused && pauseStart < 0) {
            pauseStart = now;
        } else if (!paused && pauseStart >= 0) {
            pausedMillis += now - pauseStart;
            pauseStart = -1;
        }
    }

    boolean paused() {
        return pauseStart >= 0;
    }

    /**
     * Returns what the rate setting asks for: the fixed rate, or c-max-rate for the simplified controller.
     *
     * @return what the rate setting asks for: the fixed rate, or c-max-rate for the simplified controller
     */
    private long settingKiBps() {
        return target.cPlanAhead == 0 ? target.resyncRateKiBps : target.cMaxRateKiBps;
    }

    /**
     * Returns what {@code want:} shows: the fixed rate, or the dynamic controller's rate after every cap.
     *
     * @return what {@code want:} shows: the fixed rate, or the dynamic controller's rate after every cap
     */
    long wantKiBps(long linkKiBps) {
        return target.cPlanAhead == 0 ? target.resyncRateKiBps : rateKiBps(linkKiBps);
    }

    /**
     * Returns the rate a step runs at, KiB/s, after every cap.
     *
     * @return the rate a step runs at, KiB/s, after every cap
     */
    long rateKiBps(long linkKiBps) {
        long rate = settingKiBps();
        rate = Math.min(rate, linkKiBps);
        if (target.maxBuffersCap()) {
            rate = Math.min(rate, target.maxBuffers / 2L * 4 * 10);
        }
        return rate;
    }

    /**
     * One 100 ms step.
     *
     * @param now simulated milliseconds at the end of the step
     * @param linkKiBps the link bandwidth
     * @return whether the resync is complete
     */
    boolean step(long now, long linkKiBps) {
        if (paused()) {
            return false;
        }
        long blocks = Math.max(1, rateKiBps(linkKiBps) / 10 / 4);
        long moved = Math.min(blocks, target.oosBits);
        target.oosBits -= moved;
        source.oosBits = target.oosBits;
        source.ns += moved * 4;
        target.nr += moved * 4;
        target.dw += moved * 4;
        source.dr += moved * 4;
        if (now - markTime[lastMark] >= MARK_STEP_MILLIS && moved > 0) {
            lastMark = (lastMark + 1) % MARKS;
            markTime[lastMark] = now;
            markLeft[lastMark] = target.oosBits;
        }
        return target.oosBits == 0;
    }

    /**
     * Returns the progress lines' numbers, computed as {@code drbd_syncer_progress} does.
     *
     * @param now simulated milliseconds
     * @param showWant whether {@code want:} is printed (SyncTarget only)
     * @param linkKiBps the link bandwidth
     * @return the progress lines' numbers, computed as {@code drbd_syncer_progress} does
     */
    SyncProgress progress(long now, boolean showWant, long linkKiBps) {
        long left = Math.min(target.oosBits, totalBits);
        int shift = totalBits > 0xFFFFFFFFL ? 16 : 10;
        int perMille = (int) (1000 - (left >> shift) * 1000 / (1 + (totalBits >> shift)));
        int m = (lastMark + 2) % MARKS;
        long dt = Math.max(1, (now - markTime[m]) / 1000);
        long db = markLeft[m] - left;
        long finish = dt * (left / (db / 100 + 1)) / 100;
        long speed = db / dt * 4;
        long active = Math.max(1, (now - startMillis - pausedMillis - (paused() ? now - pauseStart : 0)) / 1000);
        long average = (totalBits - left) / active * 4;
        var builder = sized(SyncProgress.Kind.SYNC, perMille, left, totalBits)
                .finish(Optional.of(Duration.ofSeconds(finish)))
                .speedKiBps(speed)
                .averageKiBps(average)
                .stalled(dt > 180);
        if (showWant) {
            builder.wantKiBps(wantKiBps(linkKiBps));
        }
        return builder.build();
    }

    /**
     * The sizes of a progress line as the kernel prints them (drbd_proc.c): KiB, or above 4 GiB MiB truncated to
     * 4 MiB steps, counted from 4 KiB bitmap bits.
     */
    static SyncProgress.Builder sized(SyncProgress.Kind kind, int perMille, long leftBits, long totalBits) {
        long totalKiB = totalBits * 4;
        long leftKiB = leftBits * 4;
        SyncProgress.Unit unit = SyncProgress.Unit.KIB;
        if (totalKiB > 4L * 1024 * 1024) {
            unit = SyncProgress.Unit.MIB;
            totalKiB = (totalKiB >> 12) << 12;
            leftKiB = (leftKiB >> 12) << 12;
        }
        return SyncProgress.builder()
                .kind(kind)
                .perMille(perMille)
                .leftKiB(leftKiB)
                .totalKiB(totalKiB)
                .unit(unit);
    }
}
