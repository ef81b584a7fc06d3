package io.drbd4j.chef;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a workflow would do, step by step, in each backend's dialect: the dry run. Reading it changed nothing on
 * the backends (planning may read state: detect dialects). Immutable.
 */
public final class Plan {
    private static final JsonFactory JSON = new JsonFactory();

    private final String workflow;
    private final String resource;
    private final String keeper;
    private final String other;
    private final Map<String, String> dialects;
    private final List<PlannedStep> steps;

    Plan(String workflow, ChefHaCluster cluster, Map<String, String> dialects, List<PlannedStep> steps) {
        this.workflow = workflow;
        this.resource = cluster.resource();
        this.keeper = cluster.keeper();
        this.other = cluster.otherBackend().name();
        this.dialects = Map.copyOf(new LinkedHashMap<>(dialects));
        this.steps = List.copyOf(steps);
    }

    /**
     * Returns the workflow's name, such as {@code failover-setup}.
     *
     * @return the workflow's name, such as {@code failover-setup}
     */
    public String workflow() {
        return workflow;
    }

    /**
     * Returns the DRBD resource.
     *
     * @return the DRBD resource
     */
    public String resource() {
        return resource;
    }

    /**
     * Returns the backend whose data the workflow keeps ({@link ChefHaCluster#keeper()}).
     *
     * @return the backend whose data the workflow keeps ({@link ChefHaCluster#keeper()})
     */
    public String keeper() {
        return keeper;
    }

    /**
     * Returns the other backend.
     *
     * @return the other backend
     */
    public String other() {
        return other;
    }

    /**
     * Returns each backend's dialect, {@code 8.4} or {@code 8.3}.
     *
     * @return each backend's dialect, {@code 8.4} or {@code 8.3}
     */
    public Map<String, String> dialects() {
        return dialects;
    }

    /**
     * Returns the steps in order.
     *
     * @return the steps in order
     */
    public List<PlannedStep> steps() {
        return steps;
    }

    /**
     * Returns the plan as one JSON object: workflow, resource, hosts (keeper, other), dialects, and steps with one
     * object per command (id, host the command runs on, argv, input, destroysData, guard, when, waitFor, note); a step
     * with several commands repeats its id, a copy from the other backend is its {@code cat} there followed by the
     * command whose {@code input} it is, and a step that only waits has {@code "argv":[]}.
     *
     * @return the plan as one JSON object: workflow, resource, hosts (keeper, other), dialects, and steps with one
     *     object per command (id, host the command runs on, argv, input, destroysData, guard, when, waitFor, note); a
     *     step with several commands repeats its id, a copy from the other backend is its {@code cat} there followed
     *     by the command whose {@code input} it is, and a step that only waits has {@code "argv":[]}
     */
    public String toJson() {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("workflow", workflow);
            g.writeStringField("resource", resource);
            g.writeObjectFieldStart("hosts");
            g.writeStringField("keeper", keeper);
            g.writeStringField("other", other);
            g.writeEndObject();
            g.writeArrayFieldStart("steps");
            for (PlannedStep step : steps) {
                if (step.commands().isEmpty()) {
                    stepJson(g, step, step.host(), List.of(), Optional.empty());
                }
                for (PlannedCommand command : step.commands()) {
                    stepJson(g, step, command.host(), command.argv(), command.input());
                }
            }
            g.writeEndArray();
            g.writeObjectFieldStart("dialects");
            for (String host : new java.util.TreeSet<>(dialects.keySet())) {
                g.writeStringField(host, dialects.get(host));
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void stepJson(
            JsonGenerator g, PlannedStep step, String host, List<String> argv, Optional<String> input)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("id", step.id());
        g.writeStringField("host", host);
        g.writeArrayFieldStart("argv");
        for (String word : argv) {
            g.writeString(word);
        }
        g.writeEndArray();
        optional(g, "input", input);
        g.writeBooleanField("destroysData", step.destroysData());
        g.writeStringField("guard", step.guard());
        optional(g, "when", step.when());
        optional(g, "waitFor", step.waitFor());
        optional(g, "note", step.note());
        g.writeEndObject();
    }

    private static void optional(JsonGenerator g, String name, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            g.writeStringField(name, value.get());
        } else {
            g.writeNullField(name);
        }
    }

    /**
     * Returns the plan for a person: one numbered block per step, destructive steps marked.
     *
     * @return the plan for a person: one numbered block per step, destructive steps marked
     */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append(workflow)
                .append(" of ")
                .append(resource)
                .append(": keeper ")
                .append(keeper)
                .append(" (")
                .append(dialects.get(keeper))
                .append("), other ")
                .append(other)
                .append(" (")
                .append(dialects.get(other))
                .append(")\n");
        int n = 1;
        for (PlannedStep step : steps) {
            out.append(String.format(
                    "%n%2d. %s on %s%s%n",
                    n++,
                    step.id(),
                    step.host(),
                    step.destroysData() ? "   [DESTROYS DATA if run in the wrong state]" : ""));
            step.when().ifPresent(w -> out.append("    only when: ").append(w).append('\n'));
            out.append("    guard:     ").append(step.guard()).append('\n');
            for (PlannedCommand command : step.commands()) {
                out.append("    run:       ");
                if (!command.host().equals(step.host())) {
                    out.append("on ").append(command.host()).append(": ");
                }
                out.append(command.toShellString());
                command.input().ifPresent(i -> out.append("   < ").append(i));
                out.append('\n');
            }
            step.waitFor()
                    .ifPresent(w -> out.append("    wait for:  ").append(w).append('\n'));
            step.note().ifPresent(w -> out.append("    note:      ").append(w).append('\n'));
        }
        return out.toString();
    }
}
