package io.drbd4j.examples;

import io.drbd4j.chef.Backend;
import io.drbd4j.chef.ChefHaCluster;
import io.drbd4j.chef.FailoverSetup;
import io.drbd4j.chef.HaStatus;
import io.drbd4j.chef.Journal;
import io.drbd4j.chef.TextProgressListener;
import io.drbd4j.chef.Workflow;
import io.drbd4j.testkit.Scenarios;
import io.drbd4j.testkit.SimulatedDrbdCluster;
import java.io.IOException;
import java.nio.file.Files;

/** Sets up Chef Server HA failover on a simulated DRBD 8.4 pair: prints the plan, runs it, checks the pair. */
public final class FailoverSetupOnSimulatedPair {
    private FailoverSetupOnSimulatedPair() {}

    /**
     * Runs the example.
     *
     * @param args none
     * @throws IOException when the journal file cannot be created
     */
    public static void main(String[] args) throws IOException {
        SimulatedDrbdCluster sim = Scenarios.freshPair(SimulatedDrbdCluster.builder()
                .host("be1", "10.0.0.1", "8.4", "8.4.11")
                .host("be2", "10.0.0.2", "8.4", "8.4.11"));
        ChefHaCluster cluster = ChefHaCluster.builder()
                .addBackend(Backend.of("be1", "10.0.0.1", sim.runner("be1"))) // on real hosts: an SshRunner
                .addBackend(Backend.of("be2", "10.0.0.2", sim.runner("be2")))
                .keeper("be1") // the bootstrap backend: its copy is the one kept
                .sleeper(sim.time()) // simulated time: the initial sync takes milliseconds
                .build();
        Workflow setup = FailoverSetup.workflow(cluster);
        System.out.print(setup.plan().toText()); // the dry run: reads the hosts, changes nothing
        Journal journal = Journal.at(Files.createTempDirectory("drbd4j").resolve("failover-setup.jsonl"));
        TextProgressListener progress = TextProgressListener.auto(System.out); // a bar on a terminal
        setup.run(progress, journal); // a refused guard throws WorkflowException
        if (!HaStatus.read(cluster).healthy()) {
            throw new IllegalStateException("the pair is not healthy after the setup");
        }
        System.out.println("be1 Primary, be2 Secondary, both UpToDate; journal: " + journal.path());
    }
}
