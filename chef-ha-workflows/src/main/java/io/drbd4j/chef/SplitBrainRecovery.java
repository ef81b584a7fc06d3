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
import io.drbd4j.chef.guards.SplitBrain;
import io.drbd4j.core.model.Role;
import io.drbd4j.exec.runner.Command;
import java.util.List;
import java.util.Objects;

/**
 * Recovering from a DRBD split brain: both backends took writes while apart and DRBD
 * refused to reconnect them. The caller names the copy to keep; the other backend, the victim, loses every write it
 * took since the split and becomes a full copy of the keeper again.
 *
 * <p>The cluster passed in names the keeper as {@link ChefHaCluster#keeper()}; the other backend is the victim.
 * Discarding the victim's writes needs the caller's confirmation (who decided, and why); it is journaled as the
 * discard step's accepted loss before that step runs. Without one, the run is refused before anything changes, so
 * {@code of(cluster, keep, "")} still gives a plan to show.
 *
 * <p>Steps: {@code assess} (a split-brain signature seen from both backends: both StandAlone, or one StandAlone and
 * the other WFConnection, both holding data that could diverge and drbd-core's {@link io.drbd4j.core.safety.DataSafety} not ruling a split
 * brain out; the keeper UpToDate); on the victim {@code chef-server-ctl stop}, {@code umount} when mounted, {@code
 * drbdadm secondary} when Primary, {@code drbdadm disconnect} only when it is not StandAlone already (on 8.4 it exits
 * 10 there, "unknown connection"); the keeper promoted with a plain {@code drbdadm
 * primary} when Secondary; the discard on the victim; {@code drbdadm connect} on the keeper when StandAlone; the
 * resync waited for; {@code chef-server-ctl master-recover} on the keeper unless it is master, {@code backup-recover}
 * on the victim, each preceded, on a backend whose Chef setup never finished (no {@code cluster.sh}, which both run),
 * by drbd_ready and reconfigure.
 *
 * <p>The discard is the guide's {@code connect --discard-my-data} (8.4) or {@code -- --discard-my-data connect}
 * (8.3) on the StandAlone Secondary victim, once the keeper is Primary. Under Chef's after-sb policies the flag is
 * read only when the automatic policies left the split brain unresolved;
 * with both backends Secondary, after-sb-0pri discard-younger-primary would pick the node promoted later during the
 * split whichever one had the flag (S4 row 6t). With the keeper Primary and the victim Secondary, after-sb-1pri
 * discard-secondary picks the victim, and any other policy leaves the choice to the flag: the victim becomes the
 * keeper's SyncTarget either way. The discard happens only at that handshake: until the keeper answers, the victim's
 * copy stays whole, which matters when the keeper is lost right before the discard (an {@code invalidate} first
 * would have made the victim Inconsistent at once, and the last copy unusable).
 *
 * <p>Left to the operator (the last step's note says so): {@code chef-server-ctl start keepalived} on the keeper,
 * then on the victim (if it was stopped), the victim's other services, {@code chef-server-ctl start} on the
 * frontends, and {@code chef-server-ctl ha-status} on both backends.
 */
public final class SplitBrainRecovery {
    /** The workflow's name in plans and journals. */
    public static final String NAME = "split-brain-recovery";

    /** The copy kept. */
    private static final Side KEPT = KEEPER;

    /** The victim, whose writes since the split are discarded. */
    private static final Side VICTIM = OTHER;

    private final ChefHaCluster cluster;
    private final String confirmation;

    private SplitBrainRecovery(ChefHaCluster cluster, String confirmation) {
        this.cluster = cluster;
        this.confirmation = confirmation;
    }

