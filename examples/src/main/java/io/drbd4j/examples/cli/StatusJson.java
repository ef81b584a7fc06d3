package io.drbd4j.examples.cli;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drbd4j.core.model.BuildTag;
import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.DrbdVersion;
import io.drbd4j.core.model.IoCounters;
import io.drbd4j.core.model.IoFlags;
import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.model.ReplicationProtocol;
import io.drbd4j.core.model.Role;
import io.drbd4j.core.model.SyncProgress;
import io.drbd4j.core.model.Transport;
import io.drbd4j.core.model.WriteOrdering;
import io.drbd4j.core.proc.ParseProblem;
import io.drbd4j.core.safety.Answer;
import io.drbd4j.core.safety.DataSafety;
import io.drbd4j.core.safety.SafetyReport;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Turns a {@link ProcDrbdStatus} into the JSON that {@code drbd4j status --json} prints, one line (schema: {@code
 * schemas/status.schema.json}):
 *
 * <pre>{@code
 * {"schemaVersion":1,"timestamp":"2026-12-06T13:41:59Z",
 *  "version":{"release":"8.4.1","api":1,"protoMin":86,"protoMax":100},"buildTag":"GIT-hash: ...",
 *  "transports":[],"devices":[{"minor":0,"connectionState":"SyncSource","role":"Primary",...,
 *  "safety":{"safe":false,"summary":"only this node is UpToDate, resync 19.5%",
 *  "canLosePeer":{"verdict":"yes","reason":"..."},"canLoseThisNode":{"verdict":"no","reason":"..."},
 *  "upToDateHolder":{"holder":"this_node","reason":"..."},"splitBrain":{"verdict":"no","reason":"..."}}}],
 *  "problems":[]}
 * }</pre>
 *
 * <p>Fields keep this order. A value the input did not show is {@code null}, never a default. States are the
 * kernel's labels. Sizes are KiB, speeds KiB/s, the finish time seconds. {@code safety} is drbd-core's {@link
 * DataSafety#of(DeviceStatus)} of this node's view: verdicts {@code yes}, {@code no} or {@code unknown}, each with
 * its one-sentence reason; {@code safe} is true when either node can be lost ({@link #safe}).
 */
final class StatusJson {
    private static final JsonMapper MAPPER = JsonOutput.MAPPER;

    private StatusJson() {}

    /**
     * Returns the JSON text, one line without a line end.
     *
     * @param status what to render
     * @param now when it was read
     * @return the JSON text, one line without a line end
     */
    static String render(ProcDrbdStatus status, Instant now) {
        return JsonOutput.write(tree(status, now));
    }

    /**
     * Returns the JSON tree.
     *
     * @param status what to render
     * @param now when it was read
     * @return the JSON tree
     */
    static ObjectNode tree(ProcDrbdStatus status, Instant now) {
        ObjectNode root = JsonOutput.root(now);
        root.set("version", status.version().map(StatusJson::version).orElse(null));
        root.put("buildTag", status.buildTag().map(BuildTag::text).orElse(null));
        ArrayNode transports = root.putArray("transports");
        for (Transport t : status.transports()) {
            transports.addObject().put("name", t.name()).put("version", t.version());
        }
        ArrayNode devices = root.putArray("devices");
        for (DeviceStatus d : status.devices()) {
            devices.add(device(d));
        }
        ArrayNode problems = root.putArray("problems");
        for (ParseProblem p : status.problems()) {
            problems.addObject().put("line", p.line()).put("column", p.column()).put("message", p.message());
        }
        return root;
    }

    private static ObjectNode version(DrbdVersion v) {
        return MAPPER.createObjectNode()
                .put("release", v.release())
                .put("api", v.api())
                .put("protoMin", v.protoMin())
                .put("protoMax", v.protoMax());
    }

    private static ObjectNode device(DeviceStatus d) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("minor", d.minor());
        node.put("connectionState", d.connectionState().label());
        node.put("role", d.role().map(Role::label).orElse(null));
        node.put("peerRole", d.peerRole().map(Role::label).orElse(null));
        node.put("diskState", d.diskState().map(DiskState::label).orElse(null));
        node.put("peerDiskState", d.peerDiskState().map(DiskState::label).orElse(null));
        node.put("protocol", d.protocol().map(ReplicationProtocol::label).orElse(null));
        node.put("ioFlags", d.ioFlags().map(IoFlags::raw).orElse(null));
        node.set("counters", d.counters().map(StatusJson::counters).orElse(null));
        node.set("sync", d.sync().map(StatusJson::sync).orElse(null));
        node.set("safety", safety(DataSafety.of(d)));
        return node;
    }

    /**
     * Returns true when either node can be lost now: both of drbd-core's answers are yes.
     *
     * @param report a device's safety report
     * @return true when either node can be lost now: both of drbd-core's answers are yes
     */
    static boolean safe(SafetyReport report) {
        return report.canLosePeer().isYes() && report.canLoseThisNode().isYes();
    }

    /**
     * Returns {@code safe}, {@code summary} and each answer with its reason.
     *
     * @param report drbd-core's report
     * @return {@code safe}, {@code summary} and each answer with its reason
     */
    static ObjectNode safety(SafetyReport report) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("safe", safe(report));
        node.put("summary", report.summary());
        node.set("canLosePeer", answer(report.canLosePeer()));
        node.set("canLoseThisNode", answer(report.canLoseThisNode()));
        ObjectNode holder = node.putObject("upToDateHolder");
        holder.put("holder", report.upToDateHolder().holder().name().toLowerCase(Locale.ROOT));
        holder.put("reason", report.upToDateHolder().reason());
        node.set("splitBrain", answer(report.splitBrain()));
        return node;
    }

    /**
     * Returns {@code {"verdict":"yes|no|unknown","reason":"..."}}.
     *
     * @param answer one of drbd-core's answers
     * @return {@code {"verdict":"yes|no|unknown","reason":"..."}}
     */
    static ObjectNode answer(Answer answer) {
        return MAPPER.createObjectNode()
                .put("verdict", answer.verdict().name().toLowerCase(Locale.ROOT))
                .put("reason", answer.reason());
    }

    private static ObjectNode counters(IoCounters c) {
        ObjectNode node = MAPPER.createObjectNode()
                .put("ns", c.ns())
                .put("nr", c.nr())
                .put("dw", c.dw())
                .put("dr", c.dr())
                .put("al", c.al())
                .put("bm", c.bm())
                .put("lo", c.lo())
                .put("pe", c.pe())
                .put("ua", c.ua())
                .put("ap", c.ap());
        putOptional(node, "ep", c.ep());
        node.put("wo", c.wo().map(WriteOrdering::label).orElse(null));
        putOptional(node, "oos", c.oos());
        return node;
    }

    static ObjectNode sync(SyncProgress s) {
        ObjectNode node = MAPPER.createObjectNode()
                .put("kind", s.kind() == SyncProgress.Kind.VERIFY ? "verify" : "sync")
                .put("percent", s.percent())
                .put("leftKiB", s.leftKiB())
                .put("totalKiB", s.totalKiB());
        Optional<Duration> finish = s.finish();
        if (finish.isPresent()) {
            node.put("finishSeconds", finish.get().getSeconds());
        } else {
            node.putNull("finishSeconds");
        }
        putOptional(node, "speedKiBps", s.speedKiBps());
        putOptional(node, "averageKiBps", s.averageKiBps());
        putOptional(node, "wantKiBps", s.wantKiBps());
        node.put("stalled", s.stalled());
        return node;
    }

    private static void putOptional(ObjectNode node, String name, OptionalLong value) {
        if (value.isPresent()) {
            node.put(name, value.getAsLong());
        } else {
            node.putNull(name);
        }
    }
}
