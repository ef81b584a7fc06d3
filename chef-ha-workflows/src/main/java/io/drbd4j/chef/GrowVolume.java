package io.drbd4j.chef;

import static io.drbd4j.chef.engine.Side.KEEPER;
import static io.drbd4j.chef.engine.Side.OTHER;

import io.drbd4j.chef.engine.Condition;
import io.drbd4j.chef.engine.LiveState;
import io.drbd4j.chef.engine.Pair;
import io.drbd4j.chef.engine.Side;
import io.drbd4j.chef.engine.StateUnknownException;
import io.drbd4j.chef.engine.Step;
import io.drbd4j.chef.guards.Drbd;
import io.drbd4j.chef.guards.Filesystem;
import io.drbd4j.chef.guards.Volumes;
import io.drbd4j.core.model.Role;
import io.drbd4j.exec.runner.Command;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Growing the DRBD volume (the Chef guide's "growing the DRBD volume"): both backing logical volumes extended to the
 * same absolute size, DRBD grown on the Primary, the new area resynced, the filesystem grown on the Primary's DRBD
 * device while mounted.
 *
 * <p>The cluster's {@link ChefHaCluster#keeper()} is the Primary. Steps: {@code check} (the keeper Primary with
 * UpToDate data and mounted, the other Secondary, Connected and synced, both volumes no bigger than the target);
 * optionally, with {@link #addingDisk}, {@code pvcreate} and {@code vgextend} on each backend, the disk guarded by
 * the disk check (it holds nothing) and the typed confirmation of its path; {@code lvextend -L <size>b} on the keeper, then on the other, each only
 * when both groups have the free space; {@code drbdadm resize} on the keeper only once both volumes have the same
 * size; the resync of the new area waited for; {@code resize2fs} on the keeper's DRBD device, never on the Secondary or
 * the backing volume; {@code report}, which journals the sizes after. {@code sizes-before} journals them before. The
 * plan's notes give the sizes at the time of the plan.
 */
public final class GrowVolume {
    /** The workflow's name in plans and journals. */
    public static final String NAME = "grow-volume";

    /** Chef's volume group for DRBD's backing volume. */
    public static final String GROUP = "opscode";

    /** Chef's logical volume under DRBD. */
    public static final String VOLUME = "drbd";

    private final ChefHaCluster cluster;
    private final long bytes;
    private final Optional<String> disk;
    private final String typed;
    private final String group;
    private final String volume;

    private GrowVolume(
            ChefHaCluster cluster, long bytes, Optional<String> disk, String typed, String group, String volume) {
        this.cluster = cluster;
        this.bytes = bytes;
        this.disk = disk;
        this.typed = typed;
        this.group = group;
        this.volume = volume;
    }

    /**
     * Returns the procedure growing {@code opscode/drbd} on both backends to that size.
     *
     * @param cluster the Primary as {@link ChefHaCluster#keeper()}
     * @param bytes the size both logical volumes are to have, absolute (never a percentage: both must be equal); a
     *     multiple of 1 MiB
     * @return the procedure
     * @throws IllegalArgumentException when the size is not a positive multiple of 1 MiB
     */
    public static GrowVolume to(ChefHaCluster cluster, long bytes) {
        Objects.requireNonNull(cluster, "cluster");
        if (bytes <= 0 || bytes % (1L << 20) != 0) {
            throw new IllegalArgumentException(
                    "a volume size of " + bytes + " bytes (expected: a positive multiple of 1 MiB, 1048576)");
        }
        return new GrowVolume(cluster, bytes, Optional.empty(), "", GROUP, VOLUME);
    }

    /**
     * Returns this procedure with a new disk added to the volume group on both backends first ({@code pvcreate}, {@code
     * vgextend}).
     *
     * @param device the new disk on both backends, such as {@code /dev/sdc}; it must hold nothing
     * @param typedConfirmation the device path typed again by the operator; anything else refuses the {@code pvcreate}
     * @return this procedure, adding the disk
     */
    public GrowVolume addingDisk(String device, String typedConfirmation) {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(typedConfirmation, "typedConfirmation");
        return new GrowVolume(cluster, bytes, Optional.of(device), typedConfirmation.strip(), group, volume);
    }

    /**
     * Returns this procedure on another volume group and logical volume than Chef's {@code opscode/drbd}.
     *
     * @param groupName the volume group
     * @param volumeName the logical volume under DRBD
     * @return this procedure on that volume
     */
    public GrowVolume volume(String groupName, String volumeName) {
        return new GrowVolume(cluster, bytes, disk, typed, groupName, volumeName);
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
        steps.add(check(p)); // W11.1
        steps.add(sizes(p, "sizes-before"));
        if (disk.isPresent()) {
            for (Side side : List.of(KEEPER, OTHER)) {
                steps.add(PrepareStorage.pvcreate(p, side, disk.get(), typed, suffix(side))); // W11.2
                steps.add(vgextend(p, side, disk.get()));
            }
        }
        steps.add(lvextend(p, KEEPER)); // W11.3
        steps.add(lvextend(p, OTHER));
        steps.add(resize(p)); // W11.4
        steps.add(SharedSteps.waitSync(p, "wait-sync"));
        steps.add(resize2fs(p)); // W11.5
        steps.add(sizes(p, "report")); // W11.6
        return steps;
    }

    static String suffix(Side side) {
        return side == KEEPER ? "primary" : "secondary";
    }

    private Step check(Pair p) {
        String k = p.name(KEEPER);
        Condition guard = Drbd.synced(p, KEEPER, Role.PRIMARY)
                .and(Filesystem.mounted(p, KEEPER))
                .and(noBigger(p, KEEPER))
                .and(noBigger(p, OTHER));
        if (disk.isPresent()) {
            guard = guard.and(Volumes.confirmed(disk.get(), typed))
                    .and(PrepareStorage.diskReady(p, KEEPER, disk.get(), group))
                    .and(PrepareStorage.diskReady(p, OTHER, disk.get(), group));
        }
        return p.step("check", KEEPER)
                .guard(guard)
                .once()
                .note("grows " + group + "/" + volume + " on both backends to " + bytes + " bytes; now: "
                        + planSizes(p))
                .advice("grow only a healthy pair: " + k + " Primary, mounted, Connected to a Secondary, both"
                        + " UpToDate; a volume already bigger than " + bytes + " bytes cannot be grown to it (the two"
                        + " would differ): choose a size no smaller than the bigger volume")
                .build();
    }

    private Condition noBigger(Pair p, Side side) {
        return Condition.of(
                p.name(side) + "'s " + group + "/" + volume + " no bigger than " + bytes + " bytes",
                st -> st.host(side)
                        .storage()
                        .lv(group, volume)
                        .map(lv -> lv.bytes() <= bytes)
                        .orElse(false),
                st -> p.name(side) + ": "
                        + st.host(side)
                                .storage()
                                .lv(group, volume)
                                .map(lv -> group + "/" + volume + " is " + lv.bytes() + " bytes")
                                .orElse("no logical volume " + group + "/" + volume));
    }

    /** Journals both backends' sizes in its STARTED line. */
    private Step sizes(Pair p, String id) {
        // The guard reads what the journal line shows (each read is kept for the check), so that a host lost here
        // stops the run as a state that cannot be read, in the guard, not in the journaling.
        Condition readable = Condition.of(
                "both backends' sizes readable (lvs, /sys/block, df)",
                st -> !Volumes.sizes(st.host(KEEPER), p, group, volume).isEmpty()
                        && !Volumes.sizes(st.host(OTHER), p, group, volume).isEmpty(),
                st -> "");
        return p.step(id, KEEPER)
                .guard(Volumes.volumeExists(p, KEEPER, group, volume)
                        .and(Volumes.volumeExists(p, OTHER, group, volume))
                        .and(readable))
                .always(st -> p.name(KEEPER) + ": " + Volumes.sizes(st.host(KEEPER), p, group, volume) + "; "
                        + p.name(OTHER) + ": " + Volumes.sizes(st.host(OTHER), p, group, volume))
                .note("records lvs, the DRBD device's size and df of both backends in the journal")
                .advice("check that both backends have " + group + "/" + volume)
                .build();
    }

    private String planSizes(Pair p) {
        try {
            LiveState st = new LiveState(p);
            return p.name(KEEPER) + ": " + Volumes.sizes(st.host(KEEPER), p, group, volume) + "; " + p.name(OTHER)
                    + ": " + Volumes.sizes(st.host(OTHER), p, group, volume);
        } catch (StateUnknownException e) {
            return "the sizes could not be read: " + e.getMessage();
        }
    }

    private Step vgextend(Pair p, Side side, String device) {
        return p.step("vgextend-" + suffix(side), side)
                .run(Command.of(p.cluster().commandTimeout(), "vgextend", group, device))
                .guard(Volumes.unusedPhysicalVolume(p, side, device).and(Volumes.groupExists(p, side, group)))
                .done(Volumes.inGroup(p, side, device, group))
                .advice("vgextend adds a physical volume in no group to " + group + "; pvcreate it first")
                .build();
    }

    /**
     * lvextend to the absolute size, each only while both can grow to it: never one volume alone, which would leave
     * the two of different sizes.
     */
    private Step lvextend(Pair p, Side side) {
        Side peer = side == KEEPER ? OTHER : KEEPER;
        Condition peerFollows = side == KEEPER
                ? Volumes.canGrowTo(p, peer, group, volume, bytes)
                : Volumes.volumeAtLeast(p, peer, group, volume, bytes);
        return p.step("lvextend-" + suffix(side), side)
                .run(Command.of(p.cluster().commandTimeout(), "lvextend", "-L", bytes + "b", group + "/" + volume))
                .guard(Volumes.canGrowTo(p, side, group, volume, bytes).and(peerFollows))
                .done(Volumes.volumeAtLeast(p, side, group, volume, bytes))
                .note("the same absolute size on both backends, never a percentage")
                .advice("free space in " + group + " on both backends (add a disk: addingDisk), and neither volume"
                        + " bigger than " + bytes + " bytes")
                .build();
    }

    private Step resize(Pair p) {
        return p.step("resize", KEEPER)
                .run(p.dialect(KEEPER).resize(p.cluster().resource()))
                .guard(Drbd.synced(p, KEEPER, Role.PRIMARY)
                        .and(Volumes.sameSize(p, group, volume))
                        .and(Volumes.volumeAtLeast(p, KEEPER, group, volume, bytes)))
                .done(Volumes.drbdGrown(p, KEEPER, group, volume))
                .note("on the Primary only; DRBD grows to the smaller backing volume and resyncs the new area")
                .advice("drbdadm resize only on the Primary of a Connected, synced pair whose two volumes have the"
                        + " same size (lvextend both first)")
                .build();
    }

    /**
     * resize2fs only on the Primary's DRBD device, mounted: on the Secondary or the backing volume it corrupts. The
     * device is the cluster's, which {@link ChefHaCluster}'s check proves is {@code /dev/drbdN}: never the backing
     * volume.
     */
    private Step resize2fs(Pair p) {
        String device = p.cluster().device();
        return p.step("resize2fs", KEEPER)
                .run(Command.of(p.cluster().mkfsTimeout(), "resize2fs", device))
                .destroysData()
                .guard(Drbd.roleUpToDate(p, KEEPER, Role.PRIMARY)
                        .and(Filesystem.mounted(p, KEEPER))
                        .and(Volumes.drbdGrown(p, KEEPER, group, volume)))
                .note("online, on " + p.name(KEEPER) + "'s mounted " + device + ": never on the Secondary or on the"
                        + " backing volume " + group + "/" + volume)
                .advice("resize2fs only on the Primary's mounted DRBD device, after drbdadm resize")
                .build();
    }
}
