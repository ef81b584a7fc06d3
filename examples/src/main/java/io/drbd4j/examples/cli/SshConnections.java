package io.drbd4j.examples.cli;

import io.drbd4j.exec.runner.CommandRunner;
import io.drbd4j.exec.runner.SshRunner;
import io.drbd4j.exec.runner.SshTarget;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ssh runners of one {@code drbd4j} command, closed together when the command ends ({@link Drbd4jCommand}
 * closes them): with connection sharing (the default) each host is logged in to once, however many probes and
 * commands the command sends it ({@link SshRunner#shared}); closing stops those connections and deletes their
 * control sockets' directories. Thread-safe.
 */
final class SshConnections implements AutoCloseable {
    private final List<SshRunner> open = new ArrayList<>();

    /**
     * Returns a runner that lives until {@link #close()}.
     *
     * @param target where to log in
     * @param local what runs the ssh client on this host
     * @param share whether to share one connection among the commands ({@code false}: a login per command)
     * @return a runner that lives until {@link #close()}
     */
    synchronized SshRunner runner(SshTarget target, CommandRunner local, boolean share) {
        SshRunner runner = share ? SshRunner.shared(target, local) : SshRunner.create(target, local);
        open.add(runner);
        return runner;
    }

    /** Closes every runner handed out; one that fails to close is logged, and the others are still closed. */
    @Override
    public synchronized void close() {
        for (SshRunner runner : open) {
            try {
                runner.close();
            } catch (RuntimeException e) {
                // Looked up here, not in a static field: Drbd4jCommand sets slf4j's level after this class loads.
                Logger log = LoggerFactory.getLogger(SshConnections.class);
                log.warn("closing the ssh connection to {}: {}", runner.target().destination(), e.toString());
            }
        }
        open.clear();
    }
}
