package io.drbd4j.chef;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.chef.CrashHarness.Recording;
import io.drbd4j.chef.CrashHarness.Sent;
import io.drbd4j.chef.engine.ChefServices;
import io.drbd4j.chef.engine.LiveState;
import io.drbd4j.chef.engine.Pair;
import io.drbd4j.chef.engine.Side;
import io.drbd4j.core.model.Role;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandRunner;
import io.drbd4j.testkit.DataLoss;
import io.drbd4j.testkit.SimulatedDrbdCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Issue 9's faults at every step: every workflow, on its real starting state on the simulated pair, in both dialects,
 * with one fault (a host crash, a partition, a hanging or failing command, a connection left StandAlone) striking just
 * before a random command of the run. Each run completes or stops with a {@link WorkflowException} naming its step;
 * the test kit's loss detector never blames a command (losses are faults or accepted); after the fault is repaired
 * (the host rebooted and its resource brought up, the link healed, the connection re-established), resuming from the
 * journal reaches the end state of an uninterrupted run. Tries: {@code jqwik.tries.default} in
 * junit-platform.properties; {@code -Plong-properties} runs 10,000.
 */
class FaultsAtEveryStepPropertiesTest {
    /** Which fault strikes. */
    enum Fault {
        CRASH,
        PARTITION,
        HANG,
        FAIL,
        STANDALONE,
        /** a command fails; the operator resumes with the two runners swapped (a typo in the ssh targets) first */
        SWAPPED_RESUME,
        /** a command fails; the operator resumes with the journal of another cluster's run first */
        FOREIGN_JOURNAL,
        /** a command fails; a second operator starts another run of the workflow while the first is stopped */
        SECOND_RUN,
        /**
         * a command fails; the operator resumes first with the journal of a cluster with the same names and addresses
         * but other data (DRBD's generation UUIDs at its BEGIN are not this cluster's)
         */
        FOREIGN_DATA,
        /**
         * the keeper (the copy a workflow keeps) lost for good right before the other backend's data is discarded
         * (split-brain-recovery's discard), or before any command in a workflow without a discard: no repair, no
         * resume; the run must stop typed and no command may be blamed for a loss
         */
        KEEPER_LOST
    }

    /** A workflow and how its starting state is built. */
    enum Flow {
        FAILOVER_SETUP,
        PREPARE,
        RECOVER_PRIMARY,
        SWITCHOVER,
        REJOIN_SECONDARY,
        REPLACE_SECONDARY,
        SPLIT_BRAIN,
        BOTH_SECONDARY,
        GROW_VOLUME,
        PREPARE_STORAGE
    }

    /** A starting state: the simulated pair, the cluster over it, and the workflow for a cluster. */
    record Stage(SimPair pair, Function<ChefHaCluster, Workflow> workflow) {}

    /** An uninterrupted run's end state and the hosts its commands went to, in order. */
    record Reference(EndState end, List<Sent> sent) {}

    private static final Map<String, Reference> REFERENCES = new ConcurrentHashMap<>();

