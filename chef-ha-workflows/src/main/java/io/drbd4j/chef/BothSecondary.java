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
import io.drbd4j.chef.guards.Filesystem;
import io.drbd4j.chef.guards.Generations;
import io.drbd4j.chef.guards.Keepalived;
import io.drbd4j.chef.guards.MetaData;
import io.drbd4j.core.model.Role;
import io.drbd4j.exec.GenerationIdentifiers;
import io.drbd4j.exec.runner.Command;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Both backends Secondary (the Chef guide's scenario 5): neither serves, and one must become the master again.
 *
 * <p>{@link #evidence} reads both backends and says which copy holds the newest writes where DRBD's generation
 * identifiers tell; the caller names the copy to keep (the cluster's {@link ChefHaCluster#keeper()}) and confirms. The
 * guide's "promote the lower oos" is never applied: on a disconnected pair the lower {@code oos} can be the node that
 * lacks the newest writes. A keeper whose generation identifiers show the other backend holds writes it lacks (newer,
 * or diverged as in a split brain) is refused, unless the caller also confirms the wipe of the other's copy.
 *
 * <p>Steps: {@code assess} (neither Primary, the keeper UpToDate, the choice confirmed, and the data relation as
 * above); {@code drbdadm primary} on the keeper (no force); {@code chef-server-ctl master-recover} there; then the
 * other backend back as backup: {@code drbdadm connect} on a StandAlone side, the resync waited for, {@code
 * chef-server-ctl backup-recover}, and keepalived started where it was stopped (the keeper first, so that it stays
 * master).
 *
 * <p>With {@link #wipingOther}, the guide's last resort (W8.4) replaces the plain reconnection: {@code drbdadm down},
 * {@code drbdadm -- --force wipe-md}, {@code drbdadm -- --force create-md} (drbdmeta would otherwise ask about the
 * filesystem the wipe left in the data area) and {@code up} on the other backend, which then takes a full
 * resync from the keeper. The wipe runs only while the keeper is Primary with UpToDate data and the other's resource
 * is down, and it is journaled as an accepted loss naming the size of the copy dropped.
 */
public final class BothSecondary {
    /** The workflow's name in plans and journals. */
    public static final String NAME = "both-secondary";

    /** Chef's keepalived transition log. */
    static final String CLUSTER_LOG = "/var/log/opscode/keepalived/cluster.log";

    private static final String MASTER_LINE = "Transitioned to master";

    private final ChefHaCluster cluster;
    private final String confirmation;
    private final Optional<String> wipeConfirmation;

    private BothSecondary(ChefHaCluster cluster, String confirmation, Optional<String> wipeConfirmation) {
        this.cluster = cluster;
        this.confirmation = confirmation;
        this.wipeConfirmation = wipeConfirmation;
    }

    /**
     * Returns the recovery, keeping the cluster's keeper.
     *
     * @param cluster the copy to keep as {@link ChefHaCluster#keeper()}, the other backend as the other one
     * @param keep the keeper's name again, which must be the cluster's keeper: the choice is stated twice
     * @param confirmation who chose the keeper and why, such as {@code jdoe: be1 was master last (cluster.log)}; blank:
     *     the run is refused at {@code assess}, the plan still shows
     * @return the recovery
     * @throws IllegalArgumentException when {@code keep} is not the cluster's keeper
     */
    public static BothSecondary of(ChefHaCluster cluster, String keep, String confirmation) {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(keep, "keep");
        Objects.requireNonNull(confirmation, "confirmation");
        if (!keep.equals(cluster.keeper())) {
            throw new IllegalArgumentException("the copy to keep is " + keep + " but the cluster's keeper is "
                    + cluster.keeper() + " (expected: the cluster built with the copy to keep as its keeper)");
        }
        return new BothSecondary(cluster, confirmation.strip(), Optional.empty());
    }

    /**
     * Returns this recovery with the other backend's meta data wiped and recreated, so that it takes a full resync from
     * the keeper (W8.4): every write only the other backend holds is lost.
     *
     * @param confirmation who accepts the loss of the other backend's whole copy and why; must not be blank
     * @return this recovery, wiping the other backend's meta data
     * @throws IllegalArgumentException when the confirmation is blank
     */
    public BothSecondary wipingOther(String confirmation) {
        if (confirmation.isBlank()) {
            throw new IllegalArgumentException(
                    "a wipe of " + cluster.otherBackend().name()
                            + "'s copy without a confirmation (expected: who accepts the loss and why)");
        }
        return new BothSecondary(cluster, this.confirmation, Optional.of(confirmation.strip()));
    }

    /**
     * Returns the workflow.
     *
     * @return the workflow
     */
    public Workflow workflow() {
        return new Workflow(NAME, cluster, this::steps);
    }

    /**
     * Reads both backends and says what they show; changes nothing.
     *
     * @param cluster the two backends, the keeper first in the evidence
     * @return both backends' evidence and what their generation identifiers say
     * @throws WorkflowException (STATE_UNKNOWN) when a backend cannot be read
     */
    public static SecondaryEvidence evidence(ChefHaCluster cluster) {
        Pair p = Pair.resolve(NAME, cluster);
        LiveState s = new LiveState(p);
        try {
            return evidence(p, s);
        } catch (StateUnknownException e) {
            throw new WorkflowException(
                    WorkflowException.Reason.STATE_UNKNOWN,
                    NAME,
                    "assess",
                    e.host(),
                    e.getMessage(),
                    "both backends' /proc/drbd, get-gi and cluster.log",
                    "check that " + e.host() + " is reachable",
                    e);
        }
    }

    private static SecondaryEvidence evidence(Pair p, LiveState s) {
        List<SecondaryEvidence.Node> nodes = new ArrayList<>();
        for (Side side : List.of(KEEPER, OTHER)) {
            HostState h = s.host(side);
            nodes.add(new SecondaryEvidence.Node(
                    h.name(),
                    h.drbdWords().substring(h.name().length() + 2),
                    h.role(),
                    h.disk(),
                    h.outOfSyncKiB(),
                    h.generations().map(GenerationIdentifiers::toString).orElse("absent (no meta data)"),
                    lastMaster(h),
                    h.clusterStatus()));
        }
        DataRelation relation = Generations.relation(p, s);
        return new SecondaryEvidence(nodes, relation, Generations.words(p, relation));
    }

    /** The last "Transitioned to master" line of the backend's cluster.log; empty when none or no log. */
    private static Optional<String> lastMaster(HostState h) {
        Optional<byte[]> log = h.contents(CLUSTER_LOG);
        if (log.isEmpty()) {
            return Optional.empty();
        }
        String last = null;
        for (String line : new String(log.get(), StandardCharsets.UTF_8).split("\n")) {
            if (line.contains(MASTER_LINE)) {
                last = line.strip();
            }
        }
        return Optional.ofNullable(last);
    }

    private List<Step> steps(Pair p) {
        List<Step> steps = new ArrayList<>();
        steps.add(assess(p)); // W8.1, W8.2
        steps.add(stopKeepalivedOther(p));
        steps.add(promoteKeeper(p)); // W8.2
        steps.add(masterRecoverKeeper(p)); // W8.3
        if (wipeConfirmation.isPresent()) {
            steps.add(downOther(p)); // W8.4
            steps.add(wipeOther(p, wipeConfirmation.get()));
            // wipe-md leaves the data area as it was: drbdmeta's create-md finds the old filesystem there and asks
            // "Found ext3 filesystem ... Do you want to proceed?", which without a TTY ends "Operation canceled." with
            // exit 1 (drbd-utils user/shared/drbdmeta.c, check_for_existing_data; seen on the real pair, drbd-utils
            // 9.22). That data is the copy whose loss the wipe accepted: --force answers for it.
            steps.add(SharedSteps.createMd(p, OTHER, "create-md-other", true));
            steps.add(SharedSteps.up(p, OTHER, "up-other", null));
        } else {
            steps.add(connect(p, OTHER, "connect-other"));
        }
        steps.add(connect(p, KEEPER, "connect-keeper"));
        steps.add(SharedSteps.waitSync(p, "wait-sync"));
        steps.add(backupRecoverOther(p));
        steps.add(startKeepalived(p, KEEPER, "master"));
        steps.add(startKeepalived(p, OTHER, "backup"));
        return steps;
    }

    private Condition confirmed(Pair p) {
        return Condition.of(
                "the choice of " + p.name(KEEPER) + "'s copy confirmed (who and why)",
                st -> !confirmation.isEmpty(),
                st -> "no confirmation given");
    }

    private static Condition neitherPrimary(Pair p) {
        return Condition.of(
                "neither backend Primary",
                st -> !st.host(KEEPER).role().equals(Optional.of(Role.PRIMARY))
                        && !st.host(OTHER).role().equals(Optional.of(Role.PRIMARY)),
                st -> st.host(KEEPER).drbdWords() + "; " + st.host(OTHER).drbdWords()
                        + ": a Primary backend is no case for both-secondary (see ha-status)");
    }

    /**
     * The other backend holds no write the keeper lacks, by the generation identifiers; with the wipe confirmed any
     * relation is accepted, since the wipe is the accepted loss.
     */
    private Condition relationAllows(Pair p) {
        return Condition.of(
                wipeConfirmation.isPresent()
                        ? "any data relation (the wipe of " + p.name(OTHER) + "'s copy is confirmed)"
                        : p.name(OTHER) + " holds no write " + p.name(KEEPER) + " lacks (get-gi: the same data, "
                                + p.name(KEEPER) + " newer, or no verdict)",
                st -> wipeConfirmation.isPresent() || otherHasNothingNewer(Generations.relation(p, st)),
                st -> Generations.words(p, Generations.relation(p, st)) + " (get-gi " + p.name(KEEPER) + " "
                        + gi(st.host(KEEPER)) + ", " + p.name(OTHER) + " " + gi(st.host(OTHER)) + ")");
    }

    private static boolean otherHasNothingNewer(DataRelation relation) {
        return relation == DataRelation.SAME
                || relation == DataRelation.FIRST_NEWER
                || relation == DataRelation.UNKNOWN;
    }

    private static String gi(HostState h) {
        return h.generations().map(GenerationIdentifiers::toString).orElse("absent");
    }

    private Step assess(Pair p) {
        String k = p.name(KEEPER);
        String o = p.name(OTHER);
        return p.step("assess", KEEPER)
                .guard(confirmed(p)
                        .and(neitherPrimary(p))
                        .and(Drbd.upToDate(p, KEEPER))
                        .and(relationAllows(p)))
                // The keeper Primary already (a resumed run, or its keepalived took the role at boot): what remains is
                // the other's rejoining, whose steps guard themselves.
                .done(Drbd.roleUpToDate(p, KEEPER, Role.PRIMARY).and(Drbd.notPrimary(p, OTHER)))
                .once()
                .note("keeps " + k + "'s copy: " + planEvidence(p))
                .advice("read both-secondary's evidence (" + NAME + " evidence): keep the backend the generation"
                        + " identifiers name as newest; the lower oos is not the rule. A keeper that is not UpToDate"
                        + " cannot be promoted: keep " + o + ". When " + o + " holds writes " + k + " lacks, either"
                        + " keep " + o + ", or confirm the wipe of " + o + "'s copy (wipingOther), which loses them;"
                        + " both backends with writes of their own is a split brain: split-brain-recovery")
                .build();
    }

    /** The evidence as the plan shows it, read when the plan is made. */
    private static String planEvidence(Pair p) {
        try {
            return evidence(p, new LiveState(p)).toText().strip().replace("\n", " | ");
        } catch (StateUnknownException e) {
            return "the evidence could not be read: " + e.getMessage();
        }
    }

    /**
     * The other backend's keepalived stays stopped until it has rejoined as backup: heard no master (the keeper is not
     * master yet), it would take the role and promote its own copy (the boot race of W6.5). A resumed run stops it
     * again, demoting a copy that took the role meanwhile; whether that copy took writes the keeper lacks, the
     * promotion's guard reads again.
     */
    private static Step stopKeepalivedOther(Pair p) {
        String o = p.name(OTHER);
        return p.step("stop-keepalived-other", OTHER)
                .run(Command.of(p.cluster().reconfigureTimeout(), "chef-server-ctl", "stop", "keepalived"))
                .when(notYetMaster(p))
                .guard(Drbd.upToDate(p, KEEPER))
                .done(Keepalived.stopped(p, OTHER))
                .note(o + "'s keepalived stays stopped until " + o + " has rejoined as backup: it could take the master"
                        + " role and promote its own copy meanwhile")
                .advice("check that " + o + " is reachable")
                .build();
    }

    /** The keeper is not yet the master: Primary with current_cluster_status master. */
    private static Condition notYetMaster(Pair p) {
        Condition master = Drbd.role(p, KEEPER, Role.PRIMARY).and(Keepalived.clusterStatus(p, KEEPER, "master"));
        return Condition.of(
                p.name(KEEPER) + " not yet master (Primary, current_cluster_status master)",
                st -> !master.holds(st),
                st -> st.host(KEEPER).drbdWords() + "; " + st.host(KEEPER).clusterWords());
    }

    private Step promoteKeeper(Pair p) {
        return p.step("promote-keeper", KEEPER)
                .run(p.dialect(KEEPER).primary(p.cluster().resource()))
                .guard(Drbd.notPrimary(p, OTHER)
                        .and(Drbd.roleUpToDate(p, KEEPER, Role.SECONDARY))
                        .and(relationAllows(p)))
                .done(Drbd.role(p, KEEPER, Role.PRIMARY))
                .waitFor(Wait.of(Drbd.role(p, KEEPER, Role.PRIMARY), p.cluster().stateTimeout()))
                .note("a plain drbdadm primary: no --force; DRBD promotes only UpToDate data")
                .advice("a Primary " + p.name(OTHER) + " is serving already: check ha-status. If " + p.name(KEEPER)
                        + " will not promote, the guide's last resort is the wipe of " + p.name(OTHER)
                        + "'s meta data (wipingOther), once " + p.name(KEEPER) + " is Primary")
                .build();
    }

    private static Step masterRecoverKeeper(Pair p) {
        return p.step("master-recover-keeper", KEEPER)
                .run(Command.of(p.cluster().reconfigureTimeout(), "chef-server-ctl", "master-recover"))
                .guard(Drbd.roleUpToDate(p, KEEPER, Role.PRIMARY)
                        .and(Drbd.notPrimary(p, OTHER))
                        .and(ChefFiles.setupFinished(p, KEEPER)))
                .done(Keepalived.clusterStatus(p, KEEPER, "master").and(Filesystem.mounted(p, KEEPER)))
                .advice("master-recover needs " + p.name(KEEPER) + " Primary with UpToDate data and " + p.name(OTHER)
                        + " not Primary")
                .build();
    }

    /** {@code drbdadm connect} on a StandAlone side; never while the other holds writes the keeper lacks. */
    private Step connect(Pair p, Side side, String id) {
        Condition ready = side == OTHER
                ? Drbd.role(p, OTHER, Role.SECONDARY).and(relationAllowsConnect(p))
                : Drbd.roleUpToDate(p, KEEPER, Role.PRIMARY)
                        .and(Drbd.notPrimary(p, OTHER))
                        .and(relationAllowsConnect(p));
        return p.step(id, side)
                .run(p.dialect(side).connect(p.cluster().resource()))
                .when(Drbd.standAlone(p, side))
                .guard(ready)
                .done(Drbd.notStandAlone(p, side))
                .advice("connect only a Secondary " + p.name(OTHER) + " that holds no write " + p.name(KEEPER)
                        + " lacks: Chef's after-sb policies would discard them without a word")
                .build();
    }

    /** At the reconnection: the other holds nothing newer, or its meta data was wiped and made new. */
    private Condition relationAllowsConnect(Pair p) {
        Condition fresh = Generations.blank(p, OTHER);
        return Condition.of(
                p.name(OTHER) + " holds no write " + p.name(KEEPER) + " lacks (get-gi), or holds nothing (its meta"
                        + " data made new)",
                st -> fresh.holds(st) || otherHasNothingNewer(Generations.relation(p, st)),
                st -> Generations.words(p, Generations.relation(p, st)));
    }

    private static Step downOther(Pair p) {
        return p.step("down-other", OTHER)
                .run(p.dialect(OTHER).down(p.cluster().resource()))
                .when(Drbd.up(p, OTHER))
                .guard(Drbd.notPrimary(p, OTHER)
                        .and(Filesystem.notMounted(p, OTHER))
                        .and(Drbd.roleUpToDate(p, KEEPER, Role.PRIMARY)))
                .done(Drbd.down(p, OTHER))
                .advice("take " + p.name(OTHER) + "'s resource down only while it is Secondary and unmounted and "
                        + p.name(KEEPER) + " is Primary with UpToDate data")
                .build();
    }

    /** W8.4's wipe-md: the other's whole copy, an accepted loss of its size. */
    private Step wipeOther(Pair p, String wipe) {
        String o = p.name(OTHER);
        Condition confirmedWipe = Condition.of(
                "the wipe of " + o + "'s copy confirmed (who and why)", st -> !wipe.isEmpty(), st -> "none given");
        return p.step("wipe-md-other", OTHER)
                .run(p.dialect(OTHER).wipeMd(p.cluster().resource()))
                .destroysData()
                .acceptedLoss(o + "'s whole copy (" + copySize(p) + "), replaced by a full resync from "
                        + p.name(KEEPER) + ": " + wipe)
                .guard(confirmedWipe
                        .and(Drbd.roleUpToDate(p, KEEPER, Role.PRIMARY))
                        .and(Drbd.down(p, OTHER))
                        .and(MetaData.present(p, OTHER)))
                .done(MetaData.absent(p, OTHER))
                .once()
                .note("drbdmeta destroys " + o + "'s meta data; create-md and up make it a new node that takes a full"
                        + " resync from " + p.name(KEEPER))
                .advice("wipe " + o + "'s meta data only with " + p.name(KEEPER) + " Primary with UpToDate data and "
                        + o + "'s resource down")
                .build();
    }

    /** The size of the other's copy and what it knows differs, read when the plan is made. */
    private static String copySize(Pair p) {
        try {
            HostState o = new LiveState(p).host(OTHER);
            return o.storage().drbdBytes(p.cluster().minor()) + " bytes, of which " + o.outOfSyncKiB()
                    + " KiB out of sync with " + p.name(KEEPER) + " (its oos)";
        } catch (StateUnknownException e) {
            return "size unknown: " + e.getMessage();
        }
    }

    private static Step backupRecoverOther(Pair p) {
        return p.step("backup-recover-other", OTHER)
                .run(Command.of(p.cluster().reconfigureTimeout(), "chef-server-ctl", "backup-recover"))
                .guard(Drbd.synced(p, OTHER, Role.SECONDARY).and(ChefFiles.setupFinished(p, OTHER)))
                .done(Keepalived.clusterStatus(p, OTHER, "backup"))
                .advice("backup-recover needs " + p.name(OTHER) + " Secondary and synced with " + p.name(KEEPER))
                .build();
    }

    /** keepalived where it was stopped: the keeper first, as master; then the other, which joins as backup. */
    private static Step startKeepalived(Pair p, Side side, String role) {
        Condition joined = Keepalived.clusterRole(p, side, role);
        Condition ready = side == KEEPER
                ? Drbd.synced(p, KEEPER, Role.PRIMARY).and(Keepalived.clusterStatus(p, KEEPER, "master"))
                : Drbd.synced(p, OTHER, Role.SECONDARY).and(Keepalived.clusterRole(p, KEEPER, "master"));
        return p.step("start-keepalived-" + (side == KEEPER ? "keeper" : "other"), side)
                .run(Command.of(p.cluster().reconfigureTimeout(), "chef-server-ctl", "start", "keepalived"))
                .when(Keepalived.stopped(p, side))
                .guard(ready)
                .done(joined)
                .waitFor(Wait.of(joined, p.cluster().stateTimeout()))
                .advice("start keepalived on " + p.name(side) + " only with the pair synced and " + p.name(KEEPER)
                        + " master, or the wrong backend could take the master role")
                .build();
    }
}
