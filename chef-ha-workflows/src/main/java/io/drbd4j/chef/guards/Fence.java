package io.drbd4j.chef.guards;

import io.drbd4j.chef.PeerGone;
import io.drbd4j.chef.engine.Condition;
import io.drbd4j.chef.engine.HostState;
import io.drbd4j.chef.engine.Pair;
import io.drbd4j.chef.engine.Side;
import io.drbd4j.chef.engine.StateUnknownException;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.Role;
import java.util.Optional;

/**
 * The fencing guard: the caller's statement that the lost backend is gone for good ({@link PeerGone}), and no sign of a live
 * primary anywhere drbd4j can look: the keeper is not connected to a peer holding data of its own, and the backend
 * named to replace the lost one does not answer as a primary (DRBD Primary, the DRBD filesystem mounted, or Chef's HA
 * services running), whatever the caller named it. drbd4j cannot see a powered-off host; a host that answers is not
 * gone.
 */
public final class Fence {
    private Fence() {}

    /**
     * A connected peer with UpToDate data is the lost backend back, with one exception: once the keeper is Primary
     * after losing the Primary, its connected Secondary peer can only hold the keeper's own copy (the old Primary,
     * returning with writes of its own, would have met a split brain and stayed StandAlone).
     *
     * @param p the pair
     * @param keeper the backend that stays
     * @param gone the lost backend and how it was confirmed gone
     * @param lostRole the DRBD role the lost backend had: {@link Role#PRIMARY} (recover-primary) or {@link
     *     Role#SECONDARY} (replace-secondary)
     * @return the guard
     */
    public static Condition lostPeerGone(Pair p, Side keeper, PeerGone gone, Role lostRole) {
        Side replacement = keeper.opposite();
        return new Condition(
                gone.host() + " gone for good (" + gone.confirmation() + "); " + p.name(keeper)
                        + " not connected to a peer holding data; " + p.name(replacement)
                        + " not answering as a primary (DRBD Primary, "
                        + p.cluster().mountPoint()
                        + " mounted, or Chef's HA services running)",
                s -> noPeerWithData(s.host(keeper), lostRole)
                        ? livePrimary(s.host(replacement))
                        : Optional.of(s.host(keeper).drbdWords() + ": a peer holding data is connected"));
    }

    private static boolean noPeerWithData(HostState keeper, Role lostRole) {
        if (keeper.disconnected()) {
            return true;
        }
        if (keeper.peerDisk().equals(Optional.of(DiskState.INCONSISTENT))
                && !keeper.peerRole().equals(Optional.of(Role.PRIMARY))) {
            return true; // a fresh replacement, nothing of its own yet
        }
        return lostRole == Role.PRIMARY
                && keeper.role().equals(Optional.of(Role.PRIMARY))
                && keeper.peerRole().equals(Optional.of(Role.SECONDARY));
    }

    /**
     * Returns what shows the host is a live primary; empty when it shows none of it or does not answer (a host that
     * cannot be read here is gone as far as drbd4j can tell; the caller's confirmation covers the rest).
     *
     * @return what shows the host is a live primary; empty when it shows none of it or does not answer (a host that
     *     cannot be read here is gone as far as drbd4j can tell; the caller's confirmation covers the rest)
     */
    private static Optional<String> livePrimary(HostState host) {
        String alive = ": " + host.name() + " answers as a live primary; the host named to replace the lost one must"
                + " not be it (partitioned, not gone)";
        if (answers(() -> host.role().equals(Optional.of(Role.PRIMARY)))) {
            return Optional.of(host.drbdWords() + alive);
        }
        if (answers(host::mounted)) {
            return Optional.of(host.name() + ": the DRBD filesystem is mounted" + alive);
        }
        if (answers(() -> host.services().ha().containsValue(true))) {
            return Optional.of(
                    host.name() + ": Chef's HA services " + host.services().ha() + alive);
        }
        return Optional.empty();
    }

    private static boolean answers(java.util.function.BooleanSupplier probe) {
        try {
            return probe.getAsBoolean();
        } catch (StateUnknownException e) {
            return false;
        }
    }
}
