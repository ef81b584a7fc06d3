package io.drbd4j.chef;

import static io.drbd4j.chef.Conditions.mounted;
import static io.drbd4j.chef.Conditions.notMounted;
import static io.drbd4j.chef.Conditions.role;
import static io.drbd4j.chef.Conditions.roleUpToDate;
import static io.drbd4j.chef.Conditions.synced;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.Role;
import io.drbd4j.core.safety.Answer;
import io.drbd4j.core.safety.DataSafety;
import io.drbd4j.core.safety.Verdict;
import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.exec.runner.Command;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Recovering from a DRBD split brain (chef-ha-procedures.md W9): both backends took writes while apart and DRBD
 * refused to reconnect them. The caller names the copy to keep; the other backend, the victim, loses every write it
 * took since the split and becomes a full copy of the keeper again.
 *
 * <p>The cluster passed in names the keeper as {@link ChefHaCluster#primary()}; the other backend is the victim.
 * Discarding the victim's writes needs the caller's confirmation (who decided, and why); it is journaled as the
 * discard step's accepted loss before that step runs. Without one, the run is refused before anything changes, so
 * {@code of(cluster, keep, "")} still gives a plan to show.
 *
 * <p>Steps: {@code assess} (a split-brain signature seen from both backends: both StandAlone, or one StandAlone and
 * the other WFConnection, both holding data that could diverge and drbd-core's {@link DataSafety} not ruling a split
 * brain out; the keeper UpToDate); on the victim {@code chef-server-ctl stop}, {@code umount} when mounted, {@code
 * drbdadm secondary} when Primary, {@code drbdadm disconnect} only when it is not StandAlone already (on 8.4 it exits
 * 10 there, "unknown connection", drbd-state-machine.md §2.7 DC2); the keeper promoted with a plain {@code drbdadm
 * primary} when Secondary; the discard on the victim; {@code drbdadm connect} on the keeper when StandAlone; the
 * resync waited for; {@code chef-server-ctl master-recover} on the keeper unless it is master, {@code backup-recover}
 * on the victim, each preceded, on a backend whose Chef setup never finished (no {@code cluster.sh}, which both run),
 * by drbd_ready and reconfigure.
 *
 * <p>The discard is {@code drbdadm invalidate} followed by the guide's {@code connect --discard-my-data} (8.4) or
 * {@code -- --discard-my-data connect} (8.3), not the guide's command alone. Under Chef's after-sb policies the
 * discard flag is read only when the automatic policies left the split brain unresolved (drbd-state-machine.md §3.4
 * step 6, §3.6): a split brain found with a common parent (rule 90) is decided first by after-sb-1pri
 * discard-secondary or after-sb-0pri discard-younger-primary, so with both backends Secondary the node promoted
 * later during the split loses whichever one was given the flag (S4 row 6t). {@code invalidate} on the StandAlone
 * Secondary victim marks its disk Inconsistent with every block out of sync (§2.11 I1); the handshake settles disk
 * states before any split-brain logic (§3.4 step 3), so the victim becomes SyncTarget of the keeper in every case
 * and in both dialects. The price is a full resync of the device. The keeper is also Primary when the victim
 * connects, so even a handshake that reached the policies would pick the victim (after-sb-1pri discard-secondary).
 *
 * <p>Left to the operator (the last step's note says so): {@code chef-server-ctl start keepalived} on the keeper,
 * then on the victim (if it was stopped), the victim's other services, {@code chef-server-ctl start} on the
 * frontends, and {@code chef-server-ctl ha-status} on both backends.
 */
public final class SplitBrainRecovery {
    /** The workflow's name in plans and journals. */
    public static final String NAME = "split-brain-recovery";

    private static final Set<DiskState> CAN_DIVERGE =
            EnumSet.of(DiskState.UP_TO_DATE, DiskState.CONSISTENT, DiskState.OUTDATED);

    private final ChefHaCluster cluster;
    private final String confirmation;

    private SplitBrainRecovery(ChefHaCluster cluster, String confirmation) {
        this.cluster = cluster;
        this.confirmation = confirmation;
    }

    /**
     * @param cluster the copy to keep as {@link ChefHaCluster#primary()}, the victim as the other backend
     * @param keep the keeper's name again, which must be the cluster's primary: the choice is stated twice
     * @param confirmation who chose the keeper and why, such as {@code jdoe: be1 holds the orders of 10:00-10:40};
     *     journaled as the victim's accepted loss. Blank: the run is refused at {@code assess}, the plan still shows
     * @return the recovery
     * @throws IllegalArgumentException when {@code keep} is not the cluster's primary
     */
    public static SplitBrainRecovery of(ChefHaCluster cluster, String keep, String confirmation) {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(keep, "keep");
        Objects.requireNonNull(confirmation, "confirmation");
        if (!keep.equals(cluster.primary())) {
            throw new IllegalArgumentException("the copy to keep is " + keep + " but the cluster's primary is "
                    + cluster.primary() + " (expected: the cluster built with the keeper as primary)");
        }
        return new SplitBrainRecovery(cluster, confirmation.strip());
    }

    /** @return the workflow */
    public Workflow workflow() {
        return new Workflow(NAME, cluster, this::steps);
    }

    private List<Step> steps(ChefHaCluster c, Dialects dialects) {
        String k = c.primary();
        String v = c.secondaryBackend().name();
        DrbdDialect keeperDialect = dialects.of(k);
        DrbdDialect victimDialect = dialects.of(v);
        Condition confirmed = Condition.of(
                "the discard of " + v + "'s writes confirmed (who and why)",
                st -> !confirmation.isEmpty(),
                st -> "no confirmation given");
        Condition keeperGood = Condition.of(
                k + " (the copy kept) holds UpToDate data",
                st -> st.primary().disk().equals(Optional.of(DiskState.UP_TO_DATE)),
                st -> st.primary().drbdWords());
        Condition victimStandAlone = connection(v, false, ConnectionState.STAND_ALONE);
        Condition discarded = discarded(v);
        List<Step> steps = new ArrayList<>();
        steps.add(Step.builder("assess", k)
                .guard(confirmed.and(splitBrain(k, v)).and(keeperGood))
                .once()
                .note("keeps " + k + "'s data; every write " + v + " took since the split is discarded, and " + v
                        + " receives a full resync. Stop Chef on the frontends first (chef-server-ctl stop, W9.2)")
                .advice("give a confirmation (who chose " + k + " and why) after comparing both backends (oos,"
                        + " cluster.log 'Transitioned to master' times); a connected or syncing pair has no split"
                        + " brain to recover; a keeper that is not UpToDate cannot be kept: choose the other one")
                .build());
        steps.add(Step.builder("stop-chef-victim", v)
                .run(Command.of(c.reconfigureTimeout(), "chef-server-ctl", "stop"))
                .guard(keeperGood)
                // Its HA services, which write to the victim's copy; the others come back with reconfigure-victim.
                // Not journaled-once: a victim that restarted and became master again must be stopped again.
                .done(Condition.of(
                        "no HA service running on " + v,
                        st -> st.secondary().haServices().values().stream().noneMatch(r -> r),
                        st -> "HA services on " + v + ": " + st.secondary().haServices()))
                .note("chef-server-ctl stop leaves keepalived running")
                .advice("check that " + v + " is reachable")
                .build());
        steps.add(Step.builder("umount-victim", v)
                .run(Command.of(c.commandTimeout(), "umount", c.mountPoint()))
                .guard(keeperGood)
                .done(notMounted(c, false))
                .advice("find what keeps " + c.mountPoint() + " busy on " + v + " (fuser -vm " + c.mountPoint()
                        + ") and end it")
                .build());
        steps.add(Step.builder("demote-victim", v)
                .run(victimDialect.secondary(c.resource()))
                .guard(notMounted(c, false).and(keeperGood))
                .done(role(c, false, Role.SECONDARY))
                .waitFor(Wait.of(role(c, false, Role.SECONDARY), c.stateTimeout()))
                .advice("unmount " + c.mountPoint() + " on " + v + " first: a mounted device cannot be demoted")
                .build());
        // drbd-state-machine.md §2.7 DC2: on 8.4 "Failure: (162) Invalid configuration request ... unknown connection",
        // exit 10, on a node that is StandAlone already; only the WFConnection side of a split brain needs it.
        steps.add(Step.builder("disconnect-victim", v)
                .run(victimDialect.disconnect(c.resource()))
                .when(Condition.of(
                        v + " waiting for its peer with its own data (not StandAlone, not invalidated)",
                        st -> !st.secondary().is(ConnectionState.STAND_ALONE)
                                && st.secondary().disconnected()
                                && st.secondary()
                                        .disk()
                                        .map(CAN_DIVERGE::contains)
                                        .orElse(false),
                        st -> st.secondary().drbdWords()))
                .guard(role(c, false, Role.SECONDARY).and(notMounted(c, false)))
                .done(victimStandAlone)
                .waitFor(Wait.of(victimStandAlone, c.stateTimeout()))
                .advice("demote " + v + " first")
                .build());
        steps.add(Step.builder("promote-keeper", k)
                .run(keeperDialect.primary(c.resource()))
                .guard(role(c, false, Role.SECONDARY).and(keeperGood))
                .done(role(c, true, Role.PRIMARY))
                .waitFor(Wait.of(role(c, true, Role.PRIMARY), c.stateTimeout()))
                .advice("demote " + v + " first: two Primaries would split the data again")
                .build());
        steps.add(Step.builder("discard-victim", v)
                .run(victimDialect.invalidate(c.resource()))
                .run(victimDialect.connectDiscardingMyData(c.resource()))
                .destroysData()
                .acceptedLoss("every write " + v + " took since the split brain, discarded for " + k + "'s copy: "
                        + confirmation)
                .guard(confirmed
                        .and(role(c, false, Role.SECONDARY))
                        .and(notMounted(c, false))
                        .and(victimStandAlone)
                        .and(roleUpToDate(c, true, Role.PRIMARY)))
                .done(discarded)
                .note("invalidate makes " + v + " a full SyncTarget of " + k + " whatever the after-sb policies decide"
                        + " (drbd-state-machine.md §2.11 I1, §3.6); --discard-my-data alone is ignored when the"
                        + " policies decide first")
                .advice("the victim must be Secondary, unmounted and StandAlone, and the keeper Primary with UpToDate"
                        + " data, before its writes are discarded")
                .build());
        steps.add(Step.builder("connect-keeper", k)
                .run(keeperDialect.connect(c.resource()))
                .when(connection(k, true, ConnectionState.STAND_ALONE))
                .guard(roleUpToDate(c, true, Role.PRIMARY).and(discarded))
                .done(Condition.of(
                        k + " not StandAlone", st -> !st.primary().is(ConnectionState.STAND_ALONE), st -> st.primary()
                                .drbdWords()))
                .advice("connect " + k + " only once " + v + "'s data is discarded: otherwise the split brain is"
                        + " detected again")
                .build());
        steps.add(CommonSteps.waitSync(c, "wait-sync"));
        // master-recover and backup-recover run cluster.sh, which only a reconfigure past drbd_ready writes: a backend
        // whose Chef setup never finished gets it first.
        steps.add(Step.builder("ready-keeper", k)
                .run(Command.of(c.commandTimeout(), "touch", c.readyFile()))
                .when(ChefSetup.unfinished(c, true))
                .guard(synced(c, true, Role.PRIMARY).and(mounted(c, true)))
                .done(Conditions.readyPresent(c, true))
                .advice("drbd_ready only on a synced pair with the filesystem mounted; check ha-status")
                .build());
        steps.add(ChefSetup.finishOnPrimary(c, "finish-setup-keeper"));
        steps.add(Step.builder("master-recover-keeper", k)
                .run(Command.of(c.reconfigureTimeout(), "chef-server-ctl", "master-recover"))
                .guard(synced(c, true, Role.PRIMARY).and(ChefSetup.finished(c, true)))
                .done(clusterStatus(k, true, "master").and(mounted(c, true)))
                .advice("master-recover needs " + k + " Primary with " + v + " Secondary and synced")
                .build());
        steps.add(ChefSetup.finishOnSecondary(c, "finish-setup-victim"));
        steps.add(Step.builder("backup-recover-victim", v)
                .run(Command.of(c.reconfigureTimeout(), "chef-server-ctl", "backup-recover"))
                .guard(synced(c, false, Role.SECONDARY).and(ChefSetup.finished(c, false)))
                .done(clusterStatus(v, false, "backup"))
                .advice("backup-recover needs " + v + " Secondary and synced with " + k)
                .build());
        // stop-chef-victim stopped the services every backend runs; reconfigure starts them (and keepalived) as on
        // a backup (W1.18), where chef-server-ctl start would also start the HA services without the mount (W12b.8).
        steps.add(Step.builder("reconfigure-victim", v)
                .run(Command.of(c.reconfigureTimeout(), "chef-server-ctl", "reconfigure"))
                .guard(synced(c, false, Role.SECONDARY).and(clusterStatus(v, false, "backup")))
                .done(Condition.of(
                        v + " backup with keepalived and its other services running",
                        st -> st.secondary().clusterRole("backup")
                                && st.secondary().otherServicesRunning(),
                        st -> st.secondary().clusterWords() + ", services "
                                + st.secondary().services()))
                .note("left to the operator: chef-server-ctl start on the frontends; chef-server-ctl ha-status and"
                        + " /proc/drbd on both backends")
                .advice("reconfigure the victim only once it is a synced backup of " + k)
                .build());
        return steps;
    }

    /** The split-brain signature of W9, read from both backends' /proc/drbd. */
    private static Condition splitBrain(String k, String v) {
        return new Condition(
                "a split brain: " + k + " and " + v + " both StandAlone, or one StandAlone and the other WFConnection,"
                        + " both with data of their own",
                st -> {
                    Optional<DeviceStatus> kd = st.primary().device();
                    Optional<DeviceStatus> vd = st.secondary().device();
                    String both =
                            st.primary().drbdWords() + "; " + st.secondary().drbdWords();
                    if (kd.isEmpty() || vd.isEmpty()) {
                        return Optional.of(both + ": the resource is not up on both");
                    }
                    if (!st.primary().disconnected() || !st.secondary().disconnected()) {
                        return Optional.of(both + ": no split brain (the pair is connected)");
                    }
                    boolean signature = signatureState(kd.get())
                            && signatureState(vd.get())
                            && (st.primary().is(ConnectionState.STAND_ALONE)
                                    || st.secondary().is(ConnectionState.STAND_ALONE));
                    if (!signature) {
                        return Optional.of(both + ": not the signature of a split brain DRBD detected");
                    }
                    for (Answer a : List.of(
                            DataSafety.of(kd.get(), vd.get()).splitBrain(),
                            DataSafety.of(vd.get(), kd.get()).splitBrain())) {
                        if (a.verdict() == Verdict.NO) {
                            return Optional.of(both + ": " + a.reason());
                        }
                    }
                    return Optional.empty();
                });
    }

    /** @return StandAlone or WFConnection with a disk that could have diverged */
    private static boolean signatureState(DeviceStatus d) {
        ConnectionState cs = d.connectionState();
        return (cs == ConnectionState.STAND_ALONE || cs == ConnectionState.WF_CONNECTION)
                && d.diskState().map(CAN_DIVERGE::contains).orElse(false);
    }

    /** The victim's data discarded: it invalidated and connecting, a SyncTarget, or synced as Secondary. */
    private static Condition discarded(String v) {
        return Condition.of(
                v + " discarded its data: Inconsistent and connecting, a SyncTarget, or synced as Secondary",
                st -> {
                    HostState s = st.secondary();
                    if (s.is(ConnectionState.STAND_ALONE) || s.device().isEmpty()) {
                        return false;
                    }
                    return s.disk().equals(Optional.of(DiskState.INCONSISTENT))
                            || s.is(ConnectionState.SYNC_TARGET)
                            || s.is(ConnectionState.PAUSED_SYNC_T)
                            || s.syncedAs(Role.SECONDARY);
                },
                st -> st.secondary().drbdWords());
    }

    private static Condition connection(String name, boolean primary, ConnectionState cs) {
        return Condition.of(name + " " + cs.label(), st -> host(st, primary).is(cs), st -> host(st, primary)
                .drbdWords());
    }

    private static Condition clusterStatus(String name, boolean primary, String status) {
        return Condition.of(
                name + " current_cluster_status " + status,
                st -> host(st, primary).clusterStatus().equals(Optional.of(status)),
                st -> host(st, primary).clusterWords());
    }

    private static HostState host(LiveState st, boolean primary) {
        return primary ? st.primary() : st.secondary();
    }
}
