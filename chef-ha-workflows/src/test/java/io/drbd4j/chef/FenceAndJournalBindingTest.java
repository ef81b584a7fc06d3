package io.drbd4j.chef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drbd4j.testkit.Scenarios;
import io.drbd4j.testkit.SimulatedDrbdCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Workflow safety, G-FENCE and journals bound to their cluster: a "lost" primary that is only partitioned is refused as
 * the replacement, and a journal resumes only on the cluster and run it was written for.
 */
class FenceAndJournalBindingTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void aLostPrimaryThatIsOnlyPartitionedIsRefusedAsTheReplacement(String dialect) {
        SimPair setUp = SimPair.fresh(dialect);
        setUp.failoverSetup().run(ProgressListener.none(), Journal.at(dir.resolve("setup.jsonl")));
        setUp.sim.faults().partition(); // be1 is alive, Primary and serving; only the link is cut
        EndState before = EndState.of(setUp);
        // The operator takes be1 for lost and names it, same name and address, as the replacement.
        SimPair survivorBe2 = SimPair.of(setUp.sim, dialect, "be2", "10.0.0.2", "be1", "10.0.0.1");

        WorkflowException e = catchThrowableOfType(
                WorkflowException.class, () -> RecoverPrimary.of(survivorBe2.cluster, LostPrimary.BE1_GONE)
                        .workflow()
                        .run(ProgressListener.none(), Journal.at(dir.resolve("recover.jsonl"))));

        assertThat(e.reason()).isEqualTo(WorkflowException.Reason.REFUSED);
        assertThat(e.step()).isEqualTo("assess");
        assertThat(e.seen())
                .isEqualTo("be1: WFConnection Primary/Unknown UpToDate/DUnknown: be1 answers as a live primary; the"
                        + " host named to replace the lost one must not be it (partitioned, not gone)");
        assertThat(e.required()).contains("be1 not answering as a primary (DRBD Primary");
        assertThat(EndState.of(setUp)).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void aJournalOfAnotherClusterWithTheSameNamesIsRefused(String dialect) {
        SplitBrainPair sb = SplitBrainPair.of(dialect, dir.resolve("setup.jsonl"));
        Journal journal = Journal.at(dir.resolve("recovery.jsonl"));
        // The recovery on this cluster assessed its split brain, then stopped.
        sb.sim.faults().failNext("be2", "umount", 32, "umount: /var/opt/opscode/drbd/data: target is busy.\n");
        assertThatThrownBy(() -> SplitBrainRecovery.of(
                                sb.keeping("be1").cluster, "be1", SplitBrainRecoveryTest.CONFIRMATION)
                        .workflow()
                        .run(ProgressListener.none(), journal))
                .isInstanceOf(WorkflowException.class);
        // Another cluster, healthy, whose backends have the same names on other addresses.
        SimulatedDrbdCluster other = Scenarios.freshPair(SimulatedDrbdCluster.builder()
                .host("be1", "10.0.1.1", dialect, dialect.equals("8.3") ? "8.3.16" : "8.4.11")
                .host("be2", "10.0.1.2", dialect, dialect.equals("8.3") ? "8.3.16" : "8.4.11")
                .backingSize(2L << 30));
        SimPair healthy = SimPair.of(other, dialect, "be1", "10.0.1.1", "be2", "10.0.1.2");
        healthy.failoverSetup().run(ProgressListener.none(), Journal.at(dir.resolve("other-setup.jsonl")));
        EndState before = EndState.of(healthy);

        WorkflowException e = catchThrowableOfType(WorkflowException.class, () -> SplitBrainRecovery.of(
                        healthy.cluster, "be1", SplitBrainRecoveryTest.CONFIRMATION)
                .workflow()
                .resume(ProgressListener.none(), journal));

        assertThat(e.reason()).isEqualTo(WorkflowException.Reason.JOURNAL);
        assertThat(e.seen()).contains("address.be1=10.0.0.1");
        assertThat(e.required()).contains("address.be1=10.0.1.1");
        assertThat(EndState.of(healthy)).isEqualTo(before);
    }

