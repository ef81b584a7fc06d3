package io.drbd4j.examples;

import io.drbd4j.core.watch.DrbdChange;
import io.drbd4j.exec.CliDrbdAdm;
import io.drbd4j.exec.DrbdAdm;
import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.exec.watch.DrbdWatcher;
import io.drbd4j.testkit.SimulatedDrbdCluster;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Watches a backend's DRBD through its event stream while the pair runs its initial full sync, and prints each
 * change as DRBD reports it: no polling, no command per look. Runs on the simulated pair; on a real host the runner
 * is an {@code SshRunner} (or a {@code CommonsExecRunner} on the host itself) and the sleeper is left out.
 */
public final class WatchASync {
    private WatchASync() {}

    /**
     * Runs the example.
     *
     * @param args none
     */
    public static void main(String[] args) {
        SimulatedDrbdCluster pair = SimulatedDrbdCluster.builder()
                .host("backend1", "10.0.0.1", "8.4", "8.4.11")
                .host("backend2", "10.0.0.2", "8.4", "8.4.11")
                .build();
        DrbdAdm backend1 = new CliDrbdAdm(pair.runner("backend1"), DrbdDialect.drbd84());
        DrbdAdm backend2 = new CliDrbdAdm(pair.runner("backend2"), DrbdDialect.drbd84());
        for (DrbdAdm adm : new DrbdAdm[] {backend1, backend2}) {
            adm.createMd("pc0", true);
            adm.up("pc0");
        }

        AtomicBoolean inSync = new AtomicBoolean();
        try (DrbdWatcher watcher = DrbdWatcher.builder()
                .sleeper(pair.sleeper()) // simulated time: leave this out on a real host
                .listener(change -> {
                    System.out.println(change);
                    inSync.compareAndSet(false, change instanceof DrbdChange.SyncFinished);
                })
                .events(pair.runner("backend2"), DrbdDialect.drbd84()) // drbdsetup events all
                .orElseThrow()) {
            backend1.primaryOverwritingPeer("pc0"); // the initial full sync begins
            while (!inSync.get() && watcher.awaitChange(Duration.ofMinutes(5))) {
                // the listener has printed what changed
            }
        }
    }
}
