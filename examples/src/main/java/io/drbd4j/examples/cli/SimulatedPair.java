package io.drbd4j.examples.cli;

import io.drbd4j.chef.Backend;
import io.drbd4j.chef.ChefHaCluster;
import io.drbd4j.chef.FailoverSetup;
import io.drbd4j.chef.Journal;
import io.drbd4j.chef.ProgressListener;
import io.drbd4j.testkit.Scenarios;
import io.drbd4j.testkit.SimulatedDrbdCluster;
import io.drbd4j.testkit.SimulatedTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The pair {@code plan}, {@code demo} and {@code ha-status --demo} use when no host is given: drbd-testkit's
 * simulated backends {@code be1} (10.0.0.1, the bootstrap backend) and {@code be2} (10.0.0.2), fresh ({@code
 * create-md} and {@code up} on both: {@code Connected Secondary/Secondary Inconsistent/Inconsistent}), on simulated
 * time. Not thread-safe: one command uses it.
 */
final class SimulatedPair {
    /** The bootstrap backend. */
    static final String PRIMARY = "be1";

    /** The other backend. */
    static final String SECONDARY = "be2";

    private static final long GIB = 1L << 30;

    private final SimulatedDrbdCluster sim;
    private final ChefHaCluster cluster;

    private SimulatedPair(SimulatedDrbdCluster sim) {
        this.sim = sim;
        this.cluster = ChefHaCluster.builder()
                .addBackend(Backend.of(PRIMARY, "10.0.0.1", sim.runner(PRIMARY)))
                .addBackend(Backend.of(SECONDARY, "10.0.0.2", sim.runner(SECONDARY)))
                .keeper(PRIMARY)
                .sleeper(sim.time())
                .build();
    }

    /**
     * Returns a fresh pair.
     *
     * @param dialect {@code 8.3} or {@code 8.4}: the drbdadm userland and kernel module of both backends
     * @param sizeGiB the size of each backing volume, in GiB (1 or more)
     * @return a fresh pair
     */
    static SimulatedPair fresh(String dialect, long sizeGiB) {
        String kernel = dialect.equals("8.3") ? "8.3.16" : "8.4.11";
        return new SimulatedPair(Scenarios.freshPair(SimulatedDrbdCluster.builder()
                .host(PRIMARY, "10.0.0.1", dialect, kernel)
                .host(SECONDARY, "10.0.0.2", dialect, kernel)
                .backingSize(sizeGiB * GIB)));
    }

    /**
     * Returns a fresh pair of 1 GiB volumes on which failover setup ran to completion: be1 master, be2 backup.
     *
     * @param dialect {@code 8.3} or {@code 8.4}
     * @return a fresh pair of 1 GiB volumes on which failover setup ran to completion: be1 master, be2 backup
     * @throws io.drbd4j.chef.WorkflowException when the setup stops (a bug of the simulation or the workflow)
     */
    static SimulatedPair afterFailoverSetup(String dialect) {
        SimulatedPair pair = fresh(dialect, 1);
        Path dir;
        try {
            dir = Files.createTempDirectory("drbd4j-demo-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the journal", e);
        }
        Path journal = dir.resolve(FailoverSetup.NAME + ".jsonl");
        try {
            FailoverSetup.workflow(pair.cluster()).run(ProgressListener.none(), Journal.at(journal));
        } finally {
            deleteQuietly(journal);
            deleteQuietly(dir);
        }
        return pair;
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // A temporary file left behind is harmless; the status read goes on.
        }
    }

    /**
     * Returns the two backends, be1 the bootstrap backend, on simulated time.
     *
     * @return the two backends, be1 the bootstrap backend, on simulated time
     */
    ChefHaCluster cluster() {
        return cluster;
    }

    /**
     * Returns the pair's clock and sleeper.
     *
     * @return the pair's clock and sleeper
     */
    SimulatedTime time() {
        return sim.time();
    }
}
