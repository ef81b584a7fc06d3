package io.drbd4j.chef;

import io.drbd4j.chef.engine.ChefServices;
import io.drbd4j.chef.engine.HostState;
import io.drbd4j.chef.engine.LiveState;
import io.drbd4j.chef.engine.Pair;
import io.drbd4j.chef.engine.Side;
import io.drbd4j.chef.engine.StateUnknownException;
import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.safety.DataSafety;
import io.drbd4j.core.safety.SafetyReport;
import io.drbd4j.exec.runner.SshConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Both backends at once: each one's DRBD state, mount, {@code drbd_ready}, cluster status and Chef services, and
 * drbd-core's safety verdict (can either node be lost now, and if not, what is at risk). What {@code
 * chef-server-ctl ha-status} should have checked: on Chef Server 12 it checks nothing of DRBD
 * Reading changes nothing. Immutable.
 */
public final class HaStatus {
    private final List<BackendStatus> backends;

    private HaStatus(List<BackendStatus> backends) {
        this.backends = List.copyOf(backends);
    }

    /**
     * Reads both backends; a backend that cannot be read is reported with its problems, not thrown.
     *
     * @param cluster the backends
     * @return their status
     */
    public static HaStatus read(ChefHaCluster cluster) {
        LiveState state = new LiveState(Pair.unresolved(cluster));
        HostState[] hosts = {state.host(Side.KEEPER), state.host(Side.OTHER)};
        Probes[] probes = {new Probes(), new Probes()};
        List<Optional<DeviceStatus>> devices = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            devices.add(probes[i].get(hosts[i]::device, Optional.empty()));
        }
        List<BackendStatus> result = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            HostState host = hosts[i];
            Probes p = probes[i];
            Optional<DeviceStatus> local = devices.get(i);
            Optional<DeviceStatus> peer = devices.get(1 - i);
            Optional<SafetyReport> safety =
                    local.map(d -> peer.isPresent() ? DataSafety.of(d, peer.get()) : DataSafety.of(d));
            String drbdWords;
            if (local.isPresent()) {
                drbdWords = host.drbdWords().substring(host.name().length() + 2);
            } else if (!p.problems.isEmpty()) {
                drbdWords = "unknown";
            } else {
                drbdWords = host.drbdLoaded() ? cluster.device() + " not configured" : "DRBD not loaded";
            }
            result.add(BackendStatus.builder()
                    .name(host.name())
                    .drbd(local)
                    .drbdWords(drbdWords)
                    .mounted(p.get(host::mounted, false))
                    .ready(p.get(host::ready, false))
                    .clusterStatus(p.get(host::clusterStatus, Optional.empty()))
                    .services(p.get(() -> host.services().all(), Map.of()))
                    .haServices(p.get(() -> host.services().ha(), Map.of()))
                    .safety(safety)
                    .problems(p.problems)
                    .build());
        }
        return new HaStatus(result);
    }

    /**
     * The probes of one backend and what they could not read. Once ssh cannot reach the host, the other probes are
     * not tried: each would wait for its own connect timeout and report the same reason, so the host gets one
     * problem, {@code cannot reach root@db1 over ssh: ... (nothing read there)}.
     */
    private static final class Probes {
        private final List<String> problems = new ArrayList<>();
        private boolean unreachable;

        <T> T get(Supplier<T> probe, T otherwise) {
            if (unreachable) {
                return otherwise;
            }
            try {
                return probe.get();
            } catch (StateUnknownException e) {
                Optional<SshConnectionException> ssh = sshCause(e);
                if (ssh.isPresent()) {
                    unreachable = true;
                    problems.add(withoutCommand(ssh.get().getMessage()) + " (nothing read there)");
                } else {
                    problems.add(e.getMessage());
                }
                return otherwise;
            }
        }

        private static Optional<SshConnectionException> sshCause(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SshConnectionException ssh) {
                    return Optional.of(ssh);
                }
            }
            return Optional.empty();
        }

        /** SshConnectionException's message ends with " (command not run: COMMAND)", which is one probe's. */
        private static String withoutCommand(String message) {
            int end = message.lastIndexOf(" (command not run: ");
            return end < 0 ? message : message.substring(0, end);
        }
    }

    /**
     * Returns the keeper first, then the other backend.
     *
     * @return the keeper first, then the other backend
     */
    public List<BackendStatus> backends() {
        return backends;
    }

    /**
     * Returns its status.
     *
     * @param name a backend name
     * @return its status
     * @throws IllegalArgumentException for another name
     */
    public BackendStatus backend(String name) {
        return backends.stream()
                .filter(b -> b.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no backend named \"" + name + "\""));
    }

    /**
     * Returns true when the pair is healthy: one master Primary with the filesystem mounted and every service running,
     * one backup Secondary with every other service running, keepalived running on both, Connected and
     * UpToDate/UpToDate, drbd_ready on both, and everything read.
     *
     * @return true when the pair is healthy: one master Primary with the filesystem mounted and every service running,
     *     one backup Secondary with every other service running, keepalived running on both, Connected
     *     and UpToDate/UpToDate, drbd_ready on both, and everything read
     */
    public boolean healthy() {
        long masters = backends.stream()
                .filter(b -> b.clusterStatus().equals(Optional.of("master")))
                .count();
        return masters == 1
                && backends.stream().allMatch(b -> b.problems().isEmpty() && b.ready() && keepalivedRuns(b))
                && backends.stream()
                        .allMatch(b ->
                                b.clusterStatus().equals(Optional.of("master")) ? servingMaster(b) : servingBackup(b));
    }

    private static boolean keepalivedRuns(BackendStatus b) {
        return b.services().getOrDefault(ChefServices.KEEPALIVED, false);
    }

    /** The master's DRBD, mount and services: Primary, mounted, its HA services and every other service running. */
    private static boolean servingMaster(BackendStatus b) {
        return b.drbdWords().equals("Connected Primary/Secondary UpToDate/UpToDate")
                && b.mounted()
                && !b.haServices().isEmpty()
                && b.services().values().stream().allMatch(r -> r);
    }

    /** On the backup: Secondary, not mounted, current_cluster_status backup, its other services running. */
    private static boolean servingBackup(BackendStatus b) {
        return b.drbdWords().equals("Connected Secondary/Primary UpToDate/UpToDate")
                && !b.mounted()
                && b.clusterStatus().equals(Optional.of("backup"))
                && b.services().entrySet().stream()
                        .filter(e -> !b.haServices().containsKey(e.getKey())
                                && !e.getKey().equals(ChefServices.KEEPALIVED))
                        .allMatch(Map.Entry::getValue);
    }
}
