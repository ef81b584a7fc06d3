package io.drbd4j.core.safety;

import org.immutables.value.Value;

/**
 * Which node holds a current copy, with the sentence that explains it, for example {@link Holder#PEER}: "Only
 * the peer holds every acknowledged write: this node is Inconsistent (SyncTarget), 588,416 KiB still to sync,
 * about 0:00:08 left."
 */
@Value.Immutable
public abstract class HolderAnswer {
    // Only the implementation Immutables generates in this package extends this type.
    HolderAnswer() {}

    /**
     * Returns the node, both, neither, or unknown.
     *
     * @return the node, both, neither, or unknown
     */
    public abstract Holder holder();

    /**
     * Returns one sentence, ending with a full stop, that says why.
     *
     * @return one sentence, ending with a full stop, that says why
     */
    public abstract String reason();

    /**
     * Returns the answer.
     *
     * @param holder the node that holds the current copy
     * @param reason the sentence that explains it
     * @return the answer
     */
    public static HolderAnswer of(Holder holder, String reason) {
        return ImmutableHolderAnswer.builder().holder(holder).reason(reason).build();
    }

    @Value.Check
    void check() {
        if (reason().isBlank()) {
            throw new IllegalStateException("holder " + holder() + " has a blank reason (expected: one sentence)");
        }
    }
}
