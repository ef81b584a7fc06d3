package io.drbd4j.chef;

import static io.drbd4j.chef.engine.Side.KEEPER;
import static io.drbd4j.chef.engine.Side.OTHER;

import io.drbd4j.chef.engine.Condition;
import io.drbd4j.chef.engine.Pair;
import io.drbd4j.chef.engine.Side;
import io.drbd4j.chef.engine.Step;
import io.drbd4j.chef.guards.Volumes;
import io.drbd4j.exec.runner.Command;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The storage under DRBD on both backends, before {@link Prepare} (the Chef guide's install steps 1.1): {@code
 * pvcreate} on a dedicated disk, {@code vgcreate opscode}, {@code lvcreate -n drbd}. {@code pvcreate} wipes whatever
 * the disk holds, so it runs only on a disk that holds nothing (no filesystem or other signature, no partition
 * table or partition, no physical volume, nothing mounted) and whose path the operator typed to confirm it.
 *
 * <p>Steps: {@code check-disks} (both backends' disks hold nothing, or are already this workflow's physical volume, and
 * the confirmation names the disk); for each backend, the bootstrap backend first, {@code pvcreate}, {@code vgcreate}
 * and {@code lvcreate}, each skipped when its outcome holds; {@code check-sizes}: both volumes of the same size (DRBD
 * uses the smaller).
 */
public final class PrepareStorage {
    /** The workflow's name in plans and journals. */
    public static final String NAME = "prepare-storage";

    private final ChefHaCluster cluster;
    private final String disk;
    private final String typed;
    private final String group;
    private final String volume;
    private final String size;

    private PrepareStorage(ChefHaCluster cluster, String disk, String typed, String group, String volume, String size) {
        this.cluster = cluster;
        this.disk = disk;
        this.typed = typed;
        this.group = group;
        this.volume = volume;
        this.size = size;
    }

    /**
     * Returns the procedure on that disk of both backends, the volume 80 % of the group as Chef's guide makes it (the
     * rest kept for snapshots).
     *
     * @param cluster the two backends; {@link ChefHaCluster#keeper()} first
     * @param disk the dedicated disk on both backends, such as {@code /dev/sdb}
     * @param typedConfirmation the disk's path typed again by the operator; anything else refuses the {@code pvcreate}
     * @return the procedure
     */
    public static PrepareStorage on(ChefHaCluster cluster, String disk, String typedConfirmation) {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(typedConfirmation, "typedConfirmation");
        if (!disk.startsWith("/dev/") || disk.length() == "/dev/".length()) {
            throw new IllegalArgumentException("a disk named " + disk + " (expected: a device path such as /dev/sdb)");
        }
        return new PrepareStorage(
                cluster, disk, typedConfirmation.strip(), GrowVolume.GROUP, GrowVolume.VOLUME, "80%VG");
    }

    /**
     * Returns this procedure making the volume that size on both backends.
     *
     * @param bytes the logical volume's size, a positive multiple of 1 MiB
     * @return this procedure with that size
     * @throws IllegalArgumentException when the size is not a positive multiple of 1 MiB
     */
    public PrepareStorage sizeBytes(long bytes) {
        if (bytes <= 0 || bytes % (1L << 20) != 0) {
            throw new IllegalArgumentException(
                    "a volume size of " + bytes + " bytes (expected: a positive multiple of 1 MiB, 1048576)");
        }
        return new PrepareStorage(cluster, disk, typed, group, volume, bytes + "b");
    }

    /**
     * Returns this procedure making the volume that share of the group on both backends.
     *
     * @param percent the share of the volume group, 1 to 100
     * @return this procedure with that size
     * @throws IllegalArgumentException when the share is not 1 to 100
     */
    public PrepareStorage percentOfGroup(int percent) {
        if (percent < 1 || percent > 100) {
            throw new IllegalArgumentException("a volume of " + percent + " % of the group (expected: 1 to 100)");
        }
        return new PrepareStorage(cluster, disk, typed, group, volume, percent + "%VG");
    }

    /**
     * Returns the workflow.
     *
     * @return the workflow
     */
    public Workflow workflow() {
        return new Workflow(NAME, cluster, this::steps);
    }

