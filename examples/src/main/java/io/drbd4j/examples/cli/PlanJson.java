package io.drbd4j.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drbd4j.chef.Plan;
import io.drbd4j.chef.PlannedCommand;
import io.drbd4j.chef.PlannedStep;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns a {@link Plan} into the JSON that {@code drbd4j plan --json} prints, one line (schema: {@code
 * schemas/plan.schema.json}): one object per step, its commands inside, in the order they run.
 *
 * <pre>{@code
 * {"schemaVersion":1,"timestamp":"2026-12-06T13:41:59Z","workflow":"failover-setup","resource":"pc0",
 *  "hosts":{"keeper":"be1","other":"be2"},"dialects":{"be1":"8.4","be2":"8.4"},
 *  "steps":[{"id":"force-primary","host":"be1","destroysData":true,"guard":"both disks Inconsistent ...",
 *  "when":null,"outcome":"be1 Primary","waitFor":"be1 Primary","note":null,"acceptedLoss":null,
 *  "commands":[{"host":"be1","argv":["drbdadm","primary","--force","pc0"],"input":null,"timeoutSeconds":30}]},
 *  ...]}
 * }</pre>
 *
 * <p>A command's {@code host} is where it runs, which differs from its step's for a copy from the other backend
 * ({@code cat} there, then the command whose {@code input} that output is); a step that only waits has {@code
 * "commands":[]}. Absent values are {@code null}.
 */
final class PlanJson {
    private PlanJson() {}

    /**
     * Returns the JSON text, one line without a line end.
     *
     * @param plan what to render
     * @param now when it was planned
     * @return the JSON text, one line without a line end
     */
    static String render(Plan plan, Instant now) {
        return JsonOutput.write(tree(plan, now));
    }

    /**
     * Returns the JSON tree.
     *
     * @param plan what to render
     * @param now when it was planned
     * @return the JSON tree
     */
    static ObjectNode tree(Plan plan, Instant now) {
        ObjectNode root = JsonOutput.root(now);
        root.put("workflow", plan.workflow());
        root.put("resource", plan.resource());
        root.putObject("hosts").put("keeper", plan.keeper()).put("other", plan.other());
        ObjectNode dialects = root.putObject("dialects");
        new TreeMap<>(plan.dialects()).forEach(dialects::put);
        ArrayNode steps = root.putArray("steps");
        for (PlannedStep step : plan.steps()) {
            step(steps.addObject(), step);
        }
        return root;
    }

    private static void step(ObjectNode node, PlannedStep step) {
        node.put("id", step.id());
        node.put("host", step.host());
        node.put("destroysData", step.destroysData());
        node.put("guard", step.guard());
        optional(node, "when", step.when());
        optional(node, "outcome", step.outcome());
        optional(node, "waitFor", step.waitFor());
        optional(node, "note", step.note());
        optional(node, "acceptedLoss", step.acceptedLoss());
        ArrayNode commands = node.putArray("commands");
        for (PlannedCommand command : step.commands()) {
            ObjectNode c = commands.addObject();
            c.put("host", command.host());
            ArrayNode argv = c.putArray("argv");
            command.argv().forEach(argv::add);
            optional(c, "input", command.input());
            c.put("timeoutSeconds", command.timeout().toSeconds());
        }
    }

    private static void optional(ObjectNode node, String name, Optional<String> value) {
        node.put(name, value.orElse(null));
    }
}
