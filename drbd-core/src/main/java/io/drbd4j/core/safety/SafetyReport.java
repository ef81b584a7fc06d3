package io.drbd4j.core.safety;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * What one device's status means for its data, from {@link DataSafety#of}: for the Chef HA pair the two
 * sentences to check are "when the pair is synced (Connected, UpToDate/UpToDate, protocol C) either node can be
 * lost" and "a Secondary that was Inconsistent when the Primary was lost has very likely lost data, as much as
 * {@code oos} said".
 *
 * <p>"This node" is the node whose status was passed first; "the peer" is the other node of the resource.
 * "Lost" means gone for good with its disk: a crash that never comes back, a failed disk.
 */
@Value.Immutable
public abstract class SafetyReport {
    // Only the implementation Immutables generates in this package extends this type.
    SafetyReport() {}

    /**
     * Returns the minor of this node's status ({@code /dev/drbd<minor>}).
     *
     * @return the minor of this node's status ({@code /dev/drbd<minor>})
     */
    public abstract int minor();

    /**
     * Returns true when the peer's own status was judged too, false for a one-node view.
     *
     * @return true when the peer's own status was judged too, false for a one-node view
     */
    public abstract boolean bothNodesSeen();

    /**
     * Returns whether the peer can be lost now without losing a write acknowledged to an application: YES when this
     * node holds every acknowledged write.
     *
     * @return whether the peer can be lost now without losing a write acknowledged to an application: YES when
     *     this node holds every acknowledged write
     */
    public abstract Answer canLosePeer();

    /**
     * Returns whether this node can be lost now without losing a write acknowledged to an application: YES when the
     * peer holds every acknowledged write, or when this node holds no data.
     *
     * @return whether this node can be lost now without losing a write acknowledged to an application: YES when
     *     the peer holds every acknowledged write, or when this node holds no data
     */
    public abstract Answer canLoseThisNode();

    /**
     * Returns which node holds every acknowledged write: this node, the peer, both, neither, or unknown.
     *
     * @return which node holds every acknowledged write: this node, the peer, both, neither, or unknown
     */
    public abstract HolderAnswer upToDateHolder();

    /**
     * Returns the resync this node's status shows (running, paused or starting); empty when there is none.
     *
     * @return the resync this node's status shows (running, paused or starting); empty when there is none
     */
    public abstract Optional<ResyncInfo> resync();

    /**
     * Returns YES when the status is a split-brain signature: StandAlone after both nodes were Primary, or a StandAlone
     * Primary with data out of sync; with both nodes seen, both disconnected and both Primary, or both holding writes
     * the other lacks.
     *
     * @return YES when the status is a split-brain signature: StandAlone after both nodes were Primary, or a
     *     StandAlone Primary with data out of sync; with both nodes seen, both disconnected and both Primary, or
     *     both holding writes the other lacks
     */
    public abstract Answer splitBrain();

    /**
     * Returns a few words for a table column, such as {@code safe: either node can be lost}, {@code only this node is
     * UpToDate, resync 15.6%}, {@code split brain} or {@code unknown: peer not connected (WFConnection)}.
     *
     * @return a few words for a table column, such as {@code safe: either node can be lost}, {@code only this
     *     node is UpToDate, resync 15.6%}, {@code split brain} or {@code unknown: peer not connected
     *     (WFConnection)}
     */
    public abstract String summary();

    /** Returns a new builder of {@link SafetyReport} values, for {@link Conclusions}. */
    static ImmutableSafetyReport.Builder builder() {
        return ImmutableSafetyReport.builder();
    }
}
