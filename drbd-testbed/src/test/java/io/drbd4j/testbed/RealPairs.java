package io.drbd4j.testbed;

import static org.junit.jupiter.api.Assertions.fail;

import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Starting a real pair in a test: skipped with the reason printed where VMs cannot run here, a failure instead under
 * {@code CI=true}, where the test bed must run.
 */
final class RealPairs {
    static final Duration SHORT = Duration.ofSeconds(30);

    private RealPairs() {}

    /** @return a booted pair, or the test is skipped (failed under CI=true) with the reason */
    static RealDrbdPair start(RealDrbdPair.Builder builder) {
        Optional<String> missing = TestbedImage.missingTools();
        if (missing.isPresent()) {
            unavailable(missing.get());
        }
        try {
            return builder.build();
        } catch (TestbedUnavailableException e) {
            unavailable(e.getMessage());
            throw e;
        }
    }

    private static void unavailable(String reason) {
        String message = "the real DRBD test bed cannot run here: " + reason;
        System.out.println(message);
        if ("true".equals(System.getenv("CI"))) {
            fail(message + " (CI=true: the real-drbd suite must run)");
        }
        Assumptions.abort(message);
    }

    /** Runs a command that must succeed and returns its result. */
    static CommandResult ok(RealDrbdPair pair, String host, String... argv) {
        CommandResult r = pair.runner(host).run(Command.of(SHORT, argv));
        if (!r.succeeded()) {
            throw new AssertionError(host + ": " + String.join(" ", argv) + " exited " + r.exitCode() + ": "
                    + r.stderrText() + r.stdoutText());
        }
        return r;
    }

    /** Runs a command and returns its result, whatever the exit code. */
    static CommandResult run(RealDrbdPair pair, String host, String... argv) {
        return pair.runner(host).run(Command.of(SHORT, argv));
    }
}
