package io.drbd4j.exec.runner;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.drbd4j.exec.sshd.SshServer;
import java.time.Duration;

/**
 * What the {@link SshRunner} tests against a real sshd share: starting the server (see {@link SshServer}), the
 * timeout their commands use, and running a command with a guard against hangs.
 */
final class SshFixture {
    /** No single remote run in these tests may take longer than this, whatever goes wrong. */
    static final Duration HANG_GUARD = Duration.ofSeconds(60);

    /** The timeout of the commands that are not about timeouts. */
    static final Duration SHORT = Duration.ofSeconds(20);

    private SshFixture() {}

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
