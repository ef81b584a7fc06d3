package io.drbd4j.testkit.internal.drbd;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.Role;
import io.drbd4j.testkit.internal.argv.ResourceConfig;
import io.drbd4j.testkit.internal.host.BlockDevice;
import io.drbd4j.testkit.internal.host.DeviceGate;
import io.drbd4j.testkit.internal.host.SimulatedHost;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One node's DRBD state for the one resource and volume: the observable tuple, the
 * runtime items ({@code exists}, net config, open count) and the persistent ones (metadata, UUIDs, md flags, the
 * out-of-sync bitmap as a count of 4 KiB blocks). Fields are package-private and mutated by {@link DrbdPair} under
 * its lock; the node creates its {@link SimulatedHost} and is that host's {@link DeviceGate}: a DRBD device opens
 * only while Primary.
 */
public final class DrbdNode implements DeviceGate {
    /** {@code UUID_JUST_CREATED}, the current UUID {@code create-md} writes. */
    static final long UUID_JUST_CREATED = 4;

    /** Chef's {@code syncer { rate 40M; }} in KiB/s. */
    static final long CHEF_RATE_KIBPS = 40960;

    final String name;
    final String address;
    final String dialect;
    final String kernelVersion;
    final ResourceConfig config;
    final SimulatedHost host;
    final BlockDevice device;
    final int port;

    /**
     * The peer address the kernel runs with, set from the host's resource file at up, connect and adjust; null: the
     * pair's other node (a host without a rendered resource file).
     */
    String peerAddress;

    DrbdPair pair;
    /** The net option {@code shared-secret} (Chef generates one per resource; both hosts normally agree). */
    String sharedSecret = "chef-generated";
    /** {@code ed_uuid} of a Diskless Primary: the peer's current UUID, the data generation in use. */
    long edUuid;
    /** The net option {@code verify-alg}, null when not set (Chef). */
    String verifyAlg;

    boolean powered = true;
    boolean metadata;
    boolean mdConsistent;
    boolean mdWasUpToDate;
    long uuidCurrent;
    long uuidBitmap;
    long uuidHistory0;
    long uuidHistory1;
    boolean mdPrimaryInd;
    boolean mdPeerOutDated;
    boolean mdCrashedPrimary;
    long oosBits;
    /** The super block fields only drbdmeta shows. */
    final SuperBlock superBlock = new SuperBlock();
    /** Bits set by this node's own writes since the two bitmaps were last merged (the rest is shared). */
    long ownBits;

    /** Runtime {@code CRASHED_PRIMARY}: attached with md flag PRIMARY_IND or CRASHED_PRIMARY (handshake rule 40). */
    boolean crashedPrimary;
    /** When the node last started waiting for a connection: the earlier one accepts, so holds RESOLVE_CONFLICTS. */
    long wfSeq;
    /** The SyncSource's UUID tuple when this node's resync started ({@code p_uuid}, for {@code adoptPeer}). */
    long[] syncPeerUuids;

    boolean exists;
    boolean netConf;
    Role role = Role.SECONDARY;
    Role peer = Role.UNKNOWN;
    ConnectionState conn = ConnectionState.STAND_ALONE;
    DiskState disk = DiskState.DISKLESS;
    DiskState pdsk = DiskState.DUNKNOWN;
    boolean discardMyData;
    boolean userIsp;
    boolean peerIsp;
    int openCount;

    long resyncRateKiBps = CHEF_RATE_KIBPS;
    int cPlanAhead;
    long cMaxRateKiBps = 102400;
    int maxBuffers = 2048;

    /** The write generations this node's copy holds (see {@link DrbdPair#write}). */
    final Set<Long> gens = new HashSet<>();

    long ns;
    long nr;
    long dw;
    long dr;
    /** Activity-log writes since the last attach ({@code al:}). */
    long al;
    /** AL_SUSPENDED: attached with every block out of sync, no connection since (flag {@code s}). */
    boolean alSuspended;

    /**
     * Creates a node, its resource down.
     *
     * @param name host name
     * @param address IPv4 address
     * @param dialect "8.3" or "8.4"
     * @param kernelVersion module version, such as {@code 8.4.11}
     * @param config the resource
     * @param sizeBytes backing device size
     * @param port the DRBD port
     */
    public DrbdNode(
            String name,
            String address,
            String dialect,
            String kernelVersion,
            ResourceConfig config,
            long sizeBytes,
            int port) {
        this(
                name,
                address,
                dialect,
                kernelVersion,
                config,
                sizeBytes,
                port,
                h -> h.addDevice(config.disk(), sizeBytes));
    }

