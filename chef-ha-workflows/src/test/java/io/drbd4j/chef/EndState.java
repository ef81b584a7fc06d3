package io.drbd4j.chef;

import java.util.Map;
import java.util.TreeMap;

/** What an end state is compared by, per host: role, connection, disks, mounted, ready file, services. */
record EndState(Map<String, String> hosts) {
    static EndState of(SimPair pair) {
        Map<String, String> hosts = new TreeMap<>();
        LiveState state = new LiveState(pair.cluster);
        for (HostState host : new HostState[] {state.primary(), state.secondary()}) {
            hosts.put(
                    host.name(),
                    host.drbdWords() + "; mounted " + host.mounted() + "; ready " + host.ready() + "; "
                            + host.clusterWords() + "; services " + new TreeMap<>(host.services()));
        }
        return new EndState(hosts);
    }
}