    private List<Step> steps(Pair p) {
        List<Step> steps = new ArrayList<>();
        steps.add(checkDisks(p));
        for (Side side : List.of(KEEPER, OTHER)) {
            String suffix = GrowVolume.suffix(side);
            steps.add(pvcreate(p, side, disk, typed, suffix));
            steps.add(vgcreate(p, side, suffix));
            steps.add(lvcreate(p, side, suffix));
        }
        steps.add(checkSizes(p));
        return steps;
    }

    /**
     * The disk holds nothing, or is already a physical volume of the group or of none (a resumed run): what {@code
     * pvcreate} may be given, or has been (used by {@link GrowVolume} too).
     */
    static Condition diskReady(Pair p, Side side, String disk, String group) {
        Condition blank = Volumes.blankDisk(p, side, disk);
        Condition ours = Volumes.inGroup(p, side, disk, group);
        Condition unused = Volumes.unusedPhysicalVolume(p, side, disk);
        return Condition.of(
                blank.description() + ", or already a physical volume of " + group + " or of none",
                st -> ours.holds(st) || unused.holds(st) || blank.holds(st),
                st -> blank.seen(st).orElse(""));
    }

    private Step checkDisks(Pair p) {
        return p.step("check-disks", KEEPER)
                .guard(Volumes.confirmed(disk, typed)
                        .and(diskReady(p, KEEPER, disk, group))
                        .and(diskReady(p, OTHER, disk, group)))
                .note("pvcreate wipes " + disk + " on " + p.name(KEEPER) + " and " + p.name(OTHER)
                        + ": both must hold nothing")
                .advice("name a dedicated, empty disk and type its path to confirm; a disk with a filesystem,"
                        + " partitions, a physical volume or a mount holds something pvcreate would destroy: check it"
                        + " with lsblk and blkid, and wipe it yourself only if it is really unused")
                .build();
    }

    /**
     * {@code pvcreate DISK}: destroys what the disk holds, so only on a disk that holds nothing, confirmed by its
     * typed path (used by {@link GrowVolume} too).
     */
    static Step pvcreate(Pair p, Side side, String disk, String typed, String suffix) {
        return p.step("pvcreate-" + suffix, side)
                .run(Command.of(p.cluster().commandTimeout(), "pvcreate", disk))
                .destroysData()
                .guard(Volumes.confirmed(disk, typed).and(Volumes.blankDisk(p, side, disk)))
                .done(Volumes.physicalVolume(p, side, disk))
                .note("pvcreate writes an LVM label over the start of " + disk)
                .advice("pvcreate only on a disk that holds nothing (lsblk, blkid, pvs), confirmed by typing its path")
                .build();
    }

    private Step vgcreate(Pair p, Side side, String suffix) {
        return p.step("vgcreate-" + suffix, side)
                .run(Command.of(p.cluster().commandTimeout(), "vgcreate", group, disk))
                .guard(Volumes.unusedPhysicalVolume(p, side, disk).and(Volumes.noGroup(p, side, group)))
                .done(Volumes.inGroup(p, side, disk, group))
                .advice("a volume group " + group + " exists on " + p.name(side) + " already: it is not a new"
                        + " backend; grow it with grow-volume instead")
                .build();
    }

    private Step lvcreate(Pair p, Side side, String suffix) {
        String sizeOption = size.endsWith("%VG") ? "-l" : "-L";
        return p.step("lvcreate-" + suffix, side)
                .run(Command.of(p.cluster().commandTimeout(), "lvcreate", "-y", "-n", volume, sizeOption, size, group))
                .guard(Volumes.inGroup(p, side, disk, group))
                .done(Volumes.volumeExists(p, side, group, volume))
                .note(
                        size.endsWith("%VG")
                                ? size.replace("%VG", " %") + " of " + group + ", the rest kept for snapshots"
                                : size + " bytes")
                .advice("create " + group + " on " + disk + " first")
                .build();
    }

    private Step checkSizes(Pair p) {
        return p.step("check-sizes", KEEPER)
                .guard(Volumes.sameSize(p, group, volume))
                .note("DRBD uses the smaller of the two volumes")
                .advice("the two disks differ in size: lvextend or lvreduce the volumes to one absolute size before"
                        + " prepare (create-md), or name the size with sizeBytes")
                .build();
    }
}
