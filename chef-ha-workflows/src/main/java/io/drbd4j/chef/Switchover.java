package io.drbd4j.chef;

import static io.drbd4j.chef.engine.Side.KEEPER;
import static io.drbd4j.chef.engine.Side.OTHER;

import io.drbd4j.chef.engine.Condition;
import io.drbd4j.chef.engine.LiveState;
import io.drbd4j.chef.engine.Pair;
import io.drbd4j.chef.engine.Side;
import io.drbd4j.chef.engine.Step;
import io.drbd4j.chef.engine.Wait;
import io.drbd4j.chef.guards.Drbd;
import io.drbd4j.chef.guards.Filesystem;
import io.drbd4j.chef.guards.Keepalived;
import io.drbd4j.core.model.Role;
import io.drbd4j.exec.runner.Command;
import java.util.List;
import java.util.Optional;

/**
 * Planned switchover: the master hands the master role to the backup, with no data loss.
 * Failback is the same workflow with the roles swapped: a cluster whose {@link ChefHaCluster#keeper()} is the new
 * master.
 *
 * <p>{@link ChefHaCluster#keeper()} is the current master M, the other backend B becomes master. Steps: {@code check}
 * (M master with keepalived running, {@code Connected Primary/Secondary UpToDate/UpToDate} with {@code oos:0};
 * B backup with keepalived running and {@code Connected Secondary/Primary UpToDate/UpToDate}; no cluster transition
 * running on either, {@code requested_cluster_status} = {@code current_cluster_status}); on M {@code chef-server-ctl
 * stop keepalived}, whose {@code notify_stop} runs the backup transition there while B, hearing no more adverts, runs
 * the master transition; the wait until B is Primary, mounted and master; on M {@code chef-server-ctl start
 * keepalived}, which rejoins as backup ({@code nopreempt}). A pair already switched (B master, M backup) skips every
 * step.
 *
 * <p>The backup transition on M runs {@code fuser -km} and {@code umount -f} on the DRBD mount: every process using
 * it is killed, an operator's shell included, and a mount that stays busy makes {@code drbdadm secondary} fail
 * ("Device is held open by someone"), so B cannot promote. The VIP is not checked
 * here: keepalived moves it with the master role.
 */
public final class Switchover {
    /** The workflow's name in plans and journals. */
    public static final String NAME = "switchover";

    /** The current master, M, which hands the master role over and rejoins as backup. */
    private static final Side MASTER = KEEPER;

    /** The backup, B, which becomes master. */
    private static final Side BACKUP = OTHER;

    private Switchover() {}

    /**
     * Returns the workflow.
     *
     * @param cluster the current master as {@link ChefHaCluster#keeper()}; the other backend becomes master
     * @return the workflow
     */
    public static Workflow workflow(ChefHaCluster cluster) {
        return new Workflow(NAME, cluster, Switchover::steps);
    }

    static List<Step> steps(Pair p) {
        return List.of(check(p), stopKeepalived(p), startKeepalived(p));
    }

    /** The check: both sides healthy before anything changes. */
    private static Step check(Pair p) {
        String m = p.name(MASTER);
        String b = p.name(BACKUP);
        return p.step("check", MASTER)
                .guard(healthy(p))
                .done(switched(p))
                .once()
                .note("the VIP moves with keepalived and is not checked; leave "
                        + p.cluster().mountPoint() + " on " + m
                        + " (no shells, no backups reading it) before switching: " + busyMount(p))
                .advice("switch over only a healthy pair: " + b + " must be UpToDate with keepalived running as"
                        + " backup or it cannot take over (an outage); wait for a resync or a running transition to"
                        + " finish, and check ha-status and /proc/drbd on both backends")
                .build();
    }

    /** keepalived's notify_stop runs the backup transition on M; B, hearing no adverts, becomes master. */
    private static Step stopKeepalived(Pair p) {
        return p.step("stop-keepalived", MASTER)
                .run(Command.of(p.cluster().reconfigureTimeout(), "chef-server-ctl", "stop", "keepalived"))
                .guard(Drbd.synced(p, BACKUP, Role.SECONDARY).and(Keepalived.clusterRole(p, BACKUP, "backup")))
                .done(backupIsMaster(p).and(Keepalived.notMaster(p, MASTER)))
                .waitFor(new Wait(
                        backupIsMaster(p),
                        p.cluster().stateTimeout(),
                        st -> Optional.empty(),
                        st -> busy(p, st),
                        false))
                .note(busyMount(p))
                .advice(p.name(BACKUP) + " must be a synced backup with keepalived running to take over; check"
                        + " ha-status")
                .build();
    }

    /** M rejoins as backup. */
    private static Step startKeepalived(Pair p) {
        Condition backup = Keepalived.clusterRole(p, MASTER, "backup");
        String m = p.name(MASTER);
        String b = p.name(BACKUP);
        return p.step("start-keepalived", MASTER)
                .run(Command.of(p.cluster().reconfigureTimeout(), "chef-server-ctl", "start", "keepalived"))
                .guard(backupIsMaster(p).and(Drbd.synced(p, BACKUP, Role.PRIMARY)))
                .done(backup)
                .waitFor(Wait.of(backup, p.cluster().stateTimeout()))
                .note(m + " rejoins as backup: keepalived starts in BACKUP and nopreempt keeps " + b + " master")
                .advice("start keepalived on " + m + " only while " + b + " is master with a synced copy on " + m
                        + "; without it there is no standby: check ha-status on " + b)
                .build();
    }

    /** Both sides healthy, nothing out of sync, no transition running. */
    private static Condition healthy(Pair p) {
        return Keepalived.clusterRole(p, MASTER, "master")
                .and(Drbd.synced(p, MASTER, Role.PRIMARY))
                .and(Drbd.nothingOutOfSync(p, MASTER))
                .and(Keepalived.clusterRole(p, BACKUP, "backup"))
                .and(Drbd.synced(p, BACKUP, Role.SECONDARY))
                .and(Keepalived.noTransition(p, MASTER))
                .and(Keepalived.noTransition(p, BACKUP));
    }

    /** B Primary, mounted and master. */
    private static Condition backupIsMaster(Pair p) {
        return Drbd.role(p, BACKUP, Role.PRIMARY)
                .and(Filesystem.mounted(p, BACKUP))
                .and(Keepalived.clusterRole(p, BACKUP, "master"));
    }

    /** The switch done: B master, M backup. */
    private static Condition switched(Pair p) {
        return backupIsMaster(p).and(Keepalived.clusterRole(p, MASTER, "backup"));
    }

    private static Optional<String> busy(Pair p, LiveState st) {
        return st.host(MASTER).role().equals(Optional.of(Role.PRIMARY))
                ? Optional.of(st.host(MASTER).drbdWords() + ": " + p.name(MASTER) + " still Primary; its mount may be"
                        + " busy, so " + p.name(BACKUP) + " cannot promote")
                : Optional.empty();
    }

    private static String busyMount(Pair p) {
        String point = p.cluster().mountPoint();
        return "the backup transition on " + p.name(MASTER) + " kills every process using " + point
                + " (fuser -km, umount -f), an operator's shell too; a mount that stays busy makes drbdadm secondary"
                + " fail (\"Device is held open by someone\") and " + p.name(BACKUP) + " cannot promote";
    }
}
