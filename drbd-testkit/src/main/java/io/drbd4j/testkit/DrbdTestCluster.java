package io.drbd4j.testkit;

import io.drbd4j.core.time.Sleeper;
import io.drbd4j.exec.runner.CommandRunner;
import java.util.List;

/**
 * A DRBD pair that a test drives through drbd-exec's command seam and breaks on purpose: the test kit's {@link
 * SimulatedDrbdCluster}, or a real pair of DRBD hosts (drbd4j's test bed), so that one scenario runs on both.
 *
 * <pre>{@code
 * void survivesACrash(DrbdTestCluster pair) {
 *     DrbdAdm be2 = new CliDrbdAdm(pair.runner("be2"), DrbdDialect.drbd84());
 *     pair.faults().crash("be1");
 *     ...
 * }
 * }</pre>
 */
public interface DrbdTestCluster {
    /**
     * Returns the hosts' names, as their runners and the DRBD configuration know them.
     *
     * @return the hosts' names, as their runners and the DRBD configuration know them
     */
    List<String> hosts();

    /**
     * Returns a runner for commands on that host.
     *
     * @param host one of {@link #hosts()}
     * @return a runner for commands on that host
     */
    CommandRunner runner(String host);

    /**
     * Returns crashes, reboots, partitions and replacements on demand.
     *
     * @return crashes, reboots, partitions and replacements on demand
     */
    PairFaults faults();

    /**
     * Returns the time that passes for this pair: simulated time, or the system clock for real hosts.
     *
     * @return the time that passes for this pair: simulated time, or the system clock for real hosts
     */
    Sleeper sleeper();
}
