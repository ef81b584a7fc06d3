package io.drbd4j.chef.guards;

import io.drbd4j.chef.engine.Condition;
import io.drbd4j.chef.engine.HostState;
import io.drbd4j.chef.engine.Pair;
import io.drbd4j.chef.engine.Side;
import io.drbd4j.chef.engine.Storage;
import java.util.Optional;

/**
 * The storage guards: the disk check (a disk that holds nothing before {@code pvcreate} wipes it), the typed confirmation of
 * its path, and the sizes of the LVM volume under DRBD, of DRBD itself and of the filesystem on it, read with {@code
 * lvs}, {@code vgs}, {@code pvs}, {@code /sys/block/drbdN/size} and {@code df}.
 */
public final class Volumes {
    private Volumes() {}

    /**
     * DRBD 8.4's internal meta data at the end of a backing device of this size, at most: the 4 KiB superblock, the
     * 32 KiB activity log and a bitmap of one bit per 4 KiB block (drbd_int.h, drbdmeta.c), with room for the
     * alignment to 4 KiB and 1 MiB that drbdmeta and the kernel round to. A DRBD device smaller than its backing device
     * by more than this has not been grown to it yet.
     *
     * @param backingBytes the backing device's size
     * @return the most DRBD keeps for itself
     */
    public static long maxInternalMetaData(long backingBytes) {
        return backingBytes / 32768 + (36L << 10) + (2L << 20);
    }

    /**
     * The disk check: the device exists and holds nothing: no filesystem or other signature, no partition table, no
     * partition or volume on it, no physical volume, nothing mounted.
     *
     * @param p the pair
     * @param side the backend
     * @param disk the device, such as {@code /dev/sdb}
     * @return the guard
     */
    public static Condition blankDisk(Pair p, Side side, String disk) {
        return Condition.of(
                p.name(side) + "'s " + disk + " holds nothing (blkid: no signature or partition table; lsblk: no"
                        + " partition, volume or mount; pvs: no physical volume)",
                s -> s.host(side).storage().disk(disk).blank()
                        && s.host(side).storage().pv(disk).isEmpty(),
                s -> p.name(side) + ": " + diskWords(s.host(side), disk));
    }

    private static String diskWords(HostState host, String disk) {
        Storage.Disk d = host.storage().disk(disk);
        String words = d.words();
        Optional<Storage.PhysicalVolume> pv = d.exists() ? host.storage().pv(disk) : Optional.empty();
        if (pv.isPresent()) {
            words += "; a physical volume"
                    + pv.get().group().map(g -> " of volume group " + g).orElse("");
        }
        return words;
    }

    /**
     * The operator typed the device's path, and it is the one the step will wipe.
     *
     * @param disk the device the step wipes
     * @param typed what the caller typed to confirm it
     * @return the guard
     */
    public static Condition confirmed(String disk, String typed) {
        return Condition.of(
                "the wipe of " + disk + " confirmed by typing its path",
                s -> disk.equals(typed),
                s -> typed.isEmpty()
                        ? "no confirmation given"
                        : "the confirmation typed \"" + typed + "\", not " + disk);
    }

    /**
     * Returns the device is a physical volume.
     *
     * @param p the pair
     * @param side the backend
     * @param disk the device
     * @return the device is a physical volume
     */
    public static Condition physicalVolume(Pair p, Side side, String disk) {
        return Condition.of(
                p.name(side) + "'s " + disk + " is a physical volume",
                s -> s.host(side).storage().pv(disk).isPresent(),
                s -> p.name(side) + ": " + disk + " is no physical volume");
    }

    /**
     * Returns the device is a physical volume of that volume group.
     *
     * @param p the pair
     * @param side the backend
     * @param disk the device
     * @param group the volume group
     * @return the device is a physical volume of that volume group
     */
    public static Condition inGroup(Pair p, Side side, String disk, String group) {
        return Condition.of(
                p.name(side) + "'s " + disk + " is a physical volume of " + group,
                s -> s.host(side)
                        .storage()
                        .pv(disk)
                        .flatMap(Storage.PhysicalVolume::group)
                        .filter(group::equals)
                        .isPresent(),
                s -> p.name(side) + ": " + pvWords(s.host(side), disk));
    }

