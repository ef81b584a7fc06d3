package io.drbd4j.chef;

import static io.drbd4j.chef.engine.Side.KEEPER;
import static io.drbd4j.chef.engine.Side.OTHER;

import io.drbd4j.chef.engine.Action;
import io.drbd4j.chef.engine.Condition;
import io.drbd4j.chef.engine.LiveState;
import io.drbd4j.chef.engine.Pair;
import io.drbd4j.chef.engine.Side;
import io.drbd4j.chef.engine.Step;
import io.drbd4j.chef.engine.Wait;
import io.drbd4j.chef.guards.ChefFiles;
import io.drbd4j.chef.guards.Drbd;
import io.drbd4j.chef.guards.Filesystem;
import io.drbd4j.chef.guards.Identity;
import io.drbd4j.chef.guards.Keepalived;
import io.drbd4j.chef.guards.MetaData;
import io.drbd4j.chef.guards.Network;
import io.drbd4j.chef.guards.Services;
import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.Role;
import io.drbd4j.exec.runner.Command;
import java.time.Duration;
import java.util.Optional;

/**
 * Steps several workflows share: preparing a backend's DRBD (in the failover setup and both replacements), waiting for the resync, and
 * letting the other backend join Chef. The keeper is, or becomes, DRBD Primary.
 */
final class SharedSteps {
    /** reconfigure prints this every 60 s while it waits for drbd_ready. */
    static final String READY_WAIT = "Press CTRL-C to abort";

    /** The id of the identity check every workflow starts with, on every run and resume. */
    static final String CHECK_IDENTITY = "check-identity";

    /** How long reconfigure may run before its drbd_ready wait; Chef's QA gave it 60 s. */
    static final Duration RENDER_LIMIT = Duration.ofMinutes(5);

    private SharedSteps() {}

    /**
     * Returns {@code timeout 300 chef-server-ctl reconfigure}, a success when it stopped at the drbd_ready wait.
     *
     * @return {@code timeout 300 chef-server-ctl reconfigure}, a success when it stopped at the drbd_ready wait
     */
    static Action reconfigureUntilReadyWait() {
        return new Action(
                Command.of(
                        RENDER_LIMIT.plusSeconds(30),
                        "timeout",
                        "-k",
                        "10",
                        Long.toString(RENDER_LIMIT.toSeconds()),
                        "chef-server-ctl",
                        "reconfigure"),
                Optional.empty(),
                result -> result.exitCode() == 124 && result.stdoutText().contains(READY_WAIT),
                "stopped by timeout (exit 124) at the drbd_ready wait (\"" + READY_WAIT + "\")");
    }

    /**
     * The host identity guard, on every run and resume before anything changes: each runner reaches the backend it is named for. Its
     * STARTED journal line records what each answered as.
     */
    static Step checkIdentity(Pair p) {
        return p.step(CHECK_IDENTITY, KEEPER)
                .guard(Identity.proven(p))
                .always(st -> Identity.seen(p, st))
                .advice("check each backend's runner (its ssh target): it must reach the host DRBD knows by that name,"
                        + " with the replication address the cluster gives it")
                .build();
    }

    /** {@code chef-server-ctl reconfigure} up to its drbd_ready wait: it renders drbd.conf, pc0.res and secrets. */
    static Step renderConfig(Pair p, Side side, String id) {
        return p.step(id, side)
                .run(reconfigureUntilReadyWait())
                .guard(ChefFiles.readyAbsent(p, side))
                .note("reconfigure stops at its drbd_ready wait, as Chef's QA ran it; it renders drbd.conf and pc0.res")
                .advice("drbd_ready exists on " + p.name(side) + ": DRBD was set up before; use ha-status instead")
                .build();
    }

    /** {@code drbdadm create-md}, only where {@code dump-md} finds no valid meta data. */
    static Step createMd(Pair p, Side side, String id) {
        return createMd(p, side, id, false);
    }

