package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drbd4j.core.time.Sleeper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code drbd4j status --ssh} end to end: the system ssh client against a real sshd on 127.0.0.1 ({@link Sshd}).
 * The "remote" host is this machine, which has no {@code /proc/drbd}, so the tests point {@code --remote-file} at
 * fixtures and compare what comes back over ssh with a local read of the same file.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StatusSshTest {
    private static final Path SAMPLE =
            Path.of("samples", "proc-drbd-8.4-syncing.txt").toAbsolutePath();

    private static Sshd sshd;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSshd() throws Exception {
        sshd = assertTimeoutPreemptively(Duration.ofSeconds(60), Sshd::start);
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
    }

    private static String remote() {
        return sshd.destination() + ":" + sshd.port();
    }

    private static String absolute(Path file) {
        return file.toAbsolutePath().normalize().toString();
    }

    private static void assertFailsWithOneLine(CliResult result) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(Drbd4jCommand.EXIT_FAILURE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).endsWith("\n").containsOnlyOnce("\n");
    }

    // ---------------------------------------------------------------- what comes back is what a local read shows

    @Test
    void printsTheRemoteFileAsTheSameTableALocalReadPrints() {
        CliResult remote = CliResult.run(sshd.status("--remote-file", absolute(SAMPLE)));
        CliResult local = CliResult.run("status", "--file", absolute(SAMPLE));

        assertThat(remote.exitCode()).as(remote.err()).isZero();
        assertThat(remote.err()).isEmpty();
        assertThat(remote.out()).isEqualTo(local.out());
        assertThat(remote.out())
                .startsWith("DRBD 8.4.11-1 (api 1, proto 86-101)")
                .contains("0      Connected     Primary/Secondary")
                .contains("1      SyncTarget    Secondary/Primary  Inconsistent/UpToDate")
                .contains("43.1% ETA 0:00:34")
                .contains("3      WFConnection  Secondary/Unknown  UpToDate/DUnknown");
    }

    @Test
    void printsTheRemoteFileAsJson() {
        CliResult result = CliResult.run(sshd.status("--remote-file", absolute(SAMPLE), "--json"));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().strip()).doesNotContain("\n");
        JsonNode json = result.json();
        assertThat(json.at("/version/release").asText()).isEqualTo("8.4.11-1");
        assertThat(json.at("/devices").size()).isEqualTo(3);
        assertThat(json.at("/devices/1/minor").asInt()).isEqualTo(1);
        assertThat(json.at("/devices/1/connectionState").asText()).isEqualTo("SyncTarget");
        assertThat(json.at("/devices/1/diskState").asText()).isEqualTo("Inconsistent");
        assertThat(json.at("/devices/1/sync/leftKiB").asLong()).isEqualTo(1_200_000L);
        assertThat(json.at("/devices/1/sync/percent").asDouble()).isEqualTo(43.1);
        assertThat(json.at("/devices/2/connectionState").asText()).isEqualTo("WFConnection");
        assertThat(json.at("/problems").size()).isZero();
    }

    @Test
    void watchOverSshLogsInOnceForAllItsReads() {
        int before = sshd.logins();

        CliResult result = CliResult.run(
                sshd.status("--remote-file", absolute(SAMPLE), "--watch", "--count", "3", "--interval", "100ms"));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().split("DRBD 8.4.11-1", -1)).as("three reads").hasSize(4);
        assertThat(sshd.logins() - before).isEqualTo(1);
    }

    static List<String> fixtureNames() {
        return Fixtures.names();
    }

    /** Byte for byte over ssh: 8.3.1's NUL flag byte, tabs, mangled typography and all. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureNames")
    void everyFixtureReadsOverSshAsItReadsLocally(String fixture) {
        String file = absolute(Fixtures.file(fixture));

        CliResult remote = CliResult.run(sshd.status("--remote-file", file, "--json"));
        CliResult local = CliResult.run("status", "--file", file, "--json");

        assertThat(remote.exitCode()).as(remote.err()).isZero();
        // Everything but the time of each read.
        JsonNode remoteJson = remote.json();
        JsonNode localJson = local.json();
        ((ObjectNode) remoteJson).remove("timestamp");
        ((ObjectNode) localJson).remove("timestamp");
        assertThat(remoteJson).isEqualTo(localJson);
    }

    @Test
    void namesTheRemoteFileAndHostInTheProblemsHeading() {
        String file = absolute(Fixtures.file("003-ganeti-drbd80-missing-version-line"));

        CliResult result = CliResult.run(sshd.status("--remote-file", file, "--wide")); // the heading on one line

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).containsPattern("\\d+ problems? reading \\Q" + file + " on " + remote() + "\\E:\n");
    }

    @Test
    void strictReadOverSshFailsAsALocalOneDoes() {
        String file = absolute(Fixtures.file("030-chef-docs-drbd841-syncsource-typography-mangled"));

        CliResult remote = CliResult.run(sshd.status("--strict", "--remote-file", file));
        CliResult local = CliResult.run("status", "--strict", "--file", file);

        assertFailsWithOneLine(remote);
        assertThat(remote.err())
                .matches("drbd4j status: line \\d+, column \\d+: .+\n")
                .isEqualTo(local.err());
    }

    // ---------------------------------------------------------------- failures: exit 2, one line naming the host

    @Test
    void missingRemoteFileExitsWithTwoAndSaysWhatCatSaid() {
        String file = dir.resolve("gone").toString();

        CliResult result = CliResult.run(sshd.status("--remote-file", file));

        assertFailsWithOneLine(result);
        assertThat(result.err())
                .isEqualTo("drbd4j status: cannot read " + file + " on " + remote() + ": No such file or directory\n");
    }

    @Test
    void defaultRemoteFileIsProcDrbdAndItsAbsenceSaysThatDrbdIsNotLoaded() {
        assumeFalse(Files.exists(Path.of("/proc/drbd")), "DRBD is loaded on this machine");

        CliResult result = CliResult.run(sshd.status());

        assertFailsWithOneLine(result);
        assertThat(result.err())
                .isEqualTo("drbd4j status: DRBD is not loaded on " + remote()
                        + ": there is no /proc/drbd (load the drbd module there: modprobe drbd)\n");
    }

    @Test
    void anotherMissingRemoteFileIsNoSuchFile() {
        CliResult result = CliResult.run(sshd.status("--remote-file", "/nonexistent/drbd4j-status"));

        assertFailsWithOneLine(result);
        assertThat(result.err())
                .isEqualTo("drbd4j status: cannot read /nonexistent/drbd4j-status on " + remote()
                        + ": No such file or directory\n");
    }

    @Test
    void unreachablePortExitsWithTwoAndSaysCannotReach() throws IOException {
        int closed = Sshd.freePort();

        CliResult result = CliResult.run(
                "status", "--ssh", sshd.destination(), "--port", String.valueOf(closed), "--connect-timeout", "5s");

        assertFailsWithOneLine(result);
        assertThat(result.err())
                .startsWith("drbd4j status: cannot reach " + sshd.destination() + ":" + closed + " over ssh: ")
                .contains("Connection refused");
    }

    @Test
    void refusesAHostKeyTheKnownHostsFileDoesNotList() throws IOException {
        Path empty = Files.createFile(dir.resolve("known_hosts"));
        List<String> args = new ArrayList<>(List.of(sshd.status("--remote-file", absolute(SAMPLE))));
        args.set(args.indexOf(sshd.knownHosts().toString()), empty.toString());

        CliResult result = CliResult.run(args.toArray(String[]::new));

        assertFailsWithOneLine(result);
        assertThat(result.err())
                .startsWith("drbd4j status: cannot reach " + remote() + " over ssh: ")
                .contains("Host key verification failed");
    }

    @Test
    void aHostileRemoteFileIsRefusedBeforeAnythingRuns() {
        Path pwned = dir.resolve("pwned");
        String file = "/nonexistent; touch " + pwned + " #";

        CliResult result = CliResult.run(sshd.status("--remote-file", file));

        assertFailsWithOneLine(result);
        assertThat(result.err())
                .contains("cannot read " + file + " on " + remote() + ": ", "(expected: an absolute path");
        assertThat(pwned).doesNotExist();
    }

    // ---------------------------------------------------------------- --watch re-runs ssh every interval

    /** Advances a virtual clock and replaces the watched file's content at each sleep. */
    private static final class ReplacingSleeper implements Sleeper {
        private final Path watched;
        private final List<Path> next;
        final List<Duration> sleeps = new ArrayList<>();
        private Instant now = Instant.parse("2026-11-22T03:00:00Z");

        ReplacingSleeper(Path watched, List<Path> next) {
            this.watched = watched;
            this.next = new ArrayList<>(next);
        }

        @Override
        public Clock clock() {
            return Clock.fixed(now, ZoneOffset.UTC);
        }

        @Override
        public void sleep(Duration duration) {
            sleeps.add(duration);
            now = now.plus(duration);
            if (!next.isEmpty()) {
                try {
                    Files.write(watched, Files.readAllBytes(next.remove(0)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    @Test
    void watchRunsSshAgainEveryInterval() throws IOException {
        Path watched = Files.copy(SAMPLE, dir.resolve("drbd"));
        Path later = Fixtures.file("039-chef-docs-drbd840-wfconnection-secondary-inconsistent");
        ReplacingSleeper sleeper = new ReplacingSleeper(watched, List.of(later));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = Drbd4jCommand.run(
                new Drbd4jCommand(false, sleeper),
                new PrintWriter(out),
                new PrintWriter(err),
                sshd.status("--watch", "--interval", "5s", "--count", "2", "--remote-file", absolute(watched)));

        assertThat(exit).as(err.toString()).isZero();
        assertThat(sleeper.sleeps).containsExactly(Duration.ofSeconds(5));
        List<String> sections = List.of(out.toString().split("(?m)^--- ", -1));
        assertThat(sections).hasSize(3);
        assertThat(sections.get(1)).startsWith("2026-11-22T03:00:00Z\n").contains("1      SyncTarget");
        assertThat(sections.get(2))
                .startsWith("2026-11-22T03:00:05Z\n")
                .contains("0      WFConnection  Secondary/Unknown  Inconsistent/DUnknown")
                .doesNotContain("SyncTarget");
    }

    @Test
    void watchStopsWithTheOneLineErrorWhenARemoteReadFails() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String gone = dir.resolve("gone").toString();

        int exit = Drbd4jCommand.run(
                new Drbd4jCommand(true, new ReplacingSleeper(dir.resolve("unused"), List.of())),
                new PrintWriter(out),
                new PrintWriter(err),
                sshd.status("--watch", "--count", "3", "--remote-file", gone));

        assertThat(exit).isEqualTo(Drbd4jCommand.EXIT_FAILURE);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString())
                .isEqualTo("drbd4j status: cannot read " + gone + " on " + remote() + ": No such file or directory\n");
    }

    @Test
    void watchOnATerminalNamesTheHostInTheHeading() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = Drbd4jCommand.run(
                new Drbd4jCommand(true, new ReplacingSleeper(dir.resolve("unused"), List.of())),
                new PrintWriter(out),
                new PrintWriter(err),
                sshd.status("--watch", "--count", "1", "--remote-file", absolute(SAMPLE)));

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString())
                .startsWith("\u001b[H\u001b[2J")
                .contains("Every 2000 ms: drbd4j status --ssh " + sshd.destination() + " --port " + sshd.port()
                        + " --remote-file " + absolute(SAMPLE) + "    2026-11-22T03:00:00Z\n");
    }
}
