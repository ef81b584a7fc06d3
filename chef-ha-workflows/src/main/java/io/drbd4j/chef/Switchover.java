package io.drbd4j.chef;

import static io.drbd4j.chef.Conditions.clusterRole;
import static io.drbd4j.chef.Conditions.mounted;
import static io.drbd4j.chef.Conditions.synced;

import io.drbd4j.core.model.Role;
import io.drbd4j.exec.runner.Command;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Planned switchover (chef-ha-procedures.md W2): the master hands the master role to the backup, with no data loss.
 * Failback is the same workflow with the roles swapped: a cluster whose {@link ChefHaCluster#primary()} is the new
 * master.
 *
 * <p>{@link ChefHaCluster#primary()} is the current master M, the other backend B becomes master. Steps: {@code check}
 * (W2.1: M master with keepalived running, {@code Connected Primary/Secondary UpToDate/UpToDate} with {@code oos:0};
 * B backup with keepalived running and {@code Connected Secondary/Primary UpToDate/UpToDate}; no cluster transition
 * running on either, {@code requested_cluster_status} = {@code current_cluster_status}); on M {@code chef-server-ctl
 * stop keepalived}, whose {@code notify_stop} runs the backup transition there while B, hearing no more adverts, runs
 * the master transition; the wait until B is Primary, mounted and master; on M {@code chef-server-ctl start
 * keepalived}, which rejoins as backup ({@code nopreempt}). A pair already switched (B master, M backup) skips every
 * step.
 *
 * <p>The backup transition on M runs {@code fuser -km} and {@code umount -f} on the DRBD mount: every process using
 * it is killed, an operator's shell included, and a mount that stays busy makes {@code drbdadm secondary} fail
 * ("Device is held open by someone"), so B cannot promote (chef-ha-procedures.md §2.5 item 4). The VIP is not checked
 * here: keepalived moves it with the master role.
 */
public final class Switchover {
    /** The workflow's name in plans and journals. */
    public static final String NAME = "switchover";

    static final String REQUESTED_STATUS = "/var/opt/opscode/keepalived/requested_cluster_status";

    private Switchover() {}

    /**
     * @param cluster the current master as {@link ChefHaCluster#primary()}; the other backend becomes master
     * @return the workflow
     */
    public static Workflow workflow(ChefHaCluster cluster) {
        return new Workflow(NAME, cluster, Switchover::steps);
    }

    static List<Step> steps(ChefHaCluster c, Dialects dialects) {
        String m = c.primary();
        String b = c.secondaryBackend().name();
        Condition bMaster =
                Conditions.role(c, false, Role.PRIMARY).and(mounted(c, false)).and(clusterRole(c, false, "master"));
        Condition switched = bMaster.and(clusterRole(c, true, "backup"));
        Condition healthy = clusterRole(c, true, "master")
                .and(synced(c, true, Role.PRIMARY))
                .and(nothingOutOfSync(c))
                .and(clusterRole(c, false, "backup"))
                .and(synced(c, false, Role.SECONDARY))
                .and(noTransition(c, true))
                .and(noTransition(c, false));
        String busyMount = "the backup transition on " + m + " kills every process using " + c.mountPoint()
                + " (fuser -km, umount -f), an operator's shell too; a mount that stays busy makes drbdadm secondary"
                + " fail (\"Device is held open by someone\") and " + b + " cannot promote (§2.5 item 4)";
        Step check = Step.builder("check", m)
                .guard(healthy)
                .done(switched)
                .once()
                .note("the VIP moves with keepalived and is not checked; leave " + c.mountPoint() + " on " + m
                        + " (no shells, no backups reading it) before switching: " + busyMount)
                .advice("switch over only a healthy pair: " + b + " must be UpToDate with keepalived running as"
                        + " backup or it cannot take over (an outage); wait for a resync or a running transition to"
                        + " finish, and check ha-status and /proc/drbd on both backends")
                .build();
        Step stop = Step.builder("stop-keepalived", m)
                .run(Command.of(c.reconfigureTimeout(), "chef-server-ctl", "stop", "keepalived"))
                .guard(synced(c, false, Role.SECONDARY).and(clusterRole(c, false, "backup")))
                .done(bMaster.and(notMaster(c, true)))
                .waitFor(new Wait(
                        bMaster,
                        c.stateTimeout(),
                        st -> Optional.empty(),
                        st -> st.primary().role().equals(Optional.of(Role.PRIMARY))
                                ? Optional.of(st.primary().drbdWords() + ": " + m + " still Primary; its mount may be"
                                        + " busy, so " + b + " cannot promote")
                                : Optional.empty(),
                        false))
                .note(busyMount)
                .advice(b + " must be a synced backup with keepalived running to take over; check ha-status")
                .build();
        Step start = Step.builder("start-keepalived", m)
                .run(Command.of(c.reconfigureTimeout(), "chef-server-ctl", "start", "keepalived"))
                .guard(bMaster.and(synced(c, false, Role.PRIMARY)))
                .done(clusterRole(c, true, "backup"))
                .waitFor(Wait.of(clusterRole(c, true, "backup"), c.stateTimeout()))
                .note(m + " rejoins as backup: keepalived starts in BACKUP and nopreempt keeps " + b + " master")
                .advice("start keepalived on " + m + " only while " + b + " is master with a synced copy on " + m
                        + "; without it there is no standby: check ha-status on " + b)
                .build();
        return List.of(check, stop, start);
    }

    /** W2.1: the master's {@code oos:} shows 0 KiB out of sync. */
    private static Condition nothingOutOfSync(ChefHaCluster c) {
        return Condition.of(
                c.primary() + " oos:0",
                st -> st.primary().outOfSyncKiB() == 0,
                st -> c.primary() + " oos:" + st.primary().outOfSyncKiB() + " KiB out of sync");
    }

    /** G-KA: no cluster transition running: requested_cluster_status equals current_cluster_status. */
    private static Condition noTransition(ChefHaCluster c, boolean primary) {
        String name = primary ? c.primary() : c.secondaryBackend().name();
        return Condition.of(
                "no cluster transition running on " + name + " (requested_cluster_status = current_cluster_status)",
                st -> requested(host(st, primary)).equals(host(st, primary).clusterStatus()),
                st -> name + ": requested_cluster_status "
                        + requested(host(st, primary)).orElse("absent") + ", current_cluster_status "
                        + host(st, primary).clusterStatus().orElse("absent") + " (a transition running or failed)");
    }

    private static Condition notMaster(ChefHaCluster c, boolean primary) {
        String name = primary ? c.primary() : c.secondaryBackend().name();
        return Condition.of(
                name + " current_cluster_status not master",
                st -> !host(st, primary).clusterStatus().equals(Optional.of("master")),
                st -> host(st, primary).clusterWords());
    }

    private static HostState host(LiveState st, boolean primary) {
        return primary ? st.primary() : st.secondary();
    }

    private static Optional<String> requested(HostState host) {
        return host.contents(REQUESTED_STATUS).map(bytes -> new String(bytes, StandardCharsets.UTF_8).strip());
    }
}
