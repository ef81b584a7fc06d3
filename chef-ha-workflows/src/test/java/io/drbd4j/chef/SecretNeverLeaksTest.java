package io.drbd4j.chef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drbd4j.exec.CliDrbdAdm;
import io.drbd4j.exec.CommandFailedException;
import io.drbd4j.exec.ExitClass;
import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.runner.CommandRunner;
import io.drbd4j.testkit.SimulatedDrbdCluster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One unique DRBD shared secret, configured on both simulated backends and in Chef's secrets file, driven through every
 * path that shows command output: the configuration copy of a successful setup, a connect that fails with the whole
 * drbdsetup line on stderr, the WorkflowException and CommandFailedException it raises, the journals, the listener's
 * events and the log lines (slf4j-simple writes its warnings to System.err). The secret appears in none of them.
 */
class SecretNeverLeaksTest {
    private static final String SECRET = "S3cr3t-drbd4j-" + UUID.randomUUID();
    private static final String VRRP_PASSWORD = "vrrp-" + UUID.randomUUID();
    private static final String SECRETS_JSON = "{\"drbd\":{\"shared_secret\":\"" + SECRET + "\"},"
            + "\"keepalived\":{\"vrrp_instance_password\":\"" + VRRP_PASSWORD + "\"}}\n";

    @TempDir
    Path dir;

    /** Every event as text, command results with their stdout, stderr and stdin. */
    static final class Everything implements ProgressListener {
        final StringBuilder text = new StringBuilder();
        final List<String> copiesEchoed = new ArrayList<>();
        final List<String> ran = new ArrayList<>();
        int commands;

        @Override
        public void stepStarted(PlannedStep step) {
            text.append("started ")
                    .append(step)
                    .append(step.commands())
                    .append(step.guard())
                    .append(step.note())
                    .append('\n');
        }

        @Override
        public void stepFinished(PlannedStep step, Duration took) {
            text.append("finished ").append(step).append('\n');
        }

        @Override
        public void stepSkipped(PlannedStep step, String why) {
            text.append("skipped ").append(step).append(": ").append(why).append('\n');
        }

        @Override
        public void commandFinished(PlannedStep step, PlannedCommand command, CommandResult result) {
            commands++;
            ran.add(step.id() + " on " + command.host() + ": " + command.toShellString());
            if (result.command().stdin().isPresent()) {
                copiesEchoed.add(result.command() + " printed \"" + result.stdoutText() + "\"");
            }
            text.append(result)
                    .append(result.stdoutText())
                    .append(result.stderrText())
                    .append(result.command().stdin().map(b -> new String(b, StandardCharsets.UTF_8)))
                    .append('\n');
        }

        @Override
        public void waiting(PlannedStep step, String what, Duration elapsed) {
            text.append("waiting ").append(what).append('\n');
        }

        @Override
        public void syncProgress(PlannedStep step, SyncReport report) {
            text.append(report).append('\n');
        }

        @Override
        public void lossAccepted(PlannedStep step, String acceptance) {
            text.append(acceptance).append('\n');
        }
    }

