package io.drbd4j.chef;

import io.drbd4j.chef.engine.JournalFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A workflow's journal: JSON Lines, one {@link JournalEntry} per line, each line forced to disk ({@code fsync})
 * before the workflow goes on, so a crashed or killed run can be resumed from it. The path is the caller's; the
 * file is created on the first entry. A last line cut short by a crash is ignored when read and removed by the next
 * entry written. A journal drbd4j 0.1.0 wrote is read into the same typed entries and resumes.
 *
 * <p>Thread-safe for one writer per file.
 */
public final class Journal {
    private final Path path;

    private Journal(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    /**
     * Returns the journal at that path.
     *
     * @param path the journal file; it need not exist
     * @return the journal at that path
     */
    public static Journal at(Path path) {
        return new Journal(path);
    }

    /**
     * Returns the file.
     *
     * @return the file
     */
    public Path path() {
        return path;
    }

    /**
     * Returns every complete entry, oldest first; empty when the file does not exist.
     *
     * @return every complete entry, oldest first; empty when the file does not exist
     * @throws WorkflowException (reason JOURNAL) when a complete line is not a journal entry
     * @throws UncheckedIOException when the file cannot be read
     */
    public List<JournalEntry> entries() {
        return JournalFile.read(path);
    }
}
