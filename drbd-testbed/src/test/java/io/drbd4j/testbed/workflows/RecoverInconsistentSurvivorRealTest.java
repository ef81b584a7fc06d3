package io.drbd4j.testbed.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.chef.ChefHaCluster;
import io.drbd4j.chef.FailoverSetup;
import io.drbd4j.chef.Journal;
import io.drbd4j.chef.PeerGone;
import io.drbd4j.chef.PlannedStep;
import io.drbd4j.chef.Prepare;
import io.drbd4j.chef.ProgressListener;
import io.drbd4j.chef.RecoverPrimary;
import io.drbd4j.chef.SyncReport;
import io.drbd4j.chef.WorkflowException;
import io.drbd4j.testbed.RealDrbdPair;
import io.drbd4j.testbed.RealPairsAccess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Chef guide's scenario 4 on real DRBD: be1's VM is killed while the initial sync runs, so be2 survives
 * Inconsistent; a blank be3 replaces be1, and recover-primary forces be2 only with the loss accepted.
 */
@Tag("real-drbd")
class RecoverInconsistentSurvivorRealTest {
    @TempDir
    Path dir;

    @Test
    void recoverPrimaryForcesTheInconsistentSurvivorOnlyWithTheLossAcceptedAndEndsHealthy()
            throws InterruptedException {
        try (RealDrbdPair pair = RealPairsAccess.start(
                RealDrbdPair.builder().backingSize(128L << 20).replicationRate("40mbit"))) {
            RealChef.write(pair, "be1", "/etc/opscode/chef-server.rb", RealChef.chefServerRb(pair, "be1", "be2"));
            ChefHaCluster setup = RealChef.cluster(pair, "be1", "be2");
            Prepare.workflow(setup).run(ProgressListener.none(), Journal.at(dir.resolve("prepare.jsonl")));
            AtomicBoolean lost = new AtomicBoolean();
            ProgressListener killBe1MidSync = new ProgressListener() {
                @Override
                public void stepFinished(PlannedStep step, Duration took) {
                    if (step.id().equals("mount")) {
                        pair.writer().start("be1", Duration.ofMillis(200));
                    }
                }

                @Override
                public void syncProgress(PlannedStep step, SyncReport report) {
                    if (report.perMille() < 900 && lost.compareAndSet(false, true)) {
                        pair.faults().crashForGood("be1");
                    }
                }
            };
            try {
                FailoverSetup.workflow(setup).run(killBe1MidSync, Journal.at(dir.resolve("setup.jsonl")));
            } catch (WorkflowException expected) {
                // be1 vanished while the setup waited for the sync
            }
            assertThat(lost).as("be1 was killed during the initial sync").isTrue();
            // DRBD's ping notices the dead peer within ping-int (10 s); an operator starts the recovery after that.
            String be2 = "";
            for (int i = 0; i < 60 && !be2.contains("cs:WFConnection"); i++) {
                pair.sleeper().sleep(Duration.ofMillis(500));
                be2 = new String(pair.procDrbd("be2"), StandardCharsets.UTF_8);
            }
            assertThat(be2).contains("cs:WFConnection ro:Secondary/Unknown ds:Inconsistent/");
            pair.faults().replaceHost("be1", "be3", "10.99.0.3");
            ChefHaCluster cluster = RealChef.cluster(pair, "be2", "be3");
            RecoverPrimary recovery = RecoverPrimary.of(cluster, PeerGone.of("be1", "10.99.0.1", "test: VM killed"))
                    .withConfiguration(RealChef.chefServerRb(pair, "be2", "be3"));

            WorkflowException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                    WorkflowException.class,
                    () -> recovery.workflow().run(ProgressListener.none(), Journal.at(dir.resolve("refused.jsonl"))));
            assertThat(refused.reason()).isEqualTo(WorkflowException.Reason.REFUSED);

            recovery.acceptingDataLoss("test: restore from backup")
                    .workflow()
                    .run(ProgressListener.none(), Journal.at(dir.resolve("recover.jsonl")));

            RealChef.assertHealthy(cluster);
        }
    }
}