    /**
     * Names, addresses and resource alike (a staging cluster built from the production one's configuration): only
     * DRBD's generation UUIDs recorded at BEGIN tell the data apart, and the recovery's run-once assessment is not
     * skipped on a cluster with no split brain.
     */
    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void aJournalOfAnotherClusterWithTheSameNamesAndAddressesIsRefusedByItsData(String dialect) {
        SplitBrainPair sb = SplitBrainPair.of(dialect, dir.resolve("setup.jsonl"));
        Journal journal = Journal.at(dir.resolve("recovery.jsonl"));
        sb.sim.faults().failNext("be2", "umount", 32, "umount: /var/opt/opscode/drbd/data: target is busy.\n");
        assertThatThrownBy(() -> SplitBrainRecovery.of(
                                sb.keeping("be1").cluster, "be1", SplitBrainRecoveryTest.CONFIRMATION)
                        .workflow()
                        .run(ProgressListener.none(), journal))
                .isInstanceOf(WorkflowException.class);
        assertThat(journal.entries().get(0).context()).containsKeys("data.be1", "data.be2");
        SimulatedDrbdCluster other = Scenarios.freshPair(SimulatedDrbdCluster.builder()
                .host("be1", "10.0.0.1", dialect, dialect.equals("8.3") ? "8.3.16" : "8.4.11")
                .host("be2", "10.0.0.2", dialect, dialect.equals("8.3") ? "8.3.16" : "8.4.11")
                .backingSize(2L << 30)
                .seed(2));
        SimPair healthy = SimPair.of(other, dialect, "be1", "10.0.0.1", "be2", "10.0.0.2");
        healthy.failoverSetup().run(ProgressListener.none(), Journal.at(dir.resolve("other-setup.jsonl")));
        EndState before = EndState.of(healthy);

        WorkflowException e = catchThrowableOfType(WorkflowException.class, () -> SplitBrainRecovery.of(
                        healthy.cluster, "be1", SplitBrainRecoveryTest.CONFIRMATION)
                .workflow()
                .resume(ProgressListener.none(), journal));

        assertThat(e.reason()).isEqualTo(WorkflowException.Reason.JOURNAL);
        assertThat(e.seen())
                .contains("none of the ones recovery.jsonl began with {data.be1="
                        + journal.entries().get(0).context().get("data.be1"));
        assertThat(e.advice()).contains("another cluster, or the disks were replaced");
        assertThat(EndState.of(healthy)).isEqualTo(before);
    }

    /** The binding by data does not refuse the resume of the run's own journal, whose data moved on since BEGIN. */
    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void theRunsOwnJournalResumesAfterItsDataMovedOn(String dialect) {
        SplitBrainPair sb = SplitBrainPair.of(dialect, dir.resolve("setup.jsonl"));
        SimPair pair = sb.keeping("be1");
        Journal journal = Journal.at(dir.resolve("recovery.jsonl"));
        // Stopped after the keeper's promotion and the victim's discard changed the generations.
        sb.sim.faults().failNext("be1", "drbdadm connect", 10, "simulated failure\n");
        catchThrowableOfType(WorkflowException.class, () -> SplitBrainRecovery.of(
                        pair.cluster, "be1", SplitBrainRecoveryTest.CONFIRMATION)
                .workflow()
                .run(ProgressListener.none(), journal));

        SplitBrainRecovery.of(pair.cluster, "be1", SplitBrainRecoveryTest.CONFIRMATION)
                .workflow()
                .resume(ProgressListener.none(), journal);

        assertThat(journal.entries()).last().extracting(JournalEntry::event).isEqualTo(JournalEntry.Event.COMPLETED);
        assertThat(HaStatus.read(pair.cluster).healthy()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void aCompletedRunIsNotResumed(String dialect) {
        SimPair pair = SimPair.fresh(dialect);
        Journal journal = Journal.at(dir.resolve("setup.jsonl"));
        pair.failoverSetup().run(ProgressListener.none(), journal);
        int entries = journal.entries().size();

        WorkflowException e = catchThrowableOfType(
                WorkflowException.class, () -> pair.failoverSetup().resume(ProgressListener.none(), journal));

        assertThat(e.reason()).isEqualTo(WorkflowException.Reason.JOURNAL);
        assertThat(e.seen()).contains("shows failover-setup completed at");
        assertThat(e.advice()).contains("start a new run with a new journal path");
        assertThat(journal.entries()).hasSize(entries);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void aCompletedJournalOfAPairAtOtherAddressesNeverResumesOnAFreshPairWithTheSameNames(String dialect)
            throws IOException {
        SimPair done = SimPair.fresh(dialect);
        Journal theirs = Journal.at(dir.resolve("theirs.jsonl"));
        done.failoverSetup().run(ProgressListener.none(), theirs);
        // The same journal as written by a pair whose backends had other addresses, same names.
        Path copied = dir.resolve("copied.jsonl");
        Files.writeString(copied, Files.readString(theirs.path()).replace("10.0.0.", "10.9.9."));
        SimPair fresh = SimPair.fresh(dialect);
        EndState before = EndState.of(fresh);

        WorkflowException e = catchThrowableOfType(WorkflowException.class, () -> fresh.failoverSetup()
                .resume(ProgressListener.none(), Journal.at(copied)));

        assertThat(e.reason()).isEqualTo(WorkflowException.Reason.JOURNAL);
        assertThat(EndState.of(fresh)).isEqualTo(before);
        assertThat(fresh.sim.eventLog()).noneMatch(line -> line.contains("--force") || line.contains("mkfs"));
    }
}
