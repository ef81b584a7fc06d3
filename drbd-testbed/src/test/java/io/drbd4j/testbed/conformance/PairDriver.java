package io.drbd4j.testbed.conformance;

import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.testkit.DrbdTestCluster;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** One backend for the corpus, the simulated pair or the real one, driven the same way. */
abstract class PairDriver implements AutoCloseable {
    static final List<String> HOSTS = List.of("be1", "be2");

    private final Set<String> off = new HashSet<>();

    abstract DrbdTestCluster cluster();

    /** Runs a command on a running host; the result whatever its exit code. */
    abstract CommandResult run(String host, List<String> argv);

    /** @return the running host's /proc/drbd */
    abstract byte[] procOf(String host);

    /** Lets the pair reach the state it goes to on its own after a command (connecting, a handshake). */
    abstract void settle();

    /** Lets a short while pass between two reads of a wait: one second of simulated time, half a real one. */
    abstract void tick();

    /** @return how many ticks make a second */
    abstract int ticksPerSecond();

    @Override
    public abstract void close();

    final Optional<byte[]> proc(String host) {
        return off.contains(host) ? Optional.empty() : Optional.of(procOf(host));
    }

    final Observation observe(Optional<CommandResult> command) {
        Map<String, Optional<byte[]>> procs = new LinkedHashMap<>();
        HOSTS.forEach(h -> procs.put(h, proc(h)));
        return Observation.of(command, procs);
    }

    /** Waits until the observation matches, a tick at a time. @return whether it did within the bound */
    final boolean await(Predicate<Observation> condition, int seconds) {
        for (int i = 0; i < seconds * ticksPerSecond(); i++) {
            if (condition.test(observe(Optional.empty()))) {
                return true;
            }
            tick();
        }
        return condition.test(observe(Optional.empty()));
    }

    final void crash(String host) {
        cluster().faults().crash(host);
        off.add(host);
    }

    final void reboot(String host) {
        cluster().faults().reboot(host);
        off.remove(host);
    }

    final void partition() {
        cluster().faults().partition();
    }

    final void heal() {
        cluster().faults().heal();
    }
}
