package io.drbd4j.chef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drbd4j.chef.JournalEntry.Event;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Workflow safety, G-HOST and one run per cluster: runners that reach the wrong backends are refused before anything
 * changes, and a second run started while another holds the cluster is refused unless the caller breaks the lock.
 */
class IdentityAndLockTest {
    static final String CONFIRMATION = SplitBrainRecoveryTest.CONFIRMATION;
    static final String LOCK = "/var/lib/drbd4j/pc0.lock";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void swappedRunnersKeepNeitherCopyOfASplitBrain(String dialect) {
        SplitBrainPair sb = SplitBrainPair.of(dialect, dir.resolve("setup.jsonl"));
        // A typo in the ssh targets: the runner named be1 reaches be2, and the other way round.
        ChefHaCluster swapped = ChefHaCluster.builder()
                .addBackend(Backend.of("be1", "10.0.0.1", sb.sim.runner("be2")))
                .addBackend(Backend.of("be2", "10.0.0.2", sb.sim.runner("be1")))
                .keeper("be1")
                .sleeper(sb.sim.time())
                .build();
        Journal journal = Journal.at(dir.resolve("recovery.jsonl"));

        WorkflowException e =
                catchThrowableOfType(WorkflowException.class, () -> SplitBrainRecovery.of(swapped, "be1", CONFIRMATION)
                        .workflow()
                        .run(ProgressListener.none(), journal));

        assertThat(e.reason()).isEqualTo(WorkflowException.Reason.REFUSED);
        assertThat(e.step()).isEqualTo("check-identity");
        assertThat(e.seen())
                .isEqualTo("the runner of be1 reaches a host whose uname -n is be2: the runners or ssh"
                        + " targets are swapped or wrong");
        // Nothing changed: both copies keep the write each took while apart.
        assertThat(sb.sim.holds("be1", sb.written("be1"))).isTrue();
        assertThat(sb.sim.holds("be2", sb.written("be2"))).isTrue();
        assertThat(sb.sim.procDrbd("be1")).contains("cs:StandAlone ro:Primary/Unknown");
        assertThat(sb.sim.procDrbd("be2")).contains("cs:StandAlone ro:Primary/Unknown");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void aRunnerReachingAHostWithoutTheReplicationAddressIsRefused(String dialect) {
        SimPair pair = SimPair.fresh(dialect);
        ChefHaCluster wrongAddress = ChefHaCluster.builder()
                .addBackend(Backend.of("be1", "10.0.0.1", pair.sim.runner("be1")))
                .addBackend(Backend.of("be2", "10.0.0.9", pair.sim.runner("be2")))
                .keeper("be1")
                .sleeper(pair.sim.time())
                .build();

        WorkflowException e = catchThrowableOfType(WorkflowException.class, () -> FailoverSetup.workflow(wrongAddress)
                .run(ProgressListener.none(), Journal.at(dir.resolve("setup.jsonl"))));

        assertThat(e.step()).isEqualTo("check-identity");
        assertThat(e.seen())
                .isEqualTo(
                        "the runner of be2 reaches a host without 10.0.0.9 (its addresses: 127.0.0.1," + " 10.0.0.2)");
        assertThat(pair.sim.procDrbd("be1")).contains("ro:Secondary/Secondary ds:Inconsistent/Inconsistent");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void theJournalRecordsWhatEachBackendAnsweredAs(String dialect) {
        SimPair pair = SimPair.fresh(dialect);
        Journal journal = Journal.at(dir.resolve("setup.jsonl"));

        pair.failoverSetup().run(ProgressListener.none(), journal);

        JournalEntry identity = journal.entries().stream()
                .filter(e -> e.event() == Event.STARTED && e.step().equals(java.util.Optional.of("check-identity")))
                .findFirst()
                .orElseThrow();
        assertThat(identity.detail())
                .hasValue("be1: uname -n be1, addresses 127.0.0.1 10.0.0.1; be2: uname -n be2, addresses 127.0.0.1"
                        + " 10.0.0.2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void aSecondRecoveryStartedWhileTheFirstHoldsTheClusterIsRefused(String dialect) {
        SplitBrainPair sb = SplitBrainPair.of(dialect, dir.resolve("setup.jsonl"));
        // Operator A keeps be1; their process dies as the victim's unmount starts: the run holds the cluster still.
        ProgressListener dies = CrashHarness.dieWhenStarting("umount-victim", "operator A's laptop lost power");
        assertThatThrownBy(() -> SplitBrainRecovery.of(sb.keeping("be1").cluster, "be1", CONFIRMATION)
                        .workflow()
                        .run(dies, Journal.at(dir.resolve("a.jsonl"))))
                .hasMessage("operator A's laptop lost power");

        // Operator B, who chose be2, starts another recovery of the same cluster.
        WorkflowException second = catchThrowableOfType(WorkflowException.class, () -> SplitBrainRecovery.of(
                        sb.keeping("be2").cluster, "be2", "operator b: be2 holds the orders")
                .workflow()
                .run(ProgressListener.none(), Journal.at(dir.resolve("b.jsonl"))));

        assertThat(second.reason()).isEqualTo(WorkflowException.Reason.LOCKED);
        assertThat(second.seen()).contains(LOCK + " on be", "workflow=split-brain-recovery by=");
        // B's journal says so: begun, refused by the lock, nothing else.
        assertThat(Journal.at(dir.resolve("b.jsonl")).entries())
                .extracting(JournalEntry::event)
                .containsExactly(Event.BEGIN, Event.REFUSED);
        assertThat(sb.sim.holds("be1", sb.written("be1"))).isTrue();
        assertThat(sb.sim.holds("be2", sb.written("be2"))).isTrue();
        // A resumes its own run: its lock is its own.
        SplitBrainRecovery.of(sb.keeping("be1").cluster, "be1", CONFIRMATION)
                .workflow()
                .resume(ProgressListener.none(), Journal.at(dir.resolve("a.jsonl")));
        assertThat(sb.sim.holds("be2", sb.written("be1"))).isTrue();
        assertThat(cat(sb, "be1", "test", "-e", LOCK).exitCode())
                .as("released on completion")
                .isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void aRunThatStoppedFreesTheCluster(String dialect) {
        SimPair pair = SimPair.fresh(dialect);
        pair.sim.faults().partition();
        assertThatThrownBy(() -> pair.failoverSetup().run(ProgressListener.none(), Journal.at(dir.resolve("a.jsonl"))))
                .isInstanceOf(WorkflowException.class);

        for (String host : List.of("be1", "be2")) {
            assertThat(pair.sim
                            .runner(host)
                            .run(Command.of(Duration.ofSeconds(5), "test", "-e", LOCK))
                            .exitCode())
                    .as("the lock on " + host)
                    .isEqualTo(1);
        }
        pair.sim.faults().heal();
        pair.failoverSetup().run(ProgressListener.none(), Journal.at(dir.resolve("b.jsonl")));
        assertThat(HaStatus.read(pair.cluster).healthy()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void aDeadRunsLockIsBrokenOnlyWithAJournaledOverride(String dialect) {
        SimPair pair = SimPair.fresh(dialect);
        for (String host : List.of("be1", "be2")) {
            pair.sim.runner(host).run(Command.of(Duration.ofSeconds(5), "mkdir", "-p", LOCK));
            pair.sim
                    .runner(host)
                    .run(Command.builder()
                            .timeout(Duration.ofSeconds(5))
                            .addArgv("dd", "of=" + LOCK + "/owner")
                            .stdin("run=dead workflow=failover-setup by=jdoe since=2026-01-01T00:00:00Z\n".getBytes())
                            .build());
        }
        WorkflowException locked = catchThrowableOfType(WorkflowException.class, () -> pair.failoverSetup()
                .run(ProgressListener.none(), Journal.at(dir.resolve("refused.jsonl"))));
        assertThat(locked.reason()).isEqualTo(WorkflowException.Reason.LOCKED);
        assertThat(locked.seen()).contains("run=dead workflow=failover-setup by=jdoe");

        Journal journal = Journal.at(dir.resolve("setup.jsonl"));
        pair.failoverSetup()
                .overridingLock("jdoe: the run of 2026-01-01 died with its laptop")
                .run(ProgressListener.none(), journal);

        assertThat(journal.entries())
                .filteredOn(e -> e.event() == Event.LOCK_OVERRIDDEN)
                .extracting(e -> e.detail().orElseThrow())
                .hasSize(2)
                .allSatisfy(d ->
                        assertThat(d).contains("run=dead workflow=failover-setup by=jdoe", "died with its laptop"));
        assertThat(HaStatus.read(pair.cluster).healthy()).isTrue();
    }

    private static CommandResult cat(SplitBrainPair sb, String host, String... argv) {
        return sb.sim.runner(host).run(Command.of(Duration.ofSeconds(5), argv));
    }
}
