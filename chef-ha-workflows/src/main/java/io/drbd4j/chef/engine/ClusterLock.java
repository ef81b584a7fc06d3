package io.drbd4j.chef.engine;

import io.drbd4j.chef.Backend;
import io.drbd4j.chef.ChefHaCluster;
import io.drbd4j.chef.WorkflowException;
import io.drbd4j.core.DrbdException;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One workflow per cluster at a time: a lock directory on each backend, made with {@code mkdir} (atomic on the host),
 * holding the run's id, workflow, who started it and since when. Taken at the start of a run or resume and released
 * when the run ends, completed or stopped; a run that dies (its process killed) leaves it, so no other run starts on a
 * cluster a half-done run may still be changing: its resume takes it back, anything else needs an explicit, journaled
 * override. A backend that does not answer is not locked: it cannot be acted on either.
 */
final class ClusterLock {
    /** Where the lock directories live; {@code /var/lib} survives a reboot, as a crashed run's lock must. */
    static final String DIRECTORY = "/var/lib/drbd4j";

    private final ChefHaCluster cluster;
    private final List<Backend> backends;
    private final String path;
    private final List<Backend> held = new ArrayList<>();

    /**
     * Creates the lock of the backends a run contacts.
     *
     * @param pair the backends the run contacts (a lost backend it never asks anything is not locked)
     */
    ClusterLock(Pair pair) {
        this.cluster = pair.cluster();
        this.backends = pair.reached().stream().map(pair::backend).toList();
        this.path = DIRECTORY + "/" + cluster.resource() + ".lock";
    }

    String path() {
        return path;
    }

    /**
     * Takes the lock on every backend the run contacts.
     *
     * @param run this run's id
     * @param owner the owner line to write: run id, workflow, who, since
     * @param override why a lock of another run may be broken; empty: it may not
     * @param overridden called with the lock's previous owner when one is broken, before it is
     * @throws WorkflowException (LOCKED) when another run holds the lock and no override was given
     */
    void acquire(String run, String owner, Optional<String> override, java.util.function.Consumer<String> overridden) {
        for (Backend backend : backends) {
            try {
                Optional<String> other = tryLock(backend, run, owner);
                if (other.isPresent()) {
                    if (override.isEmpty()) {
                        release();
                        throw new WorkflowException(
                                WorkflowException.Reason.LOCKED,
                                "lock",
                                "lock",
                                backend.name(),
                                path + " on " + backend.name() + " is held: " + other.get(),
                                "no other drbd4j run on this cluster",
                                "wait for that run to complete or resume it; if it is dead for good, run again with"
                                        + " Workflow.overridingLock(reason) (journaled)",
                                null);
                    }
                    overridden.accept(backend.name() + ": " + other.get());
                    write(backend, owner);
                }
                held.add(backend);
            } catch (WorkflowException e) {
                throw e;
            } catch (io.drbd4j.exec.CommandFailedException e) {
                if (e.exitCode() != 255) { // ssh's own failure: the backend does not answer
                    release();
                    throw new WorkflowException(
                            WorkflowException.Reason.STATE_UNKNOWN,
                            "lock",
                            "lock",
                            backend.name(),
                            e.getMessage(),
                            "a lock directory drbd4j can make: " + path,
                            "check that " + DIRECTORY + " on " + backend.name()
                                    + " can be written by the runner's user",
                            e);
                }
            } catch (DrbdException e) {
                // The backend does not answer: nothing can run there either; the steps' probes will say so.
            }
        }
    }

    /**
     * Returns empty when this run holds the lock now; otherwise the owner line of the run that holds it.
     *
     * @return empty when this run holds the lock now; otherwise the owner line of the run that holds it
     */
    private Optional<String> tryLock(Backend backend, String run, String owner) {
        run(backend, Command.of(cluster.commandTimeout(), "mkdir", "-p", DIRECTORY), true);
        CommandResult made = run(backend, Command.of(cluster.commandTimeout(), "mkdir", path), false);
        if (made.succeeded()) {
            write(backend, owner);
            return Optional.empty();
        }
        if (!made.stderrText().contains("File exists")) {
            throw new io.drbd4j.exec.CommandFailedException(made);
        }
        CommandResult read = run(backend, Command.of(cluster.commandTimeout(), "cat", path + "/owner"), false);
        if (!read.succeeded() || read.stdoutText().isBlank()) {
            // A run stopped between mkdir and writing its owner (or while releasing): it never began, or it ended.
            write(backend, owner);
            return Optional.empty();
        }
        String holder = read.stdoutText().strip();
        return holder.startsWith("run=" + run + " ") ? Optional.empty() : Optional.of(holder);
    }

    private void write(Backend backend, String owner) {
        run(
                backend,
                Command.builder()
                        .timeout(cluster.commandTimeout())
                        .addArgv("dd", "of=" + path + "/owner")
                        .stdin((owner + "\n").getBytes(StandardCharsets.UTF_8))
                        .build(),
                true);
    }

    /** Releases the lock where this run holds it; a backend that does not answer keeps it (a later override). */
    void release() {
        for (Backend backend : held) {
            try {
                run(backend, Command.of(cluster.commandTimeout(), "rm", "-f", path + "/owner"), true);
                run(backend, Command.of(cluster.commandTimeout(), "rmdir", path), true);
            } catch (DrbdException e) {
                // Left for an override: the owner line says which run it was.
            }
        }
        held.clear();
    }

    private static CommandResult run(Backend backend, Command command, boolean mustSucceed) {
        CommandResult result = backend.runner().run(command);
        if (mustSucceed && !result.succeeded()) {
            throw new io.drbd4j.exec.CommandFailedException(result);
        }
        return result;
    }

    /**
     * Returns the owner line: {@code run=ID workflow=W by=USER@HOST since=TIME}.
     *
     * @return the owner line: {@code run=ID workflow=W by=USER@HOST since=TIME}
     */
    static String owner(String run, String workflow, String by, Instant since) {
        return "run=" + run + " workflow=" + workflow + " by=" + by + " since=" + since;
    }
}
