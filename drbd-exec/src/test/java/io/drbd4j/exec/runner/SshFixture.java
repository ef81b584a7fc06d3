package io.drbd4j.exec.runner;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.drbd4j.exec.sshd.SshServer;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the {@link SshRunner} tests against a real sshd share: the server (see {@link SshServer}), started before the
 * class's first test and stopped after its last ({@code @RegisterExtension static final SshFixture SSHD}), a runner
 * over it, the timeout their commands use, and running a command with a guard against hangs.
 */
final class SshFixture implements BeforeAllCallback, AfterAllCallback {
    /** No single remote run in these tests may take longer than this, whatever goes wrong. */
    static final Duration HANG_GUARD = Duration.ofSeconds(60);

    /** The timeout of the commands that are not about timeouts. */
    static final Duration SHORT = Duration.ofSeconds(20);

    private SshServer server;
    private SshRunner runner;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = start();
        runner = SshRunner.create(server.target().build());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** @return the running sshd */
    SshServer server() {
        return server;
    }

    /** @return a runner that logs in to it */
    SshRunner runner() {
        return runner;
    }

    /** @return a running sshd on 127.0.0.1, started within 60 s */
    static SshServer start() {
        return assertTimeoutPreemptively(Duration.ofSeconds(60), SshServer::start);
    }

    /**
     * @param sshRunner the runner
     * @param command the remote command
     * @return its result, which has to come within {@link #HANG_GUARD}
     */
    static CommandResult run(SshRunner sshRunner, Command command) {
        return assertTimeoutPreemptively(HANG_GUARD, () -> sshRunner.run(command), () -> "still running: " + command);
    }
}
