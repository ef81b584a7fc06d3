package io.drbd4j.testkit;

import io.drbd4j.core.time.Sleeper;
import io.drbd4j.exec.runner.CommandRunner;
import io.drbd4j.testkit.internal.drbd.DrbdNode;
import io.drbd4j.testkit.internal.drbd.DrbdPair;
import io.drbd4j.testkit.internal.drbd.ProcView;
import io.drbd4j.testkit.internal.host.SimulatedHost;
import java.util.List;
import java.util.Objects;

/**
 * A simulated DRBD 8.4 pair (two hosts, one resource {@code pc0} with one volume) that answers {@code drbdadm},
 * {@code drbdsetup}, {@code cat /proc/drbd} and the host commands of the Chef HA workflows through a drbd-exec
 * {@link CommandRunner} per host. The resync runs as {@link #time()} advances; nothing ever blocks. Deterministic
 * for a given seed.
 *
 * <pre>{@code
 * SimulatedDrbdCluster cluster = SimulatedDrbdCluster.builder()
 *         .host("be1", "10.0.0.1", "8.4", "8.4.11")
 *         .host("be2", "10.0.0.2", "8.4", "8.4.11")
 *         .build();
 * DrbdAdm be1 = new CliDrbdAdm(cluster.runner("be1"), DrbdDialect.drbd84());
 * }</pre>
 *
 * <p>Replication is kept simple: the Primary's {@code /dev/drbd0} contents are copied to the peer whenever the
 * peer is Connected and UpToDate or the running resync's SyncTarget (after every command and when a resync
 * completes), not block by block: a filesystem made during the initial sync is on both disks, as the mirrored writes
 * would put it there.
 *
 * <p>Where a real DRBD 8.4.11 kernel with drbd-utils 9.22 was observed, the simulation follows it: {@code
 * /dev/drbd0} is the backing disk less its internal meta data (131,032 KiB of 128 MiB); fresh meta data attaches
 * wholly out of sync, with {@code al:8} and AL updates suspended ({@code s}) until the first connection; meta data
 * an 8.4 kernel attached is "unclean" for {@code dump-md} (exit 1) until {@code drbdadm apply-al}, even after a
 * clean down; {@code mkfs.ext4} discards the device unless {@code -E nodiscard} or {@code discard = false} in the
 * host's /etc/mke2fs.conf, and a discard on a connected 8.4 Primary marks it in sync, which ends an initial sync.
 *
 * <p>keepalived's VRRP election is simulated only for a planned switchover: {@code
 * chef-server-ctl stop keepalived} on a backend runs its backup transition and then, if the other backend's keepalived
 * runs and is not master already, that backend's master transition ({@code notify_master} → {@code cluster.sh
 * master}: DRBD promoted, mounted, HA services started, {@code current_cluster_status} master; the real three missed
 * adverts take no simulated time); {@code chef-server-ctl start keepalived} while the other backend is master keeps
 * the starting one backup ({@code nopreempt}; {@code cluster.sh backup}). Not simulated: the election at boot, after a
 * crash of the master or with no peer answering, and the VIP.
 *
 * <p>Not simulated yet: the transient handshake states (WFReportParams, WFBitMap*,
 * WFSyncUUID, StartingSync* are passed within one command, so a failure inside them cannot be staged); fencing policies
 * other than dont-care (so {@code Consistent} never shows after attach); the activity-log blocks a crashed primary
 * resyncs (DRBD's handshake then syncs only its marked blocks); block positions in the bitmap (a union counts each node's writes
 * while apart as distinct blocks); the connection checks other than the shared secret, both sides connecting with
 * {@code --discard-my-data}, a peer disk too small for a node with usable data and a Diskless Primary's data
 * generation; a device shrinking to the size of a smaller peer disk; the 8.4 controller's ramp and the
 * {@code c-min-rate} throttle (the rate is min(c-max-rate, link, max-buffers cap)); {@code net-options} other than
 * {@code --max-buffers}; blocks found out of sync by a verify (the copies never differ); Ahead/Behind.
 *
 * <p>Faults on demand, at a simulated instant or before the Nth command are in {@link #faults()}. Every acknowledged application write
 * ({@link #write}, {@link #startWriter}) has a generation number; {@link #dataLossDetector()} reports the
 * acknowledged writes no surviving copy holds and the command or fault that lost them. Data per copy is kept as a
 * set of generations: a SyncTarget keeps only what the SyncSource also holds when the resync starts and holds the
 * source's whole set when it ends.
 */
public final class SimulatedDrbdCluster implements DrbdTestCluster {
    private final SimulatedTime time;
    private final DrbdPair pair;
    private final NodeSettings settings;
    private final Faults faults;
    private final DataLossDetector detector;
    private final AppWriter writer;
    private volatile String step = "";

