package io.drbd4j.chef.guards;

import io.drbd4j.chef.engine.Condition;
import io.drbd4j.chef.engine.Pair;
import io.drbd4j.chef.engine.Side;
import io.drbd4j.core.model.ConnectionState;

/** The network guard: the replication link, as the DRBD port and the connection state show it. */
public final class Network {
    private Network() {}

    /**
     * Returns listening on the DRBD port (WFConnection), or connected to the other backend already.
     *
     * @return listening on the DRBD port (WFConnection), or connected to the other backend already
     */
    public static Condition listeningOrConnected(Pair p, Side side) {
        int port = p.cluster().port();
        return Condition.of(
                p.name(side) + " listening on port " + port + " (WFConnection), or connected to "
                        + p.name(side.opposite()),
                s -> s.host(side).is(ConnectionState.WF_CONNECTION)
                                && s.host(side).listening(port)
                        || !s.host(side).disconnected(),
                s -> s.host(side).drbdWords());
    }
}
