package io.drbd4j.chef;

import static io.drbd4j.chef.engine.Side.KEEPER;
import static io.drbd4j.chef.engine.Side.OTHER;

import io.drbd4j.chef.engine.Condition;
import io.drbd4j.chef.engine.Pair;
import io.drbd4j.chef.engine.Side;
import io.drbd4j.chef.engine.Step;
import io.drbd4j.chef.engine.Wait;
import io.drbd4j.chef.guards.Drbd;
import io.drbd4j.chef.guards.Generations;
import io.drbd4j.chef.guards.Keepalived;
import io.drbd4j.chef.guards.MetaData;
import io.drbd4j.core.model.Role;
import io.drbd4j.exec.runner.Command;
import java.util.List;

/**
 * A secondary that was lost, gracefully or by a crash, comes back and rejoins (the Chef guide's scenarios 1
 * and 2): it resyncs what the master wrote while it was away and stays backup.
 *
 * <p>{@link ChefHaCluster#keeper()} is the master M, the other backend B the one that is back. Steps: {@code check}
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

    /** The master, M, which kept running. */
    private static final Side MASTER = KEEPER;

    /** The backend that is back, B. */
    private static final Side RETURNING = OTHER;

    private RejoinSecondary() {}

    /**
     * Returns the workflow.
     *
     * @param cluster the master as {@link ChefHaCluster#keeper()}, the returning backend as the other one
     * @return the workflow
     */
    public static Workflow workflow(ChefHaCluster cluster) {
        return new Workflow(NAME, cluster, RejoinSecondary::steps);
    }

    static List<Step> steps(Pair p) {
        return List.of(
                check(p), // W4.1
                up(p), // W4.2
                connect(p, RETURNING, "connect-secondary"),
                connect(p, MASTER, "connect-primary"),
                SharedSteps.waitSync(p, "wait-sync"), // W4.3
                startKeepalived(p)); // W4.4
    }

    private static Step check(Pair p) {
        String m = p.name(MASTER);
        String b = p.name(RETURNING);
        return p.step("check", MASTER)
                .guard(Drbd.roleUpToDate(p, MASTER, Role.PRIMARY)
                        .and(Drbd.notPrimary(p, RETURNING))
                        .and(Keepalived.notMaster(p, RETURNING))
                        .and(Generations.noWritesApart(p, RETURNING)))
                .note(b + " starting as master while disconnected would make a split brain: its keepalived must stay"
                        + " backup until it has rejoined; nothing is forced on " + b)
                .advice("a " + b + " that is Primary while disconnected from " + m + " took writes of its own: that is"
                        + " a split brain; do not rejoin it, use split-brain-recovery to choose the victim;"
                        + " a " + m + " that is not Primary with UpToDate data is not a master to rejoin: check"
                        + " ha-status")
                .build();
    }

    /** Only with B's meta data found: the old copy. */
    private static Step up(Pair p) {
        String b = p.name(RETURNING);
        return p.step("up-secondary", RETURNING)
                .run(p.dialect(RETURNING).up(p.cluster().resource()))
                .when(Drbd.down(p, RETURNING))
                .guard(MetaData.present(p, RETURNING).and(Drbd.notPrimary(p, RETURNING)))
                .done(Drbd.up(p, RETURNING))
                .advice("without DRBD meta data " + b + "'s disk is not the old copy: replace it as a new secondary"
                        + " (replace-secondary), never create-md here")
                .build();
    }

    /** {@code drbdadm connect}, only on a StandAlone backend: B only as Secondary, M only as the UpToDate Primary. */
    private static Step connect(Pair p, Side side, String id) {
        Condition ready = (side == RETURNING
                        ? Drbd.role(p, RETURNING, Role.SECONDARY)
                        : Drbd.roleUpToDate(p, MASTER, Role.PRIMARY).and(Drbd.notPrimary(p, RETURNING)))
                .and(Generations.noWritesApart(p, RETURNING));
        String advice = side == RETURNING
                ? "only a Secondary " + p.name(RETURNING)
                        + " is connected; a Primary one is a split brain (split-brain-recovery)"
                : "connect " + p.name(MASTER) + " only while it is Primary with UpToDate data and " + p.name(RETURNING)
                        + " is Secondary";
        return p.step(id, side)
                .run(p.dialect(side).connect(p.cluster().resource()))
                .when(Drbd.standAlone(p, side))
                .guard(ready)
                .done(Drbd.notStandAlone(p, side))
                .advice(advice)
                .build();
    }

    private static Step startKeepalived(Pair p) {
        Condition backup = Keepalived.clusterRole(p, RETURNING, "backup");
        String m = p.name(MASTER);
        String b = p.name(RETURNING);
        return p.step("start-keepalived", RETURNING)
                .run(Command.of(p.cluster().reconfigureTimeout(), "chef-server-ctl", "start", "keepalived"))
                .when(Keepalived.stopped(p, RETURNING))
                .guard(Drbd.synced(p, RETURNING, Role.SECONDARY).and(Keepalived.clusterRole(p, MASTER, "master")))
                .done(backup)
                .waitFor(Wait.of(backup, p.cluster().stateTimeout()))
                .note(b + " joins as backup: keepalived starts in BACKUP and nopreempt keeps " + m + " master")
                .advice("start keepalived on " + b + " only with its copy complete and " + m + " master, or " + b
                        + " could take the master role with stale data; check ha-status")
                .build();
    }
}
