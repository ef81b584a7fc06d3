package io.drbd4j.examples.cli;

import io.drbd4j.chef.ChefHaCluster;
import io.drbd4j.chef.Workflow;
import io.drbd4j.testkit.SimulatedDrbdCluster;
import java.util.List;

/**
 * A Chef HA workflow staged on drbd-testkit's simulated pair, for {@code drbd4j demo} and for {@code drbd4j plan}
 * without hosts: the starting state the workflow is for, what it means, and the workflow on it.
 *
 * @param sim the simulated pair, on simulated time
 * @param cluster the backends as the workflow sees them
 * @param workflow the workflow to plan or run
 * @param intro lines saying what the starting state is and means, printed before a demo runs
 */
record DemoScenario(SimulatedDrbdCluster sim, ChefHaCluster cluster, Workflow workflow, List<String> intro) {}
