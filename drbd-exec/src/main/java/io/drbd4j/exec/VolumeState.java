package io.drbd4j.exec;

import io.drbd4j.core.Drbd4jStyle;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.Role;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One volume's line of {@code drbdadm role} ({@code Primary/Secondary}) or {@code drbdadm dstate}
 * ({@code UpToDate/DUnknown}); {@code Unconfigured} leaves both sides empty.
 *
 * @param <T> {@link Role} or {@link DiskState}
 */
@Value.Immutable
@Drbd4jStyle
public abstract class VolumeState<T> {
    // Only the implementation Immutables generates in this package extends this type.
    VolumeState() {}

    /**
     * Returns this node's side; empty when Unconfigured.
     *
     * @return this node's side; empty when Unconfigured
     */
    public abstract Optional<T> local();

    /**
     * Returns the peer's side as this node sees it; empty when Unconfigured.
     *
     * @return the peer's side as this node sees it; empty when Unconfigured
     */
    public abstract Optional<T> peer();

    /**
     * Returns true when drbdadm printed {@code Unconfigured}.
     *
     * @return true when drbdadm printed {@code Unconfigured}
     */
    public boolean isUnconfigured() {
        return local().isEmpty();
    }

    /**
     * Returns the pair.
     *
     * @param local this node's side
     * @param peer the peer's side
     * @param <T> the kind
     * @return the pair
     */
    public static <T> VolumeState<T> of(T local, T peer) {
        return ImmutableVolumeState.<T>builder().local(local).peer(peer).build();
    }

    /**
     * Returns the Unconfigured value.
     *
     * @param <T> the kind
     * @return the Unconfigured value
     */
    public static <T> VolumeState<T> ofUnconfigured() {
        return ImmutableVolumeState.<T>builder().build();
    }
}
