package io.drbd4j.testkit.internal.drbd;

/**
 * The fields of a node's meta-data super block that only drbdmeta shows (the UUIDs and md flags stay in {@link
 * DrbdNode}, where the kernel logic reads them): what {@code dump-md} prints and whether it finds the meta data
 * clean. Mutated under the pair's lock, like the node.
 */
final class SuperBlock {
    /** drbdmeta finds the meta data "unclean" (an 8.4 kernel attached it; apply-al not run since). */
    boolean unclean;
    /** {@code la-size-sect}: the device size the kernel last wrote, 0 before the first attach. */
    long laSizeSect;
    /** {@code device-uuid}: 0 until the first attach. */
    long deviceUuid;
    /** {@code al-extents}: drbdmeta's 257 until the kernel writes the configured 1237. */
    int alExtents = 257;
    /** {@code la-peer-max-bio-size}: 0 until a peer was seen. */
    long peerMaxBioSize;

    /** What create-md writes. */
    void created() {
        unclean = false;
        laSizeSect = 0;
        deviceUuid = 0;
        alExtents = 257;
        peerMaxBioSize = 0;
    }
}
