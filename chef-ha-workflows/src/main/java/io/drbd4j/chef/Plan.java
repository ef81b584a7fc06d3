package io.drbd4j.chef;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drbd4j.exec.runner.Command;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a workflow would do, step by step, in each backend's dialect: the dry run. Reading it changed nothing on
 * the backends (planning may read state: detect dialects). Immutable.
 */
public final class Plan {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String workflow;
    private final String resource;
    private final String primary;
    private final String secondary;
    private final Map<String, String> dialects;
    private final List<Step> steps;

    Plan(String workflow, ChefHaCluster cluster, Map<String, String> dialects, List<Step> steps) {
        this.workflow = workflow;
        this.resource = cluster.resource();
        this.primary = cluster.primary();
        this.secondary = cluster.secondaryBackend().name();
        this.dialects = Map.copyOf(new LinkedHashMap<>(dialects));
        this.steps = List.copyOf(steps);
    }

    /** @return the workflow's name, such as {@code failover-setup} */
    public String workflow() {
        return workflow;
    }

    /** @return the DRBD resource */
    public String resource() {
        return resource;
    }

    /** @return the bootstrap backend */
    public String primary() {
        return primary;
    }

    /** @return the other backend */
    public String secondary() {
        return secondary;
    }

    /** @return each backend's dialect, {@code 8.4} or {@code 8.3} */
    public Map<String, String> dialects() {
        return dialects;
    }

    /** @return the steps in order */
    public List<Step> steps() {
        return steps;
    }

    /**
     * @return the plan as one JSON object: workflow, resource, hosts (primary, secondary), dialects, and steps with
     *     one object per command (id, host, argv, destroysData, guard, when, waitFor, note); a step with several
     *     commands repeats its id, a step that only waits has {@code "argv":[]}
     */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("workflow", workflow);
        root.put("resource", resource);
        ObjectNode hosts = root.putObject("hosts");
        hosts.put("primary", primary);
        hosts.put("secondary", secondary);
        ArrayNode array = root.putArray("steps");
        for (Step step : steps) {
            List<Command> commands = step.commands();
            if (commands.isEmpty()) {
                stepJson(array.addObject(), step, List.of());
            }
            for (Command command : commands) {
                stepJson(array.addObject(), step, command.argv());
            }
        }
        ObjectNode dialectsNode = root.putObject("dialects");
        dialects.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> dialectsNode.put(e.getKey(), e.getValue()));
        return root.toString();
    }

    private static void stepJson(ObjectNode node, Step step, List<String> argv) {
        node.put("id", step.id());
        node.put("host", step.host());
        ArrayNode words = node.putArray("argv");
        argv.forEach(words::add);
        node.put("destroysData", step.destroysData());
        node.put("guard", step.guard());
        putOptional(node, "when", step.when());
        putOptional(node, "waitFor", step.waitFor());
        putOptional(node, "note", step.note());
    }

    private static void putOptional(ObjectNode node, String name, Optional<String> value) {
        if (value.isPresent()) {
            node.put(name, value.get());
        } else {
            node.putNull(name);
        }
    }

    /** @return the plan for a person: one numbered block per step, destructive steps marked */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append(workflow)
                .append(" of ")
                .append(resource)
                .append(": primary ")
                .append(primary)
                .append(" (")
                .append(dialects.get(primary))
                .append("), secondary ")
                .append(secondary)
                .append(" (")
                .append(dialects.get(secondary))
                .append(")\n");
        int n = 1;
        for (Step step : steps) {
            out.append(String.format(
                    "%n%2d. %s on %s%s%n",
                    n++,
                    step.id(),
                    step.host(),
                    step.destroysData() ? "   [DESTROYS DATA if run in the wrong state]" : ""));
            step.when().ifPresent(w -> out.append("    only when: ").append(w).append('\n'));
            out.append("    guard:     ").append(step.guard()).append('\n');
            for (Command command : step.commands()) {
                out.append("    run:       ").append(command.toShellString()).append('\n');
            }
            step.waitFor()
                    .ifPresent(w -> out.append("    wait for:  ").append(w).append('\n'));
            step.note().ifPresent(w -> out.append("    note:      ").append(w).append('\n'));
        }
        return out.toString();
    }
}