    /**
     * Creates a node, its resource down, on a host whose disks {@code storage} puts in place.
     *
     * @param name host name
     * @param address IPv4 address
     * @param dialect "8.3" or "8.4"
     * @param kernelVersion module version, such as {@code 8.4.11}
     * @param config the resource
     * @param sizeBytes the backing device size the DRBD device starts from (create-md takes the real one)
     * @param port the DRBD port
     * @param storage adds the host's disks: the backing device at {@code config.disk()}, or not yet (storage not
     *     prepared)
     */
    public DrbdNode(
            String name,
            String address,
            String dialect,
            String kernelVersion,
            ResourceConfig config,
            long sizeBytes,
            int port,
            Consumer<SimulatedHost> storage) {
        this.name = Objects.requireNonNull(name, "name");
        this.address = Objects.requireNonNull(address, "address");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.kernelVersion = Objects.requireNonNull(kernelVersion, "kernelVersion");
        this.config = Objects.requireNonNull(config, "config");
        this.host = new SimulatedHost(name, this);
        // keepalived's VRRP peer is the other node of the pair, looked up at each election (replace swaps nodes).
        this.host.vrrpPeer(() -> pair == null ? Optional.empty() : Optional.of(pair.peerOf(this).host));
        storage.accept(host);
        // the DRBD device is the backing disk less its internal meta data (131,032 KiB of 128 MiB)
        this.device = host.addDevice(config.device(), MdLayout.usableSectors(sizeBytes) * 512);
        this.port = port;
        resetDiskOptions();
    }

    /**
     * Sets the resource's {@code verify-alg}.
     *
     * @param alg the {@code verify-alg} of the resource's net section (not set in Chef), or null
     */
    public void configureVerifyAlg(String alg) {
        this.verifyAlg = alg;
    }

    /**
     * Sets the resource's {@code shared-secret} on this host.
     *
     * @param secret the {@code shared-secret} of the resource's net section on this host
     */
    public void configureSharedSecret(String secret) {
        this.sharedSecret = Objects.requireNonNull(secret, "secret");
    }

    /**
     * Returns whether the host runs (not stopped).
     *
     * @return whether the host runs (not stopped)
     */
    public boolean isPowered() {
        return powered;
    }

    /**
     * Returns the host name.
     *
     * @return the host name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the node's replication address, the one its host answers on.
     *
     * @return the node's replication address, the one its host answers on
     */
    public String address() {
        return address;
    }

    /**
     * Returns "8.3" or "8.4".
     *
     * @return "8.3" or "8.4"
     */
    public String dialect() {
        return dialect;
    }

    /**
     * Returns the loaded module's version.
     *
     * @return the loaded module's version
     */
    public String kernelVersion() {
        return kernelVersion;
    }

    /**
     * Returns the resource config.
     *
     * @return the resource config
     */
    public ResourceConfig config() {
        return config;
    }

    /**
     * Returns the host.
     *
     * @return the host
     */
    public SimulatedHost host() {
        return host;
    }

    /**
     * Returns the connection state.
     *
     * @return the connection state
     */
    public ConnectionState conn() {
        return conn;
    }

    /**
     * Returns the local role.
     *
     * @return the local role
     */
    public Role role() {
        return role;
    }

    /**
     * Returns the peer role as seen.
     *
     * @return the peer role as seen
     */
    public Role peer() {
        return peer;
    }

    /**
     * Returns the local disk state.
     *
     * @return the local disk state
     */
    public DiskState disk() {
        return disk;
    }

    /**
     * Returns the peer disk state as seen.
     *
     * @return the peer disk state as seen
     */
    public DiskState pdsk() {
        return pdsk;
    }

    /**
     * Returns out-of-sync KiB ({@code oos:}).
     *
     * @return out-of-sync KiB ({@code oos:})
     */
    public long oosKiB() {
        return oosBits * 4;
    }

    /**
     * Returns runtime {@code CRASHED_PRIMARY}: attached with md flag PRIMARY_IND.
     *
     * @return runtime {@code CRASHED_PRIMARY}: attached with md flag PRIMARY_IND
     */
    public boolean crashedPrimary() {
        return crashedPrimary;
    }

    /**
     * Returns whether create-md wrote valid metadata.
     *
     * @return whether create-md wrote valid metadata
     */
    public boolean hasMetadata() {
        return metadata;
    }

    /**
     * Returns the current UUID.
     *
     * @return the current UUID
     */
    public long currentUuid() {
        return uuidCurrent;
    }

    /**
     * Returns the bitmap UUID.
     *
     * @return the bitmap UUID
     */
    public long bitmapUuid() {
        return uuidBitmap;
    }

    /**
     * Returns the history UUID.
     *
     * @param i 0 or 1
     * @return the history UUID
     */
    public long historyUuid(int i) {
        return i == 0 ? uuidHistory0 : uuidHistory1;
    }

