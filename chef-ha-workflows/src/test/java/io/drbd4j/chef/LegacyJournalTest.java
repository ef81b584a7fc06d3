package io.drbd4j.chef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drbd4j.chef.JournalEntry.Event;
import io.drbd4j.chef.JournalEntry.Skip;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal drbd4j 0.1.0 wrote resumes: {@code journal/failover-setup-0.1.0.jsonl} was written by 0.1.0's own code (a
 * failover setup on the simulated 8.4 pair, crashed when mount started, resumed, crashed when raise-resync-rate
 * started), before the journal's format changed.
 */
class LegacyJournalTest {
    private static final String FIXTURE = "journal/failover-setup-0.1.0.jsonl";

    @TempDir
    Path dir;

    private Path fixture() throws IOException {
        Path copy = dir.resolve("legacy.jsonl");
        try (InputStream in = LegacyJournalTest.class.getResourceAsStream(FIXTURE)) {
            Files.copy(in, copy);
        }
        return copy;
    }

    @Test
    void readsTheOldSkipPhrasesAndContextIntoTheTypedFields() throws IOException {
        List<JournalEntry> entries = Journal.at(fixture()).entries();

        JournalEntry begin = entries.get(0);
        assertThat(begin.event()).isEqualTo(Event.BEGIN);
        assertThat(begin.format()).hasValue(1);
        assertThat(begin.context()).containsEntry("keeper", "be1").containsEntry("other", "be2");
        assertThat(entries.stream()
                        .filter(e -> e.event() == Event.SKIPPED)
                        .map(e -> e.step().orElseThrow() + " " + e.skip().orElseThrow()))
                .containsExactly(
                        "promote-primary " + Skip.OUTCOME_HELD,
                        "force-primary " + Skip.OUTCOME_HELD,
                        "promote-primary " + Skip.OUTCOME_HELD,
                        "mkfs " + Skip.OUTCOME_HELD);
        assertThat(entries.get(entries.size() - 1).step()).hasValue("raise-resync-rate");
    }

    @Test
    void resumesToTheEndStateOfAnUninterruptedRun() throws IOException {
        SimPair uninterrupted = SimPair.fresh("8.4");
        uninterrupted.failoverSetup().run(ProgressListener.none(), Journal.at(dir.resolve("straight.jsonl")));
        SimPair pair = SimPair.fresh("8.4");
        Journal journal = Journal.at(dir.resolve("new.jsonl"));
        // Bring the pair where 0.1.0's run was: mount done, raise-resync-rate started.
        assertThatThrownBy(() -> pair.failoverSetup().run(CrashHarness.dieWhenStarting("mount", "crash"), journal))
                .hasMessage("crash");
        assertThatThrownBy(() -> pair.failoverSetup()
                        .resume(CrashHarness.dieWhenStarting("raise-resync-rate", "crash"), journal))
                .hasMessage("crash");
        Journal legacy = Journal.at(fixture());
        // The new runs' lock is theirs; 0.1.0's run took none.
        SimPair.removeDeadRunsLock(pair.sim, "be1", "be2");

        pair.failoverSetup().resume(ProgressListener.none(), legacy);

        assertThat(EndState.of(pair)).isEqualTo(EndState.of(uninterrupted));
        List<JournalEntry> entries = legacy.entries();
        assertThat(entries.get(entries.size() - 1).event()).isEqualTo(Event.COMPLETED);
        // What this version appended is typed in the file itself; the old lines are left as they were.
        String text = Files.readString(legacy.path(), StandardCharsets.UTF_8);
        assertThat(text)
                .startsWith(new String(
                        LegacyJournalTest.class.getResourceAsStream(FIXTURE).readAllBytes(), StandardCharsets.UTF_8));
        assertThat(text.lines().filter(l -> l.contains("\"skip\":\"outcome_held\"")))
                .isNotEmpty();
    }

    @Test
    void refusesAnOldSkipItCannotRead() throws IOException {
        Path damaged = dir.resolve("damaged.jsonl");
        Files.writeString(
                damaged, Files.readString(fixture()).replace("already done: be1 Primary", "skipped for some reason"));

        assertThatThrownBy(() -> Journal.at(damaged).entries()).isInstanceOfSatisfying(WorkflowException.class, e -> {
            assertThat(e.reason()).isEqualTo(WorkflowException.Reason.JOURNAL);
            assertThat(e.seen()).contains("a 0.1.0 skip of promote-primary saying \"skipped for some reason\"");
            assertThat(e.advice()).contains("start a new run with a new journal path");
        });
    }
}
