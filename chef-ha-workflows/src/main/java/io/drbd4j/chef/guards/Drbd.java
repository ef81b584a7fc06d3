package io.drbd4j.chef.guards;

import io.drbd4j.chef.engine.Condition;
import io.drbd4j.chef.engine.HostState;
import io.drbd4j.chef.engine.Pair;
import io.drbd4j.chef.engine.Side;
import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.Role;
import java.util.Optional;

/** The DRBD guard: what {@code /proc/drbd} on one backend shows of the resource's roles, disks and connection. */
public final class Drbd {
    private Drbd() {}

    /**
     * Returns the resource configured (up) on that backend.
     *
     * @return the resource configured (up) on that backend
     */
    public static Condition up(Pair p, Side side) {
        return Condition.of(
                p.cluster().resource() + " up on " + p.name(side),
                s -> s.host(side).device().isPresent(),
                s -> s.host(side).drbdWords());
    }

    /**
     * Returns the resource not configured (down) on that backend.
     *
     * @return the resource not configured (down) on that backend
     */
    public static Condition down(Pair p, Side side) {
        return Condition.of(
                p.cluster().resource() + " down on " + p.name(side),
                s -> s.host(side).device().isEmpty(),
                s -> s.host(side).drbdWords());
    }

    /**
     * Returns the local role.
     *
     * @return the local role
     */
    public static Condition role(Pair p, Side side, Role role) {
        return Condition.of(
                p.name(side) + " " + role.label(), s -> s.host(side).role().equals(Optional.of(role)), s -> s.host(side)
                        .drbdWords());
    }

    /**
     * Returns not Primary: a returning backend Primary while apart took writes of its own (a split brain).
     *
     * @return not Primary: a returning backend Primary while apart took writes of its own (a split brain)
     */
    public static Condition notPrimary(Pair p, Side side) {
        String name = p.name(side);
        return Condition.of(
                name + " not Primary",
                s -> !s.host(side).role().equals(Optional.of(Role.PRIMARY)),
                s -> s.host(side).drbdWords()
                        + (s.host(side).disconnected()
                                ? ": " + name + " is Primary while disconnected from " + p.name(side.opposite())
                                        + ": a split brain"
                                : ": " + name + " is Primary"));
    }

    /**
     * Returns the peer not Primary (DRBD refuses a second Primary while connected; this says it before trying).
     *
     * @return the peer not Primary (DRBD refuses a second Primary while connected; this says it before trying)
     */
    public static Condition peerNotPrimary(Pair p, Side side) {
        return Condition.of(
                "its peer not Primary",
                s -> !s.host(side).peerRole().equals(Optional.of(Role.PRIMARY)),
                s -> s.host(side).drbdWords());
    }

    /**
     * Returns the local disk UpToDate, whatever the role.
     *
     * @return the local disk UpToDate, whatever the role
     */
    public static Condition upToDate(Pair p, Side side) {
        return disk(p.name(side) + " UpToDate", side, true);
    }

    /**
     * Returns the local disk UpToDate: it was forced Primary before (the bootstrap backend of a failover setup).
     *
     * @return the local disk UpToDate: it was forced Primary before (the bootstrap backend of a failover setup)
     */
    public static Condition forcedBefore(Pair p, Side side) {
        return disk(p.name(side) + " UpToDate (forced before)", side, true);
    }

    /**
     * Returns the local disk not UpToDate.
     *
     * @return the local disk not UpToDate
     */
    public static Condition notUpToDate(Pair p, Side side) {
        return disk(p.name(side) + " not UpToDate", side, false);
    }

    private static Condition disk(String description, Side side, boolean upToDate) {
        return Condition.of(
                description,
                s -> s.host(side).disk().equals(Optional.of(DiskState.UP_TO_DATE)) == upToDate,
                s -> s.host(side).drbdWords());
    }

    /**
     * Returns the local role and an UpToDate local disk.
     *
     * @return the local role and an UpToDate local disk
     */
    public static Condition roleUpToDate(Pair p, Side side, Role role) {
        return Condition.of(
                p.name(side) + " " + role.label() + " with UpToDate data",
                s -> s.host(side).role().equals(Optional.of(role))
                        && s.host(side).disk().equals(Optional.of(DiskState.UP_TO_DATE)),
                s -> s.host(side).drbdWords());
    }

    /**
     * Returns Connected, both UpToDate, with this local role and the other role on the peer.
     *
     * @return Connected, both UpToDate, with this local role and the other role on the peer
     */
    public static Condition synced(Pair p, Side side, Role local) {
        Role peer = local == Role.PRIMARY ? Role.SECONDARY : Role.PRIMARY;
        return Condition.of(
                p.name(side) + " Connected " + local.label() + "/" + peer.label() + " UpToDate/UpToDate",
                s -> s.host(side).syncedAs(local) && s.host(side).peerRole().equals(Optional.of(peer)),
                s -> s.host(side).drbdWords());
    }

