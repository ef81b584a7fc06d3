package io.drbd4j.testkit.internal.argv;

import static org.assertj.core.api.Assertions.fail;

import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.runner.CommonsExecRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The installed drbd-utils (&lt; 9.28, which still has the 8.3/8.4 helpers) as the oracle: drbdadm-8x run with
 * {@code -d} (prints the drbdsetup/drbdmeta calls, runs none) and drbdsetup-8x {@code help}. No module, no device.
 * Missing tools skip the test with the reason printed, or fail it under {@code CI=true}.
 */
final class DrbdUtils {
    private static final CommonsExecRunner RUNNER = CommonsExecRunner.create();

    private DrbdUtils() {}

    /** @return the folder of the helpers: DRBD_LIB_DIR, else the first of /lib/drbd, /usr/lib/drbd, ... */
    static Path libDir() {
        String env = System.getenv("DRBD_LIB_DIR");
        if (env != null && !env.isEmpty()) {
            return Path.of(env);
        }
        return Stream.of("/lib/drbd", "/usr/lib/drbd", "/usr/libexec/drbd")
                .map(Path::of)
                .filter(d -> Files.isExecutable(d.resolve("drbdadm-84")))
                .findFirst()
                .orElse(Path.of("/lib/drbd"));
    }

    /**
     * @param name such as {@code drbdadm-83}
     * @return its path; skips (fails under CI=true) when it is not installed
     */
    static Path helper(String name) {
        Path p = libDir().resolve(name);
        if (!Files.isExecutable(p)) {
            String reason = "no executable " + p + " (install drbd-utils < 9.28: apt-get install drbd-utils)";
            if ("true".equals(System.getenv("CI"))) {
                fail("drbd-utils oracle cannot run under CI=true: " + reason);
            }
            System.out.println("SKIPPED (drbd-utils oracle): " + reason);
            Assumptions.abort(reason);
        }
        return p;
    }

    /** @return how the command ended: stdin closed, LC_ALL=C */
    static CommandResult run(List<String> argv) {
        return RUNNER.run(Command.builder()
                .timeout(Duration.ofSeconds(30))
                .addAllArgv(argv)
                .putEnvironment("LC_ALL", "C")
                .build());
    }

    /** @return {@code uname -n}, the name drbdadm looks for in {@code on} sections */
    static String nodeName() {
        CommandResult r = run(List.of("uname", "-n"));
        if (!r.succeeded()) {
            throw new AssertionError("uname -n failed: " + r);
        }
        return r.stdoutText().strip();
    }

    /** Writes the spec's test config (verify-drbd-commands.sh {@code c83.conf}), which both drbdadm read. */
    static Path writeConfig(Path dir) {
        try {
            return Files.writeString(
                    dir.resolve("c83.conf"),
                    "global { usage-count no; }\n"
                            + "resource pc0 { device /dev/drbd0; disk /dev/loop7; meta-disk internal; protocol C;\n"
                            + "  on \"" + nodeName() + "\" { address 127.0.0.1:7788; }"
                            + " on beta { address 127.0.0.2:7788; } }\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
