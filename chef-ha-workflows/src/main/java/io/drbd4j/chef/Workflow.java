package io.drbd4j.chef;

import io.drbd4j.chef.engine.Execution;
import io.drbd4j.chef.engine.Pair;
import io.drbd4j.chef.engine.Side;
import io.drbd4j.chef.engine.Step;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A Chef HA procedure on one cluster: {@link #plan()} shows its steps without changing anything, {@link #run}
 * executes them, {@link #resume} continues a run that crashed or was killed, from its journal.
 *
 * <pre>{@code
 * Workflow setup = FailoverSetup.workflow(cluster);
 * System.out.println(setup.plan().toText());
 * setup.run(listener, Journal.at(Path.of("/var/tmp/failover-setup.jsonl")));
 * }</pre>
 *
 * <p>Each step is skipped when its outcome already holds; otherwise its guard is checked against live state right
 * before it runs, and a guard that does not hold stops the run with a {@link WorkflowException} (reason REFUSED)
 * before anything of that step runs. A destructive step that the journal shows as started is therefore run again
 * only when its guard proves it did not take effect. Not thread-safe: one run at a time.
 */
public final class Workflow {
    private final String name;
    private final ChefHaCluster cluster;
    private final Function<Pair, List<Step>> steps;
    private final Optional<String> lockOverride;
    private final Set<Side> reached;

    Workflow(String name, ChefHaCluster cluster, Function<Pair, List<Step>> steps) {
        this(name, cluster, steps, EnumSet.allOf(Side.class), Optional.empty());
    }

    /** A workflow that contacts only the given parts: the other backend is the lost one. */
    Workflow(String name, ChefHaCluster cluster, Function<Pair, List<Step>> steps, Set<Side> reached) {
        this(name, cluster, steps, reached, Optional.empty());
    }

    private Workflow(
            String name,
            ChefHaCluster cluster,
            Function<Pair, List<Step>> steps,
            Set<Side> reached,
            Optional<String> lockOverride) {
        this.name = Objects.requireNonNull(name, "name");
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.steps = steps;
        this.reached = EnumSet.copyOf(reached);
        this.lockOverride = lockOverride;
    }

    /**
     * A run takes a lock on every backend that answers (a directory under {@code /var/lib/drbd4j}, holding the run's
     * id, workflow, user and start time) and releases it when it ends, completed or stopped with a {@link
     * WorkflowException}; a run that died (its process killed) leaves it for its resume. Another run's lock refuses a
     * run ({@link WorkflowException.Reason#LOCKED}) unless it is overridden.
     *
     * @param reason who breaks another run's lock and why, such as {@code jdoe: the run of 03:10 died with its laptop};
     *     journaled with the lock's previous owner
     * @return this workflow, allowed to break another run's lock
     */
    public Workflow overridingLock(String reason) {
        if (reason.isBlank()) {
            throw new IllegalArgumentException("a lock override without a reason (expected: who and why)");
        }
        return new Workflow(name, cluster, steps, reached, Optional.of(reason));
    }

    /**
     * Returns the name, such as {@code failover-setup}.
     *
     * @return the name, such as {@code failover-setup}
     */
    public String name() {
        return name;
    }

    /**
     * Returns the cluster it runs on.
     *
     * @return the cluster it runs on
     */
    public ChefHaCluster cluster() {
        return cluster;
    }

    /**
     * Detects the dialects the backends do not name and builds the steps; changes nothing.
     *
     * @return the steps as they would run now
     * @throws WorkflowException when a backend's dialect cannot be told
     */
    public Plan plan() {
        Pair pair = Pair.resolve(name, cluster, reached);
        return new Plan(
                name,
                cluster,
                pair.dialectNames(),
                steps(pair).stream().map(Step::planned).toList());
    }

    /**
     * Runs every step from the start (steps whose outcome holds are skipped).
     *
     * @param listener hears the progress
     * @param journal where each step's start and finish are recorded; must be empty or not exist
     * @throws WorkflowException when a step is refused or fails, the state cannot be read, or the journal is not new
     */
    public void run(ProgressListener listener, Journal journal) {
        execute(listener, journal, false);
    }

    /**
     * Continues a run from its journal: live state is read again, steps whose outcome holds (or, without an
     * observable outcome, that the journal shows finished) are skipped, and every other step's guard is checked
     * again before it runs.
     *
     * @param listener hears the progress
     * @param journal the interrupted run's journal
     * @throws WorkflowException as {@link #run}, or when the journal is of another workflow or cluster
     */
    public void resume(ProgressListener listener, Journal journal) {
        execute(listener, journal, true);
    }

    private void execute(ProgressListener listener, Journal journal, boolean resuming) {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(journal, "journal");
        Pair pair = Pair.resolve(name, cluster, reached);
        new Execution(name, pair, steps(pair), listener, journal.path(), lockOverride).run(resuming);
    }

    /**
     * Returns the procedure's steps after the identity check every workflow starts with.
     *
     * @return the procedure's steps after the identity check every workflow starts with
     */
    private List<Step> steps(Pair pair) {
        List<Step> all = new java.util.ArrayList<>();
        all.add(SharedSteps.checkIdentity(pair));
        all.addAll(steps.apply(pair));
        return all;
    }
}
