package io.drbd4j.testbed.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.chef.Backend;
import io.drbd4j.chef.ChefHaCluster;
import io.drbd4j.chef.HaStatus;
import io.drbd4j.chef.PlannedCommand;
import io.drbd4j.chef.PlannedStep;
import io.drbd4j.chef.ProgressListener;
import io.drbd4j.chef.SyncReport;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.runner.CommandRunner;
import io.drbd4j.testbed.RealDrbdPair;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The Chef HA cluster over hosts of a real pair, and what the workflow tests check on it. */
final class RealChef {
    /**
     * {@code -Ddrbd4j.testbed.polling=true}: the workflows' runners cannot stream, so their waits only poll (every
     * second), as before they waited on DRBD's event stream; by default they wait on the stream and still poll every
     * second for what the stream does not show (Chef's services, keepalived's role), which keeps the real-DRBD suite
     * within CI's time. BENCHMARKS.md compares polling with the events and the library's 5 s poll.
     */
    static final boolean POLLING = Boolean.getBoolean("drbd4j.testbed.polling");

    private RealChef() {}

    private static CommandRunner runner(RealDrbdPair pair, String host) {
        CommandRunner runner = pair.runner(host);
        return POLLING ? runner::run : runner;
    }

    /**
     * @param pair the real pair
     * @param primary the cluster's primary backend (the bootstrap, the survivor, the master)
     * @param secondary the other backend
     * @return the cluster, waiting on DRBD's event streams and polling every second (only polling, see {@link
     *     #POLLING})
     */
    static ChefHaCluster cluster(RealDrbdPair pair, String primary, String secondary) {
        return ChefHaCluster.builder()
                .addBackend(Backend.of(primary, pair.replicationAddress(primary), runner(pair, primary)))
                .addBackend(Backend.of(secondary, pair.replicationAddress(secondary), runner(pair, secondary)))
                .keeper(primary)
                .pollInterval(Duration.ofSeconds(1))
                .stateTimeout(Duration.ofMinutes(3))
                .syncTimeout(Duration.ofMinutes(10))
                .build();
    }

    /** @return chef-server.rb naming the two hosts, the first as bootstrap */
    static byte[] chefServerRb(RealDrbdPair pair, String first, String second) {
        return ("topology \"ha\"\n" + server(pair, first, true) + server(pair, second, false))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String server(RealDrbdPair pair, String host, boolean bootstrap) {
        return "server \"" + host + "\", :ipaddress => \"" + pair.replicationAddress(host) + "\", :role => \"backend\""
                + (bootstrap ? ", :bootstrap => true" : "") + "\n";
    }

    /** Writes a file on a host. */
    static void write(RealDrbdPair pair, String host, String path, byte[] content) {
        CommandResult r = pair.runner(host)
                .run(Command.builder()
                        .argv(List.of("dd", "of=" + path, "status=none"))
                        .timeout(Duration.ofSeconds(30))
                        .stdin(content)
                        .build());
        assertThat(r.exitCode()).as(r.stderrText()).isZero();
    }

    /** Asserts the cluster is healthy as HaStatus reads it, with the status in the message. */
    static void assertHealthy(ChefHaCluster cluster) {
        HaStatus status = HaStatus.read(cluster);
        assertThat(status.healthy()).as("%s", status).isTrue();
    }

    /** Records what a run reported; every event's text also goes to a sink, to look for secrets in. */
    static final class Recorder implements ProgressListener {
        private final StringBuilder sink;
        final List<String> steps = new ArrayList<>();
        final List<SyncReport> syncs = new ArrayList<>();
        Duration waitingForSync = Duration.ZERO;
        /** When each step finished, {@link System#nanoTime()}. */
        final java.util.Map<String, Long> finishedAt = new java.util.concurrent.ConcurrentHashMap<>();

        Recorder(StringBuilder sink) {
            this.sink = sink;
        }

        @Override
        public void stepStarted(PlannedStep step) {
            sink.append(step).append('\n');
        }

        @Override
        public void stepSkipped(PlannedStep step, String why) {
            sink.append(step).append(": ").append(why).append('\n');
        }

        @Override
        public void commandFinished(PlannedStep step, PlannedCommand command, CommandResult result) {
            sink.append(result).append('\n').append(result.stdoutText()).append(result.stderrText());
        }

        @Override
        public void waiting(PlannedStep step, String what, Duration elapsed) {
            sink.append(what).append('\n');
        }

        @Override
        public void lossAccepted(PlannedStep step, String acceptance) {
            sink.append(acceptance).append('\n');
        }

        @Override
        public void stepFinished(PlannedStep step, Duration took) {
            finishedAt.put(step.id(), System.nanoTime());
            steps.add(step.id());
            if (step.id().contains("sync")) {
                waitingForSync = waitingForSync.plus(took);
            }
        }

        @Override
        public void syncProgress(PlannedStep step, SyncReport report) {
            syncs.add(report);
            sink.append(report).append('\n');
        }
    }
}