    @Test
    void theSharedSecretReachesNoListenerLogExceptionOrJournal() throws IOException {
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
        Everything listener = new Everything();
        List<String> thrown = new ArrayList<>();
        try {
            SimulatedDrbdCluster sim = SimPair.builder("8.4")
                    .sharedSecret("be1", SECRET)
                    .sharedSecret("be2", SECRET)
                    .build();
            SimPair pair = SimPair.of(sim, "8.4");
            PrepareTest.seed(pair, "/etc/opscode/chef-server.rb", "topology \"ha\"\n");
            PrepareTest.seed(pair, "/etc/opscode/private-chef-secrets.json", SECRETS_JSON);

            Prepare.workflow(pair.cluster).run(listener, Journal.at(dir.resolve("prepare.jsonl")));
            FailoverSetup.workflow(pair.cluster).run(listener, Journal.at(dir.resolve("setup.jsonl")));
            assertThat(PrepareTest.cat(pair, "be2", "/etc/opscode/private-chef-secrets.json"))
                    .isEqualTo(SECRETS_JSON);

            // be2 drops out; as the rejoin connects it, something else connects it first: the rejoin's connect
            // fails with (102) and drbdadm prints the drbdsetup line with every net option.
            sim.faults().leaveStandAlone("be2");
            AtomicBoolean raced = new AtomicBoolean();
            SimPair racing = pair.wrapped(runner -> racingConnect(runner, raced));
            WorkflowException failed =
                    catchThrowableOfType(WorkflowException.class, () -> RejoinSecondary.workflow(racing.cluster)
                            .run(listener, Journal.at(dir.resolve("rejoin.jsonl"))));
            assertThat(raced).isTrue();
            assertThat(failed.reason()).isEqualTo(WorkflowException.Reason.COMMAND_FAILED);
            assertThat(failed.seen()).contains("(102)", "--shared-secret=<redacted>");
            // The failure is typed as drbd-exec types it: the exit class and DRBD's own reason.
            assertThat(failed.exitClass()).hasValue(ExitClass.CONFIG);
            assertThat(failed.stateChangeError()).hasValueSatisfying(sce -> {
                assertThat(sce.code()).isEqualTo(102);
                assertThat(sce.message()).isEqualTo("Local address(port) already in use.");
            });
            CommandFailedException cause = failed.commandFailure().orElseThrow();
            assertThat(cause.argv()).containsExactly("drbdadm", "connect", "pc0");
            thrown.add(failed.getMessage() + failed.seen() + failed.required() + failed.advice());
            thrown.add(cause.getMessage() + cause.stderr() + cause.stdout());

            CliDrbdAdm drbdadm = new CliDrbdAdm(pair.cluster.backend("be2").runner(), DrbdDialect.drbd84());
            CommandFailedException typed =
                    catchThrowableOfType(CommandFailedException.class, () -> drbdadm.connect("pc0"));
            assertThat(typed.stderr()).contains("--shared-secret=<redacted>");
            thrown.add(typed.getMessage() + typed.stderr() + typed.stdout() + typed.result());
        } finally {
            System.setErr(stderr);
        }
        String log = logged.toString(StandardCharsets.UTF_8);
        stderr.print(log);

        assertThat(listener.commands).isGreaterThan(20);
        // The listener hears the copy's read on the other backend too, its output masked like every other.
        assertThat(listener.ran)
                .containsSubsequence(
                        "copy-config on be1: cat /etc/opscode/private-chef-secrets.json",
                        "copy-config on be2: dd of=/etc/opscode/private-chef-secrets.json");
        assertThat(listener.text).contains("dd of=/etc/opscode/private-chef-secrets.json");
        // The copy writes without echoing: not even redacted text of the secrets comes back on stdout.
        assertThat(listener.copiesEchoed)
                .contains("dd of=/etc/opscode/private-chef-secrets.json printed \"\"")
                .allMatch(c -> c.endsWith(" printed \"\""));
        assertThat(log).contains("rejoin-secondary: connect-secondary on be2 stopped (COMMAND_FAILED)");
        for (String secret : List.of(SECRET, VRRP_PASSWORD)) {
            assertThat(listener.text.toString()).doesNotContain(secret);
            assertThat(log).doesNotContain(secret);
            assertThat(thrown).noneMatch(t -> t.contains(secret));
            for (String journal : List.of("prepare.jsonl", "setup.jsonl", "rejoin.jsonl")) {
                assertThat(Files.readString(dir.resolve(journal))).doesNotContain(secret);
            }
        }
    }

    /** Runs {@code drbdadm connect pc0} once more right before the first one it is asked for. */
    private static CommandRunner racingConnect(CommandRunner runner, AtomicBoolean raced) {
        return command -> {
            if (command.argv().equals(List.of("drbdadm", "connect", "pc0")) && raced.compareAndSet(false, true)) {
                runner.run(command);
            }
            return runner.run(command);
        };
    }
}
