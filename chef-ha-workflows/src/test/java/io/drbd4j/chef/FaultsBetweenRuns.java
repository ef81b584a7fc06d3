package io.drbd4j.chef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drbd4j.chef.FaultsAtEveryStepPropertiesTest.Fault;
import io.drbd4j.chef.FaultsAtEveryStepPropertiesTest.Stage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The faults of the properties that strike between two runs: once a run stopped, the operator resumes with the runners
 * swapped, or with another cluster's journal; once a run died mid-way (its process killed), a second operator starts
 * another run. Each must be refused before anything changes; the caller then resumes as it should.
 */
final class FaultsBetweenRuns {
    /** The process running the workflow dies (killed, its host's power lost): not a typed stop. */
    static final class Died extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Died() {
            super("the process running the workflow died");
        }
    }

    private final Stage stage;
    private final Journal journal;
    private final Path dir;

    FaultsBetweenRuns(Stage stage, Journal journal, Path dir) {
        this.stage = stage;
        this.journal = journal;
        this.dir = dir;
    }

    /** @return whether the fault stops the run with a failing command first */
    static boolean strikesAsAFailure(Fault fault) {
        return fault == Fault.SWAPPED_RESUME
                || fault == Fault.FOREIGN_JOURNAL
                || fault == Fault.SECOND_RUN
                || fault == Fault.FOREIGN_DATA;
    }

    void tryWrongly(Fault fault) {
        if (!strikesAsAFailure(fault)
                || journal.entries().stream().noneMatch(e -> e.event() == JournalEntry.Event.STARTED)) {
            return; // the run stopped before it held the cluster (or before it began): nothing to resume wrongly
        }
        if (fault == Fault.SECOND_RUN && !lockHeld()) {
            return; // the run died while releasing the cluster at its very end: nothing holds it any more
        }
        if (fault == Fault.FOREIGN_DATA
                && journal.entries().get(0).context().keySet().stream().noneMatch(k -> k.startsWith("data."))) {
            return; // the run began before DRBD held any data (a setup): its journal is bound by names and addresses
        }
        EndState before = EndState.of(stage.pair());
        WorkflowException e =
                switch (fault) {
                    case SWAPPED_RESUME ->
                        catchThrowableOfType(WorkflowException.class, () -> workflow(swapped())
                                .resume(ProgressListener.none(), journal));
                    case FOREIGN_JOURNAL ->
                        catchThrowableOfType(WorkflowException.class, () -> workflow(stage.pair().cluster)
                                .resume(ProgressListener.none(), foreign()));
                    case FOREIGN_DATA ->
                        catchThrowableOfType(WorkflowException.class, () -> workflow(stage.pair().cluster)
                                .resume(ProgressListener.none(), otherData()));
                    default ->
                        catchThrowableOfType(WorkflowException.class, () -> workflow(stage.pair().cluster)
                                .run(ProgressListener.none(), Journal.at(dir.resolve("second.jsonl"))));
                };
        assertThat(e).as(fault + " must be refused").isNotNull();
        assertThat(e.reason())
                .as(e.getMessage())
                .isEqualTo(
                        switch (fault) {
                            case SWAPPED_RESUME -> WorkflowException.Reason.REFUSED;
                            case FOREIGN_JOURNAL, FOREIGN_DATA -> WorkflowException.Reason.JOURNAL;
                            default -> WorkflowException.Reason.LOCKED;
                        });
        assertThat(EndState.of(stage.pair()))
                .as("nothing changed by the refused " + fault)
                .isEqualTo(before);
    }

    /** @return whether a backend still holds the cluster's lock with its owner's line */
    private boolean lockHeld() {
        return stage.pair().cluster.backends().stream().anyMatch(b -> stage.pair()
                .sim
                .runner(b.name(), "check")
                .run(io.drbd4j.exec.runner.Command.of(
                        java.time.Duration.ofSeconds(5), "test", "-e", "/var/lib/drbd4j/pc0.lock/owner"))
                .succeeded());
    }

    private Workflow workflow(ChefHaCluster cluster) {
        return stage.workflow().apply(cluster);
    }

    /** @return the cluster with each backend's runner reaching the other backend */
    private ChefHaCluster swapped() {
        ChefHaCluster c = stage.pair().cluster;
        Backend keeper = c.keeperBackend();
        Backend other = c.otherBackend();
        return ChefHaCluster.builder()
                .from(c)
                .backends(java.util.List.of(
                        Backend.builder().from(keeper).runner(other.runner()).build(),
                        Backend.builder().from(other).runner(keeper.runner()).build()))
                .build();
    }

    /** @return this run's journal as another cluster, with the same names on other addresses, would have it */
    /** @return this run's journal with the data UUIDs at its BEGIN replaced by another cluster's */
    private Journal otherData() {
        try {
            String text = Files.readString(journal.path())
                    .replaceAll("\"(data\\.[^\"]+)\":\"[0-9a-f]+\"", "\"$1\":\"5eed0fa11c1d2b3c\"");
            Path path = dir.resolve("other-data.jsonl");
            Files.writeString(path, text);
            return Journal.at(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Journal foreign() {
        try {
            String text = Files.readString(journal.path());
            for (Backend b : stage.pair().cluster.backends()) {
                text = text.replace(
                        "\"address." + b.name() + "\":\"" + b.address() + "\"",
                        "\"address." + b.name() + "\":\"192.0.2." + (b.name().hashCode() & 0x7f) + "\"");
            }
            Path path = dir.resolve("foreign.jsonl");
            Files.writeString(path, text);
            return Journal.at(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
