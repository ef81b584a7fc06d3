package io.drbd4j.chef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drbd4j.chef.CrashHarness.When;
import io.drbd4j.chef.JournalEntry.Event;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The journal a run writes, what run and resume accept of it, and how damage in it is read. */
class JournalTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void runWritesBeginEveryStepStartedAndFinishedAndCompleted(String dialect) throws IOException {
        SimPair pair = SimPair.fresh(dialect);
        Journal journal = Journal.at(dir.resolve("journal.jsonl"));

        pair.failoverSetup().run(ProgressListener.none(), journal);

        List<JournalEntry> entries = journal.entries();
        assertThat(entries.get(0).event()).isEqualTo(Event.BEGIN);
        assertThat(entries.get(0).context())
                .containsEntry("run", entries.get(0).context().get("run"))
                .hasSize(9)
                .containsAllEntriesOf(Map.of(
                        "resource", "pc0",
                        "device", "/dev/drbd0",
                        "keeper", "be1",
                        "other", "be2",
                        "address.be1", "10.0.0.1",
                        "address.be2", "10.0.0.2",
                        "dialect.be1", dialect,
                        "dialect.be2", dialect));
        assertThat(entries.get(0).context().get("run")).matches("[0-9a-f-]{36}");
        assertThat(entries.get(entries.size() - 1).event()).isEqualTo(Event.COMPLETED);
        List<String> events = entries.subList(1, entries.size() - 1).stream()
                .map(e -> e.event() + " " + e.step().orElseThrow())
                .toList();
        List<String> expected = new ArrayList<>();
        Plan planned = pair.failoverSetup().plan();
        FailoverSetupTest.STEPS.forEach(s -> {
            if (FailoverSetupTest.SKIPPED_IN_A_FRESH_RUN.contains(s)) {
                expected.add("SKIPPED " + s);
                return;
            }
            expected.add("STARTED " + s);
            planned.steps().stream()
                    .filter(st -> st.id().equals(s))
                    .flatMap(st -> st.commands().stream())
                    .forEach(c -> expected.add("COMMAND " + s));
            expected.add("FINISHED " + s);
        });
        assertThat(events).isEqualTo(expected);
        // Every command is journaled with the backend it ran on, its argv and its exit code.
        List<String> commands = entries.stream()
                .filter(e -> e.event() == Event.COMMAND)
                .map(e -> e.host().orElseThrow() + ": " + String.join(" ", e.argv()) + " -> "
                        + e.exitCode().getAsInt())
                .toList();
        assertThat(commands)
                .contains(
                        "be1: mkfs.ext4 /dev/drbd0 -> 0",
                        "be1: mount /dev/drbd0 /var/opt/opscode/drbd/data -> 0",
                        "be2: touch /var/opt/opscode/drbd/drbd_ready -> 0");
        assertThat(entries).allSatisfy(e -> assertThat(e.workflow()).isEqualTo(FailoverSetup.NAME));
        Plan plan = pair.failoverSetup().plan();
        for (JournalEntry e : entries.subList(1, entries.size() - 1)) {
            String step = e.step().orElseThrow();
            assertThat(e.host())
                    .as(step)
                    .contains(plan.steps().stream()
                            .filter(s -> s.id().equals(step))
                            .findFirst()
                            .orElseThrow()
                            .host());
        }

