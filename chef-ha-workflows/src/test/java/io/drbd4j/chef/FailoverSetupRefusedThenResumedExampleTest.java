package io.drbd4j.chef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drbd4j.testkit.Scenarios;
import io.drbd4j.testkit.SimulatedDrbdCluster;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failover setup refused in a partition before anything ran, then resumed to a healthy pair once healed. */
class FailoverSetupRefusedThenResumedExampleTest {
    @TempDir
    Path dir;

    @Test
    void failoverSetupRefusedThenResumed() {
        Path journalFile = dir.resolve("failover-setup.jsonl");

        SimulatedDrbdCluster sim = Scenarios.freshPair(SimulatedDrbdCluster.builder()
                .host("be1", "10.0.0.1", "8.4", "8.4.11")
                .host("be2", "10.0.0.2", "8.4", "8.4.11"));
        ChefHaCluster cluster = ChefHaCluster.builder()
                .addBackend(Backend.of("be1", "10.0.0.1", sim.runner("be1"))) // production: an SshRunner
                .addBackend(Backend.of("be2", "10.0.0.2", sim.runner("be2")))
                .keeper("be1") // the bootstrap backend: its copy is the one kept
                .sleeper(sim.time()) // production: the default, real time
                .build();
        Workflow setup = FailoverSetup.workflow(cluster);
        System.out.print(setup.plan().toText()); // the dry run: changes nothing
        Journal journal = Journal.at(journalFile);
        sim.faults().partition(); // the replication link is down
        WorkflowException e =
                catchThrowableOfType(WorkflowException.class, () -> setup.run(ProgressListener.none(), journal));
        assertThat(e.step()).isEqualTo("force-primary"); // refused: nothing ran
        assertThat(e.seen()).isEqualTo("be1: WFConnection Secondary/Unknown Inconsistent/Inconsistent");
        sim.faults().heal();
        setup.resume(ProgressListener.none(), journal);
        assertThat(HaStatus.read(cluster).healthy()).isTrue();
    }
}