    /**
     * Returns a resync running to this backend (SyncTarget).
     *
     * @return a resync running to this backend (SyncTarget)
     */
    public static Condition syncTarget(Pair p, Side side) {
        return Condition.of(
                "a resync running to " + p.name(side) + " (SyncTarget)",
                s -> s.host(side).is(ConnectionState.SYNC_TARGET)
                        || s.host(side).is(ConnectionState.PAUSED_SYNC_T),
                s -> s.host(side).drbdWords());
    }

    /**
     * Returns StandAlone: not even waiting for its peer.
     *
     * @return StandAlone: not even waiting for its peer
     */
    public static Condition standAlone(Pair p, Side side) {
        return Condition.of(
                p.name(side) + " StandAlone", s -> s.host(side).is(ConnectionState.STAND_ALONE), s -> s.host(side)
                        .drbdWords());
    }

    /**
     * Returns not StandAlone: connected, or waiting for its peer.
     *
     * @return not StandAlone: connected, or waiting for its peer
     */
    public static Condition notStandAlone(Pair p, Side side) {
        return Condition.of(
                p.name(side) + " not StandAlone", s -> !s.host(side).is(ConnectionState.STAND_ALONE), s -> s.host(side)
                        .drbdWords());
    }

    /**
     * Returns connected to its peer, which is Secondary.
     *
     * @return connected to its peer, which is Secondary
     */
    public static Condition connectedToSecondary(Pair p, Side side) {
        return Condition.of(
                "connected to " + p.name(side.opposite()) + " as Secondary",
                s -> !s.host(side).disconnected() && s.host(side).peerRole().equals(Optional.of(Role.SECONDARY)),
                s -> s.host(side).drbdWords());
    }

    /**
     * Returns connected to a peer, or Primary: a new peer configuration took effect.
     *
     * @return connected to a peer, or Primary: a new peer configuration took effect
     */
    public static Condition connectedOrPrimary(Pair p, Side side) {
        return Condition.of(
                p.name(side) + " connected to a peer or Primary (the new configuration took effect)",
                s -> !s.host(side).disconnected() || s.host(side).role().equals(Optional.of(Role.PRIMARY)),
                s -> s.host(side).drbdWords());
    }

    /**
     * Returns Connected with both disks Inconsistent, as this backend sees it (a fresh pair).
     *
     * @return Connected with both disks Inconsistent, as this backend sees it (a fresh pair)
     */
    public static Condition bothInconsistentConnected(Pair p, Side side) {
        return Condition.of("both disks Inconsistent and Connected", s -> fresh(s.host(side)), s -> s.host(side)
                .drbdWords());
    }

    /**
     * Returns both Connected Secondary/Secondary Inconsistent/Inconsistent, as after create-md and up on both.
     *
     * @return both Connected Secondary/Secondary Inconsistent/Inconsistent, as after create-md and up on both
     */
    public static Condition freshPairConnected(Pair p, Side side) {
        return Condition.of(
                p.name(side) + " and " + p.name(side.opposite())
                        + " Connected Secondary/Secondary Inconsistent/Inconsistent",
                s -> fresh(s.host(side))
                        && s.host(side).role().equals(Optional.of(Role.SECONDARY))
                        && s.host(side).peerRole().equals(Optional.of(Role.SECONDARY)),
                s -> s.host(side).drbdWords());
    }

    private static boolean fresh(HostState h) {
        return h.is(ConnectionState.CONNECTED)
                && h.disk().equals(Optional.of(DiskState.INCONSISTENT))
                && h.peerDisk().equals(Optional.of(DiskState.INCONSISTENT));
    }

    /**
     * Returns whether {@code oos:} shows nothing out of sync (checked before a switchover).
     *
     * @return whether {@code oos:} shows nothing out of sync
     */
    public static Condition nothingOutOfSync(Pair p, Side side) {
        return Condition.of(
                p.name(side) + " oos:0",
                s -> s.host(side).outOfSyncKiB() == 0,
                s -> p.name(side) + " oos:" + s.host(side).outOfSyncKiB() + " KiB out of sync");
    }

    /**
     * Returns the kernel runs the resource with that peer's address ({@code drbdsetup show}): a new peer's address
     * applied by {@code drbdadm adjust}, not merely written to pc0.res.
     *
     * @param peer the backend DRBD must run with as its peer
     * @return the kernel runs the resource with that peer's address ({@code drbdsetup show}): a new peer's address
     *     applied by {@code drbdadm adjust}, not merely written to pc0.res
     */
    public static Condition configuredPeer(Pair p, Side side, io.drbd4j.chef.Backend peer) {
        return Condition.of(
                "DRBD on " + p.name(side) + " runs with " + peer.name() + "'s address " + peer.address()
                        + " as its peer (drbdsetup show)",
                s -> s.host(side)
                        .configuredPeer()
                        .map(a -> a.equals(peer.address() + ":" + p.cluster().port()))
                        .orElse(false),
                s -> "DRBD on " + p.name(side) + " runs with "
                        + s.host(side).configuredPeer().map(a -> "peer " + a).orElse("no peer"));
    }
}
