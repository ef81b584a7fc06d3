package io.drbd4j.chef;

import io.drbd4j.core.DrbdException;
import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.Role;
import io.drbd4j.core.proc.ProcDrbdParser;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One backend's live state, read lazily: each probe runs the first time a guard asks for it and is kept for the
 * rest of that check, so a guard sees the state of right before its step. Probes that cannot tell throw {@link
 * StateUnknownException}; nothing here changes the host. Not thread-safe.
 */
final class HostState {
    /** chef-server-ctl's services on a backend: keepalived and the HA services holding data on DRBD. */
    static final String KEEPALIVED = "keepalived";

    static final String CLUSTER_STATUS = "/var/opt/opscode/keepalived/current_cluster_status";

    /** keepalived's transition script, which reconfigure writes past its drbd_ready wait (chef-ha-procedures §1.2). */
    static final String CLUSTER_SH = "/var/opt/opscode/keepalived/bin/cluster.sh";

    private final ChefHaCluster cluster;
    private final Backend backend;
    private Optional<DeviceStatus> device;
    private Boolean mounted;
    private Optional<String> filesystem;
    private Boolean ready;
    private Boolean clusterScript;
    private Map<String, Boolean> services;
    private Map<String, Boolean> haServices;
    private Optional<String> clusterStatus;

    HostState(ChefHaCluster cluster, Backend backend) {
        this.cluster = cluster;
        this.backend = backend;
    }

    String name() {
        return backend.name();
    }

    private CommandResult run(String... argv) {
        Command command = Command.of(cluster.commandTimeout(), argv);
        try {
            return backend.runner().run(command);
        } catch (DrbdException e) {
            throw new StateUnknownException(
                    name(), "could not run " + command + " on " + name() + ": " + e.getMessage(), e);
        }
    }

    private StateUnknownException unexpected(CommandResult result, String expected) {
        String err = result.stderrText().strip();
        return new StateUnknownException(
                name(),
                result.command() + " on " + name() + " exited " + result.exitCode()
                        + (err.isEmpty() ? "" : " (" + err + ")") + " (expected: " + expected + ")",
                null);
    }

    /** @return the resource's device as {@code /proc/drbd} shows it (parsed strictly); empty: not configured */
    Optional<DeviceStatus> device() {
        if (device == null) {
            CommandResult result = run("cat", "/proc/drbd");
            if (!result.succeeded()) {
                if (result.stderrText().contains("No such file or directory")) {
                    device = Optional.empty(); // no DRBD module loaded: nothing configured
                    return device;
                }
                throw unexpected(result, "exit 0");
            }
            try {
                device = ProcDrbdParser.strict()
                        .parse(result.stdout())
                        .device(cluster.minor())
                        .filter(d -> !d.isUnconfigured());
            } catch (DrbdException e) {
                throw new StateUnknownException(
                        name(), "/proc/drbd on " + name() + " is not understood: " + e.getMessage(), e);
            }
        }
        return device;
    }

    boolean is(ConnectionState cs) {
        return device().map(d -> d.connectionState() == cs).orElse(false);
    }

    Optional<Role> role() {
        return device().flatMap(DeviceStatus::role);
    }

    Optional<Role> peerRole() {
        return device().flatMap(DeviceStatus::peerRole);
    }

    Optional<DiskState> disk() {
        return device().flatMap(DeviceStatus::diskState);
    }

    Optional<DiskState> peerDisk() {
        return device().flatMap(DeviceStatus::peerDiskState);
    }

    /** @return true when Connected, both UpToDate, with the given local role */
    boolean syncedAs(Role local) {
        return is(ConnectionState.CONNECTED)
                && role().equals(Optional.of(local))
                && disk().equals(Optional.of(DiskState.UP_TO_DATE))
                && peerDisk().equals(Optional.of(DiskState.UP_TO_DATE));
    }

    /** @return {@code be1: Connected Primary/Secondary UpToDate/Inconsistent}, or that the resource is not up */
    String drbdWords() {
        Optional<DeviceStatus> d = device();
        if (d.isEmpty()) {
            return name() + ": " + cluster.device() + " not configured (resource down)";
        }
        DeviceStatus s = d.get();
        return name() + ": " + s.connectionState().label() + " "
                + s.role().map(Role::label).orElse("?") + "/"
                + s.peerRole().map(Role::label).orElse("?") + " "
                + s.diskState().map(DiskState::label).orElse("?") + "/"
                + s.peerDiskState().map(DiskState::label).orElse("?");
    }

    /** @return KiB out of sync as {@code oos:} shows it; 0 when not shown */
    long outOfSyncKiB() {
        return device().flatMap(DeviceStatus::counters)
                .map(c -> c.oos().orElse(0))
                .orElse(0L);
    }

    /** @return whether something listens on the TCP port ({@code ss -Hltn sport = :PORT}, iproute2) */
    boolean listening(int port) {
        CommandResult result = run("ss", "-Hltn", "sport", "=", ":" + port);
        if (!result.succeeded()) {
            throw unexpected(result, "exit 0");
        }
        return result.stdoutText().lines().anyMatch(l -> l.startsWith("LISTEN"));
    }

    /** @return whether the state shows no peer: not Connected nor syncing */
    boolean disconnected() {
        return device().map(d -> d.connectionState().ordinal() < ConnectionState.CONNECTED.ordinal())
                .orElse(true);
    }

    /** @return whether the DRBD filesystem is mounted ({@code mountpoint -q}) */
    boolean mounted() {
        if (mounted == null) {
            CommandResult result = run("mountpoint", "-q", cluster.mountPoint());
            // util-linux mountpoint(1): 0 a mount point, 32 not one, 1 for errors such as a missing directory.
            if (result.exitCode() != 0 && result.exitCode() != 32 && result.exitCode() != 1) {
                throw unexpected(result, "0, 1 or 32");
            }
            mounted = result.exitCode() == 0;
        }
        return mounted;
    }