    /**
     * Returns the recovery.
     *
     * @param cluster the copy to keep as {@link ChefHaCluster#keeper()}, the victim as the other backend
     * @param keep the keeper's name again, which must be the cluster's keeper: the choice is stated twice
     * @param confirmation who chose the keeper and why, such as {@code jdoe: be1 holds the orders of 10:00-10:40};
     *     journaled as the victim's accepted loss. Blank: the run is refused at {@code assess}, the plan still shows
     * @return the recovery
     * @throws IllegalArgumentException when {@code keep} is not the cluster's keeper
     */
    public static SplitBrainRecovery of(ChefHaCluster cluster, String keep, String confirmation) {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(confirmation, "confirmation");
        cluster.requireKeeper(keep);
        return new SplitBrainRecovery(cluster, confirmation.strip());
    }

    /**
     * Returns the workflow.
     *
     * @return the workflow
     */
    public Workflow workflow() {
        return new Workflow(NAME, cluster, this::steps);
    }

    private List<Step> steps(Pair p) {
        return List.of(
                assess(p), // W9.1, W9.2
                stopChefVictim(p), // W9.3
                umountVictim(p),
                demoteVictim(p),
                disconnectVictim(p),
                promoteKeeper(p), // W9.4
                discardVictim(p), // W9.5
                connectKeeper(p), // W9.6
                SharedSteps.waitSync(p, "wait-sync"),
                readyKeeper(p),
                ChefSetup.finishOnKeeper(p, "finish-setup-keeper"),
                masterRecoverKeeper(p), // W9.7
                SharedSteps.startChef(p, "start-chef-keeper"),
                ChefSetup.finishOnOther(p, "finish-setup-victim"),
                SharedSteps.backupRecover(p, "backup-recover-victim"),
                reconfigureVictim(p));
    }

    /** The caller's statement of who chose the keeper and why. */
    private Condition confirmed(Pair p) {
        return Condition.of(
                "the discard of " + p.name(VICTIM) + "'s writes confirmed (who and why)",
                st -> !confirmation.isEmpty(),
                st -> "no confirmation given");
    }

    private static Condition keeperGood(Pair p) {
        return Condition.of(
                p.name(KEPT) + " (the copy kept) holds UpToDate data",
                st -> Drbd.upToDate(p, KEPT).holds(st),
                st -> st.host(KEPT).drbdWords());
    }

    private Step assess(Pair p) {
        String k = p.name(KEPT);
        String v = p.name(VICTIM);
        return p.step("assess", KEPT)
                .guard(confirmed(p).and(SplitBrain.seen(p)).and(keeperGood(p)))
                .once()
                .note("keeps " + k + "'s data; every write " + v + " took since the split is discarded, and " + v
                        + " receives a full resync. Stop Chef on the frontends first (chef-server-ctl stop)")
                .advice("give a confirmation (who chose " + k + " and why) after comparing both backends (oos,"
                        + " cluster.log 'Transitioned to master' times); a connected or syncing pair has no split"
                        + " brain to recover; a keeper that is not UpToDate cannot be kept: choose the other one")
                .build();
    }

    /**
     * Its HA services, which write to the victim's copy; the others come back with reconfigure-victim. Not
     * journaled-once: a victim that restarted and became master again must be stopped again.
     */
    private static Step stopChefVictim(Pair p) {
        return p.step("stop-chef-victim", VICTIM)
                .run(Command.of(p.cluster().reconfigureTimeout(), "chef-server-ctl", "stop"))
                .guard(keeperGood(p))
                .done(Services.noHaService(p, VICTIM))
                .note("chef-server-ctl stop leaves keepalived running")
                .advice("check that " + p.name(VICTIM) + " is reachable")
                .build();
    }

    private static Step umountVictim(Pair p) {
        String point = p.cluster().mountPoint();
        return p.step("umount-victim", VICTIM)
                .run(Command.of(p.cluster().commandTimeout(), "umount", point))
                .guard(keeperGood(p))
                .done(Filesystem.notMounted(p, VICTIM))
                .advice("find what keeps " + point + " busy on " + p.name(VICTIM) + " (fuser -vm " + point
                        + ") and end it")
                .build();
    }

