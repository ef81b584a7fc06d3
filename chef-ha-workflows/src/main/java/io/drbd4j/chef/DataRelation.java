package io.drbd4j.chef;

/**
 * What two backends' DRBD generation identifiers ({@code drbdadm get-gi}) say of their data, as DRBD's own handshake
 * reads them: which one holds writes the other lacks, when they can tell.
 */
public enum DataRelation {
    /** The same data generation: neither took a write the other lacks. */
    SAME,
    /** The first holds every write of the second and more: it would be the sync source. */
    FIRST_NEWER,
    /** The second holds every write of the first and more. */
    SECOND_NEWER,
    /** Both moved on from a common generation: each took writes the other lacks (a split brain). */
    DIVERGED,
    /** The identifiers do not tell: no meta data on one, unrelated data, or a history too short to compare. */
    UNKNOWN
}