    private SimulatedDrbdCluster(Builder b) {
        if (b.settings.hosts.size() != 2) {
            throw new IllegalStateException("a pair needs two hosts, got " + b.settings.hosts.size());
        }
        this.time = b.time;
        this.settings = b.settings;
        List<DrbdNode> nodes = settings.nodes();
        this.pair = new DrbdPair(nodes.get(0), nodes.get(1), time, b.linkKiBps, b.seed);
        this.faults = new Faults(this, pair);
        this.detector = new DataLossDetector(pair, faults::isGone);
        this.writer = new AppWriter(this);
    }

    /**
     * Returns faults on demand or at a simulated instant: crashes, partitions, disk failures, failing commands.
     *
     * @return faults on demand or at a simulated instant: crashes, partitions, disk failures, failing commands
     */
    @Override
    public Faults faults() {
        return faults;
    }

    /**
     * Returns a builder with the Chef defaults (pc0, minor 0, /dev/opscode/drbd, 1 GiB, port 7788, 1 Gbit/s).
     *
     * @return a builder with the Chef defaults (pc0, minor 0, /dev/opscode/drbd, 1 GiB, port 7788, 1 Gbit/s)
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the virtual time that drives the resync.
     *
     * @return the virtual time that drives the resync
     */
    public SimulatedTime time() {
        return time;
    }

    /**
     * Returns {@link #time()}: commands and faults advance it, nothing waits for real.
     *
     * @return {@link #time()}: commands and faults advance it, nothing waits for real
     */
    @Override
    public Sleeper sleeper() {
        return time;
    }

    /**
     * Returns what happened, one readable line per event, stamped with simulated time.
     *
     * @return what happened, one readable line per event, stamped with simulated time
     */
    public List<String> eventLog() {
        return pair.events();
    }

    /**
     * Returns a runner for commands on that host, named in data losses with the current {@link #step}.
     *
     * @param host a host name
     * @return a runner for commands on that host, named in data losses with the current {@link #step}
     */
    @Override
    public CommandRunner runner(String host) {
        DrbdNode node = node(host);
        return new HostRunner(pair, node, faults, detector, () -> step);
    }

    /**
     * Returns a runner for commands on that host.
     *
     * @param host a host name
     * @param stepName the procedure step its commands belong to, named in data losses
     * @return a runner for commands on that host
     */
    public CommandRunner runner(String host, String stepName) {
        DrbdNode node = node(host);
        Objects.requireNonNull(stepName, "stepName");
        return new HostRunner(pair, node, faults, detector, () -> stepName);
    }

    /**
     * Names the procedure step the following commands belong to.
     *
     * @param name the procedure step the following commands belong to (named in data losses), "" for none
     */
    public void step(String name) {
        this.step = Objects.requireNonNull(name, "name");
        pair.log("step: " + name);
    }

    /**
     * Returns the detector of acknowledged writes lost, and of the commands and faults that lost them.
     *
     * @return the detector of acknowledged writes lost, and of the commands and faults that lost them
     */
    public DataLossDetector dataLossDetector() {
        return detector;
    }

    /**
     * Accepts the data losses found from now on.
     *
     * @param reason why the losses found from now on are acceptable (reported as accepted, not violations)
     */
    public void acceptLoss(String reason) {
        detector.acceptLoss(Objects.requireNonNull(reason, "reason"));
    }

    /**
     * Starts an application writing {@code kibPerSecond} on the host each simulated second, one write (one
     * generation) a second, while the host is a powered Primary; replaces a writer started before.
     *
     * @param host a host name
     * @param kibPerSecond how much each second
     */
    public void startWriter(String host, long kibPerSecond) {
        node(host);
        writer.start(host, kibPerSecond);
        pair.log("writer started on " + host + ", " + kibPerSecond + " KiB/s");
    }

    /** Stops the application writer. */
    public void stopWriter() {
        writer.stop();
        pair.log("writer stopped");
    }

    /**
     * Returns the host's /proc/drbd.
     *
     * @param host a host name
     * @return the host's /proc/drbd
     */
    public String procDrbd(String host) {
        return ProcView.text(node(host));
    }

    /**
     * Returns the host's files, devices and services (internal: users go through {@link #runner}).
     *
     * @param host a host name
     * @return the host's files, devices and services (internal: users go through {@link #runner})
     */
    SimulatedHost host(String host) {
        return node(host).host();
    }

    /**
     * The host crashes (power off): its DRBD state is lost, the peer loses the connection.
     *
     * @param host a host name
     */
    public void stop(String host) {
        pair.crash(node(host));
        checkLoss("crash " + host);
    }