    private static Step demoteVictim(Pair p) {
        return p.step("demote-victim", VICTIM)
                .run(p.dialect(VICTIM).secondary(p.cluster().resource()))
                .guard(Filesystem.notMounted(p, VICTIM).and(keeperGood(p)))
                .done(Drbd.role(p, VICTIM, Role.SECONDARY))
                .waitFor(Wait.of(
                        Drbd.role(p, VICTIM, Role.SECONDARY), p.cluster().stateTimeout()))
                .advice("unmount " + p.cluster().mountPoint() + " on " + p.name(VICTIM)
                        + " first: a mounted device cannot be demoted")
                .build();
    }

    /**
     * On 8.4 "Failure: (162) Invalid configuration request ... unknown connection",
     * exit 10, on a node that is StandAlone already; only the WFConnection side of a split brain needs it.
     */
    private static Step disconnectVictim(Pair p) {
        return p.step("disconnect-victim", VICTIM)
                .run(p.dialect(VICTIM).disconnect(p.cluster().resource()))
                .when(SplitBrain.waitingWithOwnData(p, VICTIM))
                .guard(Drbd.role(p, VICTIM, Role.SECONDARY).and(Filesystem.notMounted(p, VICTIM)))
                .done(Drbd.standAlone(p, VICTIM))
                .waitFor(Wait.of(Drbd.standAlone(p, VICTIM), p.cluster().stateTimeout()))
                // A resume after the discard ran must not drop its pending connection: that would repeat the discard.
                .notWhilePending("discard-victim")
                .advice("demote " + p.name(VICTIM) + " first")
                .build();
    }

    private static Step promoteKeeper(Pair p) {
        return p.step("promote-keeper", KEPT)
                .run(p.dialect(KEPT).primary(p.cluster().resource()))
                .guard(Drbd.role(p, VICTIM, Role.SECONDARY).and(keeperGood(p)))
                .done(Drbd.role(p, KEPT, Role.PRIMARY))
                .waitFor(Wait.of(Drbd.role(p, KEPT, Role.PRIMARY), p.cluster().stateTimeout()))
                .advice("demote " + p.name(VICTIM) + " first: two Primaries would split the data again")
                .build();
    }

    /**
     * The victim connects with {@code --discard-my-data} while the keeper is Primary: its writes are discarded only at
     * the handshake with the keeper, where Chef's {@code after-sb-1pri discard-secondary} (and the flag, under any
     * other policy) makes it the SyncTarget. Nothing is discarded before the keeper answers: a keeper lost right
     * before this step leaves the victim's copy whole, the last one. (An {@code invalidate} first, as before, made it
     * Inconsistent at once, keeper or not.)
     */
    private Step discardVictim(Pair p) {
        String k = p.name(KEPT);
        String v = p.name(VICTIM);
        return p.step("discard-victim", VICTIM)
                .run(p.dialect(VICTIM).connectDiscardingMyData(p.cluster().resource()))
                .destroysData()
                .acceptedLoss("every write " + v + " took since the split brain, discarded for " + k + "'s copy: "
                        + confirmation)
                .guard(confirmed(p)
                        .and(Drbd.role(p, VICTIM, Role.SECONDARY))
                        .and(Filesystem.notMounted(p, VICTIM))
                        .and(Drbd.standAlone(p, VICTIM))
                        .and(Drbd.roleUpToDate(p, KEPT, Role.PRIMARY)))
                .done(SplitBrain.discarded(p, VICTIM))
                // Its guard saw the victim StandAlone: connecting again, it is this command that ran.
                .pendingOnceStarted(connecting(p))
                .waitFor(Wait.of(discardedOrConnecting(p), p.cluster().stateTimeout()))
                .note("the discard happens at the handshake with " + k + " (Primary): after-sb-1pri discard-secondary"
                        + " makes " + v + " its SyncTarget; until " + k + " answers, " + v + "'s copy stays whole")
                .advice("the victim must be Secondary, unmounted and StandAlone, and the keeper Primary with UpToDate"
                        + " data, before its writes are discarded")
                .build();
    }