    static Stage stage(Flow flow, String dialect, Path dir) {
        switch (flow) {
            case FAILOVER_SETUP: {
                SimPair pair = SimPair.fresh(dialect);
                return new Stage(pair, FailoverSetup::workflow);
            }
            case PREPARE: {
                SimPair pair = SimPair.of(SimPair.builder(dialect).build(), dialect);
                PrepareTest.seedConfig(pair);
                return new Stage(pair, Prepare::workflow);
            }
            case RECOVER_PRIMARY: {
                SimPair pair = LostPrimary.midSync(dialect, 195, dir.resolve("setup.jsonl"));
                return new Stage(pair, c -> RecoverPrimary.of(c, LostPrimary.BE1_GONE)
                        .acceptingDataLoss("property: restore from backup")
                        .withConfiguration(LostPrimary.NEW_CONFIG)
                        .workflow());
            }
            case SWITCHOVER:
                return new Stage(SwitchoverTest.setUp(dialect, dir.resolve("setup.jsonl")), Switchover::workflow);
            case REJOIN_SECONDARY: {
                SimPair pair = SwitchoverTest.setUp(dialect, dir.resolve("setup.jsonl"));
                pair.sim.faults().crash("be2");
                for (int i = 0; i < 4; i++) {
                    pair.sim.write("be1", 32 << 10);
                    pair.sim.time().advance(Duration.ofSeconds(10));
                }
                pair.sim.faults().reboot("be2");
                return new Stage(pair, RejoinSecondary::workflow);
            }
            case REPLACE_SECONDARY: {
                SimPair setUp = SimPair.fresh(dialect);
                PrepareTest.seedConfig(setUp);
                setUp.failoverSetup().run(ProgressListener.none(), Journal.at(dir.resolve("setup.jsonl")));
                setUp.sim.write("be1", 1024);
                setUp.sim.faults().crash("be2");
                setUp.sim.write("be1", 64 << 10);
                setUp.sim.faults().replaceHost("be2", "be3", "10.0.0.3");
                SimPair pair = SimPair.of(setUp.sim, dialect, "be1", "10.0.0.1", "be3", "10.0.0.3");
                return new Stage(pair, c -> ReplaceSecondary.of(c, ReplaceSecondaryTest.BE2_GONE)
                        .withConfiguration(ReplaceSecondaryTest.NEW_CONFIG)
                        .workflow());
            }
            case SPLIT_BRAIN: {
                SimPair pair =
                        SplitBrainPair.of(dialect, dir.resolve("setup.jsonl")).keeping("be1");
                return new Stage(pair, c -> SplitBrainRecovery.of(c, "be1", "property: keep be1")
                        .workflow());
            }
            case BOTH_SECONDARY: {
                SimPair pair = SwitchoverTest.setUp(dialect, dir.resolve("setup.jsonl"));
                pair.sim.write("be1", 16 << 10);
                for (String host : List.of("be2", "be1")) {
                    pair.sim
                            .runner(host, "setup")
                            .run(Command.of(Duration.ofSeconds(30), "chef-server-ctl", "stop", "keepalived"));
                }
                return new Stage(pair, c -> BothSecondary.of(c, "be1", "property: keep be1")
                        .workflow());
            }
            case GROW_VOLUME: {
                SimPair pair = SwitchoverTest.setUp(dialect, dir.resolve("setup.jsonl"));
                pair.sim.write("be1", 16 << 10);
                return new Stage(
                        pair, c -> GrowVolume.to(c, (2L << 30) + (1L << 29)).workflow());
            }
            case PREPARE_STORAGE: {
                SimPair pair =
                        SimPair.of(SimPair.builder(dialect).unpreparedStorage().build(), dialect);
                return new Stage(
                        pair, c -> PrepareStorage.on(c, "/dev/sdb", "/dev/sdb").workflow());
            }
            default:
                throw new IllegalArgumentException(flow.name());
        }
    }

    /** Forwards an accepted loss to the detector, as a test of the caller's recovery script would. */
    static ProgressListener declaring(SimulatedDrbdCluster sim) {
        return new ProgressListener() {
            @Override
            public void lossAccepted(PlannedStep step, String acceptance) {
                sim.acceptLoss(acceptance);
            }
        };
    }

    static ChefHaCluster wrapped(ChefHaCluster cluster, CrashHarness.Wrapper wrapper) {
        UnaryOperator<Backend> wrap = b -> Backend.builder()
                .from(b)
                .runner(wrapper.wrap(b.name(), b.runner()))
                .build();
        return ChefHaCluster.builder()
                .from(cluster)
                .backends(cluster.backends().stream().map(wrap).toList())
                .build();
    }

