package io.drbd4j.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks JSON against the schema files in {@code src/main/resources/schemas}, with Jackson only (no schema library
 * is in the offline repository). It implements the keywords those files use, and fails on any other, so a schema
 * cannot silently say more than is checked: {@code type}, {@code const}, {@code enum}, {@code required}, {@code
 * properties}, {@code additionalProperties}, {@code items}, {@code minItems}, {@code maxItems}, {@code oneOf},
 * {@code $ref} (within a file and to a sibling file) and {@code format: date-time} (ISO-8601 in UTC, ending in
 * {@code Z}).
 */
final class SchemaValidator {
    static final Path DIR = Path.of("src", "main", "resources", "schemas");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> ANNOTATIONS = List.of("$schema", "$id", "$defs", "title", "description");

    private final Map<String, JsonNode> files = new HashMap<>();

    /**
     * @param file a schema file's name, such as {@code status.schema.json}
     * @param json the JSON to check
     * @return every violation, as {@code /devices/0/safety: missing "safe"}; empty when the JSON conforms
     */
    List<String> validate(String file, JsonNode json) {
        List<String> errors = new ArrayList<>();
        check(file, schema(file), json, "", errors);
        return errors;
    }

    private JsonNode schema(String file) {
        return files.computeIfAbsent(file, f -> {
            try {
                return MAPPER.readTree(DIR.resolve(f).toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the schema " + f, e);
            }
        });
    }

    private void check(String file, JsonNode schema, JsonNode json, String at, List<String> errors) {
        Iterator<Map.Entry<String, JsonNode>> keywords = schema.fields();
        while (keywords.hasNext()) {
            Map.Entry<String, JsonNode> k = keywords.next();
            JsonNode v = k.getValue();
            switch (k.getKey()) {
                case "$ref":
                    ref(file, v.asText(), json, at, errors);
                    break;
                case "type":
                    if (!typeMatches(v, json)) {
                        errors.add(at + ": " + kind(json) + " (expected: " + v + ")");
                    }
                    break;
                case "const":
                    if (!v.equals(json)) {
                        errors.add(at + ": " + json + " (expected: " + v + ")");
                    }
                    break;
                case "enum":
                    boolean found = false;
                    for (JsonNode e : v) {
                        found |= e.equals(json);
                    }
                    if (!found) {
                        errors.add(at + ": " + json + " (expected one of " + v + ")");
                    }
                    break;
                case "format":
                    if (!v.asText().equals("date-time")) {
                        throw new IllegalArgumentException("format " + v + " is not checked");
                    }
                    dateTime(json, at, errors);
                    break;
                case "required":
                    if (json.isObject()) {
                        for (JsonNode name : v) {
                            if (!json.has(name.asText())) {
                                errors.add(at + ": missing \"" + name.asText() + "\"");
                            }
                        }
                    }
                    break;
                case "properties":
                    if (json.isObject()) {
                        v.fields().forEachRemaining(p -> {
                            if (json.has(p.getKey())) {
                                check(file, p.getValue(), json.get(p.getKey()), at + "/" + p.getKey(), errors);
                            }
                        });
                    }
                    break;
                case "additionalProperties":
                    if (json.isObject()) {
                        JsonNode declared = schema.path("properties");
                        json.fields().forEachRemaining(p -> {
                            if (declared.has(p.getKey())) {
                                return;
                            }
                            if (v.isBoolean() && !v.asBoolean()) {
                                errors.add(at + ": unexpected \"" + p.getKey() + "\"");
                            } else if (v.isObject()) {
                                check(file, v, p.getValue(), at + "/" + p.getKey(), errors);
                            }
                        });
                    }
                    break;
                case "items":
                    if (json.isArray()) {
                        for (int i = 0; i < json.size(); i++) {
                            check(file, v, json.get(i), at + "/" + i, errors);
                        }
                    }
                    break;
                case "minItems":
                    if (json.isArray() && json.size() < v.asInt()) {
                        errors.add(at + ": " + json.size() + " items (expected: at least " + v + ")");
                    }
                    break;
                case "maxItems":
                    if (json.isArray() && json.size() > v.asInt()) {
                        errors.add(at + ": " + json.size() + " items (expected: at most " + v + ")");
                    }
                    break;
                case "oneOf":
                    int matching = 0;
                    for (JsonNode option : v) {
                        List<String> sub = new ArrayList<>();
                        check(file, option, json, at, sub);
                        matching += sub.isEmpty() ? 1 : 0;
                    }
                    if (matching != 1) {
                        errors.add(at + ": matches " + matching + " of oneOf " + v + " (expected: exactly one)");
                    }
                    break;
                default:
                    if (!ANNOTATIONS.contains(k.getKey())) {
                        throw new IllegalArgumentException("keyword " + k.getKey() + " in " + file + " is not checked");
                    }
            }
        }
    }

    private void ref(String file, String ref, JsonNode json, String at, List<String> errors) {
        int hash = ref.indexOf('#');
        String target = hash == 0 ? file : ref.substring(0, hash);
        JsonNode schema = schema(target).at(ref.substring(hash + 1));
        if (schema.isMissingNode()) {
            throw new IllegalArgumentException("$ref " + ref + " in " + file + " points nowhere");
        }
        check(target, schema, json, at, errors);
    }

    private static boolean typeMatches(JsonNode type, JsonNode json) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(t, json)) {
                    return true;
                }
            }
            return false;
        }
        switch (type.asText()) {
            case "object":
                return json.isObject();
            case "array":
                return json.isArray();
            case "string":
                return json.isTextual();
            case "integer":
                return json.isIntegralNumber();
            case "number":
                return json.isNumber();
            case "boolean":
                return json.isBoolean();
            case "null":
                return json.isNull();
            default:
                throw new IllegalArgumentException("type " + type + " is not checked");
        }
    }

    private static void dateTime(JsonNode json, String at, List<String> errors) {
        if (!json.isTextual()) {
            return; // "type" reports it
        }
        try {
            Instant.parse(json.asText());
            if (!json.asText().endsWith("Z")) {
                errors.add(at + ": " + json + " (expected: UTC, ending in Z)");
            }
        } catch (DateTimeParseException e) {
            errors.add(at + ": " + json + " (expected: an ISO-8601 date-time)");
        }
    }

    private static String kind(JsonNode json) {
        return json.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + json;
    }
}
