package io.drbd4j.exec;

/**
 * What {@code drbdadm dump-md} tells about the DRBD meta data on a backing disk (drbd-utils
 * user/shared/drbdmeta.c, {@code meta_dump_md} and {@code v07_style_md_open_device}). Only {@link #NONE} means
 * that {@code create-md} is needed; the other three are meta data that {@code up} can attach or has attached.
 */
public enum MetaDataState {
    /** Exit 0: drbdmeta dumped clean meta data. */
    VALID,
    /**
     * Exit 1, {@code Found meta data is "unclean", please apply-al first}: valid meta data whose activity log is not
     * marked applied, as DRBD 8.4 leaves it after a crash and even after a clean {@code drbdadm down}; {@code
     * drbdadm up} and {@code attach} run {@code apply-al} first.
     */
    UNCLEAN,
    /**
     * Exit 20, {@code Exclusive open failed. Do it anyways?}: drbdmeta could not open the backing disk exclusively
     * because something holds it, normally the attached DRBD device; its meta data is in use.
     */
    IN_USE,
    /** {@code No valid meta data found}: the disk holds no DRBD meta data. */
    NONE;

    /**
     * Returns whether the disk holds meta data (create-md would overwrite it).
     *
     * @return whether the disk holds meta data (create-md would overwrite it)
     */
    public boolean present() {
        return this != NONE;
    }
}
