package io.drbd4j.core.safety;

/** Which way a resync copies data, seen from the node whose status was read. */
public enum ResyncDirection {
    /**
     * This node sends: it holds the good copy and the peer is Inconsistent until the end ({@code SyncSource},
     * {@code PausedSyncS}, {@code StartingSyncS}, {@code WFBitMapS}).
     */
    THIS_NODE_IS_SOURCE,
    /**
     * This node receives: it is Inconsistent until the end and the peer holds the good copy ({@code SyncTarget},
     * {@code PausedSyncT}, {@code StartingSyncT}, {@code WFBitMapT}, {@code WFSyncUUID}).
     */
    THIS_NODE_IS_TARGET
}