    static Reference reference(Flow flow, String dialect) {
        return REFERENCES.computeIfAbsent(
                flow + " " + dialect,
                key -> withTempDir(dir -> {
                    Stage stage = stage(flow, dialect, dir);
                    Recording recording = new Recording();
                    stage.workflow()
                            .apply(wrapped(stage.pair().cluster, recording))
                            .run(declaring(stage.pair().sim), Journal.at(dir.resolve("reference.jsonl")));
                    assertThat(stage.pair().sim.dataLossDetector().violations()).isEmpty();
                    return new Reference(EndState.of(stage.pair()), recording.sent());
                }));
    }

    @Provide
    Arbitrary<String> dialects() {
        return Arbitraries.of("8.4", "8.3");
    }

    @Property
    void aFaultAtAnyCommandStopsTypedLosesNothingAndResumesToTheSameEnd(
            @ForAll Flow flow,
            @ForAll("dialects") String dialect,
            @ForAll Fault fault,
            @ForAll @IntRange(min = 1, max = 100_000) int pick,
            @ForAll boolean onPrimary) {
        Reference reference = reference(flow, dialect);
        int n = pick % reference.sent().size() + 1;
        if (fault == Fault.KEEPER_LOST) {
            for (int i = 0; i < reference.sent().size(); i++) {
                if (reference.sent().get(i).argv().contains("--discard-my-data")) {
                    n = i + 1; // right before the discard
                    break;
                }
            }
        }
        int at = n;
        withTempDir(dir -> {
            Stage stage = stage(flow, dialect, dir);
            SimulatedDrbdCluster sim = stage.pair().sim;
            ChefHaCluster cluster = stage.pair().cluster;
            String host = fault == Fault.HANG || fault == Fault.FAIL || FaultsBetweenRuns.strikesAsAFailure(fault)
                    ? reference.sent().get(at - 1).host()
                    : fault == Fault.KEEPER_LOST || onPrimary
                            ? cluster.keeper()
                            : cluster.otherBackend().name();
            AtomicBoolean fired = new AtomicBoolean();
            sim.faults().atCommand(at, () -> {
                fired.set(true);
                strike(sim, fault, host);
            });
            Journal journal = Journal.at(dir.resolve("journal.jsonl"));
            Workflow workflow = stage.workflow().apply(cluster);

            String outcome;
            try {
                workflow.run(declaring(sim), journal);
                outcome = "completed";
            } catch (FaultsBetweenRuns.Died e) {
                outcome = "died"; // the process running the workflow was killed: no typed stop to check
            } catch (WorkflowException e) {
                assertThat(e.step()).as(e.getMessage()).isNotBlank();
                outcome = "stopped " + e.reason();
            }
            Statistics.label("workflow").collect(flow);
            Statistics.label("outcome").collect(fault + " " + outcome);
            assertThat(sim.dataLossDetector().violations())
                    .as(flow + " " + fault + " at " + at)
                    .isEmpty();
            if (fault == Fault.KEEPER_LOST) {
                // Nothing to repair or resume: the keeper's copy is gone; the check above is that what is left is
                // whole.
                return null;
            }

            if (fired.get()) {
                repair(sim, cluster, fault, host);
            }
            if (fired.get() && !outcome.equals("completed")) {
                new FaultsBetweenRuns(stage, journal, dir).tryWrongly(fault);
            }
            if (flow == Flow.BOTH_SECONDARY && otherTookTheMasterRole(stage.pair())) {
                // The other backend rebooted while the keeper was not yet master: its keepalived came up, heard no
                // master and took the role (the boot race both-secondary stops keepalived against, which a reboot
                // undoes). The cluster is served again, by the other copy; the resumed run must refuse, not fight it.
                boolean began = !journal.entries().isEmpty();
                WorkflowException e =
                        org.assertj.core.api.Assertions.catchThrowableOfType(WorkflowException.class, () -> {
                            if (began) {
                                workflow.resume(declaring(sim), journal);
                            } else {
                                workflow.run(declaring(sim), journal);
                            }
                        });
                assertThat(e).as("the resume refuses").isNotNull();
                assertThat(e.reason()).isEqualTo(WorkflowException.Reason.REFUSED);
                assertThat(sim.dataLossDetector().violations()).isEmpty();
                Statistics.label("both-secondary").collect("other took the master role at boot: refused");
                return null;
            }
            List<JournalEntry> entries = journal.entries();
            if (entries.isEmpty()) {
                // The fault struck while the plan was read (dialect detection): nothing began, so nothing to resume.
                workflow.run(declaring(sim), journal);
            } else if (entries.get(entries.size() - 1).event() != JournalEntry.Event.COMPLETED) {
                workflow.resume(declaring(sim), journal);
            }

            assertThat(EndState.of(stage.pair())).isEqualTo(reference.end());
            assertThat(sim.dataLossDetector().report()).noneMatch(loss -> loss.kind() == DataLoss.Kind.VIOLATION);
            return null;
        });
    }

