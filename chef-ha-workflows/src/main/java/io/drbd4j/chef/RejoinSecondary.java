package io.drbd4j.chef;

import static io.drbd4j.chef.Conditions.clusterRole;
import static io.drbd4j.chef.Conditions.metaData;
import static io.drbd4j.chef.Conditions.role;
import static io.drbd4j.chef.Conditions.roleUpToDate;
import static io.drbd4j.chef.Conditions.synced;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.Role;
import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.exec.runner.Command;
import java.util.List;
import java.util.Optional;

/**
 * A secondary that was lost, gracefully or by a crash, comes back and rejoins (chef-ha-procedures.md W4, the Chef
 * guide's scenarios 1 and 2): it resyncs what the master wrote while it was away and stays backup.
 *
 * <p>{@link ChefHaCluster#primary()} is the master M, the other backend B the one that is back. Steps: {@code check}
 * (M Primary with UpToDate data; B not Primary, which while disconnected would be a split brain, and not master);
 * {@code drbdadm up} on B when its resource is down (only with B's meta data found: the old copy); {@code drbdadm
 * connect} on B, then on M, each only when StandAlone; the resync waited for with progress until {@code Connected
 * Primary/Secondary UpToDate/UpToDate}; {@code chef-server-ctl start keepalived} on B only when it does not run, once
 * the copy is complete and M is master, so that B joins as backup. Nothing is ever forced on B: no {@code primary
 * --force}, no {@code --discard-my-data}, no {@code create-md}.
 */
public final class RejoinSecondary {
    /** The workflow's name in plans and journals. */
    public static final String NAME = "rejoin-secondary";

    private RejoinSecondary() {}

    /**
     * @param cluster the master as {@link ChefHaCluster#primary()}, the returning backend as the other one
     * @return the workflow
     */
    public static Workflow workflow(ChefHaCluster cluster) {
        return new Workflow(NAME, cluster, RejoinSecondary::steps);
    }

    static List<Step> steps(ChefHaCluster c, Dialects dialects) {
        String m = c.primary();
        String b = c.secondaryBackend().name();
        DrbdDialect bDialect = dialects.of(b);
        DrbdDialect mDialect = dialects.of(m);
        Step check = Step.builder("check", m)
                .guard(roleUpToDate(c, true, Role.PRIMARY).and(notPrimary(c)).and(notMaster(c)))
                .note(b + " starting as master while disconnected would make a split brain: its keepalived must stay"
                        + " backup (W4.2); nothing is forced on " + b)
                .advice("a " + b + " that is Primary while disconnected from " + m + " took writes of its own: that is"
                        + " a split brain; do not rejoin it, use the split-brain workflow (W9) to choose the victim;"
                        + " a " + m + " that is not Primary with UpToDate data is not a master to rejoin: check"
                        + " ha-status")
                .build();
        Step up = Step.builder("up-secondary", b)
                .run(bDialect.up(c.resource()))
                .when(Condition.of(
                        c.resource() + " down on " + b,
                        st -> st.secondary().device().isEmpty(),
                        st -> st.secondary().drbdWords()))
                .guard(metaData(c, false, bDialect, true).and(notPrimary(c)))
                .done(Conditions.up(c, false))
                .advice("without DRBD meta data " + b + "'s disk is not the old copy: replace it as a new secondary"
                        + " (replace-secondary), never create-md here")
                .build();
        Step connectB = Step.builder("connect-secondary", b)
                .run(bDialect.connect(c.resource()))
                .when(standAlone(c, false))
                .guard(role(c, false, Role.SECONDARY))
                .done(notStandAlone(c, false))
                .advice("only a Secondary " + b + " is connected; a Primary one is a split brain (W9)")
                .build();
        Step connectM = Step.builder("connect-primary", m)
                .run(mDialect.connect(c.resource()))
                .when(standAlone(c, true))
                .guard(roleUpToDate(c, true, Role.PRIMARY).and(notPrimary(c)))
                .done(notStandAlone(c, true))
                .advice("connect " + m + " only while it is Primary with UpToDate data and " + b + " is Secondary")
                .build();
        Step sync = CommonSteps.waitSync(c, "wait-sync");
        Step keepalived = Step.builder("start-keepalived", b)
                .run(Command.of(c.reconfigureTimeout(), "chef-server-ctl", "start", "keepalived"))
                .when(Condition.of(
                        "keepalived not running on " + b,
                        st -> !st.secondary().running(HostState.KEEPALIVED),
                        st -> st.secondary().clusterWords()))
                .guard(synced(c, false, Role.SECONDARY).and(clusterRole(c, true, "master")))
                .done(clusterRole(c, false, "backup"))
                .waitFor(Wait.of(clusterRole(c, false, "backup"), c.stateTimeout()))
                .note(b + " joins as backup: keepalived starts in BACKUP and nopreempt keeps " + m + " master")
                .advice("start keepalived on " + b + " only with its copy complete and " + m + " master, or " + b
                        + " could take the master role with stale data; check ha-status")
                .build();
        return List.of(check, up, connectB, connectM, sync, keepalived);
    }

    /** The returning backend is not Primary: Primary while apart means it took writes of its own. */
    private static Condition notPrimary(ChefHaCluster c) {
        String b = c.secondaryBackend().name();
        return Condition.of(
                b + " not Primary",
                st -> !st.secondary().role().equals(Optional.of(Role.PRIMARY)),
                st -> st.secondary().drbdWords()
                        + (st.secondary().disconnected()
                                ? ": " + b + " is Primary while disconnected from " + c.primary() + ": a split brain"
                                : ": " + b + " is Primary"));
    }

    /** G-KA: the returning backend's keepalived does not call itself master. */
    private static Condition notMaster(ChefHaCluster c) {
        String b = c.secondaryBackend().name();
        return Condition.of(
                b + " current_cluster_status not master",
                st -> !st.secondary().clusterStatus().equals(Optional.of("master")),
                st -> st.secondary().clusterWords() + ": " + b + " took the master role while apart");
    }

    private static Condition standAlone(ChefHaCluster c, boolean primary) {
        String name = primary ? c.primary() : c.secondaryBackend().name();
        return Condition.of(
                name + " StandAlone",
                st -> (primary ? st.primary() : st.secondary()).is(ConnectionState.STAND_ALONE),
                st -> (primary ? st.primary() : st.secondary()).drbdWords());
    }

    private static Condition notStandAlone(ChefHaCluster c, boolean primary) {
        String name = primary ? c.primary() : c.secondaryBackend().name();
        return Condition.of(
                name + " not StandAlone",
                st -> !(primary ? st.primary() : st.secondary()).is(ConnectionState.STAND_ALONE),
                st -> (primary ? st.primary() : st.secondary()).drbdWords());
    }
}