    /** The victim Secondary and waiting for the keeper's handshake, which discards its writes. */
    private static Condition connecting(Pair p) {
        return SplitBrain.waitingWithOwnData(p, VICTIM).and(Drbd.role(p, VICTIM, Role.SECONDARY));
    }

    /** The victim discarded already, or Secondary and waiting for the Primary keeper's handshake that discards it. */
    private static Condition discardedOrConnecting(Pair p) {
        Condition discarded = SplitBrain.discarded(p, VICTIM);
        Condition connecting = connecting(p);
        return Condition.of(
                p.name(VICTIM) + " discarded its data, or Secondary and waiting for " + p.name(KEPT)
                        + "'s handshake, which discards it",
                st -> discarded.holds(st) || connecting.holds(st),
                st -> st.host(VICTIM).drbdWords());
    }

    private static Step connectKeeper(Pair p) {
        return p.step("connect-keeper", KEPT)
                .run(p.dialect(KEPT).connect(p.cluster().resource()))
                .when(Drbd.standAlone(p, KEPT))
                .guard(Drbd.roleUpToDate(p, KEPT, Role.PRIMARY).and(discardedOrConnecting(p)))
                .done(Drbd.notStandAlone(p, KEPT))
                .advice("connect " + p.name(KEPT) + " only once " + p.name(VICTIM) + "'s data is discarded: otherwise"
                        + " the split brain is detected again")
                .build();
    }

    /**
     * master-recover and backup-recover run cluster.sh, which only a reconfigure past drbd_ready writes: a backend
     * whose Chef setup never finished gets it first.
     */
    private static Step readyKeeper(Pair p) {
        return p.step("ready-keeper", KEPT)
                .run(Command.of(
                        p.cluster().commandTimeout(), "touch", p.cluster().readyFile()))
                .when(ChefFiles.setupUnfinished(p, KEPT))
                .guard(Drbd.synced(p, KEPT, Role.PRIMARY).and(Filesystem.mounted(p, KEPT)))
                .done(ChefFiles.readyPresent(p, KEPT))
                .advice("drbd_ready only on a synced pair with the filesystem mounted; check ha-status")
                .build();
    }

    private static Step masterRecoverKeeper(Pair p) {
        return p.step("master-recover-keeper", KEPT)
                .run(Command.of(p.cluster().reconfigureTimeout(), "chef-server-ctl", "master-recover"))
                .guard(Drbd.synced(p, KEPT, Role.PRIMARY).and(ChefFiles.setupFinished(p, KEPT)))
                .done(Keepalived.clusterStatus(p, KEPT, "master").and(Filesystem.mounted(p, KEPT)))
                .advice("master-recover needs " + p.name(KEPT) + " Primary with " + p.name(VICTIM)
                        + " Secondary and synced")
                .build();
    }

    /**
     * stop-chef-victim stopped the services every backend runs; reconfigure starts them (and keepalived) as on a
     * backup at the end of the failover setup, where chef-server-ctl start would also start the HA services without
     * the mount.
     */
    private static Step reconfigureVictim(Pair p) {
        return p.step("reconfigure-victim", VICTIM)
                .run(Command.of(p.cluster().reconfigureTimeout(), "chef-server-ctl", "reconfigure"))
                .guard(Drbd.synced(p, VICTIM, Role.SECONDARY).and(Keepalived.clusterStatus(p, VICTIM, "backup")))
                .done(Services.backupServing(p, VICTIM))
                .note("left to the operator: chef-server-ctl start on the frontends; chef-server-ctl ha-status and"
                        + " /proc/drbd on both backends")
                .advice("reconfigure the victim only once it is a synced backup of " + p.name(KEPT))
                .build();
    }
}
