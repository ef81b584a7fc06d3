package io.drbd4j.testkit.internal.host;

import java.util.Objects;

/**
 * Puts disks on a host before a test runs, as an operator's earlier work would have left them: the Chef storage
 * layout (a disk holding one PV of a VG whose LV is DRBD's backing disk) and spare disks holding nothing, an ext4
 * filesystem, a partition table or a PV of another VG. Not thread-safe.
 */
public final class StorageSetup {
    /** What a spare disk holds. */
    public enum Contents {
        /** Nothing: no signature, no partition table. */
        BLANK,
        /** An ext4 filesystem on the whole disk. */
        EXT4,
        /** A DOS partition table with one partition ({@code DISK1}) holding an ext4 filesystem. */
        PARTITIONED,
        /** A PV of another VG, named {@code vg_} and the disk's name ({@code vg_sdc}). */
        LVM_PV
    }

    private StorageSetup() {}

    /**
     * Makes the LVM layout Chef's DRBD sits on: {@code disk} (1 MiB of LVM label and metadata, then the extents) holds
     * one PV of {@code vg}, whose LV {@code lv} has exactly {@code lvBytes} and which keeps {@code freeBytes} (rounded
     * up to the 4 MiB extent) free.
     *
     * @param host the host
     * @param disk the disk, such as {@code /dev/sdb}
     * @param vg the volume group, such as {@code opscode}
     * @param lv the logical volume, such as {@code drbd}
     * @param lvBytes the LV's size (the configured backing size; it may be no multiple of the extent)
     * @param freeBytes the VG's free space
     * @return the LV's device, {@code /dev/VG/LV}
     */
    public static BlockDevice lvmLayout(
            SimulatedHost host, String disk, String vg, String lv, long lvBytes, long freeBytes) {
        Objects.requireNonNull(host, "host");
        long lvExtents = (lvBytes + Lvm.EXTENT - 1) / Lvm.EXTENT;
        long freeExtents = (freeBytes + Lvm.EXTENT - 1) / Lvm.EXTENT;
        host.addDevice(disk, Lvm.PE_START + (lvExtents + freeExtents) * Lvm.EXTENT);
        Lvm lvm = host.lvm();
        lvm.vgcreate(vg, disk);
        return lvm.lvcreate(lvm.vg(vg).orElseThrow(), lv, lvExtents, lvBytes).device;
    }

    /**
     * Adds a spare disk.
     *
     * @param host the host
     * @param path the disk's path, such as {@code /dev/sdc}
     * @param bytes its size
     * @param contents what it holds
     * @param mountPoint where its filesystem (a partitioned disk's partition) is mounted, or null when it is not;
     *     only for {@link Contents#EXT4} and {@link Contents#PARTITIONED}
     */
    public static void spareDisk(SimulatedHost host, String path, long bytes, Contents contents, String mountPoint) {
        BlockDevice disk = host.addDevice(path, bytes);
        String mounted = path;
        switch (contents) {
            case BLANK -> {}
            case EXT4 -> disk.format(Volume.freshExt4(bytes));
            case PARTITIONED -> {
                disk.partitioned(true);
                mounted = path + (Character.isDigit(path.charAt(path.length() - 1)) ? "p1" : "1");
                // a partition from sector 2048 to the end, as fdisk makes it
                BlockDevice part = host.addDevice(mounted, bytes - Lvm.PE_START);
                part.format(Volume.freshExt4(part.sizeBytes()));
                host.partitionParents().put(mounted, path);
            }
            case LVM_PV -> host.lvm().vgcreate("vg_" + path.substring(path.lastIndexOf('/') + 1), path);
        }
        if (mountPoint != null) {
            if (contents == Contents.BLANK || contents == Contents.LVM_PV) {
                throw new IllegalArgumentException("nothing to mount on " + path + " (" + contents + ")");
            }
            host.files().mkdirs(mountPoint);
            host.mountTable()
                    .put(FileCommands.normalize(mountPoint), host.deviceTable().get(mounted));
        }
    }
}