    /**
     * The host boots again: DRBD is down (run {@code drbdadm up}); metadata, UUIDs and md flags survived the crash.
     *
     * @param host a host name stopped before, not gone for good
     */
    public void start(String host) {
        if (faults.isGone(host)) {
            throw new IllegalStateException(host + " is gone for good");
        }
        pair.boot(node(host));
        checkLoss("boot " + host);
    }

    /**
     * Brings the replication link up or down.
     *
     * @param up whether the replication link carries traffic
     */
    public void link(boolean up) {
        pair.setLink(up);
        checkLoss("link " + (up ? "up" : "down"));
    }

    /**
     * Checks for data lost by a fault that just happened.
     *
     * @param fault the fault that just happened, blamed for data that is lost now
     */
    void checkLoss(String fault) {
        detector.check(DataLossDetector.Cause.fault(fault));
    }

    /**
     * Application writes on a Primary: replicated while connected, marked out of sync otherwise.
     *
     * @param host a Primary host
     * @param kib how much is written
     * @return the write's generation, or 0 when it failed (a Diskless Primary without its peer)
     */
    public long write(String host, long kib) {
        return pair.write(node(host), kib);
    }

    /**
     * Returns whether the host's DRBD device holds a filesystem larger than the device: resize2fs grew it on the
     * backing disk while DRBD was down, over DRBD's meta data, and it no longer mounts on the DRBD device.
     *
     * @param host a host name
     * @return whether the host's DRBD device holds a filesystem larger than the device
     */
    public boolean filesystemDamaged(String host) {
        DrbdNode node = node(host);
        synchronized (pair) {
            return node.filesystemOutgrown();
        }
    }

    /**
     * Returns the two host names, in the order they were built (after a replacement, the new one in its place).
     *
     * @return the two host names, in the order they were built (after a replacement, the new one in its place)
     */
    @Override
    public List<String> hosts() {
        return List.of(pair.first().name(), pair.second().name());
    }

    /**
     * Returns whether the host's copy holds that write.
     *
     * @param host a host name
     * @param generation a write generation ({@link #write} returns it)
     * @return whether the host's copy holds that write
     */
    public boolean holds(String host, long generation) {
        DrbdNode node = node(host);
        synchronized (pair) {
            return node.holds(generation);
        }
    }

    /**
     * Returns the resource's name.
     *
     * @return the resource's name
     */
    String resourceName() {
        return settings.resource;
    }

    /**
     * Returns the node of a host, for the state-machine tests.
     *
     * @return the node of a host, for the state-machine tests
     */
    DrbdNode node(String host) {
        if (pair.first().name().equals(host)) {
            return pair.first();
        }
        if (pair.second().name().equals(host)) {
            return pair.second();
        }
        throw new IllegalArgumentException("no host " + host);
    }

    /** Puts a new host with a blank disk in place of a crashed one (see {@link Faults}). */
    void replace(String lost, String name, String address) {
        DrbdNode old = node(lost);
        if (pair.first().name().equals(name) || pair.second().name().equals(name)) {
            throw new IllegalArgumentException("host " + name + " exists");
        }
        pair.replace(old, settings.node(name, address, old.dialect(), old.kernelVersion()));
    }

    /** Builds a cluster. */
    public static final class Builder {
        private final NodeSettings settings = new NodeSettings();
        private long linkKiBps = 122070;
        private long seed = 1;
        private SimulatedTime time = new SimulatedTime();

        private Builder() {}

        /**
         * Returns this.
         *
         * @param name host name ({@code uname -n})
         * @param address its replication address
         * @param dialect "8.3" or "8.4": which drbdadm/drbdsetup it runs
         * @param kernelVersion the DRBD module version, such as {@code 8.4.11} or {@code 8.3.16}
         * @return this
         */
        public Builder host(String name, String address, String dialect, String kernelVersion) {
            if (!dialect.equals("8.3") && !dialect.equals("8.4")) {
                throw new IllegalArgumentException("dialect " + dialect + " (expected: 8.3 or 8.4)");
            }
            settings.hosts.add(new String[] {name, address, dialect, kernelVersion});
            return this;
        }

        /**
         * Returns this.
         *
         * @param name resource name
         * @param minorNumber device minor
         * @param backingDisk backing device path
         * @return this
         */
        public Builder resource(String name, int minorNumber, String backingDisk) {
            settings.resource = name;
            settings.minor = minorNumber;
            settings.disk = backingDisk;
            return this;
        }

        /**
         * Returns this.
         *
         * @param bytes size of the backing device (and of the DRBD device: no metadata overhead)
         * @return this
         */
        public Builder backingSize(long bytes) {
            settings.sizeBytes = bytes;
            return this;
        }

