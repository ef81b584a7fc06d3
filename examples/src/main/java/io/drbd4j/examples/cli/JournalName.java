package io.drbd4j.examples.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The journal {@code drbd4j run} writes when no {@code --journal} is given: {@code
 * drbd4j-WORKFLOW-YYYYMMDDTHHMMSSZ.jsonl} in the current directory, named after the workflow and the start in UTC, such
 * as {@code drbd4j-recover-primary-20261206T134100Z.jsonl}, so that it sorts by time and says what it is.
 */
final class JournalName {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private JournalName() {}

    /**
     * Returns the journal's path in that directory, made absolute.
     *
     * @param directory where the journal goes, normally the current directory
     * @param workflow the workflow's own name, such as {@code failover-setup}
     * @param start when the run starts
     * @return the journal's path in that directory, made absolute
     */
    static Path of(Path directory, String workflow, Instant start) {
        return directory
                .toAbsolutePath()
                .resolve("drbd4j-" + workflow + "-" + STAMP.format(start.truncatedTo(ChronoUnit.SECONDS)) + ".jsonl");
    }
}
