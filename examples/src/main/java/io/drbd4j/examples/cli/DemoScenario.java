package io.drbd4j.examples.cli;

import io.drbd4j.chef.ChefHaCluster;
import io.drbd4j.chef.JournalEntry;
import io.drbd4j.chef.Workflow;
import io.drbd4j.testkit.SimulatedDrbdCluster;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A Chef HA workflow staged on drbd-testkit's simulated pair, for {@code drbd4j demo} and for {@code drbd4j plan}
 * without hosts: the starting state the workflow is for, what it means, and the workflow on it, possibly followed by
 * more runs on the state it leaves (a switchover, then its failback).
 *
 * @param sim the simulated pair, on simulated time
 * @param cluster the backends as {@code ha-status} shows them at the end
 * @param intro lines saying what the starting state is and means, printed before a demo runs
 * @param runs the workflows to run in order, at least one; the first is the one {@code plan} prints
 * @param summary what to print after the runs, from the entries of their journals in order (grow-volume: the sizes
 *     its journal recorded before and after); most demos print nothing
 */
record DemoScenario(
        SimulatedDrbdCluster sim,
        ChefHaCluster cluster,
        List<String> intro,
        List<Run> runs,
        Function<List<JournalEntry>, List<String>> summary) {
    /**
     * One workflow run of a demo.
     *
     * @param heading a line printed before the run when a demo has several; empty for the only one
     * @param workflow the workflow
     * @param before what the demo does to the simulated pair right before the run, after the intro is printed (the
     *     both-secondary demo heals the replication link); {@code plan} does not do it, so it plans for the state
     *     the intro shows
     */
    record Run(String heading, Workflow workflow, Runnable before) {
        /** A run with nothing done before it. */
        Run(String heading, Workflow workflow) {
            this(heading, workflow, () -> {});
        }
    }

    DemoScenario {
        Objects.requireNonNull(summary, "summary");
        intro = List.copyOf(intro);
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a demo scenario without a workflow to run");
        }
    }

    /** A scenario that prints nothing after its runs. */
    DemoScenario(SimulatedDrbdCluster sim, ChefHaCluster cluster, List<String> intro, List<Run> runs) {
        this(sim, cluster, intro, runs, entries -> List.of());
    }

    /** A scenario of one run. */
    DemoScenario(SimulatedDrbdCluster sim, ChefHaCluster cluster, Workflow workflow, List<String> intro) {
        this(sim, cluster, intro, List.of(new Run("", workflow)));
    }

    /**
     * Returns this scenario printing that after its runs.
     *
     * @param lines what to print after the runs, from the entries of their journals in order
     * @return this scenario printing that after its runs
     */
    DemoScenario withSummary(Function<List<JournalEntry>, List<String>> lines) {
        return new DemoScenario(sim, cluster, intro, runs, lines);
    }

    /**
     * Returns the first workflow: the one {@code drbd4j plan} prints.
     *
     * @return the first workflow: the one {@code drbd4j plan} prints
     */
    Workflow workflow() {
        return runs.get(0).workflow();
    }
}