    /**
     * Returns the device is a physical volume in no volume group.
     *
     * @param p the pair
     * @param side the backend
     * @param disk the device
     * @return the device is a physical volume in no volume group
     */
    public static Condition unusedPhysicalVolume(Pair p, Side side, String disk) {
        return Condition.of(
                p.name(side) + "'s " + disk + " is a physical volume in no volume group",
                s -> s.host(side)
                        .storage()
                        .pv(disk)
                        .filter(pv -> pv.group().isEmpty())
                        .isPresent(),
                s -> p.name(side) + ": " + pvWords(s.host(side), disk));
    }

    private static String pvWords(HostState host, String disk) {
        return host.storage()
                .pv(disk)
                .map(pv -> disk + " is a physical volume"
                        + pv.group().map(g -> " of " + g).orElse(" in no group"))
                .orElse(disk + " is no physical volume");
    }

    /**
     * Returns the volume group exists.
     *
     * @param p the pair
     * @param side the backend
     * @param group the volume group
     * @return the volume group exists
     */
    public static Condition groupExists(Pair p, Side side, String group) {
        return Condition.of(
                p.name(side) + " has volume group " + group,
                s -> s.host(side).storage().vg(group).isPresent(),
                s -> p.name(side) + ": no volume group " + group);
    }

    /**
     * Returns the volume group does not exist.
     *
     * @param p the pair
     * @param side the backend
     * @param group the volume group
     * @return the volume group does not exist
     */
    public static Condition noGroup(Pair p, Side side, String group) {
        return Condition.of(
                p.name(side) + " has no volume group " + group,
                s -> s.host(side).storage().vg(group).isEmpty(),
                s -> p.name(side) + ": volume group " + group + " exists ("
                        + s.host(side).storage().vg(group).map(Volumes::vgWords).orElse("") + ")");
    }

    /**
     * Returns the logical volume exists.
     *
     * @param p the pair
     * @param side the backend
     * @param group the volume group
     * @param volume the logical volume
     * @return the logical volume exists
     */
    public static Condition volumeExists(Pair p, Side side, String group, String volume) {
        return Condition.of(
                p.name(side) + " has logical volume " + group + "/" + volume,
                s -> s.host(side).storage().lv(group, volume).isPresent(),
                s -> p.name(side) + ": no logical volume " + group + "/" + volume);
    }

    /**
     * Returns the logical volume is at least that big.
     *
     * @param p the pair
     * @param side the backend
     * @param group the volume group
     * @param volume the logical volume
     * @param bytes the size
     * @return the logical volume is at least that big
     */
    public static Condition volumeAtLeast(Pair p, Side side, String group, String volume, long bytes) {
        return Condition.of(
                p.name(side) + "'s " + group + "/" + volume + " is at least " + bytes + " bytes",
                s -> s.host(side)
                        .storage()
                        .lv(group, volume)
                        .map(lv -> lv.bytes() >= bytes)
                        .orElse(false),
                s -> p.name(side) + ": " + lvWords(s.host(side), group, volume));
    }

    /**
     * Returns the logical volume can grow to that size: it exists, is no bigger (LVM would refuse to shrink it, and a
     * bigger one would leave the two backends' volumes of different sizes), and its group has the free space.
     *
     * @param p the pair
     * @param side the backend
     * @param group the volume group
     * @param volume the logical volume
     * @param bytes the size it is to have
     * @return the logical volume can grow to that size
     */
    public static Condition canGrowTo(Pair p, Side side, String group, String volume, long bytes) {
        return Condition.of(
                p.name(side) + "'s " + group + "/" + volume + " no bigger than " + bytes + " bytes and " + group
                        + " has the free space to make it so",
                s -> {
                    Storage st = s.host(side).storage();
                    Optional<Storage.LogicalVolume> lv = st.lv(group, volume);
                    Optional<Storage.VolumeGroup> vg = st.vg(group);
                    return lv.isPresent()
                            && vg.isPresent()
                            && lv.get().bytes() <= bytes
                            && vg.get().freeBytes() >= bytes - lv.get().bytes();
                },
                s -> {
                    Storage st = s.host(side).storage();
                    Optional<Storage.LogicalVolume> lv = st.lv(group, volume);
                    String words = p.name(side) + ": " + lvWords(s.host(side), group, volume);
                    if (lv.isPresent() && lv.get().bytes() > bytes) {
                        return words + ", already bigger than " + bytes + " bytes: growing the other backend's"
                                + " volume to " + bytes + " would leave the two of different sizes";
                    }
                    return words + "; " + st.vg(group).map(Volumes::vgWords).orElse("no volume group " + group);
                });
    }

