package io.drbd4j.testkit;

import io.drbd4j.testkit.internal.argv.ResourceConfig;
import io.drbd4j.testkit.internal.drbd.DrbdNode;
import io.drbd4j.testkit.internal.host.SimulatedHost;
import io.drbd4j.testkit.internal.host.StorageSetup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@link SimulatedDrbdCluster.Builder} sets for the nodes: the hosts (name, address, dialect, kernel version)
 * and, for each, the resource it configures, its backing size, the DRBD port, {@code verify-alg} and its shared
 * secret. Makes the pair's nodes at build time and a replacement's node later, from the settings as they are then.
 * Written by the builder; not thread-safe.
 */
final class NodeSettings {
    /** Name, address, dialect and kernel version of each host, in the order they were added. */
    final List<String[]> hosts = new ArrayList<>();

    String resource = "pc0";
    int minor;
    String disk = "/dev/opscode/drbd";
    long sizeBytes = 1L << 30;
    int port = 7788;
    String verifyAlg;
    final Map<String, String> sharedSecrets = new HashMap<>();
    final Map<String, Long> hostSizes = new HashMap<>();
    /** Whether each host's disk already holds the PV, VG and LV of {@link #disk}. */
    boolean storagePrepared = true;
    /** The VG's free space; negative: a quarter of the LV. */
    long vgFreeBytes = -1;
    /** The disk under the VG. */
    static final String LVM_DISK = "/dev/sdb";

    final Map<String, List<Spare>> spares = new HashMap<>();

    /** A spare disk to put on a host. */
    record Spare(String path, long bytes, DiskContents contents, String mountPoint) {}

    /**
     * Returns a node for each host, in the order they were added.
     *
     * @return a node for each host, in the order they were added
     */
    List<DrbdNode> nodes() {
        List<DrbdNode> nodes = new ArrayList<>();
        for (String[] h : hosts) {
            nodes.add(node(h[0], h[1], h[2], h[3]));
        }
        return nodes;
    }

    /**
     * Returns a new node for the host: its backing size, the resource and the net options set here.
     *
     * @param name the host name
     * @param address its replication address
     * @param dialect "8.3" or "8.4"
     * @param kernel the DRBD module version
     * @return a new node for the host: its backing size, the resource and the net options set here
     */
    DrbdNode node(String name, String address, String dialect, String kernel) {
        long size = hostSizes.getOrDefault(name, sizeBytes);
        ResourceConfig config = ResourceConfig.of(resource, minor, disk, name);
        DrbdNode node = new DrbdNode(name, address, dialect, kernel, config, size, port, h -> storage(h, name, size));
        node.configureVerifyAlg(verifyAlg);
        if (sharedSecrets.containsKey(name)) {
            node.configureSharedSecret(sharedSecrets.get(name));
        }
        return node;
    }

    /**
     * Puts the host's disks in place: for a backing disk named {@code /dev/VG/LV}, {@link #LVM_DISK} holding that PV,
     * VG and LV (or blank, same size, when the storage is not prepared), otherwise the backing disk alone; then the
     * spare disks.
     */
    private void storage(SimulatedHost host, String name, long size) {
        Matcher lv = LV_PATH.matcher(disk);
        long free = vgFreeBytes >= 0 ? vgFreeBytes : size / 4;
        if (!lv.matches()) {
            host.addDevice(disk, size);
        } else if (storagePrepared) {
            StorageSetup.lvmLayout(host, LVM_DISK, lv.group(1), lv.group(2), size, free);
        } else {
            long extent = 4L << 20;
            long extents = (size + extent - 1) / extent + (free + extent - 1) / extent;
            host.addDevice(LVM_DISK, (1L << 20) + extents * extent);
        }
        for (Spare spare : spares.getOrDefault(name, List.of())) {
            StorageSetup.spareDisk(
                    host,
                    spare.path(),
                    spare.bytes(),
                    StorageSetup.Contents.valueOf(spare.contents().name()),
                    spare.mountPoint());
        }
    }

    private static final Pattern LV_PATH =
            Pattern.compile("/dev/([A-Za-z0-9_][A-Za-z0-9_.+-]*)/([A-Za-z0-9_][A-Za-z0-9_.+-]*)");
}
