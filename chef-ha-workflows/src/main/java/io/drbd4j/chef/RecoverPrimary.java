package io.drbd4j.chef;

import static io.drbd4j.chef.Conditions.clusterRole;
import static io.drbd4j.chef.Conditions.hasFilesystem;
import static io.drbd4j.chef.Conditions.mounted;
import static io.drbd4j.chef.Conditions.role;
import static io.drbd4j.chef.Conditions.roleUpToDate;
import static io.drbd4j.chef.Conditions.synced;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.Role;
import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.exec.runner.Command;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Recovering from the loss of the primary backend (chef-ha-procedures.md W6, W7): the survivor becomes Primary and
 * master, and a replacement host syncs from it and joins as backup.
 *
 * <p>The cluster passed in is the pair as it will be: {@link ChefHaCluster#primary()} is the survivor, the other
 * backend the replacement (a fresh host, or the lost one's name and address on new hardware). What the survivor holds
 * decides the promotion: an UpToDate survivor (W6) is promoted with a plain {@code drbdadm primary} and loses
 * nothing; an Inconsistent one (W7, the Chef guide's "scenario 4") lacks what it had not yet received, as its
 * {@code oos:} says, and is force-promoted only with the caller's {@link #acceptingDataLoss explicit acceptance},
 * journaled before the step runs. The old primary must be gone for good ({@link PeerGone}, guard G-FENCE).
 *
 * <p>Steps: on the survivor {@code chef-server-ctl stop}; when the replacement's address differs, the new Chef
 * configuration written there, reconfigure and {@code drbdadm adjust}; on the replacement the configuration copied,
 * reconfigure up to its drbd_ready wait, {@code create-md} (only where {@code dump-md} finds no valid meta data),
 * {@code up}, listening on the DRBD port; the survivor promoted (or forced), connected if StandAlone; the resync
 * waited for with progress; the filesystem mounted; on a survivor whose Chef setup never finished (no {@code
 * cluster.sh}) {@code drbd_ready} and reconfigure; {@code chef-server-ctl master-recover} on the survivor; on the
 * replacement {@code drbd_ready} and reconfigure.
 */
public final class RecoverPrimary {
    /** The workflow's name in plans and journals. */
    public static final String NAME = "recover-primary";

    private final ChefHaCluster cluster;
    private final PeerGone gone;
    private final Optional<String> acceptedLoss;
    private final Optional<byte[]> newConfig;

    private RecoverPrimary(
            ChefHaCluster cluster, PeerGone gone, Optional<String> acceptedLoss, Optional<byte[]> newConfig) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.gone = Objects.requireNonNull(gone, "gone");
        this.acceptedLoss = acceptedLoss;
        this.newConfig = newConfig;
        if (gone.host().equals(cluster.primary())) {
            throw new IllegalArgumentException("the lost backend " + gone.host() + " is named as the survivor"
                    + " (expected: the cluster's primary is the survivor, the other backend the replacement)");
        }
    }

    /**
     * @param cluster the survivor as {@link ChefHaCluster#primary()}, the replacement as the other backend
     * @param gone the lost primary and how it was confirmed gone for good
     * @return the recovery, accepting no data loss
     */
    public static RecoverPrimary of(ChefHaCluster cluster, PeerGone gone) {
        return new RecoverPrimary(cluster, gone, Optional.empty(), Optional.empty());
    }

    /**
     * @param reason who accepts losing what an Inconsistent survivor lacks, and why; journaled
     * @return this recovery, allowed to force-promote an Inconsistent survivor
     */
    public RecoverPrimary acceptingDataLoss(String reason) {
        if (reason.isBlank()) {
            throw new IllegalArgumentException("an acceptance of data loss without a reason (expected: who and why)");
        }
        return new RecoverPrimary(cluster, gone, Optional.of(reason), newConfig);
    }

    /**
     * @param chefServerRb the new {@code /etc/opscode/chef-server.rb} (the first of {@link
     *     ChefHaCluster#configFiles()}) naming the replacement; written to the survivor before anything else changes
     * @return this recovery with that configuration
     */
    public RecoverPrimary withConfiguration(byte[] chefServerRb) {
        return new RecoverPrimary(cluster, gone, acceptedLoss, Optional.of(chefServerRb.clone()));
    }

    /**
     * @return the workflow
     * @throws IllegalArgumentException when the replacement is another host than the lost one (name or address) and
     *     no new configuration was given
     */
    public Workflow workflow() {
        gone.requireConfigurationFor(cluster, newConfig, "survivor");
        return new Workflow(NAME, cluster, this::steps);
    }

    /**
     * Reads the survivor's status and says what it means; changes nothing.
     *
     * @param cluster the survivor as {@link ChefHaCluster#primary()}
     * @return the survivor's state, whether it holds every acknowledged write, and how much it lacks
     * @throws WorkflowException (STATE_UNKNOWN) when its status cannot be read
     */
    public static SurvivorReport assess(ChefHaCluster cluster) {
        HostState survivor = new LiveState(cluster).primary();
        try {
            return report(survivor);
        } catch (StateUnknownException e) {
            throw new WorkflowException(
                    WorkflowException.Reason.STATE_UNKNOWN,
                    NAME,
                    "assess",
                    survivor.name(),
                    e.getMessage(),
                    "the survivor's /proc/drbd",
                    "check that " + survivor.name() + " is reachable",
                    e);
        }
    }

    private static SurvivorReport report(HostState s) {
        boolean upToDate = s.disk().equals(Optional.of(DiskState.UP_TO_DATE));
        long oos = s.outOfSyncKiB();
        String words = s.drbdWords().substring(s.name().length() + 2);
        String meaning;
        if (upToDate) {
            meaning = s.name() + " is UpToDate: it holds every acknowledged write; promoting it loses nothing"
                    + " (plain drbdadm primary, no force).";
        } else if (s.disk().equals(Optional.of(DiskState.INCONSISTENT))) {
            meaning = s.name() + " is Inconsistent: it was still receiving the resync when its peer was lost, so"
                    + " data is very likely lost: " + oos + " KiB (oos) never arrived. Forcing it primary makes what"
                    + " it has the only copy; the rest is gone for good.";
        } else {
            meaning = s.name() + " shows " + words + ": neither UpToDate nor a resync target that was cut off;"
                    + " do not promote it without looking at both disks.";
        }
        return SurvivorReport.builder()
                .host(s.name())
                .state(words)
                .upToDate(upToDate)
                .outOfSyncKiB(oos)
                .meaning(meaning)
                .build();
    }

    private List<Step> steps(ChefHaCluster c, Dialects dialects) {
        String sv = c.primary();
        String nw = c.secondaryBackend().name();
        DrbdDialect dialect = dialects.of(sv);
        Condition fenced = Condition.of(
                gone.host() + " gone for good (" + gone.confirmation() + "); " + sv
                        + " not connected to a peer holding data",
                st -> noLivePeer(st.primary()),
                st -> st.primary().drbdWords() + ": a peer holding data is connected");
        Condition accepted = Condition.of(
                sv + " UpToDate, or the loss of what it lacks accepted",
                st -> acceptedLoss.isPresent() || st.primary().disk().equals(Optional.of(DiskState.UP_TO_DATE)),
                st -> report(st.primary()).meaning() + " No acceptDataLoss was given");
        List<Step> steps = new ArrayList<>();
        steps.add(Step.builder("assess", sv)
                .guard(fenced.and(accepted))
                .once()
                .note("the old primary " + gone.host() + " (" + gone.address() + ") must never come back with its"
                        + " disk: wipe it before it rejoins")
                .advice("an Inconsistent survivor lacks data: recover only with acceptingDataLoss(reason), after"
                        + " checking backups; a connected peer with data means " + gone.host()
                        + " is not gone: stop and use ha-status")
                .build());
        steps.add(Step.builder("stop-chef", sv)
                .run(Command.of(c.reconfigureTimeout(), "chef-server-ctl", "stop"))
                .guard(fenced)
                .done(Condition.of(
                        "no Chef service but keepalived running on " + sv,
                        st -> st.primary().services().entrySet().stream()
                                .noneMatch(e -> e.getValue() && !e.getKey().equals(HostState.KEEPALIVED)),
                        st -> "services running on " + sv + ": " + st.primary().services()))
                .once()
                .advice("the survivor must not serve while it is repaired; check ha-status")
                .build());
        // The survivor's DRBD knows the replacement once it is connected to a peer, or Primary again: the
        // configuration steps are then past, even when a restart makes their condition hold anew.
        Condition configured = Condition.of(
                sv + " connected to a peer or Primary (the new configuration took effect)",
                st -> !st.primary().disconnected() || st.primary().role().equals(Optional.of(Role.PRIMARY)),
                st -> st.primary().drbdWords());
        if (newConfig.isPresent()) {
            steps.add(CommonSteps.writeConfiguration(c, "configure-survivor", newConfig.get())
                    .guard(fenced)
                    .done(configured)
                    .advice("check that " + gone.host() + " is gone and " + sv + " reachable")
                    .build());
            // reconfigure renders pc0.res from it; without drbd_ready (a setup cut short) it stops at its wait.
            steps.add(Step.builder("render-config-survivor", sv)
                    .run(CommonSteps.reconfigureUntilReadyWait())
                    .when(Conditions.readyAbsent(c, true))
                    .guard(fenced)
                    .done(configured)
                    .once()
                    .note("reconfigure stops at its drbd_ready wait on a survivor whose setup never finished")
                    .advice("check that " + gone.host() + " is gone and " + sv + " reachable")
                    .build());
            steps.add(Step.builder("reconfigure-survivor", sv)
                    .run(Command.of(c.reconfigureTimeout(), "chef-server-ctl", "reconfigure"))
                    .when(Conditions.readyPresent(c, true))
                    .guard(fenced)
                    .done(configured)
                    .once()
                    .note("reconfigure renders pc0.res and may restart keepalived")
                    .advice("check that " + gone.host() + " is gone and " + sv + " reachable")
                    .build());
            steps.add(CommonSteps.adjustToNewPeer(c, dialect, "adjust-survivor")
                    .guard(fenced)
                    .done(configured)
                    .advice("check that " + gone.host() + " is gone and " + sv + " reachable")
                    .build());
        }
        steps.add(CommonSteps.copyConfig(c, false, "copy-config"));
        steps.add(CommonSteps.renderConfig(c, false, "render-config-new"));
        steps.add(CommonSteps.createMd(c, false, dialects.of(nw), "create-md-new"));
        steps.add(CommonSteps.upReplacement(c, dialects.of(nw), "up-new"));
        Condition freshPeer = Condition.of(
                nw + " holds nothing yet (Inconsistent or not connected)",
                st -> st.secondary().disconnected()
                        || st.secondary().disk().equals(Optional.of(DiskState.INCONSISTENT)),
                st -> st.secondary().drbdWords());
        steps.add(Step.builder("promote-survivor", sv)
                .run(dialect.primary(c.resource()))
                .when(Condition.of(
                        sv + " UpToDate",
                        st -> st.primary().disk().equals(Optional.of(DiskState.UP_TO_DATE)),
                        st -> st.primary().drbdWords()))
                .guard(role(c, true, Role.SECONDARY).and(Conditions.peerNotPrimary(c, true)))
                .done(role(c, true, Role.PRIMARY))
                .waitFor(Wait.of(role(c, true, Role.PRIMARY), c.stateTimeout()))
                .advice("a survivor that is Primary already needs no promotion; check ha-status")
                .build());
        Step.Builder force = Step.builder("force-primary-survivor", sv)
                .run(dialect.primaryOverwritingPeer(c.resource()))
                .destroysData()
                .when(Condition.of(
                        sv + " not UpToDate",
                        st -> !st.primary().disk().equals(Optional.of(DiskState.UP_TO_DATE)),
                        st -> st.primary().drbdWords()))
                .guard(fenced.and(accepted).and(freshPeer))
                .done(roleUpToDate(c, true, Role.PRIMARY))
                .waitFor(Wait.of(role(c, true, Role.PRIMARY), c.stateTimeout()))
                .advice("forcing an Inconsistent survivor makes its partial data the only copy: only with"
                        + " acceptingDataLoss(reason), with " + gone.host() + " gone for good and " + nw
                        + " holding nothing");
        acceptedLoss.ifPresent(reason -> force.acceptedLoss("what " + sv + " never received from " + gone.host()
                + " (gone: " + gone.confirmation() + "): " + reason));
        steps.add(force.build());
        steps.add(Step.builder("connect-survivor", sv)
                .run(dialect.connect(c.resource()))
                .when(Condition.of(
                        sv + " StandAlone", st -> st.primary().is(ConnectionState.STAND_ALONE), st -> st.primary()
                                .drbdWords()))
                .guard(roleUpToDate(c, true, Role.PRIMARY))
                .done(Condition.of(
                        sv + " not StandAlone", st -> !st.primary().is(ConnectionState.STAND_ALONE), st -> st.primary()
                                .drbdWords()))
                .advice("promote the survivor first")
                .build());
        steps.add(CommonSteps.waitSync(c, "wait-sync"));
        steps.add(Step.builder("mount-survivor", sv)
                .run(Command.of(c.commandTimeout(), "mkdir", "-p", c.mountPoint()))
                .run(Command.of(c.commandTimeout(), "mount", c.device(), c.mountPoint()))
                .guard(roleUpToDate(c, true, Role.PRIMARY).and(hasFilesystem(c, true)))
                .done(mounted(c, true))
                .note(
                        acceptedLoss.isPresent()
                                ? "after a forced promotion the filesystem may be damaged: e2fsck -f -n " + c.device()
                                        + " before trusting it"
                                : null)
                .advice("without a filesystem on " + c.device() + " there is nothing to recover here: restore"
                        + " from backup (chef-server-ctl restore)")
                .build());
        // A survivor whose own setup never finished (the Chef guide's scenario 4 during the initial sync) has no
        // drbd_ready, no keepalived and no cluster.sh, which master-recover runs: it gets them once the new copy is
        // complete, as the bootstrap backend would, before master-recover.
        steps.add(Step.builder("ready-survivor", sv)
                .run(Command.of(c.commandTimeout(), "touch", c.readyFile()))
                .guard(synced(c, true, Role.PRIMARY).and(mounted(c, true)))
                .done(Conditions.readyPresent(c, true))
                .advice("drbd_ready only on a synced pair with the filesystem mounted; check ha-status")
                .build());
        steps.add(ChefSetup.finishOnPrimary(c, "finish-setup-survivor"));
        steps.add(Step.builder("master-recover", sv)
                .run(Command.of(c.reconfigureTimeout(), "chef-server-ctl", "master-recover"))
                .guard(roleUpToDate(c, true, Role.PRIMARY).and(mounted(c, true)).and(ChefSetup.finished(c, true)))
                .done(Condition.of(
                        sv + " current_cluster_status master with its HA services running",
                        st -> st.primary().clusterStatus().equals(Optional.of("master"))
                                && st.primary().haServicesRunning(),
                        st -> st.primary().clusterWords() + ", HA services "
                                + st.primary().haServices()))
                .advice("master-recover needs the survivor Primary with the filesystem mounted, and cluster.sh, which"
                        + " reconfigure writes once drbd_ready exists")
                .build());
        steps.add(Step.builder("reconfigure-survivor-keepalived", sv)
                .run(Command.of(c.reconfigureTimeout(), "chef-server-ctl", "reconfigure"))
                .guard(synced(c, true, Role.PRIMARY).and(mounted(c, true)).and(Conditions.readyPresent(c, true)))
                .done(clusterRole(c, true, "master"))
                .waitFor(Wait.of(clusterRole(c, true, "master"), c.stateTimeout()))
                .advice("reconfigure the survivor only on a synced pair with the filesystem mounted")
                .build());
        steps.add(CommonSteps.readySecondary(c, "ready-new"));
        steps.add(CommonSteps.reconfigureSecondary(c, "reconfigure-new"));
        return steps;
    }

    /** @return no peer with data is connected: disconnected, or connected to a fresh Inconsistent Secondary */
    private static boolean noLivePeer(HostState s) {
        if (s.disconnected()) {
            return true;
        }
        boolean peerFresh = s.peerDisk().equals(Optional.of(DiskState.INCONSISTENT))
                && s.peerRole().equals(Optional.of(Role.SECONDARY));
        return peerFresh || s.role().equals(Optional.of(Role.PRIMARY));
    }
}
