package io.drbd4j.chef.engine;

import io.drbd4j.chef.Backend;
import io.drbd4j.chef.ChefHaCluster;
import io.drbd4j.core.DrbdException;
import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.model.Role;
import io.drbd4j.core.proc.ProcDrbdParseException;
import io.drbd4j.exec.CliDrbdAdm;
import io.drbd4j.exec.CliHostProbe;
import io.drbd4j.exec.CommandFailedException;
import io.drbd4j.exec.HostProbe;
import io.drbd4j.exec.MetaDataState;
import io.drbd4j.exec.Mount;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One backend's live state, read through drbd-exec's {@link HostProbe} and {@link CliDrbdAdm} lazily: each probe
 * runs the first time a guard asks for it and is kept for the rest of that check, so a guard sees the state of right
 * before its step. Probes that cannot tell throw {@link StateUnknownException}; nothing here changes the host. Not
 * thread-safe.
 */
public final class HostState {
    private final Pair pair;
    private final Side side;
    private final ChefHaCluster cluster;
    private final Backend backend;
    private final HostProbe probe;
    private Optional<DeviceStatus> device;
    private boolean drbdLoaded;
    private Optional<Mount> mount;
    private Optional<String> filesystem;
    private MetaDataState metaData;
    private Optional<io.drbd4j.exec.GenerationIdentifiers> generations;
    private Optional<String> configuredPeer;
    private final Memo<Boolean> ready = new Memo<>();
    private final Memo<Boolean> clusterScript = new Memo<>();
    private final Memo<Optional<String>> clusterStatus = new Memo<>();
    private ChefServices services;
    private Storage storage;
    private final Memo<String> nodeName = new Memo<>();
    private final Memo<java.util.List<String>> addresses = new Memo<>();

    HostState(Pair pair, Side side) {
        this.pair = pair;
        this.side = side;
        this.cluster = pair.cluster();
        this.backend = pair.backend(side);
        this.probe = new CliHostProbe(backend.runner(), cluster.commandTimeout());
    }

    /**
     * Returns the backend's name.
     *
     * @return the backend's name
     */
    public String name() {
        return backend.name();
    }

    /**
     * Returns its part in the workflow.
     *
     * @return its part in the workflow
     */
    public Side side() {
        return side;
    }

