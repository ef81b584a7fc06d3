package io.drbd4j.chef;

import static io.drbd4j.chef.engine.Side.KEEPER;
import static io.drbd4j.chef.engine.Side.OTHER;

import io.drbd4j.chef.engine.Condition;
import io.drbd4j.chef.engine.Pair;
import io.drbd4j.chef.engine.Side;
import io.drbd4j.chef.engine.Step;
import io.drbd4j.chef.engine.Wait;
import io.drbd4j.chef.guards.ChefFiles;
import io.drbd4j.chef.guards.Drbd;
import io.drbd4j.chef.guards.Filesystem;
import io.drbd4j.chef.guards.Keepalived;
import io.drbd4j.chef.guards.Services;
import io.drbd4j.core.model.Role;
import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.exec.dialect.RateMethod;
import io.drbd4j.exec.dialect.ResyncRatePlan;
import io.drbd4j.exec.runner.Command;
import java.util.List;

/**
 * "Establish failover between the two backends", from a fresh pair
 * ({@code Connected Secondary/Secondary Inconsistent/Inconsistent}, see {@link Prepare}) to a synced pair with Chef
 * reconfigured on both backends.
 *
 * <p>On the bootstrap backend: force it primary in its dialect; {@code mkfs.ext4}; mount; raise the resync rate
 * on the SyncTarget, whose settings decide the pace (8.4: a larger {@code max-buffers} and a fixed rate, since the
 * guide's own command barely changes a running resync); wait until both disks are UpToDate (never skipped); {@code drbdadm adjust} back to the configured rate (on the SyncTarget); touch
 * {@code drbd_ready}; {@code chef-server-ctl reconfigure} and wait for it to become master. Then on the other
 * backend, once it shows {@code Connected Secondary/Primary UpToDate/UpToDate}: touch {@code drbd_ready};
 * reconfigure; wait for backup. The guards: the forced promotion runs only on the bootstrap
 * backend of a fresh pair with no {@code drbd_ready} on either backend; mkfs only on a Primary device that holds no
 * filesystem and is not mounted; {@code drbd_ready} and reconfigure only on a synced pair with the filesystem mounted
 * on the primary.
 */
public final class FailoverSetup {
    /** The workflow's name in plans and journals. */
    public static final String NAME = "failover-setup";

    private FailoverSetup() {}

    /** The bootstrap backend, forced Primary: its copy is the one the other backend is overwritten with. */
    private static final Side BOOTSTRAP = KEEPER;

    /** The other backend: the SyncTarget of the initial full sync. */
    private static final Side SECOND = OTHER;

    /**
     * Returns the workflow.
     *
     * @param cluster the two backends; {@link ChefHaCluster#keeper()} is the bootstrap backend, the one forced primary
     * @return the workflow
     */
    public static Workflow workflow(ChefHaCluster cluster) {
        return new Workflow(NAME, cluster, FailoverSetup::steps);
    }

    static List<Step> steps(Pair p) {
        return List.of(
                forcePrimary(p), // W1.10
                promotePrimary(p),
                mkfs(p), // W1.11
                mount(p), // W1.12
                raiseResyncRate(p), // W1.13
                SharedSteps.waitSync(p, "wait-sync"), // W1.14
                resetResyncRate(p),
                readyPrimary(p), // W1.15
                reconfigurePrimary(p), // W1.16
                masterRecoverPrimary(p),
                SharedSteps.readySecondary(p, "ready-secondary"), // W1.17
                SharedSteps.reconfigureSecondary(p, "reconfigure-secondary")); // W1.18
    }

