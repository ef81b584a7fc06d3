package io.drbd4j.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One-line summaries of the JSON of {@code drbd4j status --json}, so that a test compares whole devices and a
 * failure shows every difference at once. JSON {@code null} reads {@code null}.
 */
final class StatusSummary {
    private static final List<String> STATE_FIELDS =
            List.of("role", "peerRole", "diskState", "peerDiskState", "protocol", "ioFlags", "counters", "sync");

    private StatusSummary() {}

    /**
     * @param version the {@code version} value
     * @return {@code 8.4.2 api=1 proto=86-101}, or {@code null}
     */
    static String version(JsonNode version) {
        if (version.isNull()) {
            return "null";
        }
        return String.format(
                "%s api=%s proto=%s-%s",
                text(version, "release"), text(version, "api"), text(version, "protoMin"), text(version, "protoMax"));
    }

    /**
     * @param transport one element of {@code transports}
     * @return {@code tcp 1.0.0}
     */
    static String transport(JsonNode transport) {
        return text(transport, "name") + " " + text(transport, "version");
    }

    /**
     * @param device one element of {@code devices}
     * @return {@code 8 StandAlone Secondary/Unknown UpToDate/DUnknown null r----- oos=1048320}: minor, state,
     *     roles, disk states, protocol, flags (through {@link Visible}), then {@code oos=N} or {@code counters=null};
     *     just {@code 2 Unconfigured} for an Unconfigured device whose other fields are all null
     */
    static String device(JsonNode device) {
        String state = text(device, "connectionState");
        boolean stateless = STATE_FIELDS.stream().allMatch(f -> device.get(f).isNull());
        if (state.equals("Unconfigured") && stateless) {
            return text(device, "minor") + " " + state;
        }
        JsonNode counters = device.get("counters");
        return String.format(
                "%s %s %s/%s %s/%s %s %s %s",
                text(device, "minor"),
                state,
                text(device, "role"),
                text(device, "peerRole"),
                text(device, "diskState"),
                text(device, "peerDiskState"),
                text(device, "protocol"),
                Visible.escape(text(device, "ioFlags")),
                counters.isNull() ? "counters=null" : "oos=" + text(counters, "oos"));
    }

    /**
     * @param device one element of {@code devices} whose {@code sync} is not null
     * @return {@code 0: sync 19.5% left 12685312 of 15740928 KiB, finish 660 s, speed 19188, average 24468, want
     *     null, stalled false}
     */
    static String sync(JsonNode device) {
        JsonNode s = device.get("sync");
        return String.format(
                "%s: %s %s%% left %s of %s KiB, finish %s s, speed %s, average %s, want %s, stalled %s",
                text(device, "minor"),
                text(s, "kind"),
                text(s, "percent"),
                text(s, "leftKiB"),
                text(s, "totalKiB"),
                text(s, "finishSeconds"),
                text(s, "speedKiBps"),
                text(s, "averageKiBps"),
                text(s, "wantKiBps"),
                text(s, "stalled"));
    }

    /** Fails with the field's name when the JSON lacks it. */
    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            throw new AssertionError("no field \"" + field + "\" in " + node);
        }
        return value.asText();
    }
}
