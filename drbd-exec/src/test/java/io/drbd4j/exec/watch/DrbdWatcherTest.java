package io.drbd4j.exec.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.Role;
import io.drbd4j.core.watch.DrbdChange;
import io.drbd4j.core.watch.DrbdChange.ConnectionChanged;
import io.drbd4j.core.watch.DrbdChange.DeviceAppeared;
import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.runner.CommandRunner;
import io.drbd4j.exec.runner.CommandStream;
import io.drbd4j.exec.runner.CommonsExecRunner;
import io.drbd4j.exec.runner.SshRunner;
import io.drbd4j.exec.sshd.SshServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DrbdWatcher} on each of its sources: a local file polled, {@code drbdsetup events} (played by a local
 * shell that prints lines the real 8.4.11 kernel printed on the test bed), and the remote {@code /proc/drbd} loop,
 * locally and over a real sshd on 127.0.0.1.
 */
class DrbdWatcherTest {
    private static final String HEADER = "version: 8.4.11 (api:1/proto:86-101)\nsrcversion: F73C670A7EC572DB9CF3E5B \n";
    private static final String WAITING = HEADER
            + " 0: cs:WFConnection ro:Primary/Unknown ds:UpToDate/DUnknown C r-----\n"
            + "    ns:0 nr:0 dw:0 dr:1000 al:8 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0\n";
    private static final String CONNECTED = HEADER
            + " 0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----\n"
            + "    ns:0 nr:0 dw:0 dr:1000 al:8 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0\n";
    private static final Duration LONG = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final List<DrbdChange> changes = Collections.synchronizedList(new ArrayList<>());

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("drbd"), text, StandardCharsets.US_ASCII);
    }

    private static final DeviceAppeared APPEARED = new DeviceAppeared(
            0, ConnectionState.WF_CONNECTION, Role.PRIMARY, Role.UNKNOWN, DiskState.UP_TO_DATE, DiskState.DUNKNOWN);

    private static final List<DrbdChange> HEALED = List.of(
            new ConnectionChanged(0, ConnectionState.WF_CONNECTION, ConnectionState.CONNECTED),
            new DrbdChange.RoleChanged(0, Role.PRIMARY, Role.PRIMARY, Role.UNKNOWN, Role.SECONDARY),
            new DrbdChange.DiskChanged(
                    0, DiskState.UP_TO_DATE, DiskState.UP_TO_DATE, DiskState.DUNKNOWN, DiskState.UP_TO_DATE));

    @Test
    void aLocalFileIsReadEveryIntervalAndOnlyChangesAreTold() throws IOException {
        Path drbd = file(WAITING);
        try (DrbdWatcher w = DrbdWatcher.builder().listener(changes::add).file(drbd, Duration.ofMillis(20))) {
            assertThat(w.poll()).isTrue();
            assertThat(w.awaitChange(Duration.ofMillis(200)))
                    .as("nothing changed")
                    .isFalse();

            Files.writeString(drbd, CONNECTED, StandardCharsets.US_ASCII); // the same file, rewritten
            assertThat(w.awaitChange(LONG)).isTrue();
        }
        List<DrbdChange> expected = new ArrayList<>();
        expected.add(APPEARED);
        expected.addAll(HEALED);
        assertThat(changes).containsExactlyElementsOf(expected);
    }

    @Test
    void aMissingFileIsNoDeviceUntilItAppears() throws IOException {
        Path drbd = dir.resolve("drbd");
        try (DrbdWatcher w = DrbdWatcher.builder().listener(changes::add).file(drbd, Duration.ofMillis(20))) {
            assertThat(w.poll()).isFalse();
            Files.writeString(drbd, WAITING, StandardCharsets.US_ASCII);
            assertThat(w.awaitChange(LONG)).isTrue();
        }
        assertThat(changes).containsExactly(APPEARED);
    }

    @Test
    void aPollThatFindsNothingChangedAllocatesNothing() throws IOException {
        Path drbd = file(CONNECTED);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        threads.setThreadAllocatedMemoryEnabled(true);
        try (DrbdWatcher w = DrbdWatcher.builder().file(drbd, Duration.ofMillis(10))) {
            assertThat(w.poll()).isTrue();
            for (int i = 0; i < 20_000; i++) {
                w.poll();
            }
            long fewest = Long.MAX_VALUE;
            for (int batch = 0; batch < 5; batch++) {
                long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 2_000; i++) {
                    w.poll();
                }
                fewest = Math.min(fewest, threads.getCurrentThreadAllocatedBytes() - before);
            }
            assertThat(fewest)
                    .as("bytes allocated by 2,000 polls of an unchanged file")
                    .isZero();
            assertThat(w.changes()).isEqualTo(1);
        }
    }

    /**
     * A node whose {@code drbdsetup events all} is a local shell printing {@code lines}, one every 50 ms, then
     * waiting; every other command is refused.
     */
    private static CommandRunner eventsNode(List<String> lines, boolean endAfter) {
        CommonsExecRunner local = CommonsExecRunner.create();
        StringBuilder script = new StringBuilder();
        for (String line : lines) {
            script.append("printf '%s\\n' '").append(line).append("'; sleep 0.05; ");
        }
        script.append(endAfter ? "echo 'drbdsetup: no such device' >&2; exit 10" : "sleep 600");
        return new CommandRunner() {
            @Override
            public CommandResult run(Command command) {
                throw new AssertionError("unexpected " + command);
            }

            @Override
            public Optional<CommandStream> stream(Command command) {
                assertThat(command.argv()).containsExactly("drbdsetup", "events", "all");
                return local.stream(Command.of(command.timeout(), "sh", "-c", script.toString()));
            }
        };
    }

    @Test
    void theEventStreamTellsEachChangeAsItComes() {
        CommandRunner node = eventsNode(
                List.of(
                        "1796588024 ST 0,pc0[0] { cs:WFConnection ro:Primary/Unknown ds:UpToDate/DUnknown r--- }",
                        "7 R - pc0",
                        "8 ST 0,pc0[0] { cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate r--- }"),
                false);
        try (DrbdWatcher w = DrbdWatcher.builder()
                .listener(changes::add)
                .events(node, DrbdDialect.drbd84())
                .orElseThrow()) {
            assertTimeoutPreemptively(LONG, () -> {
                while (changes.size() < 4) {
                    w.awaitChange(Duration.ofSeconds(5));
                }
            });
            assertThat(w.awaitChange(Duration.ofMillis(300))).isFalse();
        }
        List<DrbdChange> expected = new ArrayList<>();
        expected.add(APPEARED);
        expected.addAll(HEALED);
        assertThat(changes).containsExactlyElementsOf(expected);
    }

    @Test
    void anEventStreamThatEndsIsAnErrorThatSaysWhyAndClosesTheWatcher() {
        CommandRunner node = eventsNode(List.of(), true);
        DrbdWatcher w = DrbdWatcher.builder().events(node, DrbdDialect.drbd84()).orElseThrow();

        assertThatThrownBy(() -> assertTimeoutPreemptively(LONG, () -> {
                    while (true) {
                        w.awaitChange(Duration.ofSeconds(5));
                    }
                }))
                .isInstanceOf(DrbdWatchException.class)
                .hasMessageContaining("drbdsetup events all")
                .hasMessageContaining("exit code 10")
                .hasMessageContaining("drbdsetup: no such device");
        assertThatThrownBy(() -> w.awaitChange(Duration.ZERO)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRunnerThatCannotStreamGivesNoWatcher() {
        CommandRunner plain = c -> {
            throw new AssertionError("not run");
        };
        assertThat(DrbdWatcher.builder().events(plain, DrbdDialect.drbd84())).isEmpty();
        assertThat(DrbdWatcher.builder().procDrbd(plain, Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void theProcDrbdLoopPrintsOnlyWhenTheFileChanged() throws IOException {
        Path drbd = file(WAITING);
        try (DrbdWatcher w = DrbdWatcher.builder()
                .listener(changes::add)
                .procFile(drbd.toString())
                .procDrbd(CommonsExecRunner.create(), Duration.ofMillis(50))
                .orElseThrow()) {
            assertThat(w.awaitChange(LONG)).isTrue();
            assertThat(w.awaitChange(Duration.ofMillis(400))).isFalse();

            Files.writeString(drbd, CONNECTED, StandardCharsets.US_ASCII);
            assertThat(w.awaitChange(LONG)).isTrue();
        }
        List<DrbdChange> expected = new ArrayList<>();
        expected.add(APPEARED);
        expected.addAll(HEALED);
        assertThat(changes).containsExactlyElementsOf(expected);
    }

    @Test
    void overSshTheLoopIsOneLoginAndOneCommandForTheWholeWatch() throws Exception {
        Path drbd = file(WAITING);
        try (SshServer sshd = SshServer.start();
                SshRunner runner = SshRunner.shared(sshd.target().build())) {
            int before = sshd.logins();
            try (DrbdWatcher w = DrbdWatcher.builder()
                    .listener(changes::add)
                    .procFile(drbd.toString())
                    .procDrbd(runner, Duration.ofMillis(50))
                    .orElseThrow()) {
                assertThat(w.awaitChange(LONG)).isTrue();
                for (String next : List.of(CONNECTED, WAITING, CONNECTED)) {
                    Files.writeString(drbd, next, StandardCharsets.US_ASCII);
                    assertThat(w.awaitChange(LONG)).isTrue();
                }
            }
            assertThat(sshd.logins() - before)
                    .as("logins, sshd log:\n%s", sshd.log())
                    .isEqualTo(1);
        }
        assertThat(changes).hasSize(1 + 3 * 3);
        assertThat(changes.get(changes.size() - 3)).isEqualTo(HEALED.get(0));
    }

    @Test
    void intervalsAndFilesAreChecked() {
        assertThatThrownBy(() -> DrbdWatcher.builder().file(dir, Duration.ofMillis(1)))
                .hasMessage("interval PT0.001S (expected: at least 10 ms)");
        assertThatThrownBy(() -> DrbdWatcher.builder().procFile("proc/drbd"))
                .hasMessage("file \"proc/drbd\" (expected: an absolute path, such as /proc/drbd)");
        assertThatThrownBy(() -> DrbdWatcher.builder().session(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
