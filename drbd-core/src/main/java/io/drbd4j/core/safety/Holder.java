package io.drbd4j.core.safety;

/** Which node holds a current copy: one that has every write acknowledged to an application. */
public enum Holder {
    /** Only this node (the one whose status was read first) holds a current copy. */
    THIS_NODE,
    /** Only the peer holds a current copy. */
    PEER,
    /** Both nodes hold a current copy: either can be lost. */
    BOTH,
    /** Neither node holds every acknowledged write: no good copy, or a split brain. */
    NEITHER,
    /** The statuses cannot tell. */
    UNKNOWN
}