    /**
     * @return the filesystem type on the DRBD device ({@code blkid -p}); empty when blank
     * @throws StateUnknownException when blkid cannot open it (a Secondary) or fails otherwise
     */
    Optional<String> filesystem() {
        if (filesystem == null) {
            CommandResult result = run("blkid", "-p", "-o", "value", "-s", "TYPE", cluster.device());
            // blkid(8): exit 2 with no output when nothing was identified; with an error message it could not look.
            if (result.exitCode() == 2
                    && result.stdoutText().isBlank()
                    && result.stderrText().isBlank()) {
                filesystem = Optional.empty();
            } else if (result.succeeded()) {
                filesystem = Optional.of(result.stdoutText().strip());
            } else {
                throw unexpected(result, "a filesystem type, or exit 2 with no output for none");
            }
        }
        return filesystem;
    }

    /** @return whether the drbd_ready sentinel exists */
    boolean ready() {
        if (ready == null) {
            ready = exists(cluster.readyFile());
        }
        return ready;
    }

    /**
     * @return whether cluster.sh exists: reconfigure got past its drbd_ready wait here, so {@code master-recover} and
     *     {@code backup-recover} (which run it) can work
     */
    boolean clusterScript() {
        if (clusterScript == null) {
            clusterScript = exists(CLUSTER_SH);
        }
        return clusterScript;
    }

    boolean exists(String path) {
        CommandResult result = run("test", "-e", path);
        if (result.exitCode() > 1) {
            throw unexpected(result, "0 or 1");
        }
        return result.succeeded();
    }

    /**
     * @return a file's bytes ({@code cat}) as they are, read with the unredacted runner so that two copies compare
     *     truly; never shown; empty when it does not exist
     */
    Optional<byte[]> contents(String path) {
        if (!exists(path)) {
            return Optional.empty();
        }
        Command command = Command.of(cluster.commandTimeout(), "cat", path);
        CommandResult result;
        try {
            result = ClusterSecrets.raw(backend).run(command);
        } catch (DrbdException e) {
            RuntimeException shown = cluster.redactor().redact(e, command);
            throw new StateUnknownException(
                    name(), "could not run " + command + " on " + name() + ": " + shown.getMessage(), shown);
        } catch (RuntimeException e) {
            throw cluster.redactor().redact(e, command);
        }
        if (!result.succeeded()) {
            throw unexpected(cluster.redactor().redact(result), "exit 0");
        }
        return Optional.of(result.stdout());
    }

    /** @return each service {@code chef-server-ctl status} lists, and whether it runs; empty when none is listed */
    Map<String, Boolean> services() {
        if (services == null) {
            CommandResult result = run("chef-server-ctl", "status");
            Map<String, Boolean> found = new LinkedHashMap<>();
            Map<String, Boolean> ha = new LinkedHashMap<>();
            // runit sv lines: "run: SVC: (pid N) Ts[, normally down]; run: log: ..." or "down: SVC: Ts[, normally
            // up]; ...". sv adds "normally down" to a running service with a down file and "normally up" to a
            // stopped one without: the HA services (keepalive_me, with a down file) are the running ones marked
            // "normally down" and the stopped ones not marked "normally up" (chef-ha-procedures.md §1.1).
            for (String line : result.stdoutText().split("\n")) {
                String[] words = line.split(":", 3);
                if (words.length >= 2 && (words[0].equals("run") || words[0].equals("down"))) {
                    boolean run = words[0].equals("run");
                    String own = line.split(";", 2)[0];
                    found.put(words[1].strip(), run);
                    if (run ? own.contains("normally down") : !own.contains("normally up")) {
                        ha.put(words[1].strip(), run);
                    }
                }
            }
            haServices = ha;
            if (found.isEmpty() && result.exitCode() == 127) {
                throw unexpected(result, "chef-server-ctl installed");
            }
            services = found;
        }
        return services;
    }

    /** @return the HA services (run by cluster.sh on the master only) and whether each runs */
    Map<String, Boolean> haServices() {
        services();
        return haServices;
    }

    /** @return at least one HA service listed, and all of them running */
    boolean haServicesRunning() {
        return !haServices().isEmpty() && haServices().values().stream().allMatch(r -> r);
    }

    /** @return every service that is neither an HA service nor keepalived runs (they run on both backends) */
    boolean otherServicesRunning() {
        return services().entrySet().stream()
                .filter(e ->
                        !haServices().containsKey(e.getKey()) && !e.getKey().equals(KEEPALIVED))
                .allMatch(Map.Entry::getValue);
    }

    boolean running(String service) {
        return services().getOrDefault(service, false);
    }

    /** @return {@code master} or {@code backup} from keepalived's current_cluster_status; empty when absent */
    Optional<String> clusterStatus() {
        if (clusterStatus == null) {
            if (!exists(CLUSTER_STATUS)) {
                clusterStatus = Optional.empty();
            } else {
                CommandResult result = run("cat", CLUSTER_STATUS);
                if (!result.succeeded()) {
                    throw unexpected(result, "exit 0");
                }
                clusterStatus = Optional.of(result.stdoutText().strip());
            }
        }
        return clusterStatus;
    }

    /** @return keepalived runs and current_cluster_status says {@code role} */
    boolean clusterRole(String role) {
        return running(KEEPALIVED) && clusterStatus().equals(Optional.of(role));
    }

    String clusterWords() {
        return name() + ": keepalived " + (running(KEEPALIVED) ? "running" : "stopped") + ", current_cluster_status "
                + clusterStatus().orElse("absent");
    }
}
