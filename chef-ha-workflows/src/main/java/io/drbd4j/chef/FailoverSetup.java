package io.drbd4j.chef;

import static io.drbd4j.chef.Conditions.bothInconsistentConnected;
import static io.drbd4j.chef.Conditions.clusterRole;
import static io.drbd4j.chef.Conditions.hasFilesystem;
import static io.drbd4j.chef.Conditions.mounted;
import static io.drbd4j.chef.Conditions.noFilesystem;
import static io.drbd4j.chef.Conditions.notMounted;
import static io.drbd4j.chef.Conditions.readyAbsent;
import static io.drbd4j.chef.Conditions.readyPresent;
import static io.drbd4j.chef.Conditions.role;
import static io.drbd4j.chef.Conditions.syncTarget;
import static io.drbd4j.chef.Conditions.synced;

import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.Role;
import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.exec.dialect.RateMethod;
import io.drbd4j.exec.dialect.ResyncRatePlan;
import io.drbd4j.exec.runner.Command;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * "Establish failover between the two backends" (chef-ha-procedures.md W1 steps 1.10-1.18), from a fresh pair
 * ({@code Connected Secondary/Secondary Inconsistent/Inconsistent}, see {@link Prepare}) to a synced pair with Chef
 * reconfigured on both backends.
 *
 * <p>On the bootstrap backend: force it primary in its dialect; {@code mkfs.ext4}; mount; raise the resync rate
 * on the SyncTarget, whose settings decide the pace (8.4: a larger {@code max-buffers} and a fixed rate, since the
 * guide's own command barely changes a running resync, drbd-state-machine.md §5); wait until both disks are UpToDate (never skipped); {@code drbdadm adjust} back to the configured rate (on the SyncTarget); touch
 * {@code drbd_ready}; {@code chef-server-ctl reconfigure} and wait for it to become master. Then on the other
 * backend, once it shows {@code Connected Secondary/Primary UpToDate/UpToDate}: touch {@code drbd_ready};
 * reconfigure; wait for backup. The guards are those of §3 and §5: the forced promotion runs only on the bootstrap
 * backend of a fresh pair with no {@code drbd_ready} on either backend; mkfs only on a Primary device that holds no
 * filesystem and is not mounted; {@code drbd_ready} and reconfigure only on a synced pair with the filesystem mounted
 * on the primary.
 */
public final class FailoverSetup {
    /** The workflow's name in plans and journals. */
    public static final String NAME = "failover-setup";

    private FailoverSetup() {}

    /**
     * @param cluster the two backends; {@link ChefHaCluster#primary()} is the one forced primary
     * @return the workflow
     */
    public static Workflow workflow(ChefHaCluster cluster) {
        return new Workflow(NAME, cluster, FailoverSetup::steps);
    }

    static List<Step> steps(ChefHaCluster c, Dialects dialects) {
        String p = c.primary();
        String s = c.secondaryBackend().name();
        DrbdDialect dialect = dialects.of(p);
        List<Step> steps = new ArrayList<>();
        steps.add(Step.builder("force-primary", p)
                .run(dialect.primaryOverwritingPeer(c.resource()))
                .destroysData()
                .guard(bothInconsistentConnected(c).and(readyAbsent(c, true, false)))
                .done(Condition.of(
                        p + " UpToDate (forced before)",
                        st -> st.primary().disk().equals(Optional.of(DiskState.UP_TO_DATE)),
                        st -> st.primary().drbdWords()))
                .waitFor(Wait.of(role(c, true, Role.PRIMARY), c.stateTimeout()))
                .advice("the forced promotion makes " + p + "'s copy the one " + s + " is overwritten with, so it runs"
                        + " only on a fresh pair; if this pair holds Chef data, do not set it up again (see ha-status"
                        + " and the recovery workflows); if it is fresh, run the prepare workflow on both backends"
                        + " (create-md, up) and wait until both show Connected Inconsistent/Inconsistent")
                .build());
        // After a crash and reboot, be1 comes back Secondary with the UpToDate data it was forced to have.
        steps.add(Step.builder("promote-primary", p)
                .run(dialect.primary(c.resource()))
                .guard(Conditions.upToDate(c, true)
                        .and(Condition.of(
                                "connected to " + s + " as Secondary",
                                st -> !st.primary().disconnected()
                                        && st.primary().peerRole().equals(Optional.of(Role.SECONDARY)),
                                st -> st.primary().drbdWords())))
                .done(role(c, true, Role.PRIMARY))
                .waitFor(Wait.of(role(c, true, Role.PRIMARY), c.stateTimeout()))
                .advice("promote " + p + " only while it is connected to " + s + " as Secondary: disconnected,"
                        + " nothing tells which copy is newer (W8, both Secondary: choose the copy yourself); if "
                        + s + " is Primary, check ha-status")
                .build());
        steps.add(Step.builder("mkfs", p)
                .run(Command.of(c.mkfsTimeout(), "mkfs.ext4", c.device()))
                .destroysData()
                .guard(role(c, true, Role.PRIMARY).and(notMounted(c, true)).and(noFilesystem(c, true)))
                .done(role(c, true, Role.PRIMARY).and(hasFilesystem(c, true)))
                .advice("mkfs.ext4 would replace the filesystem on " + c.device() + " on both backends; a filesystem"
                        + " there holds Chef's data, so never format it again; a device that is not Primary on " + p
                        + " cannot be formatted: check ha-status")
                .build());
        steps.add(Step.builder("mount", p)
                .run(Command.of(c.commandTimeout(), "mkdir", "-p", c.mountPoint()))
                .run(Command.of(c.commandTimeout(), "mount", c.device(), c.mountPoint()))
                .guard(role(c, true, Role.PRIMARY).and(hasFilesystem(c, true)))
                .done(mounted(c, true))
                .advice("only the DRBD Primary can mount " + c.device() + "; check ha-status")
                .build());
        // The SyncTarget's settings decide the resync's pace: it sends the requests, capped by its own max-buffers;
        // disk options set on either node are pushed to the peer, net options are not (drbd-state-machine.md §5.1).
        DrbdDialect targetDialect = dialects.of(s);
        ResyncRatePlan rate = targetDialect.temporaryResyncRate(
                c.resource(), c.minor(), c.initialResyncRate(), c.rateMethod().orElse(defaultMethod(targetDialect)));
        Step.Builder raise = Step.builder("raise-resync-rate", s)
                .when(syncTarget(c, false))
                .guard(role(c, false, Role.SECONDARY))
                .note("on the SyncTarget, whose settings decide the pace; "
                        + (rate.expectedKiBps().isPresent()
                                ? "expect about " + rate.expectedKiBps().getAsLong() + " KiB/s: " + rate.explanation()
                                : rate.explanation()))
                .advice("the rate only matters while " + s + " is the Secondary receiving the resync; check ha-status");
        rate.commands().forEach(raise::run);
        steps.add(raise.build());
        steps.add(CommonSteps.waitSync(c, "wait-sync"));
        steps.add(Step.builder("reset-resync-rate", s)
                .run(targetDialect.resetResyncRate(c.resource()))
                .guard(synced(c, false, Role.SECONDARY))
                .note("drbdadm adjust: the rate and every other option back to the configuration (resync rate "
                        + c.configuredResyncRate() + "), on " + s + " and, for the disk options it pushed, on " + p)
                .advice("wait until the resync is done (ha-status)")
                .build());
        steps.add(Step.builder("ready-primary", p)
                .run(Command.of(c.commandTimeout(), "touch", c.readyFile()))
                .guard(synced(c, true, Role.PRIMARY).and(mounted(c, true)))
                .done(readyPresent(c, true))
                .advice("drbd_ready lets Chef start services on DRBD; touch it only on a synced pair with the"
                        + " filesystem mounted, or a failover would find an incomplete copy")
                .build());
        steps.add(Step.builder("reconfigure-primary", p)
                .run(Command.of(c.reconfigureTimeout(), "chef-server-ctl", "reconfigure"))
                .guard(synced(c, true, Role.PRIMARY).and(mounted(c, true)).and(readyPresent(c, true)))
                .done(clusterRole(c, true, "master"))
                .waitFor(Wait.of(clusterRole(c, true, "master"), c.stateTimeout()))
                .advice("reconfigure the bootstrap backend only on a synced pair with the filesystem mounted")
                .build());
        // After a restart of the master its services stay down (runit's down files) until cluster.sh master runs.
        steps.add(Step.builder("master-recover-primary", p)
                .run(Command.of(c.reconfigureTimeout(), "chef-server-ctl", "master-recover"))
                .guard(synced(c, true, Role.PRIMARY).and(mounted(c, true)))
                .done(Conditions.masterServing(c, true))
                .advice("master-recover needs " + p + " Primary with the filesystem mounted; check ha-status")
                .build());
        steps.add(CommonSteps.readySecondary(c, "ready-secondary"));
        steps.add(CommonSteps.reconfigureSecondary(c, "reconfigure-secondary"));
        return steps;
    }

    /** 8.4: the guide's command barely changes a running resync (drbd-state-machine.md §5); 8.3: it works. */
    static RateMethod defaultMethod(DrbdDialect dialect) {
        return dialect.name().equals("8.3") ? RateMethod.GUIDE : RateMethod.MAX_BUFFERS;
    }
}