    /**
     * {@code drbdadm create-md}, only where {@code dump-md} finds no valid meta data; with {@code force}, without
     * drbdmeta's question about the data it finds in the data area, for a copy whose loss was accepted.
     */
    static Step createMd(Pair p, Side side, String id, boolean force) {
        return p.step(id, side)
                .run(p.dialect(side).createMd(p.cluster().resource(), force))
                .destroysData()
                .guard(MetaData.absent(p, side))
                .done(MetaData.present(p, side))
                .advice("create-md writes over the end of the backing volume; it runs only where dump-md finds no"
                        + " DRBD meta data")
                .build();
    }

    /** {@code drbdadm up}, then the given wait (none: null). */
    static Step up(Pair p, Side side, String id, Wait wait) {
        return p.step(id, side)
                .run(p.dialect(side).up(p.cluster().resource()))
                .guard(MetaData.present(p, side))
                .done(Drbd.up(p, side))
                .waitFor(wait)
                .advice("create the meta data first (create-md)")
                .build();
    }

    /**
     * The new Chef configuration written on the keeper when the other backend is a new host.
     *
     * @return a step builder for the caller to add its guard and outcome to
     */
    static Step.Builder writeConfiguration(Pair p, String id, byte[] contents) {
        String file = p.cluster().configFiles().get(0);
        return p.step(id, KEEPER)
                .run(Command.builder()
                        .timeout(p.cluster().commandTimeout())
                        .addArgv("dd", "of=" + file)
                        .stdin(contents)
                        .build())
                .once()
                .note("writes " + file + " naming " + p.name(OTHER) + " on " + p.name(KEEPER));
    }

    /**
     * Returns {@code drbdadm adjust} on the keeper, so DRBD reads the new peer's address from pc0.res.
     *
     * @return {@code drbdadm adjust} on the keeper, so DRBD reads the new peer's address from pc0.res
     */
    static Step.Builder adjustToNewPeer(Pair p, String id) {
        return p.step(id, KEEPER)
                .run(p.dialect(KEEPER).resetResyncRate(p.cluster().resource()))
                .once()
                .note("drbdadm adjust: DRBD reads the new peer's address from pc0.res");
    }

    /** {@code drbdadm up} on the replacement, then listening on the DRBD port or already connected to the keeper. */
    static Step upReplacement(Pair p, String id) {
        return up(
                p,
                OTHER,
                id,
                Wait.of(Network.listeningOrConnected(p, OTHER), p.cluster().stateTimeout()));
    }

    /** The Chef configuration files copied from the other backend, created 0600 before their contents arrive. */
    static Step copyConfig(Pair p, Side to, String id) {
        ChefHaCluster c = p.cluster();
        Side from = to.opposite();
        Step.Builder copy = p.step(id, to)
                .run(Command.of(c.commandTimeout(), "mkdir", "-p", "/etc/opscode"))
                .guard(ChefFiles.exist(p, from, c.configFiles()))
                .done(ChefFiles.copied(p, to, c.configFiles()))
                .advice("reconfigure on " + p.name(from) + " writes " + String.join(", ", c.configFiles())
                        + "; write chef-server.rb there and run this workflow again");
        for (String file : c.configFiles()) {
            // The secrets file holds the DRBD shared secret: private before anything is written to it.
            copy.run(Command.of(c.commandTimeout(), "touch", file));
            copy.run(Command.of(c.commandTimeout(), "chmod", "600", file));
            // dd, unlike tee, does not echo what it writes: the secrets never come back on stdout.
            copy.run(Action.copyOf(Command.of(c.commandTimeout(), "dd", "of=" + file), from, file));
        }
        return copy.build();
    }