    private static void strike(SimulatedDrbdCluster sim, Fault fault, String host) {
        switch (fault) {
            case CRASH -> sim.faults().crash(host);
            case PARTITION -> sim.faults().partition();
            case HANG -> sim.faults().hangNext(host, "");
            case FAIL -> sim.faults().failNext(host, "", 1, "simulated failure\n");
            case STANDALONE -> sim.faults().leaveStandAlone(host);
            case SWAPPED_RESUME, FOREIGN_JOURNAL, FOREIGN_DATA ->
                sim.faults().failNext(host, "", 1, "simulated failure\n");
            case SECOND_RUN -> throw new FaultsBetweenRuns.Died();
            case KEEPER_LOST -> sim.faults().crashForGood(host);
        }
    }

    /** What an operator does before resuming: boot the host (its init script brings DRBD up), heal, reconnect. */
    private static void repair(SimulatedDrbdCluster sim, ChefHaCluster cluster, Fault fault, String host) {
        CommandRunner runner = sim.runner(host, "repair");
        switch (fault) {
            case CRASH -> {
                sim.faults().reboot(host);
                runner.run(Command.of(Duration.ofSeconds(30), "drbdadm", "adjust", "pc0"));
                // keepalived's election at boot is not simulated: a backend whose keepalived came up and hears no
                // master becomes master (cluster.sh master), as keepalived would once DRBD is up.
                CommandRunner peer = sim.runner(peerOf(cluster, host), "repair");
                boolean peerMaster = peer.run(Command.of(Duration.ofSeconds(30), "cat", ChefServices.CLUSTER_STATUS))
                                .stdoutText()
                                .strip()
                                .equals("master")
                        && peer.run(Command.of(Duration.ofSeconds(30), "chef-server-ctl", "status", "keepalived"))
                                .stdoutText()
                                .startsWith("run:");
                boolean keepalived = runner.run(
                                Command.of(Duration.ofSeconds(30), "chef-server-ctl", "status", "keepalived"))
                        .stdoutText()
                        .startsWith("run:");
                if (keepalived && !peerMaster) {
                    runner.run(Command.of(Duration.ofMinutes(5), "chef-server-ctl", "master-recover"));
                }
            }
            case PARTITION -> sim.faults().heal();
            case STANDALONE -> runner.run(Command.of(Duration.ofSeconds(30), "drbdadm", "adjust", "pc0"));
            default -> {
                // a hanging or failing command strikes once
            }
        }
    }

    /** The other backend Primary and master while the keeper is not Primary. */
    private static boolean otherTookTheMasterRole(SimPair pair) {
        LiveState state = new LiveState(Pair.unresolved(pair.cluster));
        return state.host(Side.OTHER).role().equals(Optional.of(Role.PRIMARY))
                && !state.host(Side.KEEPER).role().equals(Optional.of(Role.PRIMARY));
    }

    private static String peerOf(ChefHaCluster cluster, String host) {
        return cluster.keeper().equals(host) ? cluster.otherBackend().name() : cluster.keeper();
    }

    private static <T> T withTempDir(Function<Path, T> body) {
        Path dir;
        try {
            dir = Files.createTempDirectory("drbd4j-faults-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return body.apply(dir);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary directory left behind is harmless
            }
        }
    }
}