    /**
     * Returns whether this node's copy holds that write.
     *
     * @param generation a write generation
     * @return whether this node's copy holds that write
     */
    public boolean holds(long generation) {
        return gens.contains(generation);
    }

    /**
     * Returns whether this node's data can be used: attached and UpToDate, or the current data of a Primary; when not
     * attached (down, crashed, detached), metadata that says the disk was UpToDate.
     *
     * @return whether this node's data can be used: attached and UpToDate, or the current data of a Primary; when
     *     not attached (down, crashed, detached), metadata that says the disk was UpToDate
     */
    public boolean dataReachable() {
        if (attached()) {
            return disk == DiskState.UP_TO_DATE
                    || (role == Role.PRIMARY && disk.ordinal() >= DiskState.INCONSISTENT.ordinal());
        }
        return metadata && mdConsistent && mdWasUpToDate;
    }

    /**
     * Returns whether a {@code connect --discard-my-data} waits for the next handshake.
     *
     * @return whether a {@code connect --discard-my-data} waits for the next handshake
     */
    public boolean discardsMyData() {
        return discardMyData;
    }

    /**
     * Returns the backing disk, empty while it does not exist (storage not prepared yet).
     *
     * @return the backing disk, empty while it does not exist
     */
    Optional<BlockDevice> backing() {
        return host.device(config.disk());
    }

    /**
     * Returns the backing disk's size, 0 while it does not exist.
     *
     * @return the backing disk's size, 0 while it does not exist
     */
    long backingBytes() {
        return backing().map(BlockDevice::sizeBytes).orElse(0L);
    }

    /**
     * Returns what the DRBD device offers on this node's disk: the backing disk less its internal meta data.
     *
     * @return what the DRBD device offers on this node's disk, bytes
     */
    long usableBytes() {
        return MdLayout.usableSectors(backingBytes()) * 512;
    }

    /**
     * Returns whether the DRBD device holds a filesystem with more blocks than the device has.
     *
     * @return whether the DRBD device holds a filesystem with more blocks than the device has
     */
    public boolean filesystemOutgrown() {
        return device.volume()
                .flatMap(v -> v.geometry())
                .filter(g -> g.blocks() * g.blockSize() > device.sizeBytes())
                .isPresent();
    }

    /**
     * Returns whether {@code /sys/block/drbdN} exists: an 8.4 minor between up and down; 8.3's always.
     *
     * @return whether {@code /sys/block/drbdN} exists
     */
    public boolean sysBlockExists() {
        synchronized (pair) {
            return exists || kernelMinor() == 3;
        }
    }

    /**
     * Returns the DRBD device's capacity in 512-byte sectors: its size with a local disk, the peer's while
     * Diskless and connected to a peer with one, else 0.
     *
     * @return the DRBD device's capacity in 512-byte sectors
     */
    public long capacitySectors() {
        synchronized (pair) {
            if (attached()) {
                return device.sizeBytes() / 512;
            }
            DrbdNode p = pair.peerOf(this);
            return exists && connected() && p.attached() ? p.device.sizeBytes() / 512 : 0;
        }
    }

    /**
     * Returns device size in 4 KiB blocks (bits).
     *
     * @return device size in 4 KiB blocks (bits)
     */
    long sizeBits() {
        return device.sizeBytes() / 4096;
    }

    /**
     * Returns whether the display tools print {@code Unconfigured}.
     *
     * @return whether the display tools print {@code Unconfigured}
     */
    boolean unconfigured() {
        return !exists || (conn == ConnectionState.STAND_ALONE && disk == DiskState.DISKLESS && role == Role.SECONDARY);
    }

    boolean connected() {
        return conn.ordinal() >= ConnectionState.CONNECTED.ordinal() && conn != ConnectionState.UNCONFIGURED;
    }

    boolean syncing() {
        return connected() && conn != ConnectionState.CONNECTED;
    }

    boolean attached() {
        return exists && disk != DiskState.DISKLESS;
    }

    /** The disk options the config gives (Chef: rate 40M; 8.3 fixed mode, 8.4 dynamic with c-plan-ahead 20). */
    void resetDiskOptions() {
        resyncRateKiBps = CHEF_RATE_KIBPS;
        cPlanAhead = dialect.equals("8.3") ? 0 : 20;
        cMaxRateKiBps = 102400;
    }

