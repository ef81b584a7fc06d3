package io.drbd4j.core.safety;

import io.drbd4j.core.model.ConnectionState;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * How connection states group for data safety. The groups follow DRBD 8.4's {@code enum drbd_conns}
 * (LINBIT/drbd-8.4 {@code drbd/linux/drbd.h}): everything from {@code Connected} on means the peer is
 * connected; the names ending in S or T say which side a resync runs from.
 */
final class States {
    private static final Set<ConnectionState> CONNECTED =
            EnumSet.range(ConnectionState.CONNECTED, ConnectionState.BEHIND);

    private static final Set<ConnectionState> SOURCE = EnumSet.of(
            ConnectionState.STARTING_SYNC_S,
            ConnectionState.WF_BIT_MAP_S,
            ConnectionState.SYNC_SOURCE,
            ConnectionState.PAUSED_SYNC_S);

    private static final Set<ConnectionState> TARGET = EnumSet.of(
            ConnectionState.STARTING_SYNC_T,
            ConnectionState.WF_BIT_MAP_T,
            ConnectionState.WF_SYNC_UUID,
            ConnectionState.SYNC_TARGET,
            ConnectionState.PAUSED_SYNC_T);

    private States() {}

    /**
     * Returns true when the peer is connected: {@code Connected} and every state after it.
     *
     * @return true when the peer is connected: {@code Connected} and every state after it
     */
    static boolean connected(ConnectionState state) {
        return CONNECTED.contains(state);
    }

    /**
     * Returns the resync direction of a resync state, empty for every other state.
     *
     * @return the resync direction of a resync state, empty for every other state
     */
    static Optional<ResyncDirection> direction(ConnectionState state) {
        if (SOURCE.contains(state)) {
            return Optional.of(ResyncDirection.THIS_NODE_IS_SOURCE);
        }
        if (TARGET.contains(state)) {
            return Optional.of(ResyncDirection.THIS_NODE_IS_TARGET);
        }
        return Optional.empty();
    }

    /**
     * Returns the phase of a resync state; call only when {@link #direction} is present.
     *
     * @return the phase of a resync state; call only when {@link #direction} is present
     */
    static ResyncInfo.Phase phase(ConnectionState state) {
        switch (state) {
            case SYNC_SOURCE:
            case SYNC_TARGET:
                return ResyncInfo.Phase.RUNNING;
            case PAUSED_SYNC_S:
            case PAUSED_SYNC_T:
                return ResyncInfo.Phase.PAUSED;
            default:
                return ResyncInfo.Phase.STARTING;
        }
    }

    /**
     * When connected, each node shows the mirror of the other's state: {@code
     * SyncSource} on one side is {@code SyncTarget} on the other. {@code WFBitMapS} faces {@code WFBitMapT} or,
     * one step later, {@code WFSyncUUID}.
     *
     * @return true when {@code peer} is a state the peer can show while this node shows {@code local}
     */
    static boolean mirrors(ConnectionState local, ConnectionState peer) {
        return mirrorOf(local).contains(peer);
    }

    private static Set<ConnectionState> mirrorOf(ConnectionState state) {
        switch (state) {
            case STARTING_SYNC_S:
                return EnumSet.of(ConnectionState.STARTING_SYNC_T);
            case STARTING_SYNC_T:
                return EnumSet.of(ConnectionState.STARTING_SYNC_S);
            case WF_BIT_MAP_S:
                return EnumSet.of(ConnectionState.WF_BIT_MAP_T, ConnectionState.WF_SYNC_UUID);
            case WF_BIT_MAP_T:
            case WF_SYNC_UUID:
                return EnumSet.of(ConnectionState.WF_BIT_MAP_S);
            case SYNC_SOURCE:
                return EnumSet.of(ConnectionState.SYNC_TARGET);
            case SYNC_TARGET:
                return EnumSet.of(ConnectionState.SYNC_SOURCE);
            case VERIFY_S:
                return EnumSet.of(ConnectionState.VERIFY_T);
            case VERIFY_T:
                return EnumSet.of(ConnectionState.VERIFY_S);
            case PAUSED_SYNC_S:
                return EnumSet.of(ConnectionState.PAUSED_SYNC_T);
            case PAUSED_SYNC_T:
                return EnumSet.of(ConnectionState.PAUSED_SYNC_S);
            case AHEAD:
                return EnumSet.of(ConnectionState.BEHIND);
            case BEHIND:
                return EnumSet.of(ConnectionState.AHEAD);
            default:
                return EnumSet.of(state);
        }
    }
}
