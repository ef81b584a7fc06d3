package io.drbd4j.testbed.conformance;

import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.testkit.SimulatedDrbdCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** The corpus on the test kit's simulated pair, configured as the real one (size, addresses). */
final class SimDriver extends PairDriver {
    private final SimulatedDrbdCluster sim;

    SimDriver(long backingBytes) {
        this.sim = SimulatedDrbdCluster.builder()
                .host("be1", "10.99.0.1", "8.4", "8.4.11")
                .host("be2", "10.99.0.2", "8.4", "8.4.11")
                .backingSize(backingBytes)
                .build();
    }

    @Override
    SimulatedDrbdCluster cluster() {
        return sim;
    }

    @Override
    CommandResult run(String host, List<String> argv) {
        return sim.runner(host).run(Command.of(Duration.ofSeconds(60), argv));
    }

    @Override
    byte[] procOf(String host) {
        return sim.procDrbd(host).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    void settle() {
        sim.time().advance(Duration.ofSeconds(2));
    }

    @Override
    void tick() {
        sim.time().advance(Duration.ofSeconds(1));
    }

    @Override
    int ticksPerSecond() {
        return 1;
    }

    @Override
    public void close() {}
}
