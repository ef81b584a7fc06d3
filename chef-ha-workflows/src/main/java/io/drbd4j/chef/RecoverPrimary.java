package io.drbd4j.chef;

import static io.drbd4j.chef.engine.Side.KEEPER;
import static io.drbd4j.chef.engine.Side.OTHER;

import io.drbd4j.chef.engine.Condition;
import io.drbd4j.chef.engine.HostState;
import io.drbd4j.chef.engine.LiveState;
import io.drbd4j.chef.engine.Pair;
import io.drbd4j.chef.engine.Side;
import io.drbd4j.chef.engine.StateUnknownException;
import io.drbd4j.chef.engine.Step;
import io.drbd4j.chef.engine.Wait;
import io.drbd4j.chef.guards.ChefFiles;
import io.drbd4j.chef.guards.Drbd;
import io.drbd4j.chef.guards.Fence;
import io.drbd4j.chef.guards.Filesystem;
import io.drbd4j.chef.guards.Generations;
import io.drbd4j.chef.guards.Keepalived;
import io.drbd4j.chef.guards.MetaData;
import io.drbd4j.chef.guards.Network;
import io.drbd4j.chef.guards.Services;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.Role;
import io.drbd4j.exec.runner.Command;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Recovering from the loss of the primary backend: the survivor becomes Primary and
 * master, and a replacement host syncs from it and joins as backup.
 *
 * <p>The cluster passed in is the pair as it will be: {@link ChefHaCluster#keeper()} is the survivor, the other
 * backend the replacement (a fresh host, or the lost one's name and address on new hardware). What the survivor holds
 * decides the promotion: an UpToDate survivor is promoted with a plain {@code drbdadm primary} and loses
 * nothing; an Inconsistent one (the Chef guide's "scenario 4") lacks what it had not yet received, as its
 * {@code oos:} says, and is force-promoted only with the caller's {@link #acceptingDataLoss explicit acceptance},
 * journaled before the step runs. The old primary must be gone for good ({@link PeerGone}, the fencing guard).
 *
 * <p>The survivor serves first, the replacement joins after: on the survivor {@code chef-server-ctl stop}; when the
 * replacement's address differs, the new Chef configuration written there, reconfigure and {@code drbdadm adjust};
 * the survivor promoted (or forced), the filesystem mounted; on a survivor whose Chef setup never finished (no {@code
 * cluster.sh}) {@code drbd_ready} and reconfigure; {@code chef-server-ctl master-recover}, then {@code chef-server-ctl
 * start} for the services master-recover leaves down. Then, unless {@link #survivorOnly()}, the replacement: the
 * configuration copied, reconfigure up to its drbd_ready wait, {@code create-md} (only where {@code dump-md} finds no
 * valid meta data), {@code up} once its disk is proven blank, the survivor connected if StandAlone, the resync waited
 * for with progress while the survivor serves, and on the replacement {@code drbd_ready} and reconfigure.
 */
public final class RecoverPrimary {
    /** The workflow's name in plans and journals. */
    public static final String NAME = "recover-primary";

    /** The backend that survived the loss of the primary. */
    private static final Side SURVIVOR = KEEPER;

    /** The replacement, a blank disk that becomes a full copy of the survivor. */
    private static final Side REPLACEMENT = OTHER;

    private final ChefHaCluster cluster;
    private final PeerGone gone;
    private final Optional<String> acceptedLoss;
    private final Optional<byte[]> newConfig;
    private final boolean withReplacement;

    private RecoverPrimary(
            ChefHaCluster cluster,
            PeerGone gone,
            Optional<String> acceptedLoss,
            Optional<byte[]> newConfig,
            boolean withReplacement) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.gone = Objects.requireNonNull(gone, "gone");
        this.acceptedLoss = acceptedLoss;
        this.newConfig = newConfig;
        this.withReplacement = withReplacement;
        if (gone.host().equals(cluster.keeper())) {
            throw new IllegalArgumentException("the lost backend " + gone.host() + " is named as the survivor"
                    + " (expected: the cluster's keeper is the survivor, the other backend the replacement)");
        }
    }

    /**
     * Returns the recovery, accepting no data loss.
     *
     * @param cluster the survivor as {@link ChefHaCluster#keeper()}, the replacement as the other backend
     * @param gone the lost primary and how it was confirmed gone for good
     * @return the recovery, accepting no data loss
     */
    public static RecoverPrimary of(ChefHaCluster cluster, PeerGone gone) {
        return new RecoverPrimary(cluster, gone, Optional.empty(), Optional.empty(), true);
    }

    /**
     * Returns this recovery, allowed to force-promote an Inconsistent survivor.
     *
     * @param reason who accepts losing what an Inconsistent survivor lacks, and why; journaled
     * @return this recovery, allowed to force-promote an Inconsistent survivor
     */
    public RecoverPrimary acceptingDataLoss(String reason) {
        if (reason.isBlank()) {
            throw new IllegalArgumentException("an acceptance of data loss without a reason (expected: who and why)");
        }
        return new RecoverPrimary(cluster, gone, Optional.of(reason), newConfig, withReplacement);
    }

    /**
     * Returns this recovery with that configuration.
     *
     * @param chefServerRb the new {@code /etc/opscode/chef-server.rb} (the first of {@link
     *     ChefHaCluster#configFiles()}) naming the replacement; written to the survivor before anything else changes
     * @return this recovery with that configuration
     */
    public RecoverPrimary withConfiguration(byte[] chefServerRb) {
        return new RecoverPrimary(cluster, gone, acceptedLoss, Optional.of(chefServerRb.clone()), withReplacement);
    }

    /**
     * The survivor alone back in service, with no replacement yet: the cluster's other backend is the lost one, which
     * the workflow never contacts. A replacement joins later with {@link ReplaceSecondary}, or the lost host, wiped,
     * rejoins as one.
     *
     * @return this recovery without the replacement's steps
     * @throws IllegalArgumentException when the cluster's other backend is not the lost one, or a new configuration
     *     was given (it names a replacement)
     */
    public RecoverPrimary survivorOnly() {
        Backend other = cluster.otherBackend();
        if (!other.name().equals(gone.host())) {
            throw new IllegalArgumentException("survivorOnly: the cluster's other backend " + other.name() + " is not"
                    + " the lost " + gone.host() + " (expected: the cluster as it was, the survivor as keeper)");
        }
        if (newConfig.isPresent()) {
            throw new IllegalArgumentException("survivorOnly with a new configuration: it names a replacement"
                    + " (expected: recover the survivor alone, then add the replacement with ReplaceSecondary)");
        }
        return new RecoverPrimary(cluster, gone, acceptedLoss, newConfig, false);
    }

    /**
     * Returns the workflow.
     *
     * @return the workflow
     * @throws IllegalArgumentException when the replacement is another host than the lost one (name or address) and
     *     no new configuration was given
     */
    public Workflow workflow() {
        if (!withReplacement) {
            return new Workflow(NAME, cluster, this::steps, java.util.EnumSet.of(SURVIVOR));
        }
        gone.requireConfigurationFor(cluster, newConfig, "survivor");
        return new Workflow(NAME, cluster, this::steps);
    }

    /**
     * Reads the survivor's status and says what it means; changes nothing.
     *
     * @param cluster the survivor as {@link ChefHaCluster#keeper()}
     * @return the survivor's state, whether it holds every acknowledged write, and how much it lacks
     * @throws WorkflowException (STATE_UNKNOWN) when its status cannot be read
     */
    public static SurvivorReport assess(ChefHaCluster cluster) {
        HostState survivor = new LiveState(Pair.unresolved(cluster)).host(SURVIVOR);
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

    private List<Step> steps(Pair p) {
        List<Step> steps = new ArrayList<>();
        steps.add(assess(p)); // W6.1, W7.1
        steps.add(stopChef(p)); // W7.3
        steps.add(stopKeepalivedSurvivor(p)); // W7.3: "consider chef-server-ctl stop keepalived too"
        if (newConfig.isPresent()) {
            steps.add(configureSurvivor(p, newConfig.get())); // W7.4
            steps.add(renderConfigSurvivor(p));
            steps.add(reconfigureSurvivor(p));
            steps.add(adjustSurvivor(p));
        }
        // The survivor serves first: the replacement's full resync may take hours.
        steps.add(promoteSurvivor(p)); // W6.3
        steps.add(forcePrimarySurvivor(p)); // W7.6
        steps.add(mountSurvivor(p));
        steps.add(readySurvivor(p));
        steps.add(ChefSetup.finishOnKeeperAlone(p, "finish-setup-survivor"));
        steps.add(masterRecover(p)); // W6.4, W7.7
        steps.add(SharedSteps.startChef(p, "start-chef-survivor"));
        steps.add(reconfigureSurvivorKeepalived(p));
        if (withReplacement) {
            steps.add(SharedSteps.copyConfig(p, REPLACEMENT, "copy-config")); // W7.4
            steps.add(SharedSteps.renderConfig(p, REPLACEMENT, "render-config-new")); // W7.5
            steps.add(SharedSteps.createMd(p, REPLACEMENT, "create-md-new"));
            steps.add(upReplacement(p));
            steps.add(connectSurvivor(p));
            steps.add(SharedSteps.waitSync(p, "wait-sync"));
            steps.add(SharedSteps.readySecondary(p, "ready-new")); // W7.8
            steps.add(SharedSteps.reconfigureSecondary(p, "reconfigure-new"));
        }
        return steps;
    }

    /** The fencing guard: the old primary gone, the survivor not connected to a peer holding data of its own. */
    private Condition fenced(Pair p) {
        return Fence.lostPeerGone(p, SURVIVOR, gone, Role.PRIMARY);
    }

    /** The survivor UpToDate, or the loss of what it lacks accepted by the caller. */
    private Condition lossAccepted(Pair p) {
        return Condition.of(
                p.name(SURVIVOR) + " UpToDate, or the loss of what it lacks accepted",
                st -> acceptedLoss.isPresent() || Drbd.upToDate(p, SURVIVOR).holds(st),
                st -> report(st.host(SURVIVOR)).meaning() + " No acceptDataLoss was given");
    }

    /** The resource file Chef renders on the survivor names the replacement: the new configuration reached DRBD's. */
    private static Condition rendered(Pair p) {
        return ChefFiles.resourceNames(p, SURVIVOR, p.backend(REPLACEMENT));
    }

    private Step assess(Pair p) {
        return p.step("assess", SURVIVOR)
                .guard(fenced(p).and(lossAccepted(p)))
                .once()
                .note("the old primary " + gone.host() + " (" + gone.address() + ") must never come back with its"
                        + " disk: wipe it before it rejoins")
                .advice("an Inconsistent survivor lacks data: recover only with acceptingDataLoss(reason), after"
                        + " checking backups; a connected peer with data means " + gone.host()
                        + " is not gone: stop and use ha-status")
                .build();
    }

    private Step stopChef(Pair p) {
        return p.step("stop-chef", SURVIVOR)
                .run(Command.of(p.cluster().reconfigureTimeout(), "chef-server-ctl", "stop"))
                .guard(fenced(p))
                .done(Services.onlyKeepalived(p, SURVIVOR))
                .once()
                .advice("the survivor must not serve while it is repaired; check ha-status")
                .build();
    }

    /**
     * On an Inconsistent survivor, keepalived would keep trying the master transition (cluster.sh master fails
     * to promote it) while the survivor is repaired; it is stopped until the survivor is forced and serves, and the
     * reconfigure at the end starts it again.
     */
    private Step stopKeepalivedSurvivor(Pair p) {
        return p.step("stop-keepalived-survivor", SURVIVOR)
                .run(Command.of(p.cluster().reconfigureTimeout(), "chef-server-ctl", "stop", "keepalived"))
                .when(Drbd.notUpToDate(p, SURVIVOR))
                .guard(fenced(p).and(Drbd.role(p, SURVIVOR, Role.SECONDARY)))
                .done(Keepalived.stopped(p, SURVIVOR))
                .once()
                .advice("keepalived is stopped only on a Secondary survivor that is not UpToDate; check ha-status")
                .build();
    }

    private Step configureSurvivor(Pair p, byte[] config) {
        return SharedSteps.writeConfiguration(p, "configure-survivor", config)
                .guard(fenced(p))
                .done(ChefFiles.holds(p, SURVIVOR, p.cluster().configFiles().get(0), config))
                .advice(reachable(p))
                .build();
    }

    /** reconfigure renders pc0.res from it; without drbd_ready (a setup cut short) it stops at its wait. */
    private Step renderConfigSurvivor(Pair p) {
        return p.step("render-config-survivor", SURVIVOR)
                .run(SharedSteps.reconfigureUntilReadyWait())
                .when(ChefFiles.readyAbsent(p, SURVIVOR))
                .guard(fenced(p))
                .done(rendered(p))
                .once()
                .note("reconfigure stops at its drbd_ready wait on a survivor whose setup never finished")
                .advice(reachable(p))
                .build();
    }

    private Step reconfigureSurvivor(Pair p) {
        return p.step("reconfigure-survivor", SURVIVOR)
                .run(Command.of(p.cluster().reconfigureTimeout(), "chef-server-ctl", "reconfigure"))
                .when(ChefFiles.readyPresent(p, SURVIVOR))
                .guard(fenced(p))
                .done(rendered(p))
                .once()
                .note("reconfigure renders pc0.res and may restart keepalived")
                .advice(reachable(p))
                .build();
    }

    private Step adjustSurvivor(Pair p) {
        // The outcome is the peer the kernel runs with, never a proxy such as "Primary already" (keepalived may have
        // promoted the survivor before the recovery began).
        return SharedSteps.adjustToNewPeer(p, "adjust-survivor")
                .guard(fenced(p))
                .done(Drbd.configuredPeer(p, SURVIVOR, p.backend(REPLACEMENT)))
                .advice(reachable(p))
                .build();
    }

    /** An UpToDate survivor loses nothing by a plain promotion. */
    private static Step promoteSurvivor(Pair p) {
        return p.step("promote-survivor", SURVIVOR)
                .run(p.dialect(SURVIVOR).primary(p.cluster().resource()))
                .when(Drbd.upToDate(p, SURVIVOR))
                .guard(Drbd.role(p, SURVIVOR, Role.SECONDARY).and(Drbd.peerNotPrimary(p, SURVIVOR)))
                .done(Drbd.role(p, SURVIVOR, Role.PRIMARY))
                .waitFor(primary(p))
                .advice("a survivor that is Primary already needs no promotion; check ha-status")
                .build();
    }

    /** An Inconsistent survivor is forced only with the loss accepted, journaled before it runs. */
    private Step forcePrimarySurvivor(Pair p) {
        Step.Builder force = p.step("force-primary-survivor", SURVIVOR)
                .run(p.dialect(SURVIVOR).primaryOverwritingPeer(p.cluster().resource()))
                .destroysData()
                .when(Drbd.notUpToDate(p, SURVIVOR))
                .guard(
                        withReplacement
                                ? fenced(p).and(lossAccepted(p)).and(Generations.blank(p, REPLACEMENT))
                                : fenced(p).and(lossAccepted(p)))
                .done(Drbd.roleUpToDate(p, SURVIVOR, Role.PRIMARY))
                .waitFor(primary(p))
                .advice("forcing an Inconsistent survivor makes its partial data the only copy: only with"
                        + " acceptingDataLoss(reason), with " + gone.host() + " gone for good"
                        + (withReplacement ? " and " + p.name(REPLACEMENT) + " holding nothing" : ""));
        acceptedLoss.ifPresent(reason -> force.acceptedLoss("what " + p.name(SURVIVOR) + " never received from "
                + gone.host() + " (gone: " + gone.confirmation() + "): " + reason));
        return force.build();
    }

    /**
     * The replacement's DRBD up, once it is proven blank: a replacement with data of its own would meet the serving
     * survivor in a split brain, which Chef's after-sb policies settle by discarding one side without asking.
     */
    private static Step upReplacement(Pair p) {
        return p.step("up-new", REPLACEMENT)
                .run(p.dialect(REPLACEMENT).up(p.cluster().resource()))
                .guard(MetaData.present(p, REPLACEMENT).and(Generations.blank(p, REPLACEMENT)))
                .done(Drbd.up(p, REPLACEMENT))
                .waitFor(Wait.of(
                        Network.listeningOrConnected(p, REPLACEMENT),
                        p.cluster().stateTimeout()))
                .advice("the replacement must hold nothing of its own before it meets the survivor: wipe its disk"
                        + " (drbdadm wipe-md) and run this workflow again")
                .build();
    }

    private static Step connectSurvivor(Pair p) {
        return p.step("connect-survivor", SURVIVOR)
                .run(p.dialect(SURVIVOR).connect(p.cluster().resource()))
                .when(Drbd.standAlone(p, SURVIVOR))
                .guard(Drbd.roleUpToDate(p, SURVIVOR, Role.PRIMARY).and(Generations.blank(p, REPLACEMENT)))
                .done(Drbd.notStandAlone(p, SURVIVOR))
                .advice("promote the survivor first")
                .build();
    }

    private Step mountSurvivor(Pair p) {
        ChefHaCluster c = p.cluster();
        return p.step("mount-survivor", SURVIVOR)
                .run(Command.of(c.commandTimeout(), "mkdir", "-p", c.mountPoint()))
                .run(Command.of(c.commandTimeout(), "mount", c.device(), c.mountPoint()))
                .guard(Drbd.roleUpToDate(p, SURVIVOR, Role.PRIMARY).and(Filesystem.present(p, SURVIVOR)))
                .done(Filesystem.mounted(p, SURVIVOR))
                .note(
                        acceptedLoss.isPresent()
                                ? "after a forced promotion the filesystem may be damaged: e2fsck -f -n " + c.device()
                                        + " before trusting it"
                                : null)
                .advice("without a filesystem on " + c.device() + " there is nothing to recover here: restore"
                        + " from backup (chef-server-ctl restore)")
                .build();
    }

    /**
     * A survivor whose own setup never finished (the Chef guide's scenario 4 during the initial sync) has no
     * drbd_ready, no keepalived and no cluster.sh, which master-recover runs: it gets them once the new copy is
     * complete, as the bootstrap backend would, before master-recover.
     */
    private static Step readySurvivor(Pair p) {
        return p.step("ready-survivor", SURVIVOR)
                .run(Command.of(
                        p.cluster().commandTimeout(), "touch", p.cluster().readyFile()))
                .guard(servingAlone(p))
                .done(ChefFiles.readyPresent(p, SURVIVOR))
                .note("the replacement gets its own drbd_ready only once it holds a complete copy")
                .advice("drbd_ready on the survivor only once it is Primary, UpToDate, with the filesystem mounted;"
                        + " check ha-status")
                .build();
    }

    private static Step masterRecover(Pair p) {
        return p.step("master-recover", SURVIVOR)
                .run(Command.of(p.cluster().reconfigureTimeout(), "chef-server-ctl", "master-recover"))
                .guard(Drbd.roleUpToDate(p, SURVIVOR, Role.PRIMARY)
                        .and(Filesystem.mounted(p, SURVIVOR))
                        .and(ChefFiles.setupFinished(p, SURVIVOR)))
                .done(Services.masterRecovered(p, SURVIVOR))
                .advice("master-recover needs the survivor Primary with the filesystem mounted, and cluster.sh, which"
                        + " reconfigure writes once drbd_ready exists")
                .build();
    }

    private static Step reconfigureSurvivorKeepalived(Pair p) {
        Condition master = Keepalived.clusterRole(p, SURVIVOR, "master");
        return p.step("reconfigure-survivor-keepalived", SURVIVOR)
                .run(Command.of(p.cluster().reconfigureTimeout(), "chef-server-ctl", "reconfigure"))
                .guard(servingAlone(p).and(ChefFiles.readyPresent(p, SURVIVOR)))
                .done(master)
                .waitFor(Wait.of(master, p.cluster().stateTimeout()))
                .advice("reconfigure the survivor only once it is Primary, UpToDate, with the filesystem mounted")
                .build();
    }

    /** The survivor holds the only copy that counts and serves it: Primary, UpToDate, mounted. */
    private static Condition servingAlone(Pair p) {
        return Drbd.roleUpToDate(p, SURVIVOR, Role.PRIMARY).and(Filesystem.mounted(p, SURVIVOR));
    }

    private static Wait primary(Pair p) {
        return Wait.of(Drbd.role(p, SURVIVOR, Role.PRIMARY), p.cluster().stateTimeout());
    }

    private String reachable(Pair p) {
        return "check that " + gone.host() + " is gone and " + p.name(SURVIVOR) + " reachable";
    }
}
