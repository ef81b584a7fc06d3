package io.drbd4j.chef;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A workflow's journal: JSON Lines, one {@link JournalEntry} per line, each line forced to disk ({@code fsync})
 * before the workflow goes on, so a crashed or killed run can be resumed from it. The path is the caller's; the
 * file is created on the first entry. A last line cut short by a crash is ignored when read and removed by the next
 * entry written.
 *
 * <p>Thread-safe for one writer per file.
 */
public final class Journal {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;

    private Journal(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    /**
     * @param path the journal file; it need not exist
     * @return the journal at that path
     */
    public static Journal at(Path path) {
        return new Journal(path);
    }

    /** @return the file */
    public Path path() {
        return path;
    }

    /**
     * @return every complete entry, oldest first; empty when the file does not exist
     * @throws WorkflowException (reason JOURNAL) when a complete line is not a journal entry
     * @throws UncheckedIOException when the file cannot be read
     */
    public List<JournalEntry> entries() {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal " + path, e);
        }
        List<JournalEntry> entries = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        // The last element is what follows the last newline: empty, or a line a crash cut short.
        for (int i = 0; i < lines.length - 1; i++) {
            if (!lines[i].isBlank()) {
                entries.add(parse(lines[i], i + 1));
            }
        }
        return entries;
    }

    private JournalEntry parse(String line, int number) {
        try {
            JsonNode node = JSON.readTree(line);
            ImmutableJournalEntry.Builder entry = JournalEntry.builder()
                    .time(Instant.parse(node.get("time").asText()))
                    .workflow(node.get("workflow").asText())
                    .event(JournalEntry.Event.valueOf(node.get("event").asText().toUpperCase(Locale.ROOT)));
            if (node.hasNonNull("step")) {
                entry.step(node.get("step").asText());
            }
            if (node.hasNonNull("host")) {
                entry.host(node.get("host").asText());
            }
            if (node.hasNonNull("detail")) {
                entry.detail(node.get("detail").asText());
            }
            if (node.has("context")) {
                for (Iterator<Map.Entry<String, JsonNode>> it =
                                node.get("context").fields();
                        it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    entry.putContext(field.getKey(), field.getValue().asText());
                }
            }
            return entry.build();
        } catch (JsonProcessingException | RuntimeException e) {
            throw new WorkflowException(
                    WorkflowException.Reason.JOURNAL,
                    "journal",
                    "read",
                    null,
                    path + " line " + number + ": " + line,
                    "one JSON object per line with time, workflow and event",
                    "check that the path is a drbd4j journal; it is not changed",
                    e);
        }
    }

    /**
     * Appends one entry and forces it to disk.
     *
     * @param entry what happened
     * @throws UncheckedIOException when it cannot be written: the workflow must not go on without it
     */
    synchronized void append(JournalEntry entry) {
        ObjectNode node = JSON.createObjectNode();
        node.put("time", entry.time().toString());
        node.put("workflow", entry.workflow());
        node.put("event", entry.event().name().toLowerCase(Locale.ROOT));
        entry.step().ifPresent(s -> node.put("step", s));
        entry.host().ifPresent(s -> node.put("host", s));
        entry.detail().ifPresent(s -> node.put("detail", s));
        if (!entry.context().isEmpty()) {
            ObjectNode context = node.putObject("context");
            entry.context().forEach(context::put);
        }
        byte[] line = (node.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        boolean created = !Files.exists(path);
        try (FileChannel channel =
                FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            // A line a crash cut short is dropped first, or the new entry would continue it on the same line.
            long end = completeLength(channel);
            channel.truncate(end);
            ByteBuffer buffer = ByteBuffer.wrap(line);
            long position = end;
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal " + path, e);
        }
        if (created) {
            forceDirectory(path.toAbsolutePath().getParent());
        }
    }

    /** @return the length of the file up to and including its last newline */
    private static long completeLength(FileChannel channel) throws IOException {
        long size = channel.size();
        ByteBuffer one = ByteBuffer.allocate(4096);
        long end = size;
        while (end > 0) {
            int chunk = (int) Math.min(one.capacity(), end);
            one.clear().limit(chunk);
            long start = end - chunk;
            while (one.hasRemaining()) {
                if (channel.read(one, start + one.position()) < 0) {
                    break;
                }
            }
            for (int i = chunk - 1; i >= 0; i--) {
                if (one.get(i) == '\n') {
                    return start + i + 1;
                }
            }
            end = start;
        }
        return 0;
    }

    /** A new file's name is durable only once its directory is forced too (fsync(2) NOTES). */
    private static void forceDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Some file systems refuse to open a directory this way; the entry itself is on disk.
        }
    }
}