    /**
     * Returns both backends' logical volumes have the same size: DRBD uses the smaller, and growing DRBD on
     * volumes of different sizes leaves part of the bigger one unused, or, later, shrinks what the other holds.
     *
     * @param p the pair
     * @param group the volume group
     * @param volume the logical volume
     * @return both backends' logical volumes have the same size
     */
    public static Condition sameSize(Pair p, String group, String volume) {
        return Condition.of(
                p.name(Side.KEEPER) + "'s and " + p.name(Side.OTHER) + "'s " + group + "/" + volume
                        + " of the same size",
                s -> {
                    Optional<Storage.LogicalVolume> a =
                            s.host(Side.KEEPER).storage().lv(group, volume);
                    Optional<Storage.LogicalVolume> b =
                            s.host(Side.OTHER).storage().lv(group, volume);
                    return a.isPresent()
                            && b.isPresent()
                            && a.get().bytes() == b.get().bytes();
                },
                s -> p.name(Side.KEEPER) + ": " + lvWords(s.host(Side.KEEPER), group, volume) + "; "
                        + p.name(Side.OTHER) + ": " + lvWords(s.host(Side.OTHER), group, volume));
    }

    /**
     * Returns DRBD's device has grown to its backing volume (less the meta data at its end).
     *
     * @param p the pair
     * @param side the backend
     * @param group the volume group
     * @param volume the logical volume under DRBD
     * @return DRBD's device has grown to its backing volume (less the meta data at its end)
     */
    public static Condition drbdGrown(Pair p, Side side, String group, String volume) {
        return Condition.of(
                p.name(side) + "'s DRBD device as big as its backing volume less DRBD's meta data",
                s -> {
                    Storage st = s.host(side).storage();
                    return st.lv(group, volume)
                            .map(lv ->
                                    lv.bytes() - st.drbdBytes(p.cluster().minor()) <= maxInternalMetaData(lv.bytes()))
                            .orElse(false);
                },
                s -> p.name(side) + ": " + sizes(s.host(side), p, group, volume));
    }

    /**
     * Returns the sizes of a backend's storage, in words: the logical volume, DRBD's device and the filesystem.
     *
     * @param host the backend's state
     * @param p the pair
     * @param group the volume group
     * @param volume the logical volume under DRBD
     * @return such as {@code lv opscode/drbd 2147483648 B, drbd0 2147352576 B, filesystem 2046820352 B (1.2 GB
     *     free)}
     */
    public static String sizes(HostState host, Pair p, String group, String volume) {
        Storage st = host.storage();
        StringBuilder out = new StringBuilder(lvWords(host, group, volume));
        out.append(", drbd")
                .append(p.cluster().minor())
                .append(' ')
                .append(st.drbdBytes(p.cluster().minor()))
                .append(" B");
        if (host.mounted()) {
            st.df(p.cluster().mountPoint()).ifPresent(fs -> out.append(", filesystem ")
                    .append(fs.bytes())
                    .append(" B (")
                    .append(fs.availableBytes())
                    .append(" B available)"));
        }
        return out.toString();
    }

    private static String lvWords(HostState host, String group, String volume) {
        return host.storage()
                .lv(group, volume)
                .map(lv -> "lv " + group + "/" + volume + " " + lv.bytes() + " B")
                .orElse("no logical volume " + group + "/" + volume);
    }

    private static String vgWords(Storage.VolumeGroup vg) {
        return "vg " + vg.name() + " " + vg.bytes() + " B, " + vg.freeBytes() + " B free";
    }
}
