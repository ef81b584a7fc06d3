package io.drbd4j.examples.cli;

import io.drbd4j.chef.ChefHaCluster;
import io.drbd4j.chef.FailoverSetup;
import io.drbd4j.chef.GrowVolume;
import io.drbd4j.chef.JournalEntry;
import io.drbd4j.chef.Prepare;
import io.drbd4j.chef.PrepareStorage;
import io.drbd4j.testkit.DiskContents;
import io.drbd4j.testkit.SimulatedDrbdCluster;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The workflows {@code drbd4j demo} stages on the simulated hosts' LVM: the storage under DRBD made on blank disks
 * (prepare-storage, then prepare and failover-setup on it), and a set-up pair's volume grown onto a new disk
 * (grow-volume). The backing volume is Chef's {@code opscode/drbd}; each host's volume group starts with a quarter of
 * the volume's size free, as the test kit makes it.
 */
final class StorageScenarios {
    /** The disk under Chef's volume group on each simulated host. */
    static final String STORAGE_DISK = "/dev/sdb";

    /** The blank disk the grow-volume demo adds on each backend. */
    static final String NEW_DISK = "/dev/sdc";

    private static final long GIB = 1L << 30;

    private StorageScenarios() {}

    /**
     * Two hosts whose storage is not prepared ({@code /dev/sdb} blank), Chef's configuration written on be1: the
     * storage made with the path typed again, then prepare and failover-setup on it, to a healthy pair.
     */
    static DemoScenario prepareStorage(String dialect, long sizeGiB) {
        SimulatedDrbdCluster sim =
                DemoScenarios.pair(dialect, sizeGiB).unpreparedStorage().build();
        ChefHaCluster cluster = DemoScenarios.cluster(sim, "be1", "10.0.0.1", "be2", "10.0.0.2");
        DemoScenarios.writeConfig(sim, "be1");
        return new DemoScenario(
                sim,
                cluster,
                List.of(
                        PrepareStorage.NAME + " on two simulated backends be1/be2 (DRBD " + dialect + ") whose"
                                + " storage is not prepared: " + STORAGE_DISK + " blank on each (no partition,"
                                + " signature or physical volume), Chef's configuration written on be1, in simulated"
                                + " time",
                        "now: " + SetUpPairScenarios.now(cluster),
                        "pvcreate " + STORAGE_DISK + " (its path typed again to confirm), vgcreate "
                                + GrowVolume.GROUP + " and lvcreate " + GrowVolume.VOLUME + " with 80% of the group"
                                + " on each backend, be1 first; then prepare and failover-setup on the new volumes"),
                List.of(
                        new DemoScenario.Run(
                                PrepareStorage.NAME + ": the storage under DRBD on " + STORAGE_DISK,
                                PrepareStorage.on(cluster, STORAGE_DISK, STORAGE_DISK)
                                        .workflow()),
                        new DemoScenario.Run(
                                Prepare.NAME + ": DRBD's meta data on " + GrowVolume.GROUP + "/" + GrowVolume.VOLUME
                                        + ", the device up on both",
                                Prepare.workflow(cluster)),
                        new DemoScenario.Run(
                                FailoverSetup.NAME + ": be1 master, be2 backup", FailoverSetup.workflow(cluster))));
    }

    /**
     * A pair set up by failover-setup whose volume group lacks the room to double the volume, and a blank {@code
     * /dev/sdc} of the volume's size on each backend: the disk added, both volumes grown to twice their size, DRBD and
     * the file system on be1 after them.
     */
    static DemoScenario growVolume(String dialect, long sizeGiB) {
        long bytes = sizeGiB * GIB;
        SimulatedDrbdCluster sim = SetUpPairScenarios.setUp(
                DemoScenarios.pair(dialect, sizeGiB)
                        .spareDisk("be1", NEW_DISK, bytes, DiskContents.BLANK)
                        .spareDisk("be2", NEW_DISK, bytes, DiskContents.BLANK),
                false);
        sim.write("be1", 1024);
        ChefHaCluster cluster = DemoScenarios.cluster(sim, "be1", "10.0.0.1", "be2", "10.0.0.2");
        long target = 2 * bytes;
        return new DemoScenario(
                        sim,
                        cluster,
                        GrowVolume.to(cluster, target)
                                .addingDisk(NEW_DISK, NEW_DISK)
                                .workflow(),
                        List.of(
                                GrowVolume.NAME + " on a simulated pair be1/be2 (DRBD " + dialect + ", " + sizeGiB
                                        + " GiB"
                                        + " each) set up by failover-setup (run first, quietly), in simulated time: "
                                        + GrowVolume.GROUP + "/" + GrowVolume.VOLUME
                                        + " has a quarter of its size free in"
                                        + " its group; a blank " + NEW_DISK + " of " + sizeGiB + " GiB on each backend",
                                "now: " + SetUpPairScenarios.now(cluster),
                                "both volumes grow to " + 2 * sizeGiB + " GiB ("
                                        + String.format(Locale.ROOT, "%,d", target)
                                        + " bytes): pvcreate and vgextend add " + NEW_DISK + " (its path typed again to"
                                        + " confirm), lvextend gives both the same absolute size, drbdadm resize on be1 (the"
                                        + " Primary), the new area resyncs, and resize2fs grows be1's mounted DRBD device,"
                                        + " never be2's or the backing volume"))
                .withSummary(entries -> List.of(
                        "sizes before (journaled by sizes-before): " + detail(entries, "sizes-before"),
                        "sizes after (journaled by report): " + detail(entries, "report")));
    }

    /** The detail of the step's last STARTED entry: what the sizes steps read. */
    private static String detail(List<JournalEntry> entries, String step) {
        String detail = "not journaled";
        for (JournalEntry entry : entries) {
            if (entry.event() == JournalEntry.Event.STARTED && entry.step().equals(Optional.of(step))) {
                detail = entry.detail().orElse(detail);
            }
        }
        return detail;
    }
}