    /** Runs a probe, turning what drbd-exec throws into a state that cannot be told. */
    <T> T read(String what, Supplier<T> probe) {
        try {
            return probe.get();
        } catch (ProcDrbdParseException e) {
            throw new StateUnknownException(
                    name(), what + " on " + name() + " is not understood: " + e.getMessage(), e);
        } catch (DrbdException e) {
            throw new StateUnknownException(
                    name(), "could not read " + what + " on " + name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Returns the resource's device as {@code /proc/drbd} shows it (parsed strictly); empty: not configured.
     *
     * @return the resource's device as {@code /proc/drbd} shows it (parsed strictly); empty: not configured
     */
    public Optional<DeviceStatus> device() {
        if (device == null) {
            Optional<ProcDrbdStatus> proc = read("/proc/drbd", probe::procDrbd);
            drbdLoaded = proc.isPresent();
            device = proc.flatMap(status -> status.device(cluster.minor())).filter(d -> !d.isUnconfigured());
        }
        return device;
    }

    /**
     * Returns whether the host has {@code /proc/drbd}, which the drbd kernel module creates when it loads (reads {@link
     * #device()} first).
     *
     * @return whether the host has {@code /proc/drbd}, which the drbd kernel module creates when it loads (reads
     *     {@link #device()} first)
     */
    public boolean drbdLoaded() {
        device();
        return drbdLoaded;
    }

    /**
     * Returns whether the device shows it.
     *
     * @param cs a connection state
     * @return whether the device shows it
     */
    public boolean is(ConnectionState cs) {
        return device().map(d -> d.connectionState() == cs).orElse(false);
    }

    /**
     * Returns the local role; empty when not configured.
     *
     * @return the local role; empty when not configured
     */
    public Optional<Role> role() {
        return device().flatMap(DeviceStatus::role);
    }

    /**
     * Returns the peer's role as this backend sees it.
     *
     * @return the peer's role as this backend sees it
     */
    public Optional<Role> peerRole() {
        return device().flatMap(DeviceStatus::peerRole);
    }

    /**
     * Returns the local disk state.
     *
     * @return the local disk state
     */
    public Optional<DiskState> disk() {
        return device().flatMap(DeviceStatus::diskState);
    }

    /**
     * Returns the peer's disk state as this backend sees it.
     *
     * @return the peer's disk state as this backend sees it
     */
    public Optional<DiskState> peerDisk() {
        return device().flatMap(DeviceStatus::peerDiskState);
    }

    /**
     * Returns true when Connected, both UpToDate, with the given local role.
     *
     * @return true when Connected, both UpToDate, with the given local role
     */
    public boolean syncedAs(Role local) {
        return is(ConnectionState.CONNECTED)
                && role().equals(Optional.of(local))
                && disk().equals(Optional.of(DiskState.UP_TO_DATE))
                && peerDisk().equals(Optional.of(DiskState.UP_TO_DATE));
    }

    /**
     * Returns whether the state shows no peer: not Connected nor syncing.
     *
     * @return whether the state shows no peer: not Connected nor syncing
     */
    public boolean disconnected() {
        return device().map(d -> d.connectionState().ordinal() < ConnectionState.CONNECTED.ordinal())
                .orElse(true);
    }

    /**
     * Returns {@code be1: Connected Primary/Secondary UpToDate/UpToDate}, or that the resource is not up.
     *
     * @return {@code be1: Connected Primary/Secondary UpToDate/UpToDate}, or that the resource is not up
     */
    public String drbdWords() {
        Optional<DeviceStatus> d = device();
        if (d.isEmpty()) {
            return name() + ": "
                    + (drbdLoaded
                            ? cluster.device() + " not configured (resource down)"
                            : "DRBD not loaded (no /proc/drbd)");
        }
        DeviceStatus s = d.get();
        return name() + ": " + s.connectionState().label() + " "
                + s.role().map(Role::label).orElse("?") + "/"
                + s.peerRole().map(Role::label).orElse("?") + " "
                + s.diskState().map(DiskState::label).orElse("?") + "/"
                + s.peerDiskState().map(DiskState::label).orElse("?");
    }

    /**
     * Returns KiB out of sync as {@code oos:} shows it; 0 when not shown.
     *
     * @return KiB out of sync as {@code oos:} shows it; 0 when not shown
     */
    public long outOfSyncKiB() {
        return device().flatMap(DeviceStatus::counters)
                .map(c -> c.oos().orElse(0))
                .orElse(0L);
    }

    /**
     * {@code drbdadm dump-md}: unclean meta data (DRBD 8.4 leaves it so after a crash and after a clean down; {@code up}
     * applies the activity log first) and a backing disk drbdmeta cannot open exclusively (attached) both hold meta
     * data. Not asked when the resource is up: dump-md refuses ("Device '0' is configured!").
     *
     * @return whether the backing disk holds DRBD meta data
     */
    public boolean hasMetaData() {
        if (device().isPresent()) {
            return true;
        }
        if (metaData == null) {
            try {
                metaData = new CliDrbdAdm(backend.runner(), pair.dialect(side)).metaData(cluster.resource());
            } catch (CommandFailedException e) {
                throw new StateUnknownException(
                        name(),
                        "cannot tell whether " + name() + " has DRBD meta data: " + e.getMessage(),
                        "read drbdmeta's message above: " + name() + " answered, but drbdmeta could not read the meta"
                                + " data of " + cluster.resource() + "'s backing disk; look at that disk (and drbdadm"
                                + " dump-md " + cluster.resource() + " on " + name() + ") before anything writes to it",
                        e);
            } catch (DrbdException e) {
                throw new StateUnknownException(
                        name(), "cannot tell whether " + name() + " has DRBD meta data: " + e.getMessage(), e);
            }
        }
        return metaData.present();
    }

    /**
     * {@code drbdsetup show}: the peer address the kernel runs the resource with.
     *
     * @return such as {@code 10.0.0.3:7788}; empty when the resource has no network configuration
     * @throws StateUnknownException when it cannot be read (the resource not up, the host unreachable)
     */
    public Optional<String> configuredPeer() {
        if (configuredPeer == null) {
            try {
                configuredPeer = new CliDrbdAdm(backend.runner(), pair.dialect(side))
                        .configuredPeer(cluster.resource(), cluster.minor());
            } catch (DrbdException e) {
                throw new StateUnknownException(
                        name(), "cannot read the peer DRBD runs with on " + name() + ": " + e.getMessage(), e);
            }
        }
        return configuredPeer;
    }

    /**
     * {@code drbdadm get-gi}, from the kernel while attached, from drbdmeta otherwise.
     *
     * @return the first volume's data generation identifiers; empty when the backing disk holds no valid meta data
     */
    public Optional<io.drbd4j.exec.GenerationIdentifiers> generations() {
        if (generations == null) {
            try {
                generations = Optional.of(new CliDrbdAdm(backend.runner(), pair.dialect(side))
                        .generationIdentifiers(cluster.resource())
                        .get(0));
            } catch (CommandFailedException e) {
                // drbdmeta's words when the disk has none (user/shared/drbdmeta.c): "No valid meta data found". And a
                // host with no DRBD configuration yet (a replacement before its config is copied: drbdadm exits 10,
                // "Can not open '/etc/drbd.conf'", seen on the real pair) has no meta data DRBD can reach: it cannot
                // bring a disk up, nor meet a peer, until the configuration arrives and the guards read it again.
                if (e.exitClass() == io.drbd4j.exec.ExitClass.CONFIG) {
                    generations = Optional.empty();
                    return generations;
                }
                if (!(e.stderr() + e.stdout()).contains("No valid meta data found")) {
                    throw new StateUnknownException(
                            name(), "cannot read the generation identifiers on " + name() + ": " + e.getMessage(), e);
                }
                generations = Optional.empty();
            } catch (DrbdException e) {
                throw new StateUnknownException(
                        name(), "cannot read the generation identifiers on " + name() + ": " + e.getMessage(), e);
            }
        }
        return generations;
    }

    /**
     * Returns the backend's storage: LVM, the DRBD device's size, df and disks, each read once per check.
     *
     * @return the backend's storage: LVM, the DRBD device's size, df and disks, each read once per check
     */
    public Storage storage() {
        if (storage == null) {
            storage = new Storage(this, cluster.commandTimeout());
        }
        return storage;
    }

    /**
     * Returns what is mounted at the cluster's mount point ({@code /proc/mounts}); empty for nothing.
     *
     * @return what is mounted at the cluster's mount point ({@code /proc/mounts}); empty for nothing
     */
    public Optional<Mount> mount() {
        if (mount == null) {
            mount = read("/proc/mounts", () -> probe.mountAt(cluster.mountPoint()));
        }
        return mount;
    }

    /**
     * Returns whether the DRBD device is mounted at the mount point.
     *
     * @return whether the DRBD device is mounted at the mount point
     */
    public boolean mounted() {
        return mount().map(m -> m.source().equals(cluster.device())).orElse(false);
    }

    /**
     * Returns the filesystem type on the DRBD device ({@code blkid -p}); empty when blank.
     *
     * @return the filesystem type on the DRBD device ({@code blkid -p}); empty when blank
     * @throws StateUnknownException when blkid cannot open it (a Secondary) or fails otherwise
     */
    public Optional<String> filesystem() {
        if (filesystem == null) {
            filesystem = read("the filesystem on " + cluster.device(), () -> probe.filesystemType(cluster.device()));
        }
        return filesystem;
    }

    /**
     * Returns whether something listens on the TCP port ({@code ss}).
     *
     * @return whether something listens on the TCP port ({@code ss})
     */
    public boolean listening(int port) {
        return read("the listening sockets", () -> probe.listening(port));
    }

    /**
     * Returns whether it exists.
     *
     * @param path a file
     * @return whether it exists
     */
    public boolean exists(String path) {
        return read(path, () -> probe.exists(path));
    }

    /**
     * Returns the host's node name ({@code uname -n}), the name DRBD matches against the resource's on sections.
     *
     * @return the host's node name ({@code uname -n}), the name DRBD matches against the resource's on sections
     */
    public String nodeName() {
        return nodeName.get(() -> read("the node name", probe::nodeName));
    }

    /**
     * Returns the addresses on the host's interfaces ({@code ip -o addr show}).
     *
     * @return the addresses on the host's interfaces ({@code ip -o addr show})
     */
    public java.util.List<String> addresses() {
        return addresses.get(() -> read("the addresses", probe::addresses));
    }

    /**
     * Returns the backend as the cluster names it: its name and replication address.
     *
     * @return the backend as the cluster names it: its name and replication address
     */
    public Backend backend() {
        return backend;
    }

    /**
     * Returns whether the drbd_ready sentinel exists.
     *
     * @return whether the drbd_ready sentinel exists
     */
    public boolean ready() {
        return ready.get(() -> exists(cluster.readyFile()));
    }

    /**
     * Returns whether cluster.sh exists: reconfigure got past its drbd_ready wait here, so {@code master-recover} and
     * {@code backup-recover} (which run it) can work.
     *
     * @return whether cluster.sh exists: reconfigure got past its drbd_ready wait here, so {@code master-recover} and
     *     {@code backup-recover} (which run it) can work
     */
    public boolean clusterScript() {
        return clusterScript.get(() -> exists(ChefServices.CLUSTER_SH));
    }

    /**
     * Returns a file's bytes as they are, read with the unredacted runner so that two copies compare truly; never
     * shown; empty when it does not exist.
     *
     * @return a file's bytes as they are, read with the unredacted runner so that two copies compare truly; never
     *     shown; empty when it does not exist
     */
    public Optional<byte[]> contents(String path) {
        HostProbe raw = new CliHostProbe(Secrets.raw(backend), cluster.commandTimeout());
        try {
            return raw.read(path);
        } catch (DrbdException e) {
            RuntimeException shown = cluster.redactor()
                    .redact(e, io.drbd4j.exec.runner.Command.of(cluster.commandTimeout(), "cat", path));
            throw new StateUnknownException(
                    name(), "could not read " + path + " on " + name() + ": " + shown.getMessage(), shown);
        } catch (RuntimeException e) {
            throw cluster.redactor().redact(e, io.drbd4j.exec.runner.Command.of(cluster.commandTimeout(), "cat", path));
        }
    }

    /**
     * Returns the Chef services on this backend ({@code chef-server-ctl status}).
     *
     * @return the Chef services on this backend ({@code chef-server-ctl status})
     */
    public ChefServices services() {
        if (services == null) {
            services = read("chef-server-ctl status", () -> ChefServices.read(backend.runner(), cluster));
        }
        return services;
    }

    /**
     * Returns {@code master} or {@code backup} from keepalived's current_cluster_status; empty when absent.
     *
     * @return {@code master} or {@code backup} from keepalived's current_cluster_status; empty when absent
     */
    public Optional<String> clusterStatus() {
        return clusterStatus.get(() -> contents(ChefServices.CLUSTER_STATUS)
                .map(bytes -> new String(bytes, java.nio.charset.StandardCharsets.UTF_8).strip()));
    }

    /**
     * Returns keepalived runs and current_cluster_status says {@code role}.
     *
     * @return keepalived runs and current_cluster_status says {@code role}
     */
    public boolean clusterRole(String role) {
        return services().running(ChefServices.KEEPALIVED) && clusterStatus().equals(Optional.of(role));
    }

    /**
     * Returns {@code be1: keepalived running, current_cluster_status master}.
     *
     * @return {@code be1: keepalived running, current_cluster_status master}
     */
    public String clusterWords() {
        return name() + ": keepalived " + (services().running(ChefServices.KEEPALIVED) ? "running" : "stopped")
                + ", current_cluster_status " + clusterStatus().orElse("absent");
    }

    /** A value read once. */
    private static final class Memo<T> {
        private T value;
        private boolean read;

        T get(Supplier<T> reader) {
            if (!read) {
                value = reader.get();
                read = true;
            }
            return value;
        }
    }
}