        List<String> lines = Files.readAllLines(journal.path(), StandardCharsets.UTF_8);
        assertThat(lines).hasSameSizeAs(entries);
        for (int i = 0; i < lines.size(); i++) {
            JsonNode node = JSON.readTree(lines.get(i));
            JournalEntry entry = entries.get(i);
            assertThat(node.isObject()).as(lines.get(i)).isTrue();
            assertThat(node.get("time").asText()).isEqualTo(entry.time().toString());
            assertThat(node.get("workflow").asText()).isEqualTo("failover-setup");
            assertThat(node.get("event").asText())
                    .isEqualTo(entry.event().name().toLowerCase(java.util.Locale.ROOT));
            if (entry.step().isPresent()) {
                assertThat(node.get("step").asText()).isEqualTo(entry.step().get());
                assertThat(node.get("host").asText()).isEqualTo(entry.host().orElseThrow());
            } else {
                assertThat(node.has("step")).as(lines.get(i)).isFalse();
                assertThat(node.has("host")).as(lines.get(i)).isFalse();
            }
        }
        JsonNode begin = JSON.readTree(lines.get(0));
        assertThat(begin.get("context").get("dialect.be1").asText()).isEqualTo(dialect);
    }

    @Test
    void timesComeFromTheSimulatedClock() {
        SimPair pair = SimPair.fresh("8.4");
        Journal journal = Journal.at(dir.resolve("journal.jsonl"));
        Instant start = pair.sim.time().instant();
        long wallStart = System.nanoTime();

        pair.failoverSetup().run(ProgressListener.none(), journal);

        Duration wall = Duration.ofNanos(System.nanoTime() - wallStart);
        List<JournalEntry> entries = journal.entries();
        assertThat(entries.get(0).time()).isEqualTo(start);
        assertThat(entries.get(entries.size() - 1).time())
                .isEqualTo(pair.sim.time().instant());
        assertThat(entries).extracting(JournalEntry::time).isSorted();
        Instant syncStarted = time(entries, Event.STARTED, "wait-sync");
        Instant syncFinished = time(entries, Event.FINISHED, "wait-sync");
        // A 2 GiB full sync takes simulated minutes; the test itself takes far less wall time.
        assertThat(Duration.between(syncStarted, syncFinished)).isGreaterThan(wall.plusSeconds(10));
    }

    @Test
    void runRefusesAJournalThatHoldsEntriesAndChangesNothing() throws IOException {
        SimPair pair = SimPair.fresh("8.4");
        Journal journal = Journal.at(dir.resolve("journal.jsonl"));
        CrashHarness.crashAndResume(
                SimPair.fresh("8.4"),
                FailoverSetup::workflow,
                CrashHarness.crashAt(20, When.BEFORE),
                ProgressListener.none(),
                journal.path());
        String before = Files.readString(journal.path());
        EndState state = EndState.of(pair);

        assertThatThrownBy(() -> pair.failoverSetup().run(ProgressListener.none(), journal))
                .isInstanceOfSatisfying(WorkflowException.class, e -> {
                    assertThat(e.reason()).isEqualTo(WorkflowException.Reason.JOURNAL);
                    assertThat(e.seen()).contains(journal.path().toString()).contains("failover-setup");
                });
        assertThat(Files.readString(journal.path())).isEqualTo(before);
        assertThat(EndState.of(pair)).isEqualTo(state);
    }

    @Test
    void resumeRefusesAMissingJournal() {
        SimPair pair = SimPair.fresh("8.4");
        Journal journal = Journal.at(dir.resolve("never-written.jsonl"));

        assertThatThrownBy(() -> pair.failoverSetup().resume(ProgressListener.none(), journal))
                .isInstanceOfSatisfying(WorkflowException.class, e -> assertThat(e.reason())
                        .isEqualTo(WorkflowException.Reason.JOURNAL));
        assertThat(pair.sim.procDrbd("be1")).contains("cs:Connected ro:Secondary/Secondary");
    }

    @Test
    void resumeRefusesAnEmptyJournal() throws IOException {
        SimPair pair = SimPair.fresh("8.4");
        Journal journal = Journal.at(Files.createFile(dir.resolve("empty.jsonl")));
        EndState state = EndState.of(pair);

        assertThatThrownBy(() -> pair.failoverSetup().resume(ProgressListener.none(), journal))
                .isInstanceOfSatisfying(WorkflowException.class, e -> assertThat(e.reason())
                        .isEqualTo(WorkflowException.Reason.JOURNAL));
        assertThat(EndState.of(pair)).isEqualTo(state);
    }

    @Test
    void resumeRefusesTheJournalOfAnotherWorkflow() {
        SimPair blank = SimPair.of(SimPair.builder("8.4").build(), "8.4");
        PrepareTest.seed(blank, "/etc/opscode/chef-server.rb", "topology \"ha\"\n");
        PrepareTest.seed(blank, "/etc/opscode/private-chef-secrets.json", "{}\n");
        Journal journal = Journal.at(dir.resolve("prepare.jsonl"));
        Prepare.workflow(blank.cluster).run(ProgressListener.none(), journal);
        SimPair pair = SimPair.fresh("8.4");
        EndState state = EndState.of(pair);
        int entries = journal.entries().size();

        assertThatThrownBy(() -> pair.failoverSetup().resume(ProgressListener.none(), journal))
                .isInstanceOfSatisfying(WorkflowException.class, e -> {
                    assertThat(e.reason()).isEqualTo(WorkflowException.Reason.JOURNAL);
                    assertThat(e.seen()).contains("prepare");
                });
        assertThat(EndState.of(pair)).isEqualTo(state);
        assertThat(journal.entries()).hasSize(entries);
    }

    @Test
    void aTornLastLineIsIgnoredAndResumeWorks() throws IOException {
        SimPair pair = SimPair.fresh("8.4");
        Journal journal = Journal.at(dir.resolve("journal.jsonl"));
        // Crash right after mkfs.ext4 ran: then the process died in the middle of writing a line.
        crashRightAfterMkfs(pair, journal);
        List<JournalEntry> beforeTear = journal.entries();
        Files.writeString(
                journal.path(),
                "{\"time\":\"2026-01-01T00:00:05Z\",\"workflow\":\"failover-setup\",\"ev",
                StandardOpenOption.APPEND);

        assertThat(journal.entries()).isEqualTo(beforeTear);

        pair.failoverSetup().resume(ProgressListener.none(), journal);

        assertThat(EndState.of(pair)).isEqualTo(EndState.of(uninterrupted()));
    }

    @Test
    void resumeAfterATornLastLineLeavesAReadableJournal() throws IOException {
        // The resumed run must not append its first entry to the torn fragment: that would make one corrupt line
        // in the middle, and a second crash could then not be resumed at all.
        SimPair pair = SimPair.fresh("8.4");
        Journal journal = Journal.at(dir.resolve("journal.jsonl"));
        crashRightAfterMkfs(pair, journal);
        List<JournalEntry> beforeTear = journal.entries();
        Files.writeString(
                journal.path(),
                "{\"time\":\"2026-01-01T00:00:05Z\",\"workflow\":\"failover-setup\",\"ev",
                StandardOpenOption.APPEND);

        pair.failoverSetup().resume(ProgressListener.none(), journal);

        List<JournalEntry> after = journal.entries();
        assertThat(after.subList(0, beforeTear.size())).isEqualTo(beforeTear);
        List<JournalEntry> resumed = after.subList(beforeTear.size(), after.size());
        assertThat(resumed.get(0).event()).isEqualTo(Event.RESUME);
        assertThat(resumed.get(resumed.size() - 1).event()).isEqualTo(Event.COMPLETED);
        assertThat(CrashHarness.Outcome.steps(resumed, Event.SKIPPED)).contains("force-primary", "mkfs");
    }

    @Test
    void aCorruptMiddleLineIsAJournalErrorNamingTheLine() throws IOException {
        SimPair pair = SimPair.fresh("8.4");
        Journal journal = Journal.at(dir.resolve("journal.jsonl"));
        CrashHarness.crashAndResume(
                SimPair.fresh("8.4"),
                FailoverSetup::workflow,
                CrashHarness.crashAt(20, When.BEFORE),
                ProgressListener.none(),
                journal.path());
        List<String> lines = new ArrayList<>(Files.readAllLines(journal.path()));
        lines.set(2, "{\"time\":\"2026-01-01T00:00:05Z\",\"workflow\":\"failover-setup\",\"event\":\"stra");
        Files.write(journal.path(), lines);
        EndState state = EndState.of(pair);

        assertThatThrownBy(journal::entries).isInstanceOfSatisfying(WorkflowException.class, e -> {
            assertThat(e.reason()).isEqualTo(WorkflowException.Reason.JOURNAL);
            assertThat(e.seen()).contains("line 3");
        });
        assertThatThrownBy(() -> pair.failoverSetup().resume(ProgressListener.none(), journal))
                .isInstanceOfSatisfying(WorkflowException.class, e -> {
                    assertThat(e.reason()).isEqualTo(WorkflowException.Reason.JOURNAL);
                    assertThat(e.getMessage()).contains("line 3");
                });
        assertThat(EndState.of(pair)).isEqualTo(state);
    }

    @Test
    void aLineThatIsJsonButNotAnEntryIsAJournalErrorToo() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        Files.writeString(
                file,
                "{\"time\":\"2026-01-01T00:00:00Z\",\"workflow\":\"failover-setup\",\"event\":\"begin\"}\n"
                        + "{\"time\":\"2026-01-01T00:00:01Z\",\"workflow\":\"failover-setup\",\"event\":\"exploded\"}\n"
                        + "{\"time\":\"2026-01-01T00:00:02Z\",\"workflow\":\"failover-setup\",\"event\":\"completed\"}\n");

        assertThatThrownBy(() -> Journal.at(file).entries()).isInstanceOfSatisfying(WorkflowException.class, e -> {
            assertThat(e.reason()).isEqualTo(WorkflowException.Reason.JOURNAL);
            assertThat(e.seen()).contains("line 2");
        });
    }

    @Test
    void aTornLastLineCutInsideAUtf8CharacterIsIgnoredAndResumeWorks() throws IOException {
        SimPair pair = SimPair.fresh("8.4");
        Journal journal = Journal.at(dir.resolve("journal.jsonl"));
        crashRightAfterMkfs(pair, journal);
        List<JournalEntry> beforeTear = journal.entries();
        // The power went out after the first of the two bytes of 'é' (0xC3 0xA9) in an acceptance's reason.
        byte[] torn = "{\"time\":\"2026-01-01T00:00:05Z\",\"workflow\":\"failover-setup\",\"detail\":\"caf"
                .getBytes(StandardCharsets.UTF_8);
        Files.write(journal.path(), torn, StandardOpenOption.APPEND);
        Files.write(journal.path(), new byte[] {(byte) 0xC3}, StandardOpenOption.APPEND);

        assertThat(journal.entries()).isEqualTo(beforeTear);
        pair.failoverSetup().resume(ProgressListener.none(), journal);
        assertThat(EndState.of(pair)).isEqualTo(EndState.of(uninterrupted()));
    }

    @Test
    void aCompleteLineThatIsNotUtf8IsAJournalErrorNamingTheLine() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        Files.write(
                file,
                ("{\"time\":\"2026-01-01T00:00:00Z\",\"workflow\":\"failover-setup\",\"event\":\"begin\"}\n"
                                + "{\"time\":\"2026-01-01T00:00:01Z\",\"workflow\":\"failover-setup\",\"event\":\"started\","
                                + "\"step\":\"mkfs\",\"detail\":\"caf")
                        .getBytes(StandardCharsets.UTF_8));
        Files.write(file, new byte[] {(byte) 0xC3, '"', '}', '\n'}, StandardOpenOption.APPEND);

        assertThatThrownBy(() -> Journal.at(file).entries()).isInstanceOfSatisfying(WorkflowException.class, e -> {
            assertThat(e.reason()).isEqualTo(WorkflowException.Reason.JOURNAL);
            assertThat(e.seen()).contains("line 2: not UTF-8 text");
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // a step's event without its step: resume would not know what finished
                "{\"time\":\"2026-01-01T00:00:01Z\",\"workflow\":\"failover-setup\",\"event\":\"finished\"}",
                "{\"time\":\"2026-01-01T00:00:01Z\",\"workflow\":\"failover-setup\",\"event\":\"skipped\","
                        + "\"skip\":\"outcome_held\"}",
                // text after the object, and two objects on one line
                "{\"time\":\"2026-01-01T00:00:01Z\",\"workflow\":\"failover-setup\",\"event\":\"finished\","
                        + "\"step\":\"mkfs\"} trailing",
                "{\"time\":\"2026-01-01T00:00:01Z\",\"workflow\":\"failover-setup\",\"event\":\"finished\","
                        + "\"step\":\"mkfs\"}{\"time\":\"2026-01-01T00:00:02Z\",\"workflow\":\"failover-setup\","
                        + "\"event\":\"finished\",\"step\":\"mount\"}",
                // no event at all
                "{\"time\":\"2026-01-01T00:00:01Z\",\"workflow\":\"failover-setup\"}"
            })
    void aCorruptLineThatIsNotTheTornLastOneIsAJournalErrorNamingIt(String corrupt) throws IOException {
        Path file = dir.resolve("journal.jsonl");
        Files.writeString(
                file,
                "{\"time\":\"2026-01-01T00:00:00Z\",\"workflow\":\"failover-setup\",\"event\":\"begin\"}\n" + corrupt
                        + "\n");
        SimPair pair = SimPair.fresh("8.4");
        EndState state = EndState.of(pair);

        assertThatThrownBy(() -> Journal.at(file).entries()).isInstanceOfSatisfying(WorkflowException.class, e -> {
            assertThat(e.reason()).isEqualTo(WorkflowException.Reason.JOURNAL);
            assertThat(e.seen()).contains("line 2: ");
        });
        assertThatThrownBy(() -> pair.failoverSetup().resume(ProgressListener.none(), Journal.at(file)))
                .isInstanceOfSatisfying(WorkflowException.class, e -> assertThat(e.reason())
                        .isEqualTo(WorkflowException.Reason.JOURNAL));
        assertThat(EndState.of(pair)).isEqualTo(state);
    }

    /** Runs a failover setup that crashes right after mkfs.ext4 ran. */
    private static void crashRightAfterMkfs(SimPair pair, Journal journal) {
        CrashHarness.Wrapper crashAfterMkfs = (host, runner) -> command -> {
            var result = runner.run(command);
            if (command.argv().get(0).equals("mkfs.ext4")) {
                throw new CrashHarness.Crash("crash after " + command);
            }
            return result;
        };
        assertThatThrownBy(() -> FailoverSetup.workflow(CrashHarness.cluster(pair, crashAfterMkfs))
                        .run(ProgressListener.none(), journal))
                .isInstanceOf(CrashHarness.Crash.class);
    }

    private static SimPair uninterrupted() {
        SimPair pair = SimPair.fresh("8.4");
        CrashHarness.withTempJournal(journal -> {
            pair.failoverSetup().run(ProgressListener.none(), journal);
            return journal;
        });
        return pair;
    }

    private static Instant time(List<JournalEntry> entries, Event event, String step) {
        return entries.stream()
                .filter(e -> e.event() == event && e.step().equals(java.util.Optional.of(step)))
                .findFirst()
                .orElseThrow()
                .time();
    }
}
