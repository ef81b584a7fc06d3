package io.drbd4j.chef;

import io.drbd4j.chef.engine.HostState;
import io.drbd4j.chef.engine.LiveState;
import io.drbd4j.chef.engine.Pair;
import io.drbd4j.chef.engine.Side;
import java.util.Map;
import java.util.TreeMap;

/** What an end state is compared by, per host: role, connection, disks, mounted, ready file, services. */
record EndState(Map<String, String> hosts) {
    static EndState of(SimPair pair) {
        Map<String, String> hosts = new TreeMap<>();
        LiveState state = new LiveState(Pair.unresolved(pair.cluster));
        for (HostState host : new HostState[] {state.host(Side.KEEPER), state.host(Side.OTHER)}) {
            hosts.put(
                    host.name(),
                    host.drbdWords() + "; mounted " + host.mounted() + "; ready " + host.ready() + "; "
                            + host.clusterWords() + "; services "
                            + new TreeMap<>(host.services().all()));
        }
        return new EndState(hosts);
    }
}
