package io.drbd4j.testbed.conformance;

import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.IoCounters;
import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.proc.ProcDrbdParser;
import io.drbd4j.exec.StateChangeError;
import io.drbd4j.exec.runner.CommandResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one step of a sequence showed, as comparable fields: the command's exit code and DRBD's reason, and for each
 * host the parsed {@code /proc/drbd} (cs, ro, ds, oos, flags, counters) or {@code down} for a host that is off.
 */
record Observation(Map<String, String> fields) {
    static Observation of(Optional<CommandResult> command, Map<String, Optional<byte[]>> procByHost) {
        Map<String, String> f = new LinkedHashMap<>();
        command.ifPresent(r -> {
            f.put("exit", String.valueOf(r.exitCode()));
            f.put(
                    "reason",
                    StateChangeError.parse(r.stderrText())
                            .map(e -> "(" + e.code() + ")")
                            .orElse("-"));
        });
        procByHost.forEach((host, proc) -> {
            if (proc.isEmpty()) {
                f.put(host, "down");
                return;
            }
            ProcDrbdStatus status = ProcDrbdParser.strict().parse(proc.get());
            if (status.devices().isEmpty()) {
                f.put(host + ".cs", "none");
                return;
            }
            DeviceStatus d = status.devices().get(0);
            f.put(host + ".cs", d.connectionState().label());
            f.put(
                    host + ".ro",
                    d.role().map(r -> r.label()).orElse("-") + "/"
                            + d.peerRole().map(r -> r.label()).orElse("-"));
            f.put(
                    host + ".ds",
                    d.diskState().map(x -> x.label()).orElse("-") + "/"
                            + d.peerDiskState().map(x -> x.label()).orElse("-"));
            f.put(host + ".flags", d.ioFlags().map(x -> x.raw()).orElse("-"));
            d.counters().ifPresent(c -> counters(f, host, c));
        });
        return new Observation(f);
    }

    private static void counters(Map<String, String> f, String host, IoCounters c) {
        f.put(host + ".oos", String.valueOf(c.oos().orElse(-1)));
        f.put(host + ".ns", String.valueOf(c.ns()));
        f.put(host + ".nr", String.valueOf(c.nr()));
        f.put(host + ".dw", String.valueOf(c.dw()));
        f.put(host + ".dr", String.valueOf(c.dr()));
        f.put(host + ".al", String.valueOf(c.al()));
    }

    /** @return this observation with one more field */
    Observation with(String field, String value) {
        Map<String, String> f = new LinkedHashMap<>(fields);
        f.put(field, value);
        return new Observation(f);
    }

    /** @return the connection state seen on that host, or empty */
    Optional<String> cs(String host) {
        return Optional.ofNullable(fields.get(host + ".cs"));
    }
}
