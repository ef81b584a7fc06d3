package io.drbd4j.testkit;

import io.drbd4j.core.model.Role;
import io.drbd4j.testkit.internal.drbd.DrbdNode;
import java.time.Duration;

/** The application writing on a Primary as simulated time passes: one write each whole second. */
final class AppWriter {
    private final SimulatedDrbdCluster cluster;
    private String host;
    private long kibPerSecond;
    private long pendingMillis;

    AppWriter(SimulatedDrbdCluster cluster) {
        this.cluster = cluster;
        cluster.time().onAdvance(this::advance);
    }

    synchronized void start(String writerHost, long kib) {
        if (kib <= 0) {
            throw new IllegalArgumentException("kibPerSecond " + kib + " (expected: > 0)");
        }
        this.host = writerHost;
        this.kibPerSecond = kib;
        this.pendingMillis = 0;
    }

    synchronized void stop() {
        host = null;
    }

    private synchronized void advance(Duration step) {
        if (host == null || cluster.faults().isGone(host)) {
            return;
        }
        pendingMillis += step.toMillis();
        while (pendingMillis >= 1000) {
            pendingMillis -= 1000;
            DrbdNode node = cluster.node(host);
            if (node.isPowered() && node.role() == Role.PRIMARY) {
                cluster.write(host, kibPerSecond);
            }
        }
    }
}
