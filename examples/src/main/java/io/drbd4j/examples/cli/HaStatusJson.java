package io.drbd4j.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drbd4j.chef.BackendStatus;
import io.drbd4j.chef.HaStatus;
import io.drbd4j.core.safety.Answer;
import io.drbd4j.core.safety.SafetyReport;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a {@link HaStatus} into the JSON that {@code drbd4j ha-status --json} prints, one line:
 *
 * <pre>{@code
 * {"backends":[{"name":"be1","drbd":"Connected Primary/Secondary UpToDate/UpToDate","mounted":true,
 *  "drbdReady":true,"cluster":"master","services":{"bookshelf":true,...,"keepalived":true},
 *  "chefServices":{"running":6,"total":6,"keepalived":true},"safety":"...",
 *  "canBeLostNow":{"verdict":"yes","reason":"..."},"problems":[]},{...}],"healthy":true}
 * }</pre>
 *
 * <p>The same values as {@link HaStatusTable}: {@code cluster}, {@code safety} and {@code chefServices.keepalived}
 * are {@code null} when not read; services are sorted by name; the verdict is {@code yes}, {@code no} or {@code
 * unknown}. Non-ASCII characters are escaped.
 */
final class HaStatusJson {
    private static final JsonMapper MAPPER =
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private HaStatusJson() {}

    /**
     * @param status what to render
     * @return the JSON text, one line without a line end
     */
    static String render(HaStatus status) {
        try {
            return MAPPER.writeValueAsString(tree(status));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a tree of strings and booleans as JSON", e);
        }
    }

    /**
     * @param status what to render
     * @return the JSON tree
     */
    static ObjectNode tree(HaStatus status) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode backends = root.putArray("backends");
        for (BackendStatus b : status.backends()) {
            backend(backends.addObject(), b);
        }
        root.put("healthy", status.healthy());
        return root;
    }

    private static void backend(ObjectNode node, BackendStatus b) {
        node.put("name", b.name());
        node.put("drbd", b.drbdWords());
        node.put("mounted", b.mounted());
        node.put("drbdReady", b.ready());
        node.put("cluster", b.clusterStatus().orElse(null));
        ObjectNode services = node.putObject("services");
        new TreeMap<>(b.services()).forEach(services::put);
        ObjectNode ha = node.putObject("chefServices");
        long total = 0;
        long running = 0;
        for (Map.Entry<String, Boolean> e : b.services().entrySet()) {
            if (!e.getKey().equals(HaStatusTable.KEEPALIVED)) {
                total++;
                running += e.getValue() ? 1 : 0;
            }
        }
        ha.put("running", running);
        ha.put("total", total);
        ha.put("keepalived", b.services().get(HaStatusTable.KEEPALIVED));
        node.put("safety", b.safety().map(SafetyReport::summary).orElse(null));
        Answer answer = HaStatusTable.canBeLost(b);
        ObjectNode lost = node.putObject("canBeLostNow");
        lost.put("verdict", answer.verdict().name().toLowerCase(Locale.ROOT));
        lost.put("reason", answer.reason());
        ArrayNode problems = node.putArray("problems");
        b.problems().forEach(problems::add);
    }
}
