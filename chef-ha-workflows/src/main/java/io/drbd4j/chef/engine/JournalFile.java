package io.drbd4j.chef.engine;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.drbd4j.chef.JournalEntry;
import io.drbd4j.chef.WorkflowException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A journal's file: JSON Lines, one {@link JournalEntry} per line, each line forced to disk ({@code fsync}) before the
 * workflow goes on. A last line cut short by a crash is ignored when read and removed by the next entry written.
 * Journals of 0.1.0 (format 1) are read into the typed fields by {@link LegacyJournal}.
 */
public final class JournalFile {
    private static final JsonFactory JSON = new JsonFactory();
    private static final Set<JournalEntry.Event> STEP_EVENTS = EnumSet.of(
            JournalEntry.Event.STARTED,
            JournalEntry.Event.COMMAND,
            JournalEntry.Event.FINISHED,
            JournalEntry.Event.SKIPPED,
            JournalEntry.Event.ACCEPTED_LOSS);

    private JournalFile() {}

    /**
     * Returns every complete entry, oldest first; empty when the file does not exist.
     *
     * @param path the journal file
     * @return every complete entry, oldest first; empty when the file does not exist
     * @throws WorkflowException (reason JOURNAL) when a complete line is not a journal entry
     * @throws UncheckedIOException when the file cannot be read
     */
    public static List<JournalEntry> read(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal " + path, e);
        }
        List<JournalEntry> entries = new ArrayList<>();
        // Only complete lines count: what follows the last newline is a line a crash cut short, whatever its bytes (a
        // power cut inside a two-byte UTF-8 character leaves half of it), and is ignored.
        int start = 0;
        int number = 0;
        for (int end = indexOf(bytes, start); end >= 0; end = indexOf(bytes, start)) {
            number++;
            String line = null;
            try {
                line = UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes, start, end - start))
                        .toString();
                if (!line.isBlank()) {
                    entries.add(complete(parse(line)));
                }
            } catch (IOException | RuntimeException e) {
                throw new WorkflowException(
                        WorkflowException.Reason.JOURNAL,
                        "journal",
                        "read",
                        null,
                        path + " line " + number + ": "
                                + (line == null ? "not UTF-8 text (" + (end - start) + " bytes)" : line),
                        "one JSON object per line with time, workflow and event, and the step of a step's event",
                        "check that the path is a drbd4j journal; it is not changed",
                        e);
            }
            start = end + 1;
        }
        return LegacyJournal.upgrade(path, entries);
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    // The events of a step carry its name: resume reads it from FINISHED and SKIPPED to know what is done.
    private static JournalEntry complete(JournalEntry entry) {
        if (STEP_EVENTS.contains(entry.event()) && entry.step().isEmpty()) {
            throw new IllegalArgumentException(
                    "a " + entry.event().name().toLowerCase(Locale.ROOT) + " entry without its step");
        }
        return entry;
    }

    private static JournalEntry parse(String line) throws IOException {
        JournalEntry.Builder entry = JournalEntry.builder();
        try (JsonParser p = JSON.createParser(line)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_NULL) {
                    continue;
                }
                switch (field) {
                    case "time" -> entry.time(Instant.parse(p.getText()));
                    case "workflow" -> entry.workflow(p.getText());
                    case "event" -> entry.event(constant(JournalEntry.Event.class, p.getText()));
                    case "step" -> entry.step(p.getText());
                    case "host" -> entry.host(p.getText());
                    case "skip" -> entry.skip(constant(JournalEntry.Skip.class, p.getText()));
                    case "reason" -> entry.reason(constant(WorkflowException.Reason.class, p.getText()));
                    case "exitCode" -> entry.exitCode(p.getIntValue());
                    case "format" -> entry.format(p.getIntValue());
                    case "detail" -> entry.detail(p.getText());
                    case "argv" -> {
                        expect(value, JsonToken.START_ARRAY);
                        while (p.nextToken() == JsonToken.VALUE_STRING) {
                            entry.addArgv(p.getText());
                        }
                        expect(p.currentToken(), JsonToken.END_ARRAY);
                    }
                    case "context" -> {
                        expect(value, JsonToken.START_OBJECT);
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String name = p.currentName();
                            p.nextToken();
                            entry.putContext(name, p.getText());
                        }
                    }
                    default -> p.skipChildren(); // a field of a later version: not needed to resume
                }
            }
            expect(p.currentToken(), JsonToken.END_OBJECT);
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("text after the object");
            }
        }
        return entry.build();
    }

    private static void expect(JsonToken seen, JsonToken expected) {
        if (seen != expected) {
            throw new IllegalArgumentException(seen + " (expected: " + expected + ")");
        }
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String text) {
        return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
    }

    /**
     * Returns the entry as one JSON line, newline included.
     *
     * @return the entry as one JSON line, newline included
     */
    static String line(JournalEntry entry) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("time", entry.time().toString());
            g.writeStringField("workflow", entry.workflow());
            g.writeStringField("event", entry.event().name().toLowerCase(Locale.ROOT));
            if (entry.format().isPresent()) {
                g.writeNumberField("format", entry.format().getAsInt());
            }
            if (entry.step().isPresent()) {
                g.writeStringField("step", entry.step().get());
            }
            if (entry.host().isPresent()) {
                g.writeStringField("host", entry.host().get());
            }
            if (entry.skip().isPresent()) {
                g.writeStringField("skip", entry.skip().get().name().toLowerCase(Locale.ROOT));
            }
            if (entry.reason().isPresent()) {
                g.writeStringField("reason", entry.reason().get().name().toLowerCase(Locale.ROOT));
            }
            if (!entry.argv().isEmpty()) {
                g.writeArrayFieldStart("argv");
                for (String word : entry.argv()) {
                    g.writeString(word);
                }
                g.writeEndArray();
            }
            if (entry.exitCode().isPresent()) {
                g.writeNumberField("exitCode", entry.exitCode().getAsInt());
            }
            if (entry.detail().isPresent()) {
                g.writeStringField("detail", entry.detail().get());
            }
            if (!entry.context().isEmpty()) {
                g.writeObjectFieldStart("context");
                for (var e : entry.context().entrySet()) {
                    g.writeStringField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out + "\n";
    }

    /**
     * Appends one entry and forces it to disk.
     *
     * @param path the journal file, created on the first entry
     * @param entry what happened
     * @throws UncheckedIOException when it cannot be written: the workflow must not go on without it
     */
    public static synchronized void append(Path path, JournalEntry entry) {
        byte[] line = line(entry).getBytes(StandardCharsets.UTF_8);
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

    /**
     * Returns the length of the file up to and including its last newline.
     *
     * @return the length of the file up to and including its last newline
     */
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
