package io.drbd4j.exec.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.runner.CommandTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The recording double: passes every command on and remembers it, in order, with how it ended. */
class RecordingCommandRunnerTest {
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    private final ScriptedCommandRunner scripted = new ScriptedCommandRunner();
    private final RecordingCommandRunner recording = new RecordingCommandRunner(scripted);

    private static Command command(String... argv) {
        return Command.of(TEN_SECONDS, argv);
    }

    @Test
    void recordsEveryCommandAndItsResultInOrder() {
        scripted.expect("drbdadm", "role", "pc0").thenReturn(0, "Secondary/Primary\n", "");
        scripted.expect("drbdadm", "primary", "pc0").thenReturn(11, "", "State change failed\n");
        Command role = command("drbdadm", "role", "pc0");
        Command primary = command("drbdadm", "primary", "pc0");

        CommandResult first = recording.run(role);
        CommandResult second = recording.run(primary);

        assertThat(recording.commands()).containsExactly(role, primary);
        assertThat(recording.results()).containsExactly(first, second);
        assertThat(recording.results()).extracting(CommandResult::exitCode).containsExactly(0, 11);
        assertThat(recording.argvs())
                .containsExactly(List.of("drbdadm", "role", "pc0"), List.of("drbdadm", "primary", "pc0"));
    }

    @Test
    void returnsWhatTheDelegateReturned() {
        scripted.expect("cat", "/proc/drbd").thenReturn(0, "version: 8.4.11\n", "");

        CommandResult result = recording.run(command("cat", "/proc/drbd"));

        assertThat(result.stdoutText()).isEqualTo("version: 8.4.11\n");
        assertThat(result).isSameAs(recording.results().get(0));
    }

    @Test
    void aCommandWhoseDelegateThrowsIsRecordedWithoutAResult() {
        scripted.expect("drbdadm", "up", "pc0").thenReturn(0, "", "");
        scripted.expect("drbdadm", "wait-connect", "pc0").thenTimeOut("waiting\n");
        scripted.expect("drbdadm", "role", "pc0").thenReturn(0, "Primary/Secondary\n", "");

        recording.run(command("drbdadm", "up", "pc0"));
        assertThatThrownBy(() -> recording.run(command("drbdadm", "wait-connect", "pc0")))
                .isInstanceOf(CommandTimeoutException.class);
        assertThatThrownBy(() -> recording.run(command("reboot"))).isInstanceOf(UnexpectedCommandException.class);
        recording.run(command("drbdadm", "role", "pc0"));

        assertThat(recording.argvs())
                .containsExactly(
                        List.of("drbdadm", "up", "pc0"),
                        List.of("drbdadm", "wait-connect", "pc0"),
                        List.of("reboot"),
                        List.of("drbdadm", "role", "pc0"));
        assertThat(recording.results())
                .extracting(r -> r.command().argv())
                .containsExactly(List.of("drbdadm", "up", "pc0"), List.of("drbdadm", "role", "pc0"));
    }

    @Test
    void clearForgetsCommandsAndResults() {
        scripted.expect("drbdadm", "role", "pc0").times(2).thenReturn(0, "Primary/Secondary\n", "");
        recording.run(command("drbdadm", "role", "pc0"));

        recording.clear();

        assertThat(recording.commands()).isEmpty();
        assertThat(recording.argvs()).isEmpty();
        assertThat(recording.results()).isEmpty();
        recording.run(command("drbdadm", "role", "pc0"));
        assertThat(recording.argvs()).containsExactly(List.of("drbdadm", "role", "pc0"));
        assertThat(recording.results()).hasSize(1);
    }

    @Test
    void theListsAreSnapshotsThatCannotBeChanged() {
        scripted.expect("drbdadm", "role", "pc0").times(2).thenReturn(0, "", "");
        recording.run(command("drbdadm", "role", "pc0"));
        List<Command> commands = recording.commands();
        List<List<String>> argvs = recording.argvs();
        List<CommandResult> results = recording.results();

        recording.run(command("drbdadm", "role", "pc0"));

        assertThat(commands).hasSize(1);
        assertThat(argvs).hasSize(1);
        assertThat(results).hasSize(1);
        assertThatThrownBy(() -> commands.add(command("reboot"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> argvs.add(List.of("reboot"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> results.clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aNullDelegateIsRejected() {
        assertThatThrownBy(() -> new RecordingCommandRunner(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("delegate");
    }

    @Test
    void recordsEveryCommandFromEightThreads() throws Exception {
        scripted.expect("cat", "/proc/drbd").times(800).thenReturn(0, "version: 8.4.11\n", "");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        recording.run(command("cat", "/proc/drbd"));
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(recording.commands()).hasSize(800);
        assertThat(recording.results()).hasSize(800).allMatch(r -> r.stdoutText()
                .equals("version: 8.4.11\n"));
        assertThat(scripted.unmet()).isEmpty();
    }
}
