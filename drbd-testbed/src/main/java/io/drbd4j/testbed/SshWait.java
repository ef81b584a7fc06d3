package io.drbd4j.testbed;

import io.drbd4j.core.time.Sleeper;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.runner.CommandRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wait for freshly started VMs: each is polled over ssh ({@code cat /proc/drbd}) once a second, all in parallel,
 * until it answers, its qemu ends, or the boot timeout passes.
 */
final class SshWait {
    // Logged as the pair's: the test bed's output is read and filtered under RealDrbdPair.
    private static final Logger LOG = LoggerFactory.getLogger(RealDrbdPair.class);

    private SshWait() {}

    /**
     * Waits until every VM answers ssh.
     *
     * @param machines VMs whose qemu was just started
     * @param runners the runner of each host name
     * @param timeout how long each VM may take from start to answering ssh
     * @throws TestbedUnavailableException when a VM's qemu ends or it does not answer in time
     */
    static void awaitAll(List<VirtualMachine> machines, Function<String, CommandRunner> runners, Duration timeout) {
        ExecutorService pool = Executors.newFixedThreadPool(machines.size());
        try {
            List<Future<?>> waits = new ArrayList<>();
            for (VirtualMachine vm : machines) {
                waits.add(pool.submit(() -> await(vm, runners.apply(vm.name()), timeout)));
            }
            for (Future<?> wait : waits) {
                wait.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestbedUnavailableException("interrupted while VMs booted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new TestbedUnavailableException(e.getCause().toString(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(VirtualMachine vm, CommandRunner r, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!vm.isRunning()) {
                throw new TestbedUnavailableException(vm.name() + ": qemu ended while booting; see " + vm.console());
            }
            try {
                CommandResult up = r.run(Command.of(RealDrbdPair.PROBE, "cat", "/proc/drbd"));
                if (up.succeeded()) {
                    LOG.info("{} answers ssh", vm.name());
                    return;
                }
                last = up.stderrText();
            } catch (RuntimeException e) {
                last = e.getMessage();
            }
            try {
                Sleeper.system().sleep(Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TestbedUnavailableException("interrupted while " + vm.name() + " booted", e);
            }
        }
        throw new TestbedUnavailableException(vm.name() + " did not answer ssh within " + timeout.toSeconds()
                + " s (last: " + last + "); console: " + vm.console());
    }
}
