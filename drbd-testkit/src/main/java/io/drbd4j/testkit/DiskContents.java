package io.drbd4j.testkit;

/**
 * What a spare disk added with {@link SimulatedDrbdCluster.Builder#spareDisk} holds, as {@code blkid -p -o export}
 * and lvm2 see it.
 */
public enum DiskContents {
    /** Nothing: blkid finds no signature (exit 2), pvcreate takes it. */
    BLANK,
    /** An ext4 filesystem on the whole disk ({@code TYPE=ext4}); pvcreate will not wipe it without a "y". */
    EXT4,
    /**
     * A DOS partition table ({@code PTTYPE=dos}) with one partition ({@code /dev/sdc1}) holding ext4; pvcreate refuses
     * a partitioned disk.
     */
    PARTITIONED,
    /** A physical volume ({@code TYPE=LVM2_member}) of another volume group, {@code vg_} and the disk's name. */
    LVM_PV
}
