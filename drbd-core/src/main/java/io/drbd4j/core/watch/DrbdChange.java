package io.drbd4j.core.watch;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.Role;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * One change of one device between two readings of a node's DRBD state, as a {@link DrbdChangeTracker} saw it. A
 * role or disk state is {@code null} where the kernel printed none (an Unconfigured device has neither).
 *
 * <p>When one reading changes several things of a device, the changes come in the order of the types below:
 * appeared, connection, role, disk, I/O suspension, sync started, sync progressed, sync finished, split brain,
 * gone.
 */
public sealed interface DrbdChange {
    /**
     * Returns the device's minor number.
     *
     * @return the device's minor number
     */
    int minor();

    /**
     * A device the previous reading did not show, such as {@code 0: cs:WFConnection ro:Secondary/Unknown
     * ds:UpToDate/DUnknown C r-----}.
     *
     * @param minor the device's minor number
     * @param connection its connection state
     * @param role its role, null when none was printed
     * @param peerRole the peer's role, null when none was printed
     * @param disk its disk state, null when none was printed
     * @param peerDisk the peer's disk state, null when none was printed
     */
    record DeviceAppeared(
            int minor,
            ConnectionState connection,
            @Nullable Role role,
            @Nullable Role peerRole,
            @Nullable DiskState disk,
            @Nullable DiskState peerDisk)
            implements DrbdChange {}

    /**
     * A device the previous reading showed and this one does not.
     *
     * @param minor the device's minor number
     */
    record DeviceGone(int minor) implements DrbdChange {}

    /**
     * The connection state changed, such as from {@code WFConnection} to {@code Connected}.
     *
     * @param minor the device's minor number
     * @param from the state before
     * @param to the state now
     */
    record ConnectionChanged(int minor, ConnectionState from, ConnectionState to) implements DrbdChange {}

    /**
     * This node's or the peer's role changed, such as {@code Secondary/Secondary} to {@code Primary/Secondary}.
     *
     * @param minor the device's minor number
     * @param from this node's role before
     * @param to this node's role now
     * @param peerFrom the peer's role before
     * @param peerTo the peer's role now
     */
    record RoleChanged(
            int minor, @Nullable Role from, @Nullable Role to, @Nullable Role peerFrom, @Nullable Role peerTo)
            implements DrbdChange {}

    /**
     * This node's or the peer's disk state changed, such as {@code Inconsistent/UpToDate} to {@code
     * UpToDate/UpToDate}.
     *
     * @param minor the device's minor number
     * @param from this node's disk state before
     * @param to this node's disk state now
     * @param peerFrom the peer's disk state before
     * @param peerTo the peer's disk state now
     */
    record DiskChanged(
            int minor,
            @Nullable DiskState from,
            @Nullable DiskState to,
            @Nullable DiskState peerFrom,
            @Nullable DiskState peerTo)
            implements DrbdChange {}

    /**
     * I/O to the device was suspended (the {@code s} of the flags {@code s-----}) or resumed.
     *
     * @param minor the device's minor number
     * @param suspended whether I/O is suspended now
     */
    record IoSuspensionChanged(int minor, boolean suspended) implements DrbdChange {}

    /**
     * A resync or online verify began: the connection state became one of SyncSource, SyncTarget, PausedSyncS,
     * PausedSyncT, VerifyS or VerifyT.
     *
     * @param minor the device's minor number
     * @param state the connection state it began in
     */
    record SyncStarted(int minor, ConnectionState state) implements DrbdChange {}

    /**
     * The share of a running resync or verify that is done changed.
     *
     * @param minor the device's minor number
     * @param perMille how much is done, in tenths of a percent
     * @param leftKiB what is left, in KiB, when the source shows it ({@code drbdsetup events} does not)
     * @param speedKiBps the kernel's current speed in KiB/s, when the source shows it
     */
    record SyncProgressed(int minor, int perMille, OptionalLong leftKiB, OptionalLong speedKiBps)
            implements DrbdChange {}

    /**
     * A resync or online verify ended: the connection state left the sync states.
     *
     * @param minor the device's minor number
     * @param state the connection state it ended in, such as Connected, or WFConnection when the link broke
     */
    record SyncFinished(int minor, ConnectionState state) implements DrbdChange {}

    /**
     * DRBD found a split brain: the kernel ran its {@code split-brain} or {@code initial-split-brain} handler
     * ({@code drbdsetup events}), or, read from {@code /proc/drbd}, the device became StandAlone while Primary with
     * consistent data and writes its peer lacks ({@code oos} above 0), the signature a split brain leaves.
     *
     * @param minor the device's minor number
     */
    record SplitBrainDetected(int minor) implements DrbdChange {}
}
