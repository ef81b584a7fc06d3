package io.drbd4j.core.model;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One minor's block in {@code /proc/drbd}:
 *
 * <pre>{@code
 *  0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----
 *     ns:1048576 nr:0 dw:0 dr:1048776 al:0 bm:64 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0
 * }</pre>
 *
 * <p>An unused minor prints only {@code  2: cs:Unconfigured}; then every field but the minor and the
 * connection state is empty. For any other device the roles, disk states and flags are present.
 */
@Value.Immutable
public abstract class DeviceStatus {
    // Only the implementation Immutables generates in this package extends this type.
    DeviceStatus() {}

    /**
     * Returns the minor number: {@code /dev/drbd<minor>}.
     *
     * @return the minor number: {@code /dev/drbd<minor>}
     */
    public abstract int minor();

    /**
     * Returns the connection state.
     *
     * @return the connection state
     */
    public abstract ConnectionState connectionState();

    /**
     * Returns this node's role; empty for an Unconfigured minor.
     *
     * @return this node's role; empty for an Unconfigured minor
     */
    public abstract Optional<Role> role();

    /**
     * Returns the peer's role as this node sees it; empty for an Unconfigured minor.
     *
     * @return the peer's role as this node sees it; empty for an Unconfigured minor
     */
    public abstract Optional<Role> peerRole();

    /**
     * Returns this node's disk state; empty for an Unconfigured minor.
     *
     * @return this node's disk state; empty for an Unconfigured minor
     */
    public abstract Optional<DiskState> diskState();

    /**
     * Returns the peer's disk state as this node sees it; empty for an Unconfigured minor.
     *
     * @return the peer's disk state as this node sees it; empty for an Unconfigured minor
     */
    public abstract Optional<DiskState> peerDiskState();

    /**
     * Returns the replication protocol; empty when the device has no network configuration.
     *
     * @return the replication protocol; empty when the device has no network configuration
     */
    public abstract Optional<ReplicationProtocol> protocol();

    /**
     * Returns the I/O flags; empty for an Unconfigured minor.
     *
     * @return the I/O flags; empty for an Unconfigured minor
     */
    public abstract Optional<IoFlags> ioFlags();

    /**
     * Returns the counters; empty for an Unconfigured minor or when the input lacked the line.
     *
     * @return the counters; empty for an Unconfigured minor or when the input lacked the line
     */
    public abstract Optional<IoCounters> counters();

    /**
     * Returns the resync or verify progress, present only while one runs and the input showed it.
     *
     * @return the resync or verify progress, present only while one runs and the input showed it
     */
    public abstract Optional<SyncProgress> sync();

    /**
     * Returns the lines printed when the module parameter proc_details is set (activity-log statistics, sector
     * position, blocked on activity log), without their leading whitespace.
     *
     * @return the lines printed when the module parameter proc_details is set (activity-log statistics,
     *     sector position, blocked on activity log), without their leading whitespace
     */
    public abstract List<String> details();

    /**
     * Returns true when the minor printed {@code cs:Unconfigured}.
     *
     * @return true when the minor printed {@code cs:Unconfigured}
     */
    public boolean isUnconfigured() {
        return connectionState() == ConnectionState.UNCONFIGURED;
    }

    /**
     * Returns a new builder of {@link DeviceStatus} values.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link DeviceStatus} values; not thread-safe. */
    public static final class Builder extends ImmutableDeviceStatus.Builder {
        Builder() {}
    }

    @Value.Check
    void check() {
        if (minor() < 0) {
            throw new IllegalStateException("minor " + minor() + " is negative (expected: 0 to 1048575)");
        }
        boolean stateless = role().isEmpty()
                || peerRole().isEmpty()
                || diskState().isEmpty()
                || peerDiskState().isEmpty()
                || ioFlags().isEmpty();
        if (isUnconfigured() && (!stateless || counters().isPresent() || sync().isPresent())) {
            throw new IllegalStateException(
                    "minor " + minor() + " is Unconfigured but has state fields (expected: only minor and state)");
        }
        if (!isUnconfigured() && stateless) {
            throw new IllegalStateException("minor " + minor() + " in "
                    + connectionState().label() + " lacks roles, disk states or flags (expected: all of them)");
        }
    }
}
