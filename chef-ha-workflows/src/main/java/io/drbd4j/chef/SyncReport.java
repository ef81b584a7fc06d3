package io.drbd4j.chef;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * How far a resync is, as the SyncSource's {@code /proc/drbd} shows it while a step waits for it:
 * {@code [=====>..............] sync'ed: 31.4% (10548/15372)M finish: 0:04:11 speed: 42,304 (40,960) K/sec}.
 */
@Value.Immutable
public abstract class SyncReport {
    // Only the implementation Immutables generates in this package extends this type.
    SyncReport() {}

    /**
     * Returns the backend whose status was read.
     *
     * @return the backend whose status was read
     */
    public abstract String host();

    /**
     * Returns the connection and disk states in words, such as {@code be1: SyncSource Primary/Secondary ...}.
     *
     * @return the connection and disk states in words, such as {@code be1: SyncSource Primary/Secondary ...}
     */
    public abstract String state();

    /**
     * Returns per mille synced, 0..1000.
     *
     * @return per mille synced, 0..1000
     */
    public abstract int perMille();

    /**
     * Returns KiB still out of sync.
     *
     * @return KiB still out of sync
     */
    public abstract long leftKiB();

    /**
     * Returns the current speed in KiB/s, when DRBD shows one.
     *
     * @return the current speed in KiB/s, when DRBD shows one
     */
    public abstract OptionalLong speedKiBps();

    /**
     * Returns DRBD's estimate of the time left.
     *
     * @return DRBD's estimate of the time left
     */
    public abstract Optional<Duration> eta();

    /**
     * Returns per cent synced.
     *
     * @return per cent synced
     */
    public double percent() {
        return perMille() / 10.0;
    }

    /**
     * Returns a new builder of {@link SyncReport} values.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link SyncReport} values; not thread-safe. */
    public static final class Builder extends ImmutableSyncReport.Builder {
        Builder() {}
    }
}
