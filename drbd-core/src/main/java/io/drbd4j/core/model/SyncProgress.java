package io.drbd4j.core.model;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * A running resync or online verify, from the two progress lines under a SyncSource, SyncTarget, VerifyS or
 * VerifyT device:
 *
 * <pre>{@code
 * 	[======>.............] sync'ed: 36.3% (1670512/2613068)K
 * 	finish: 0:00:47 speed: 35,152 (18,124) want: 44,520 K/sec
 * }</pre>
 *
 * <p>Sizes are KiB. Above 4 GiB the kernel prints MiB truncated to 4 MiB steps ({@link Unit#MIB}); the KiB
 * values here are then those MiB times 1024. The kernel hides the last 4 MiB: 100.0% can still have data to
 * sync.
 */
@Value.Immutable
public abstract class SyncProgress {
    // Only the implementation Immutables generates in this package extends this type.
    SyncProgress() {}

    /** What is running. */
    public enum Kind {
        /** A resync: {@code sync'ed:}. */
        SYNC,
        /** An online verify: {@code verified:}. */
        VERIFY
    }

    /** The unit the kernel printed the left and total sizes in. */
    public enum Unit {
        /** {@code (L/T)K}. */
        KIB,
        /** {@code (L/T)M}, used when the total exceeds 4 GiB. */
        MIB
    }

    /**
     * Returns resync or verify.
     *
     * @return resync or verify
     */
    public abstract Kind kind();

    /**
     * Returns per-mille done, 0 to 1000 ({@code 36.3%} is 363).
     *
     * @return per-mille done, 0 to 1000 ({@code 36.3%} is 363)
     */
    public abstract int perMille();

    /**
     * Returns KiB still to do (for a verify: not yet verified).
     *
     * @return KiB still to do (for a verify: not yet verified)
     */
    public abstract long leftKiB();

    /**
     * Returns KiB in total.
     *
     * @return KiB in total
     */
    public abstract long totalKiB();

    /**
     * Returns the unit the sizes were printed in.
     *
     * @return the unit the sizes were printed in
     */
    @Value.Default
    public Unit unit() {
        return Unit.KIB;
    }

    /**
     * Returns time to the end, empty when the kernel printed no number ({@code finish: ∞}) or no finish line.
     *
     * @return time to the end, empty when the kernel printed no number ({@code finish: ∞}) or no finish line
     */
    public abstract Optional<Duration> finish();

    /**
     * Returns KiB/s over the last ~18 s.
     *
     * @return KiB/s over the last ~18 s
     */
    public abstract OptionalLong speedKiBps();

    /**
     * Returns KiB/s since the start, without paused time: the number in parentheses.
     *
     * @return KiB/s since the start, without paused time: the number in parentheses
     */
    public abstract OptionalLong averageKiBps();

    /**
     * Returns KiB/s over the last ~3 s, printed only when the module parameter proc_details is 1 or more.
     *
     * @return KiB/s over the last ~3 s, printed only when the module parameter proc_details is 1 or more
     */
    public abstract OptionalLong recentKiBps();

    /**
     * Returns the resync controller's target rate in KiB/s ({@code want:}, SyncTarget and VerifyS only).
     *
     * @return the resync controller's target rate in KiB/s ({@code want:}, SyncTarget and VerifyS only)
     */
    public abstract OptionalLong wantKiBps();

    /**
     * Returns true when the kernel marked the resync {@code (stalled)}.
     *
     * @return true when the kernel marked the resync {@code (stalled)}
     */
    @Value.Default
    public boolean stalled() {
        return false;
    }

    /**
     * Returns percent done, one decimal: 36.3.
     *
     * @return percent done, one decimal: 36.3
     */
    public double percent() {
        return perMille() / 10.0;
    }

    /**
     * Returns a new builder of {@link SyncProgress} values.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link SyncProgress} values; not thread-safe. */
    public static final class Builder extends ImmutableSyncProgress.Builder {
        Builder() {}
    }

    @Value.Check
    void check() {
        if (perMille() < 0 || perMille() > 1000) {
            throw new IllegalStateException("sync progress " + perMille() + " per mille (expected: 0 to 1000)");
        }
    }
}