    private static Step forcePrimary(Pair p) {
        return p.step("force-primary", BOOTSTRAP)
                .run(p.dialect(BOOTSTRAP).primaryOverwritingPeer(p.cluster().resource()))
                .destroysData()
                .guard(Drbd.bothInconsistentConnected(p, BOOTSTRAP)
                        .and(ChefFiles.readyAbsent(p, BOOTSTRAP, SECOND))
                        .and(ChefFiles.bootstrapIs(p, BOOTSTRAP)))
                .done(Drbd.forcedBefore(p, BOOTSTRAP))
                .waitFor(primary(p))
                .advice("the forced promotion makes " + p.name(BOOTSTRAP) + "'s copy the one " + p.name(SECOND)
                        + " is overwritten with, so it runs only on a fresh pair; if this pair holds Chef data, do not"
                        + " set it up again (see ha-status and the recovery workflows); if it is fresh, run the prepare"
                        + " workflow on both backends (create-md, up) and wait until both show Connected"
                        + " Inconsistent/Inconsistent")
                .build();
    }

    /** After a crash and reboot, the bootstrap backend comes back Secondary with the UpToDate data it was forced to. */
    private static Step promotePrimary(Pair p) {
        return p.step("promote-primary", BOOTSTRAP)
                .run(p.dialect(BOOTSTRAP).primary(p.cluster().resource()))
                .guard(Drbd.upToDate(p, BOOTSTRAP).and(Drbd.connectedToSecondary(p, BOOTSTRAP)))
                .done(Drbd.role(p, BOOTSTRAP, Role.PRIMARY))
                .waitFor(primary(p))
                .advice("promote " + p.name(BOOTSTRAP) + " only while it is connected to " + p.name(SECOND) + " as"
                        + " Secondary: disconnected, nothing tells which copy is newer (both"
                        + " Secondary and disconnected: choose the copy yourself); if " + p.name(SECOND)
                        + " is Primary, check ha-status")
                .build();
    }

    private static Step mkfs(Pair p) {
        ChefHaCluster c = p.cluster();
        return p.step("mkfs", BOOTSTRAP)
                .run(Command.of(c.mkfsTimeout(), "mkfs.ext4", c.device()))
                .destroysData()
                .guard(Drbd.role(p, BOOTSTRAP, Role.PRIMARY)
                        .and(Filesystem.notMounted(p, BOOTSTRAP))
                        .and(Filesystem.none(p, BOOTSTRAP)))
                .done(Drbd.role(p, BOOTSTRAP, Role.PRIMARY).and(Filesystem.present(p, BOOTSTRAP)))
                .advice("mkfs.ext4 would replace the filesystem on " + c.device() + " on both backends; a filesystem"
                        + " there holds Chef's data, so never format it again; a device that is not Primary on "
                        + p.name(BOOTSTRAP) + " cannot be formatted: check ha-status")
                .build();
    }

    private static Step mount(Pair p) {
        ChefHaCluster c = p.cluster();
        return p.step("mount", BOOTSTRAP)
                .run(Command.of(c.commandTimeout(), "mkdir", "-p", c.mountPoint()))
                .run(Command.of(c.commandTimeout(), "mount", c.device(), c.mountPoint()))
                .guard(Drbd.role(p, BOOTSTRAP, Role.PRIMARY).and(Filesystem.present(p, BOOTSTRAP)))
                .done(Filesystem.mounted(p, BOOTSTRAP))
                .advice("only the DRBD Primary can mount " + c.device() + "; check ha-status")
                .build();
    }

    /**
     * The SyncTarget's settings decide the resync's pace: it sends the requests, capped by its own max-buffers; disk
     * options set on either node are pushed to the peer, net options are not.
     */
    private static Step raiseResyncRate(Pair p) {
        ChefHaCluster c = p.cluster();
        DrbdDialect dialect = p.dialect(SECOND);
        RateMethod method = c.rateMethod().orElse(defaultMethod(dialect));
        ResyncRatePlan rate;
        try {
            rate = dialect.temporaryResyncRate(c.resource(), c.minor(), c.initialResyncRate(), method);
        } catch (UnsupportedOperationException e) {
            // A mixed pair: the rate method given suits the bootstrap backend's dialect, not the SyncTarget's.
            throw new WorkflowException(
                    WorkflowException.Reason.UNSUPPORTED,
                    NAME,
                    "raise-resync-rate",
                    p.name(SECOND),
                    e.getMessage(),
                    "a rate method " + p.name(SECOND) + "'s DRBD " + dialect.name() + " has",
                    "leave ChefHaCluster.rateMethod empty (each dialect's default: " + defaultMethod(dialect) + " on "
                            + dialect.name() + "), or give one that " + dialect.name() + " has",
                    e);
        }
        String expect = rate.expectedKiBps().isPresent()
                ? "expect about " + rate.expectedKiBps().getAsLong() + " KiB/s: " + rate.explanation()
                : rate.explanation();
        return p.step("raise-resync-rate", SECOND)
                .runAll(rate.commands())
                .when(Drbd.syncTarget(p, SECOND))
                .guard(Drbd.role(p, SECOND, Role.SECONDARY))
                .note("on the SyncTarget, whose settings decide the pace; " + expect)
                .advice("the rate only matters while " + p.name(SECOND) + " is the Secondary receiving the resync;"
                        + " check ha-status")
                .build();
    }

