package io.drbd4j.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drbd4j.chef.BackendStatus;
import io.drbd4j.chef.HaStatus;
import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.IoCounters;
import io.drbd4j.core.model.Role;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Turns a {@link HaStatus} into the JSON that {@code drbd4j ha-status --json} prints, one line (schema: {@code
 * schemas/ha-status.schema.json}):
 *
 * <pre>{@code
 * {"schemaVersion":1,"timestamp":"2026-12-06T13:41:59Z","healthy":true,
 *  "checks":{"everythingRead":true,"oneMaster":true},
 *  "backends":[{"name":"be1","drbd":{"cs":"Connected","ro":"Primary","peerRo":"Secondary","ds":"UpToDate",
 *  "peerDs":"UpToDate","oos":0,"progress":null},"mounted":true,"drbdReady":true,"cluster":"master",
 *  "services":{"bookshelf":true,...,"keepalived":true},"chefServices":{"running":10,"total":10,"keepalived":true},
 *  "checks":{"read":true,"clusterRole":true,"drbdReady":true,"keepalivedRunning":true,"drbdAsRole":true,
 *  "mountAsRole":true,"servicesAsRole":true},"safety":{...},"canBeLostNow":{"verdict":"yes","reason":"..."},
 *  "problems":[]},{...}]}
 * }</pre>
 *
 * <p>{@code drbd} is {@code null} when the resource's device was not read or is not configured; its fields are the
 * kernel's labels, {@code null} where {@code /proc/drbd} showed none; {@code oos} is KiB; {@code progress} is the
 * resync or verify line as {@code status --json} shows it ({@link StatusJson#sync}). {@code checks} are {@link
 * HaChecks}: {@code healthy} is true exactly when all of them are. {@code safety} is {@code status --json}'s
 * verdict object ({@link StatusJson#safety}), judged on both backends' states when both were read; {@code null}
 * when this backend's DRBD state was not read. {@code cluster} and {@code chefServices.keepalived} are {@code null}
 * when not read; services are sorted by name.
 */
final class HaStatusJson {
    private HaStatusJson() {}

    /**
     * Returns the JSON text, one line without a line end.
     *
     * @param status what to render
     * @param now when it was read
     * @return the JSON text, one line without a line end
     */
    static String render(HaStatus status, Instant now) {
        return JsonOutput.write(tree(status, now));
    }

    /**
     * Returns the JSON tree.
     *
     * @param status what to render
     * @param now when it was read
     * @return the JSON tree
     */
    static ObjectNode tree(HaStatus status, Instant now) {
        ObjectNode root = JsonOutput.root(now);
        root.put("healthy", status.healthy());
        ObjectNode checks = root.putObject("checks");
        HaChecks.pair(status).forEach(checks::put);
        ArrayNode backends = root.putArray("backends");
        for (BackendStatus b : status.backends()) {
            backend(backends.addObject(), b);
        }
        return root;
    }

    private static void backend(ObjectNode node, BackendStatus b) {
        node.put("name", b.name());
        node.set(
                "drbd",
                b.drbd()
                        .filter(d -> !d.isUnconfigured())
                        .map(HaStatusJson::drbd)
                        .orElse(null));
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
        ObjectNode checks = node.putObject("checks");
        HaChecks.backend(b).forEach(checks::put);
        node.set("safety", b.safety().map(StatusJson::safety).orElse(null));
        node.set("canBeLostNow", StatusJson.answer(HaStatusTable.canBeLost(b)));
        ArrayNode problems = node.putArray("problems");
        b.problems().forEach(problems::add);
    }

    private static ObjectNode drbd(DeviceStatus d) {
        ObjectNode node = JsonOutput.MAPPER.createObjectNode();
        node.put("cs", d.connectionState().label());
        node.put("ro", d.role().map(Role::label).orElse(null));
        node.put("peerRo", d.peerRole().map(Role::label).orElse(null));
        node.put("ds", d.diskState().map(DiskState::label).orElse(null));
        node.put("peerDs", d.peerDiskState().map(DiskState::label).orElse(null));
        OptionalLong oos = d.counters().map(IoCounters::oos).orElse(OptionalLong.empty());
        if (oos.isPresent()) {
            node.put("oos", oos.getAsLong());
        } else {
            node.putNull("oos");
        }
        node.set("progress", d.sync().map(StatusJson::sync).orElse(null));
        return node;
    }
}
