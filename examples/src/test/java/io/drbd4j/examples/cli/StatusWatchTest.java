package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drbd4j status --watch}: re-reads through one open channel, on a sleeper that advances virtual time. */
class StatusWatchTest {
    private static final Path SAMPLE = Path.of("samples", "proc-drbd-8.4-syncing.txt");

    @TempDir
    Path dir;

    /** Records each sleep, advances its clock, and swaps the watched file's content in between. */
    private static final class SwappingSleeper implements Sleeper {
        private final Path watched;
        private final List<Path> next;
        final List<Duration> sleeps = new ArrayList<>();
        private Instant now = Instant.parse("2026-11-22T03:00:00Z");

        SwappingSleeper(Path watched, List<Path> next) {
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
                    // Rewritten in place (same inode, truncated), as /proc/drbd regenerates its text: the open
                    // channel must see the new bytes from position 0.
                    Files.write(watched, Files.readAllBytes(next.remove(0)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private CliResult watch(boolean terminal, Sleeper sleeper, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Drbd4jCommand.run(
                new Drbd4jCommand(terminal, sleeper), new PrintWriter(out), new PrintWriter(err), args);
        return new CliResult(exit, out.toString(), err.toString());
    }

    @Test
    void rereadsTheFileEveryIntervalAndPrintsPlainSectionsWhenNotATerminal() throws IOException {
        Path watched = Files.copy(SAMPLE, dir.resolve("drbd"));
        Path later = Fixtures.file("039-chef-docs-drbd840-wfconnection-secondary-inconsistent");
        SwappingSleeper sleeper = new SwappingSleeper(watched, List.of(later));

        CliResult result = watch(
                false, sleeper, "status", "--watch", "--interval", "5s", "--count", "2", "--file", watched.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(sleeper.sleeps).containsExactly(Duration.ofSeconds(5));
        assertThat(result.out()).doesNotContain("\u001b[");
        List<String> sections = List.of(result.out().split("(?m)^--- ", -1));
        assertThat(sections).hasSize(3);
        assertThat(sections.get(1)).startsWith("2026-11-22T03:00:00Z\n").contains("1      SyncTarget");
        assertThat(sections.get(2))
                .startsWith("2026-11-22T03:00:05Z\n")
                .contains("0      WFConnection  Secondary/Unknown  Inconsistent/DUnknown")
                .doesNotContain("SyncTarget");
    }

    @Test
    void drawsEachResyncsSpeedOverTheReadsInAsciiWhenNotATerminal() throws IOException {
        Path watched = Files.copy(SAMPLE, dir.resolve("drbd"));
        SwappingSleeper sleeper = new SwappingSleeper(watched, List.of());

        CliResult result = watch(
                false, sleeper, "status", "--watch", "--interval", "1s", "--count", "3", "--file", watched.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> sections = List.of(result.out().split("(?m)^--- ", -1));
        assertThat(sections.get(1)).contains("Resync speed, one mark per read, newest right:\n   1  #  ");
        assertThat(sections.get(3)).containsPattern("(?m)^   1  ### +  [0-9,]+ K/sec$");
        assertThat(result.out()).doesNotContain("\u2588");
    }

    @Test
    void redrawsTheScreenOnATerminal() throws IOException {
        Path watched = Files.copy(SAMPLE, dir.resolve("drbd"));
        SwappingSleeper sleeper = new SwappingSleeper(watched, List.of());

        CliResult result = watch(
                true,
                sleeper,
                "status",
                "--watch",
                "--interval",
                "500ms",
                "--count",
                "3",
                "--file",
                watched.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(Pattern.compile("\u001b\\[H\u001b\\[2J")
                        .matcher(result.out())
                        .results())
                .hasSize(3);
        assertThat(result.out()).contains("Every 500 ms: drbd4j status --file " + watched);
        assertThat(sleeper.sleeps).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500));
    }

    @Test
    void printsOneJsonLinePerReadWithJson() throws IOException {
        Path watched = Files.copy(SAMPLE, dir.resolve("drbd"));

        CliResult result = watch(
                false,
                new SwappingSleeper(watched, List.of()),
                "status",
                "--watch",
                "--json",
                "--count",
                "3",
                "--file",
                watched.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        // The sleeper's clock starts at 03:00:00 and each read follows a sleep of the default 2 s.
        assertThat(result.out().split("\n"))
                .hasSize(3)
                .satisfiesExactly(
                        line -> assertThat(line)
                                .startsWith(
                                        "{\"schemaVersion\":1,\"timestamp\":\"2026-11-22T03:00:00Z\"," + "\"version\""),
                        line -> assertThat(line)
                                .startsWith("{\"schemaVersion\":1,\"timestamp\":\"2026-11-22T03:00:02Z\","),
                        line -> assertThat(line)
                                .startsWith("{\"schemaVersion\":1,\"timestamp\":\"2026-11-22T03:00:04Z\","));
    }

    @Test
    void rejectsAnIntervalThatIsNotOne() {
        CliResult result = CliResult.run("status", "--watch", "--interval", "soon", "--file", SAMPLE.toString());

        assertThat(result.exitCode()).isEqualTo(Drbd4jCommand.EXIT_FAILURE);
        assertThat(result.err().strip()).contains("'soon' is not an interval (expected: for example 2s, 500ms or 1m)");
        assertThat(result.err().strip().lines()).hasSize(1);
    }

    @Test
    void stopsWithTheOneLineErrorWhenTheFileIsMissing() {
        CliResult result = CliResult.run(
                "status",
                "--watch",
                "--count",
                "1",
                "--file",
                dir.resolve("gone").toString());

        assertThat(result.exitCode()).isEqualTo(Drbd4jCommand.EXIT_FAILURE);
        assertThat(result.err())
                .isEqualTo("drbd4j status: cannot read " + dir.resolve("gone") + ": No such file or directory\n");
    }
}
