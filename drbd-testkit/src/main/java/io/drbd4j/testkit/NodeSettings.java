package io.drbd4j.testkit;

import io.drbd4j.testkit.internal.argv.ResourceConfig;
import io.drbd4j.testkit.internal.drbd.DrbdNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        DrbdNode node = new DrbdNode(name, address, dialect, kernel, config, size, port);
        node.configureVerifyAlg(verifyAlg);
        if (sharedSecrets.containsKey(name)) {
            node.configureSharedSecret(sharedSecrets.get(name));
        }
        return node;
    }
}
