package io.drbd4j.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What every top-level JSON object of the command line starts with, and how it is written: {@code
 * {"schemaVersion":1,"timestamp":"2026-12-06T13:41:59.250Z",...}}, one line, non-ASCII characters escaped so the
 * output is ASCII whatever the terminal's encoding. The shapes are described by the JSON Schema files under {@code
 * schemas/} in the jar (from {@code examples/src/main/resources/schemas}).
 */
final class JsonOutput {
    /**
     * The version of every shape: raised when a field is removed, renamed or changes its meaning; adding a field
     * does not raise it.
     */
    static final int SCHEMA_VERSION = 1;

    static final JsonMapper MAPPER =
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private JsonOutput() {}

    /**
     * Returns a new object holding {@code schemaVersion} and {@code timestamp} (ISO-8601 UTC, milliseconds).
     *
     * @param now when the data was read
     * @return a new object holding {@code schemaVersion} and {@code timestamp} (ISO-8601 UTC, milliseconds)
     */
    static ObjectNode root(Instant now) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("timestamp", now.truncatedTo(ChronoUnit.MILLIS).toString());
        return root;
    }

    /**
     * Returns the JSON text, one line without a line end.
     *
     * @param tree what to write
     * @return the JSON text, one line without a line end
     */
    static String write(ObjectNode tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a tree of strings, numbers and booleans as JSON", e);
        }
    }
}