    /** Rewrites the md flags from the current state, only while a disk is attached. */
    void writeMdFlags() {
        if (attached() && disk.ordinal() >= DiskState.INCONSISTENT.ordinal()) {
            mdConsistent = disk.ordinal() > DiskState.INCONSISTENT.ordinal();
            mdWasUpToDate = disk.ordinal() > DiskState.OUTDATED.ordinal();
            boolean peerPrimaryWithoutData = peer == Role.PRIMARY && pdsk.ordinal() < DiskState.INCONSISTENT.ordinal();
            mdPrimaryInd = role == Role.PRIMARY || peerPrimaryWithoutData;
            mdPeerOutDated = pdsk == DiskState.INCONSISTENT || pdsk == DiskState.OUTDATED;
            mdCrashedPrimary = crashedPrimary;
        }
    }

    /**
     * The disk state {@code attach} reads from the md flags: CONSISTENT clear gives Inconsistent;
     * CONSISTENT without WAS_UP_TO_DATE gives Outdated; both give Consistent, which fencing dont-care (Chef) and
     * PEER_OUT_DATED both turn into UpToDate.
     *
     * @return the disk state after attach
     */
    DiskState diskFromMetadata() {
        if (!mdConsistent) {
            return DiskState.INCONSISTENT;
        }
        if (!mdWasUpToDate) {
            return DiskState.OUTDATED;
        }
        // Consistent: fencing dont-care (the Chef config; no other policy is simulated) attaches it as UpToDate,
        // as PEER_OUT_DATED would under resource-only.
        return DiskState.UP_TO_DATE;
    }

    /**
     * Returns the pdsk {@code attach} shows before any handshake: Outdated with PEER_OUT_DATED.
     *
     * @return the pdsk {@code attach} shows before any handshake: Outdated with PEER_OUT_DATED
     */
    DiskState pdskFromMetadata() {
        return mdPeerOutDated ? DiskState.OUTDATED : DiskState.DUNKNOWN;
    }

    /**
     * Returns whether the module caps the resync at max-buffers/2 pages per step (8.4.5+, 8.3.16).
     *
     * @return whether the module caps the resync at max-buffers/2 pages per step (8.4.5+, 8.3.16)
     */
    boolean maxBuffersCap() {
        return kernelMinor() == 4 ? kernelPatch() >= 5 : kernelMinor() == 3 && kernelPatch() >= 16;
    }

    /**
     * Returns the second number of the module version (3 or 4).
     *
     * @return the second number of the module version (3 or 4)
     */
    int kernelMinor() {
        return Integer.parseInt(kernelVersion.split("[.-]")[1]);
    }

    /**
     * Returns the third number of the module version.
     *
     * @return the third number of the module version
     */
    int kernelPatch() {
        String[] v = kernelVersion.split("[.-]");
        return v.length > 2 ? Integer.parseInt(v[2].replaceAll("\\D.*", "")) : 0;
    }

    @Override
    public boolean isDrbd(String path) {
        return path.equals(config.device());
    }

    @Override
    public boolean canOpen(String path) {
        synchronized (pair) {
            return exists && role == Role.PRIMARY;
        }
    }

    @Override
    public void opened(String path) {
        synchronized (pair) {
            openCount++;
        }
    }

    @Override
    public void closed(String path) {
        synchronized (pair) {
            openCount = Math.max(0, openCount - 1);
        }
    }

    /** A discard of the whole device: {@link Discard}. */
    @Override
    public void discarded(String path) {
        synchronized (pair) {
            Discard.wholeDevice(this);
        }
    }

    @Override
    public Optional<String> holderOf(String path) {
        synchronized (pair) {
            return path.equals(config.disk()) && attached() ? Optional.of(config.device()) : Optional.empty();
        }
    }

    @Override
    public Optional<BlockDevice> dataOn(String path) {
        return path.equals(config.disk()) ? Optional.of(device) : Optional.empty();
    }

    /** resize2fs grew the filesystem over the meta data at the end of the backing disk: {@link MetaData#destroyed}. */
    @Override
    public void overwroteMetaData(String path) {
        synchronized (pair) {
            if (path.equals(config.disk()) && !attached()) {
                MetaData.destroyed(this, "resize2fs " + path + " wrote over DRBD's meta data");
            }
        }
    }

    @Override
    public boolean promote(String path) {
        synchronized (pair) {
            if (exists && role != Role.PRIMARY && Roles.promote(this, false) == 0) {
                pair.log(name + ": promoted by chef-server-ctl");
            }
            return role == Role.PRIMARY;
        }
    }

    @Override
    public boolean demote(String path) {
        synchronized (pair) {
            if (role == Role.PRIMARY && openCount == 0) {
                Roles.demote(this);
            }
            return role != Role.PRIMARY;
        }
    }

    @Override
    public String toString() {
        return name + " " + conn.label() + " " + role.label() + "/" + peer.label() + " " + disk.label() + "/"
                + pdsk.label() + " oos:" + oosKiB();
    }
}
