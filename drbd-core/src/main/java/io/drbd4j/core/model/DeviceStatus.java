package io.drbd4j.core.model;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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

    /*
     * The check reads the generated class's fields (a reference, null when absent) instead of the Optional
     * accessors: it runs for every device built, and each present value read through its accessor made a new
     * Optional that JDK 17 does not optimise away (Optional.ofNullable may also return the shared empty one, a merge
     * its escape analysis gives up on): five per configured device, about 80 KB of a 1,000-device parse. A field
     * renamed by a later Immutables fails here, when the class is initialised, not silently.
     */
    private static final VarHandle ROLE = stored("role", Role.class);
    private static final VarHandle PEER_ROLE = stored("peerRole", Role.class);
    private static final VarHandle DISK_STATE = stored("diskState", DiskState.class);
    private static final VarHandle PEER_DISK_STATE = stored("peerDiskState", DiskState.class);
    private static final VarHandle IO_FLAGS = stored("ioFlags", IoFlags.class);
    private static final VarHandle COUNTERS = stored("counters", IoCounters.class);
    private static final VarHandle SYNC = stored("sync", SyncProgress.class);

    private static VarHandle stored(String attribute, Class<?> type) {
        try {
            return MethodHandles.privateLookupIn(ImmutableDeviceStatus.class, MethodHandles.lookup())
                    .findVarHandle(ImmutableDeviceStatus.class, attribute, type);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the generated ImmutableDeviceStatus lacks the field " + attribute, e);
        }
    }

    @Value.Check
    void check() {
        if (minor() < 0) {
            throw new IllegalStateException("minor " + minor() + " is negative (expected: 0 to 1048575)");
        }
        // Only the generated class extends this one (the constructor is package-private).
        ImmutableDeviceStatus self = (ImmutableDeviceStatus) this;
        boolean stateless = (Role) ROLE.get(self) == null
                || (Role) PEER_ROLE.get(self) == null
                || (DiskState) DISK_STATE.get(self) == null
                || (DiskState) PEER_DISK_STATE.get(self) == null
                || (IoFlags) IO_FLAGS.get(self) == null;
        if (isUnconfigured()
                && (!stateless || (IoCounters) COUNTERS.get(self) != null || (SyncProgress) SYNC.get(self) != null)) {
            throw new IllegalStateException(
                    "minor " + minor() + " is Unconfigured but has state fields (expected: only minor and state)");
        }
        if (!isUnconfigured() && stateless) {
            throw new IllegalStateException("minor " + minor() + " in "
                    + connectionState().label() + " lacks roles, disk states or flags (expected: all of them)");
        }
    }
}
