package io.drbd4j.core.safety;

import io.drbd4j.core.model.DeviceStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks that two nodes' statuses of one resource can be true at the same moment. While connected each node
 * mirrors the other (my role is its peer role, my disk its peer disk, SyncSource
 * faces SyncTarget); a connected node facing a disconnected one means the reads were taken at different times.
 */
final class CrossCheck {
    private CrossCheck() {}

    /**
     * Returns what the statuses disagree on, such as "this node shows Connected, the peer shows StandAlone".
     *
     * @return what the statuses disagree on, such as "this node shows Connected, the peer shows StandAlone"
     */
    static Optional<String> disagreement(DeviceStatus local, DeviceStatus peer) {
        boolean localConnected = States.connected(local.connectionState());
        boolean peerConnected = States.connected(peer.connectionState());
        String states = "this node shows " + local.connectionState().label() + ", the peer shows "
                + peer.connectionState().label();
        if (localConnected != peerConnected) {
            return Optional.of(states);
        }
        if (!localConnected) {
            return Optional.empty();
        }
        if (!States.mirrors(local.connectionState(), peer.connectionState())) {
            return Optional.of(states + ", which is not its mirror");
        }
        if (!Objects.equals(local.role(), peer.peerRole()) || !Objects.equals(local.peerRole(), peer.role())) {
            return Optional.of("this node shows ro:" + roles(local) + ", the peer shows ro:" + roles(peer));
        }
        if (!Objects.equals(local.diskState(), peer.peerDiskState())
                || !Objects.equals(local.peerDiskState(), peer.diskState())) {
            return Optional.of("this node shows ds:" + disks(local) + ", the peer shows ds:" + disks(peer));
        }
        return Optional.empty();
    }

    /**
     * Returns {@code Primary/Secondary}; call only for a configured minor.
     *
     * @return {@code Primary/Secondary}; call only for a configured minor
     */
    private static String roles(DeviceStatus d) {
        return d.role().orElseThrow().label() + "/" + d.peerRole().orElseThrow().label();
    }

    /**
     * Returns {@code UpToDate/Inconsistent}; call only for a configured minor.
     *
     * @return {@code UpToDate/Inconsistent}; call only for a configured minor
     */
    private static String disks(DeviceStatus d) {
        return d.diskState().orElseThrow().label() + "/"
                + d.peerDiskState().orElseThrow().label();
    }
}
