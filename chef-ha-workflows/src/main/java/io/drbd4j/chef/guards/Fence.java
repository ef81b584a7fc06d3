package io.drbd4j.chef.guards;

import io.drbd4j.chef.PeerGone;
import io.drbd4j.chef.engine.Condition;
import io.drbd4j.chef.engine.HostState;
import io.drbd4j.chef.engine.Pair;
import io.drbd4j.chef.engine.Side;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.Role;
import java.util.Optional;

/**
 * G-FENCE: the caller's statement that the lost backend is gone for good ({@link PeerGone}), and no sign of it in
 * what the keeper sees: drbd4j cannot see a powered-off host, so it checks that the keeper is not connected to a peer
 * holding data of its own.
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
        return Condition.of(
                gone.host() + " gone for good (" + gone.confirmation() + "); " + p.name(keeper)
                        + " not connected to a peer holding data",
                s -> noPeerWithData(s.host(keeper), lostRole),
                s -> s.host(keeper).drbdWords() + ": a peer holding data is connected");
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
}
