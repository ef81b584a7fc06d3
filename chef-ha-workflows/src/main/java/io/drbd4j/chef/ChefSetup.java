package io.drbd4j.chef;

import static io.drbd4j.chef.engine.Side.KEEPER;
import static io.drbd4j.chef.engine.Side.OTHER;

import io.drbd4j.chef.engine.Condition;
import io.drbd4j.chef.engine.Pair;
import io.drbd4j.chef.engine.Step;
import io.drbd4j.chef.engine.Wait;
import io.drbd4j.chef.guards.ChefFiles;
import io.drbd4j.chef.guards.Drbd;
import io.drbd4j.chef.guards.Filesystem;
import io.drbd4j.chef.guards.Keepalived;
import io.drbd4j.core.model.Role;
import io.drbd4j.exec.runner.Command;

/**
 * Chef's own setup finished on a backend whose setup never did, told by the file it leaves: {@code chef-server-ctl
 * reconfigure} writes keepalived's {@code cluster.sh} only past its drbd_ready wait, and
 * {@code master-recover} and {@code backup-recover} run that script, so they fail with exit 127 where
 * it is missing. A recovery that runs either on such a backend finishes its setup first, with drbd_ready and
 * reconfigure, as the failover setup does at its end.
 */
final class ChefSetup {
    private ChefSetup() {}

    /**
     * reconfigure on the keeper, DRBD Primary, whose setup never finished: it writes cluster.sh, and keepalived, started
     * with no master peer, goes master and runs {@code cluster.sh master} itself; a master-recover after it is then
     * done already and skipped rather than racing keepalived for cluster.sh's lock.
     *
     * @return the step, run only where cluster.sh is absent
     */
    static Step finishOnKeeper(Pair p, String id) {
        return finishOnKeeper(p, id, Drbd.synced(p, KEEPER, Role.PRIMARY), "on a synced pair");
    }

    /**
     * As {@link #finishOnKeeper(Pair, String)}, with the keeper serving alone: Primary and UpToDate, its peer lost or
     * still receiving its copy (a recovery brings the survivor back before the replacement's resync ends).
     *
     * @return the step, run only where cluster.sh is absent
     */
    static Step finishOnKeeperAlone(Pair p, String id) {
        return finishOnKeeper(p, id, Drbd.roleUpToDate(p, KEEPER, Role.PRIMARY), "once it is Primary and UpToDate");
    }

    private static Step finishOnKeeper(Pair p, String id, Condition drbd, String when) {
        ChefHaCluster c = p.cluster();
        return p.step(id, KEEPER)
                .run(Command.of(c.reconfigureTimeout(), "chef-server-ctl", "reconfigure"))
                .when(ChefFiles.setupUnfinished(p, KEEPER))
                .guard(drbd.and(Filesystem.mounted(p, KEEPER)).and(ChefFiles.readyPresent(p, KEEPER)))
                .done(ChefFiles.setupFinished(p, KEEPER))
                .waitFor(Wait.of(Keepalived.clusterRole(p, KEEPER, "master"), c.stateTimeout()))
                .note("reconfigure writes cluster.sh, which master-recover runs (exit 127 without it)")
                .advice("reconfigure " + p.name(KEEPER) + " only " + when + ", with the filesystem mounted and"
                        + " drbd_ready")
                .build();
    }

    /**
     * drbd_ready and reconfigure on the other backend, DRBD Secondary, whose setup never finished, once the keeper is
     * master, as at the end of the failover setup: it writes cluster.sh and keepalived joins as backup.
     *
     * @return the step, run only where cluster.sh is absent
     */
    static Step finishOnOther(Pair p, String id) {
        ChefHaCluster c = p.cluster();
        String host = p.name(OTHER);
        return p.step(id, OTHER)
                .run(Command.of(c.commandTimeout(), "touch", c.readyFile()))
                .run(Command.of(c.reconfigureTimeout(), "chef-server-ctl", "reconfigure"))
                .when(ChefFiles.setupUnfinished(p, OTHER))
                .guard(Drbd.synced(p, OTHER, Role.SECONDARY).and(Keepalived.clusterRole(p, KEEPER, "master")))
                .done(ChefFiles.setupFinished(p, OTHER))
                .waitFor(Wait.of(Keepalived.clusterRole(p, OTHER, "backup"), c.stateTimeout()))
                .note("reconfigure writes cluster.sh, which backup-recover runs (exit 127 without it)")
                .advice(host + " joins only once " + p.name(KEEPER) + " is master and " + host
                        + " holds a complete copy; check ha-status")
                .build();
    }
}
