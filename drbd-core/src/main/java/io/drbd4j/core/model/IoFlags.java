package io.drbd4j.core.model;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * The I/O state flags at the end of a device line, {@code r---n-}: six characters in 8.3.9+ and 8.4, five in
 * 8.3.1 to 8.3.8, four before.
 *
 * <p>Positions: 1 {@code r}/{@code s} I/O running or suspended; 2 {@code a} resync paused for a resync-after
 * dependency; 3 {@code p} paused by the peer; 4 {@code u} paused by the user; 5 the {@link Congestion}
 * reason; 6 {@code s} activity-log updates suspended.
 */
@Value.Immutable
public abstract class IoFlags {
    // Only the implementation Immutables generates in this package extends this type.
    IoFlags() {}

    /**
     * Returns the flags as printed (a NUL byte from DRBD 8.3.1 stays a NUL character).
     *
     * @return the flags as printed (a NUL byte from DRBD 8.3.1 stays a NUL character)
     */
    public abstract String raw();

    /**
     * Returns true when I/O is suspended ({@code s} in position 1).
     *
     * @return true when I/O is suspended ({@code s} in position 1)
     */
    public abstract boolean ioSuspended();

    /**
     * Returns true when the resync waits for another resource ({@code a} in position 2).
     *
     * @return true when the resync waits for another resource ({@code a} in position 2)
     */
    public abstract boolean pausedByDependency();

    /**
     * Returns true when the peer paused the resync ({@code p} in position 3).
     *
     * @return true when the peer paused the resync ({@code p} in position 3)
     */
    public abstract boolean pausedByPeer();

    /**
     * Returns true when the local user paused the resync ({@code u} in position 4).
     *
     * @return true when the local user paused the resync ({@code u} in position 4)
     */
    public abstract boolean pausedByUser();

    /**
     * Returns the congestion reason (position 5), empty when the field is shorter or the character unknown.
     *
     * @return the congestion reason (position 5), empty when the field is shorter or the character unknown
     */
    public abstract Optional<Congestion> congestion();

    /**
     * Returns true when activity-log updates are suspended ({@code s} in position 6); false when the field has fewer
     * than six characters.
     *
     * @return true when activity-log updates are suspended ({@code s} in position 6); false when the field has
     *     fewer than six characters
     */
    public abstract boolean activityLogSuspended();

    /**
     * Returns a new builder of {@link IoFlags} values.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link IoFlags} values; not thread-safe. */
    public static final class Builder extends ImmutableIoFlags.Builder {
        Builder() {}
    }
}