    /** Waits until the keeper is Connected Primary/Secondary UpToDate/UpToDate, reporting the resync's progress. */
    static Step waitSync(Pair p, String id) {
        return p.step(id, KEEPER)
                .guard(Drbd.roleUpToDate(p, KEEPER, Role.PRIMARY))
                .done(Drbd.synced(p, KEEPER, Role.PRIMARY))
                .waitFor(new Wait(
                        Drbd.synced(p, KEEPER, Role.PRIMARY),
                        p.cluster().syncTimeout(),
                        st -> resyncStuck(p, st),
                        st -> resyncStalled(p, st),
                        true))
                .advice("the resync must finish before drbd_ready: " + p.name(OTHER) + " is not a copy until then;"
                        + " check ha-status on both backends")
                .build();
    }

    /**
     * Returns why the resync cannot finish any more: the keeper StandAlone, or its UpToDate data lost.
     *
     * @return why the resync cannot finish any more: the keeper StandAlone, or its UpToDate data lost
     */
    private static Optional<String> resyncStuck(Pair p, LiveState st) {
        if (st.host(KEEPER).is(ConnectionState.STAND_ALONE)) {
            return Optional.of(st.host(KEEPER).drbdWords() + ": not connecting to " + p.name(OTHER)
                    + "; the resync goes on only after drbdadm connect "
                    + p.cluster().resource());
        }
        if (!st.host(KEEPER).disk().equals(Optional.of(DiskState.UP_TO_DATE))) {
            return Optional.of(st.host(KEEPER).drbdWords() + ": " + p.name(KEEPER) + " lost its UpToDate data");
        }
        return Optional.empty();
    }

    /**
     * Returns why the resync is not running now: the other backend not connected.
     *
     * @return why the resync is not running now: the other backend not connected
     */
    private static Optional<String> resyncStalled(Pair p, LiveState st) {
        return st.host(KEEPER).is(ConnectionState.WF_CONNECTION)
                ? Optional.of(st.host(KEEPER).drbdWords() + ": " + p.name(OTHER) + " not connected")
                : Optional.empty();
    }

    /** drbd_ready on the other backend once it holds a copy and the keeper is master. */
    static Step readySecondary(Pair p, String id) {
        return p.step(id, OTHER)
                .run(Command.of(
                        p.cluster().commandTimeout(), "touch", p.cluster().readyFile()))
                .guard(Drbd.synced(p, OTHER, Role.SECONDARY).and(Keepalived.clusterRole(p, KEEPER, "master")))
                .done(ChefFiles.readyPresent(p, OTHER))
                .advice("the secondary joins only once " + p.name(KEEPER) + " is master and " + p.name(OTHER)
                        + " holds a complete copy; check ha-status")
                .build();
    }

    /**
     * {@code chef-server-ctl start} on the keeper once master-recover made it master: a {@code chef-server-ctl stop}
     * (by the workflow or an operator) stopped every service, and master-recover starts the HA services only, so the
     * others (nginx, erchef, ...) would stay down while the pair looks recovered.
     */
    static Step startChef(Pair p, String id) {
        return p.step(id, KEEPER)
                .run(Command.of(p.cluster().reconfigureTimeout(), "chef-server-ctl", "start"))
                .guard(Drbd.roleUpToDate(p, KEEPER, Role.PRIMARY)
                        .and(Filesystem.mounted(p, KEEPER))
                        .and(Services.masterRecovered(p, KEEPER)))
                .done(Services.allRunning(p, KEEPER))
                .advice("start the services only on the master that master-recover made; check ha-status")
                .build();
    }

    /** reconfigure on the other backend; keepalived there becomes backup. */
    static Step reconfigureSecondary(Pair p, String id) {
        Condition backup = Keepalived.clusterRole(p, OTHER, "backup");
        return p.step(id, OTHER)
                .run(Command.of(p.cluster().reconfigureTimeout(), "chef-server-ctl", "reconfigure"))
                .guard(Drbd.synced(p, OTHER, Role.SECONDARY).and(ChefFiles.readyPresent(p, OTHER)))
                .done(backup)
                .waitFor(Wait.of(backup, p.cluster().stateTimeout()))
                .advice("reconfigure the secondary only on a synced pair; check ha-status")
                .build();
    }
}
