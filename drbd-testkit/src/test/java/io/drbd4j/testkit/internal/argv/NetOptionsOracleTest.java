package io.drbd4j.testkit.internal.argv;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.testkit.Scenarios;
import io.drbd4j.testkit.SimulatedDrbdCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A failed {@code drbdadm connect} on the simulator prints the drbdsetup line the real drbdadm (drbd-utils 9.22) builds
 * from Chef's net section, shared secret included: compared with {@code drbdadm-8x -d} on the same configuration.
 */
class NetOptionsOracleTest {
    private static final String SECRET = "S3cr3t-oracle-5e1d";
    private static final Pattern COMMAND_LINE = Pattern.compile("Command '(.*)' terminated with exit code 10\n");

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"8.4,connect", "8.4,connect --discard-my-data", "8.3,connect", "8.3,-- --discard-my-data connect"})
    void aFailedConnectPrintsTheDrbdsetupLineOfChefsNetSectionAsDrbdadmBuildsIt(String dialect, String words)
            throws IOException {
        SimulatedDrbdCluster sim = Scenarios.freshPair(SimulatedDrbdCluster.builder()
                .host("be1", "10.0.0.1", dialect, dialect.equals("8.3") ? "8.3.16" : "8.4.11")
                .host("be2", "10.0.0.2", dialect, dialect.equals("8.3") ? "8.3.16" : "8.4.11")
                .sharedSecret("be1", SECRET)
                .sharedSecret("be2", SECRET));
        List<String> argv = new ArrayList<>(List.of("drbdadm"));
        argv.addAll(List.of(words.split(" ")));
        argv.add("pc0");

        CommandResult failed = sim.runner("be1").run(Command.of(Duration.ofSeconds(5), argv));

        assertThat(failed.exitCode()).isEqualTo(10);
        Matcher line = COMMAND_LINE.matcher(failed.stderrText());
        assertThat(line.find()).as(failed.stderrText()).isTrue();
        List<String> oracle = new ArrayList<>(List.of(
                DrbdUtils.helper("drbdadm-" + dialect.replace(".", "")).toString(),
                "-d",
                "-c",
                chefConfig(dialect).toString()));
        oracle.addAll(argv.subList(1, argv.size()));
        CommandResult dryRun = DrbdUtils.run(oracle);
        assertThat(dryRun.exitCode()).as("%s", dryRun).isZero();
        String expected = dryRun.stdoutText().strip().replaceFirst("^\\S*/drbdsetup-", "drbdsetup-");
        assertThat(line.group(1)).isEqualTo(expected).contains("--shared-secret=" + SECRET);
    }

    @ParameterizedTest
    @CsvSource({"8.4", "8.3"})
    void aFailedUpPrintsTheConnectLineItsLastDrbdsetupCallUses(String dialect) throws IOException {
        String kernel = dialect.equals("8.3") ? "8.3.16" : "8.4.11";
        SimulatedDrbdCluster sim = Scenarios.freshPair(SimulatedDrbdCluster.builder()
                .host("be1", "10.0.0.1", dialect, kernel)
                .host("be2", "10.0.0.2", dialect, kernel)
                .sharedSecret("be1", SECRET)
                .sharedSecret("be2", SECRET));
        Command detach = Command.of(Duration.ofSeconds(5), "drbdadm", "detach", "pc0");
        assertThat(sim.runner("be1").run(detach).exitCode()).isZero();

        // up on a detached node that kept its connection: the attach works, the connect fails with (102)
        CommandResult failed = sim.runner("be1").run(Command.of(Duration.ofSeconds(5), "drbdadm", "up", "pc0"));

        assertThat(failed.exitCode()).isEqualTo(10);
        Matcher line = COMMAND_LINE.matcher(failed.stderrText());
        assertThat(line.find()).as(failed.stderrText()).isTrue();
        CommandResult dryRun = DrbdUtils.run(List.of(
                DrbdUtils.helper("drbdadm-" + dialect.replace(".", "")).toString(),
                "-d",
                "-c",
                chefConfig(dialect).toString(),
                "up",
                "pc0"));
        assertThat(dryRun.exitCode()).as("%s", dryRun).isZero();
        List<String> calls = dryRun.stdoutText().strip().lines().toList();
        String last = calls.get(calls.size() - 1).replaceFirst("^\\S*/drbdsetup-", "drbdsetup-");
        assertThat(line.group(1)).isEqualTo(last).contains("--shared-secret=" + SECRET);
    }

    /** Chef's net section (chef-ha-procedures §1.4), with the protocol in common for 8.3 and in net for 8.4. */
    private Path chefConfig(String dialect) throws IOException {
        String net = "    cram-hmac-alg sha1;\n    shared-secret \"" + SECRET + "\";\n    sndbuf-size 0;\n"
                + "    rcvbuf-size 0;\n    after-sb-0pri discard-younger-primary;\n"
                + "    after-sb-1pri discard-secondary;\n    after-sb-2pri call-pri-lost-after-sb;\n";
        String common = dialect.equals("8.3")
                ? "common {\n  protocol C;\n  net {\n" + net + "  }\n}\n"
                : "common {\n  net {\n    protocol C;\n" + net + "  }\n}\n";
        return Files.writeString(
                dir.resolve("drbd-" + dialect + ".conf"),
                "global { usage-count no; }\n" + common
                        + "resource pc0 {\n  device /dev/drbd0;\n  disk /dev/opscode/drbd;\n  meta-disk internal;\n"
                        + "  on \"" + DrbdUtils.nodeName() + "\" { address 10.0.0.1:7788; }\n"
                        + "  on be2 { address 10.0.0.2:7788; }\n}\n");
    }
}
