package io.drbd4j.chef.engine;

import io.drbd4j.chef.JournalEntry;
import io.drbd4j.chef.WorkflowException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads a journal drbd4j 0.1.0 wrote (format 1: a BEGIN line without {@code format}) into the typed fields, so that
 * such a run still resumes: its context named the keeper {@code primary} and the other backend {@code secondary},
 * and it said why a step was skipped only in the detail's words, which 0.1.0 wrote from four fixed phrases.
 */
final class LegacyJournal {
    private LegacyJournal() {}

    static List<JournalEntry> upgrade(Path path, List<JournalEntry> entries) {
        if (entries.isEmpty()
                || entries.get(0).event() != JournalEntry.Event.BEGIN
                || entries.get(0).format().isPresent()) {
            return entries;
        }
        List<JournalEntry> upgraded = new ArrayList<>(entries.size());
        for (JournalEntry e : entries) {
            JournalEntry.Builder entry = JournalEntry.builder().from(e);
            if (e.event() == JournalEntry.Event.BEGIN && e == entries.get(0)) {
                entry.format(1).context(context(e.context()));
            } else if (e.event() == JournalEntry.Event.SKIPPED && e.skip().isEmpty()) {
                entry.skip(skip(path, e));
            }
            upgraded.add(entry.build());
        }
        return upgraded;
    }

    private static Map<String, String> context(Map<String, String> old) {
        Map<String, String> context = new TreeMap<>();
        old.forEach((name, value) -> context.put(
                switch (name) {
                    case "primary" -> "keeper";
                    case "secondary" -> "other";
                    default -> name;
                },
                value));
        return context;
    }

    /** The phrases of 0.1.0's Execution.skipReason, in its order. */
    private static JournalEntry.Skip skip(Path path, JournalEntry e) {
        String detail = e.detail().orElse("");
        Optional<JournalEntry.Skip> skip = detail.startsWith("only when ")
                ? Optional.of(JournalEntry.Skip.NOT_NEEDED)
                : detail.startsWith("already done: ")
                        ? Optional.of(JournalEntry.Skip.OUTCOME_HELD)
                        : detail.equals("finished in the journal")
                                ? Optional.of(JournalEntry.Skip.FINISHED_IN_JOURNAL)
                                : detail.equals("done in the journal (its outcome held then)")
                                        ? Optional.of(JournalEntry.Skip.DONE_IN_JOURNAL)
                                        : Optional.empty();
        return skip.orElseThrow(() -> new WorkflowException(
                WorkflowException.Reason.JOURNAL,
                e.workflow(),
                e.step().orElse("journal"),
                e.host().orElse(null),
                path + ": a 0.1.0 skip of " + e.step().orElse("?") + " saying \"" + detail + "\"",
                "one of 0.1.0's skip reasons (only when ..., already done: ..., finished in the journal, done in the"
                        + " journal)",
                "start a new run with a new journal path: steps whose outcome holds are skipped",
                null));
    }
}
