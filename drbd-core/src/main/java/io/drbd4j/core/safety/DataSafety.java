package io.drbd4j.core.safety;

import io.drbd4j.core.model.DeviceStatus;

/**
 * Judges what DRBD statuses mean for the data. One node's status answers what that node can know; both nodes'
 * statuses of the same resource (read at about the same time) answer more, such as whether a StandAlone pair
 * is a split brain. Statuses that cannot both be true at once (this node Connected, the peer StandAlone) give
 * UNKNOWN answers that say so.
 *
 * <p>Pure functions of their arguments: no I/O, no clock; safe to call from any thread.
 */
public final class DataSafety {
    private DataSafety() {}

    /**
     * Judges one node's view of a minor.
     *
     * @param local this node's status of the minor, for example {@code statusOf(host).device(0).orElseThrow()}
     * @return the report; its "peer" is whatever the status says about the other node
     */
    public static SafetyReport of(DeviceStatus local) {
        return Conclusions.report(local, OneNodeView.assess(local), false);
    }

    /**
     * Judges both nodes' views of the same resource. The minors may differ: each host numbers its own devices.
     *
     * @param local this node's status of the resource
     * @param peer the other node's status of the same resource, read at about the same time
     * @return the report, seen from {@code local}: "this node" is the node of {@code local}
     */
    public static SafetyReport of(DeviceStatus local, DeviceStatus peer) {
        return Conclusions.report(local, PairView.assess(local, peer), true);
    }
}