    private static Step resetResyncRate(Pair p) {
        return p.step("reset-resync-rate", SECOND)
                .run(p.dialect(SECOND).resetResyncRate(p.cluster().resource()))
                .guard(Drbd.synced(p, SECOND, Role.SECONDARY))
                .note("drbdadm adjust: the rate and every other option back to the configuration (resync rate "
                        + p.cluster().configuredResyncRate() + "), on " + p.name(SECOND) + " and, for the disk options"
                        + " it pushed, on " + p.name(BOOTSTRAP))
                .advice("wait until the resync is done (ha-status)")
                .build();
    }

    private static Step readyPrimary(Pair p) {
        return p.step("ready-primary", BOOTSTRAP)
                .run(Command.of(
                        p.cluster().commandTimeout(), "touch", p.cluster().readyFile()))
                .guard(syncedAndMounted(p))
                .done(ChefFiles.readyPresent(p, BOOTSTRAP))
                .advice("drbd_ready lets Chef start services on DRBD; touch it only on a synced pair with the"
                        + " filesystem mounted, or a failover would find an incomplete copy")
                .build();
    }

    private static Step reconfigurePrimary(Pair p) {
        Condition master = Keepalived.clusterRole(p, BOOTSTRAP, "master");
        return p.step("reconfigure-primary", BOOTSTRAP)
                .run(Command.of(p.cluster().reconfigureTimeout(), "chef-server-ctl", "reconfigure"))
                .guard(syncedAndMounted(p).and(ChefFiles.readyPresent(p, BOOTSTRAP)))
                .done(master)
                .waitFor(Wait.of(master, p.cluster().stateTimeout()))
                .advice("reconfigure the bootstrap backend only on a synced pair with the filesystem mounted")
                .build();
    }

    /** After a restart of the master its services stay down (runit's down files) until cluster.sh master runs. */
    private static Step masterRecoverPrimary(Pair p) {
        return p.step("master-recover-primary", BOOTSTRAP)
                .run(Command.of(p.cluster().reconfigureTimeout(), "chef-server-ctl", "master-recover"))
                .guard(syncedAndMounted(p))
                .done(Services.masterServing(p, BOOTSTRAP))
                .advice("master-recover needs " + p.name(BOOTSTRAP) + " Primary with the filesystem mounted; check"
                        + " ha-status")
                .build();
    }

    /** The guard before the failover's Chef part: the pair synced, with the filesystem mounted on the bootstrap backend. */
    private static Condition syncedAndMounted(Pair p) {
        return Drbd.synced(p, BOOTSTRAP, Role.PRIMARY).and(Filesystem.mounted(p, BOOTSTRAP));
    }

    private static Wait primary(Pair p) {
        return Wait.of(Drbd.role(p, BOOTSTRAP, Role.PRIMARY), p.cluster().stateTimeout());
    }

    /** 8.4: the guide's command barely changes a running resync; 8.3: it works. */
    static RateMethod defaultMethod(DrbdDialect dialect) {
        return dialect.name().equals("8.3") ? RateMethod.GUIDE : RateMethod.MAX_BUFFERS;
    }
}
