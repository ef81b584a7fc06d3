package io.drbd4j.examples.cli;

import io.drbd4j.chef.BackendStatus;
import io.drbd4j.chef.HaStatus;
import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.safety.SafetyReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Nagios verdict on a Chef HA pair, from {@link HaStatus} (what {@code ha-status} shows):
 *
 * <ul>
 *   <li>Each backend whose DRBD device was read is judged as {@code check} judges a device ({@link
 *       ProcDrbdCheck#state}), on drbd-core's report of both backends' states when both were read: CRITICAL for a
 *       split brain, no good copy, or no current copy on a backend whose peer is not connected; WARNING for a resync
 *       or a node that cannot be lost; OK when either can be lost.
 *   <li>CRITICAL when both backends were read and not exactly one is keepalived's {@code master} (none: Chef is not
 *       served; two: both take writes).
 *   <li>WARNING for every other failed {@link HaChecks} check of a backend that was read ({@code drbdReady}, {@code
 *       keepalivedRunning}, {@code servicesAsRole}, ...): the pair is not healthy, though the data is safe.
 *   <li>UNKNOWN for a backend where a probe failed (ssh could not reach it, a command failed): its checks are not
 *       judged, and with nothing worse seen the state is UNKNOWN.
 *   <li>OK when the pair is healthy ({@link HaStatus#healthy()}).
 * </ul>
 *
 * <p>The summary: {@code be1 StandAlone Primary/Unknown UpToDate/DUnknown: split brain}, {@code be2 not read: ...},
 * {@code failed: oneMaster, be2 servicesAsRole}, or {@code healthy: be1 master, be2 backup}. Performance data as for
 * {@code /proc/drbd}, with the backend's name as prefix ({@code be1_oos}).
 */
final class HaCheck {
    private HaCheck() {}

    /**
     * Returns the state, summary and performance data.
     *
     * @param status both backends
     * @return the state, summary and performance data
     */
    static CheckResult of(HaStatus status) {
        CheckResult result = new CheckResult();
        List<String> failed = new ArrayList<>();
        Map<String, Boolean> pair = HaChecks.pair(status);
        if (pair.get("everythingRead") && !pair.get("oneMaster")) {
            result.raise(CheckState.CRITICAL);
            failed.add("oneMaster");
        }
        for (BackendStatus b : status.backends()) {
            Optional<DeviceStatus> device = b.drbd().filter(d -> !d.isUnconfigured());
            Optional<SafetyReport> safety = b.safety();
            if (device.isPresent() && safety.isPresent()) {
                CheckState state = ProcDrbdCheck.state(device.get(), safety.get());
                result.raise(state);
                if (state != CheckState.OK) {
                    result.part(b.name() + " " + ProcDrbdCheck.words(device.get()) + ": "
                            + ProcDrbdCheck.reason(device.get(), safety.get()));
                }
            }
            if (!b.problems().isEmpty()) {
                result.raise(CheckState.UNKNOWN)
                        .part(b.name() + " not read: " + b.problems().get(0));
                continue;
            }
            HaChecks.backend(b).forEach((check, passed) -> {
                if (!passed) {
                    result.raise(CheckState.WARNING);
                    failed.add(b.name() + " " + check);
                }
            });
        }
        if (!failed.isEmpty()) {
            result.part("failed: " + String.join(", ", failed));
        }
        if (status.healthy()) {
            List<String> roles = new ArrayList<>();
            status.backends()
                    .forEach(b -> roles.add(b.name() + " " + b.clusterStatus().orElse("-")));
            result.part("healthy: " + String.join(", ", roles));
        }
        for (BackendStatus b : status.backends()) {
            b.drbd().filter(d -> !d.isUnconfigured()).ifPresent(d -> ProcDrbdCheck.perf(result, b.name(), d));
        }
        return result;
    }
}