        /**
         * Returns this.
         *
         * @param host a host name
         * @param bytes the size of that host's backing device (a replaced disk that is smaller makes the peer with
         *     usable data drop the connection)
         * @return this
         */
        public Builder backingSize(String host, long bytes) {
            settings.hostSizes.put(host, bytes);
            return this;
        }

        /**
         * Leaves each host's storage unprepared: {@code /dev/sdb} blank, no PV, VG or LV, so {@code drbdadm
         * create-md} and {@code up} fail as on a missing backing disk until {@code pvcreate /dev/sdb}, {@code vgcreate
         * opscode /dev/sdb} and {@code lvcreate ... -n drbd opscode} made it. By default the storage is prepared:
         * {@code /dev/sdb} holds the PV of VG {@code opscode}, whose LV {@code drbd} has the backing size.
         *
         * @return this
         */
        public Builder unpreparedStorage() {
            settings.storagePrepared = false;
            return this;
        }

        /**
         * Sets the free space of each host's volume group (rounded up to its 4 MiB extent); by default a quarter of
         * the backing size.
         *
         * @param bytes the free space, 0 or more
         * @return this
         */
        public Builder vgFree(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("free space " + bytes + " (expected: 0 or more)");
            }
            settings.vgFreeBytes = bytes;
            return this;
        }

        /**
         * Adds a disk to a host besides its DRBD storage, not mounted.
         *
         * @param host a host name
         * @param path the disk's path, such as {@code /dev/sdc}
         * @param bytes its size, more than 1 MiB
         * @param contents what it holds
         * @return this
         */
        public Builder spareDisk(String host, String path, long bytes, DiskContents contents) {
            return spareDisk(host, path, bytes, contents, null);
        }

        /**
         * Adds a disk to a host besides its DRBD storage, its filesystem mounted.
         *
         * @param host a host name
         * @param path the disk's path, such as {@code /dev/sdc}
         * @param bytes its size, more than 1 MiB
         * @param contents {@link DiskContents#EXT4} (the disk is mounted) or {@link DiskContents#PARTITIONED} (its
         *     partition is); null mounts nothing
         * @param mountPoint where it is mounted (made if missing), or null for nowhere
         * @return this
         */
        public Builder spareDisk(String host, String path, long bytes, DiskContents contents, String mountPoint) {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(contents, "contents");
            if (bytes <= 1L << 20) {
                throw new IllegalArgumentException("disk size " + bytes + " (expected: more than 1 MiB)");
            }
            if (mountPoint != null && (contents == DiskContents.BLANK || contents == DiskContents.LVM_PV)) {
                throw new IllegalArgumentException("nothing to mount on a " + contents + " disk");
            }
            settings.spares
                    .computeIfAbsent(host, h -> new java.util.ArrayList<>())
                    .add(new NodeSettings.Spare(path, bytes, contents, mountPoint));
            return this;
        }

        /**
         * Returns this.
         *
         * @param tcpPort the DRBD port
         * @return this
         */
        public Builder port(int tcpPort) {
            settings.port = tcpPort;
            return this;
        }

        /**
         * Returns this.
         *
         * @param kiBps replication link bandwidth in KiB/s
         * @return this
         */
        public Builder linkBandwidth(long kiBps) {
            this.linkKiBps = kiBps;
            return this;
        }

        /**
         * Returns this.
         *
         * @param value seed for the generated UUIDs
         * @return this
         */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /**
         * Returns this.
         *
         * @param alg the net option {@code verify-alg} (such as {@code sha1}) on both hosts; Chef sets none, so
         *     {@code verify} fails with (-14) unless this is set
         * @return this
         */
        public Builder verifyAlg(String alg) {
            settings.verifyAlg = Objects.requireNonNull(alg, "alg");
            return this;
        }

        /**
         * Returns this.
         *
         * @param host a host name
         * @param secret the {@code shared-secret} in that host's config (both hosts share one unless set here; a
         *     mismatch makes both StandAlone at connect)
         * @return this
         */
        public Builder sharedSecret(String host, String secret) {
            settings.sharedSecrets.put(host, Objects.requireNonNull(secret, "secret"));
            return this;
        }

        /**
         * Returns this.
         *
         * @param simulatedTime the clock to use
         * @return this
         */
        public Builder time(SimulatedTime simulatedTime) {
            this.time = Objects.requireNonNull(simulatedTime, "time");
            return this;
        }

        /**
         * Returns the cluster, both hosts powered and the resource down.
         *
         * @return the cluster, both hosts powered and the resource down
         */
        public SimulatedDrbdCluster build() {
            return new SimulatedDrbdCluster(this);
        }
    }
}
