package io.drbd4j.testkit.internal.drbd;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.Role;
import io.drbd4j.testkit.SimulatedTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The two nodes and the link between them: the connection handshake when both wait for a connection ({@link
 * Handshake}: the UUID rules, the Chef after-sb policies), losing the peer, and the resync driven by
 * {@link SimulatedTime} in 100 ms steps (with {@link Resync}); the UUID operations are those of {@link Uuids}.
 * Replication: while Connected the Primary's device contents are copied to a peer that is (or becomes) UpToDate,
 * after every command and step. Not thread-safe on its own: callers lock the pair.
 */
public final class DrbdPair {
    private DrbdNode a;
    private DrbdNode b;
    private final SimulatedTime time;
    private final long linkKiBps;
    private final Random random;
    private final List<String> events = new ArrayList<>();
    private boolean linkUp = true;
    private long pendingMillis;
    private long steppingAt = -1;
    private long seq;
    private long generation;
    Resync resync;
    /** The running online verify, or null. */
    Verify verify;

    /**
     * Creates the pair of two nodes and their link.
     *
     * @param a first node
     * @param b second node
     * @param time drives the resync
     * @param linkKiBps link bandwidth in KiB/s
     * @param seed for UUIDs
     */
    public DrbdPair(DrbdNode a, DrbdNode b, SimulatedTime time, long linkKiBps, long seed) {
        this.a = a;
        this.b = b;
        this.time = time;
        this.linkKiBps = linkKiBps;
        this.random = new Random(seed);
        a.pair = this;
        b.pair = this;
        time.onAdvance(this::advance);
    }

    /**
     * Returns the first node.
     *
     * @return the first node
     */
    public DrbdNode first() {
        return a;
    }

    /**
     * Returns the second node.
     *
     * @return the second node
     */
    public DrbdNode second() {
        return b;
    }

    /**
     * Returns the other.
     *
     * @param node one node
     * @return the other
     */
    public DrbdNode peerOf(DrbdNode node) {
        return node == a ? b : a;
    }

    /**
     * Returns the link bandwidth in KiB/s.
     *
     * @return the link bandwidth in KiB/s
     */
    long linkKiBps() {
        return linkKiBps;
    }

    /**
     * Returns the simulated wall-clock time.
     *
     * @return the simulated wall-clock time
     */
    java.time.Instant now() {
        return time.now();
    }

    /**
     * Returns the simulated time that drives the pair.
     *
     * @return the simulated time that drives the pair
     */
    SimulatedTime time() {
        return time;
    }

    /**
     * Returns milliseconds of simulated time since the start.
     *
     * @return milliseconds of simulated time since the start
     */
    long nowMillis() {
        return steppingAt >= 0 ? steppingAt : time.elapsed().toMillis();
    }

    /**
     * Logs an event.
     *
     * @param line an event, stamped with the simulated time
     */
    public synchronized void log(String line) {
        long ms = nowMillis();
        events.add(String.format("t+%d.%03ds %s", ms / 1000, ms % 1000, line));
    }

    /**
     * Returns every event so far.
     *
     * @return every event so far
     */
    public synchronized List<String> events() {
        return List.copyOf(events);
    }

    long newUuid(boolean primary) {
        long v;
        do {
            v = random.nextLong() & ~1L;
        } while (v == 0 || v == DrbdNode.UUID_JUST_CREATED);
        return primary ? v | 1 : v;
    }

    /** The UUID operation {@code newCurrent}. */
    void newCurrent(DrbdNode n) {
        Uuids.newCurrent(n);
    }

    /**
     * Returns a rising number that orders the moments nodes started waiting for a connection.
     *
     * @return a rising number that orders the moments nodes started waiting for a connection
     */
    long nextSeq() {
        return ++seq;
    }

    /**
     * Brings the link up or down.
     *
     * @param up whether the link carries traffic; cutting it makes both lose their peer
     */
    public synchronized void setLink(boolean up) {
        linkUp = up;
        log("link " + (up ? "up" : "down"));
        if (!up) {
            lostPeer(a);
            lostPeer(b);
        } else {
            tryConnect();
        }
    }

    /**
     * Crashes a node.
     *
     * @param node powered off at once (a crash): its runtime state is gone, the peer loses it
     */
    public synchronized void crash(DrbdNode node) {
        log(node.name + ": powered off");
        node.writeMdFlags();
        node.powered = false;
        node.exists = false;
        node.netConf = false;
        node.openCount = 0;
        node.role = Role.SECONDARY;
        node.peer = Role.UNKNOWN;
        node.conn = ConnectionState.STAND_ALONE;
        node.disk = DiskState.DISKLESS;
        node.pdsk = DiskState.DUNKNOWN;
        node.host.powerOff();
        lostPeer(peerOf(node));
    }

    /**
     * Boots a crashed node.
     *
     * @param node a crashed node that boots: powered, resource down, persistent state kept
     */
    public synchronized void boot(DrbdNode node) {
        node.powered = true;
        node.host.boot();
        node.uuidCurrent &= ~1L;
        log(node.name + ": powered on");
    }

    /**
     * A local disk failure with {@code on-io-error detach}: the disk goes Failed then Diskless (a hard change:
     * forced even on a Primary without a peer); the peer sees Diskless. The backing disk is dead afterwards: its
     * metadata no longer reads, so recovery is a new disk, {@code create-md} and {@code attach}.
     *
     * @param n a node with an attached disk
     */
    public synchronized void diskFailure(DrbdNode n) {
        if (!n.attached()) {
            throw new IllegalStateException(n.name + " has no attached disk: " + n);
        }
        log(n.name + ": disk Failed (on-io-error detach)");
        DrbdCommands.detach(n, true);
        n.metadata = false;
        n.gens.clear();
        log(n.name + ": disk Diskless -> " + n);
    }

    /**
     * Puts a new host in place of a crashed one: the survivor's peer is now {@code fresh}.
     *
     * @param lost a node that is powered off
     * @param fresh its replacement, with a blank disk
     */
    public synchronized void replace(DrbdNode lost, DrbdNode fresh) {
        if (lost.powered) {
            throw new IllegalStateException(lost.name + " still runs: crash it first");
        }
        fresh.pair = this;
        DrbdNode survivor = lost == a ? b : a;
        if (survivor.peerAddress == null) {
            survivor.peerAddress = lost.address; // its kernel keeps the address it was configured with
        }
        if (lost == a) {
            a = fresh;
        } else if (lost == b) {
            b = fresh;
        } else {
            throw new IllegalArgumentException(lost.name + " is not in the pair");
        }
        log(lost.name + ": replaced by " + fresh.name + " (" + fresh.address + ", blank disk)");
    }

    /** The peer of {@code n} is gone (link down, crash, disconnect, down). */
    void lostPeer(DrbdNode n) {
        if (!n.connected() && n.conn != ConnectionState.WF_REPORT_PARAMS) {
            return;
        }
        boolean peerDataLost = n.pdsk.ordinal() >= DiskState.INCONSISTENT.ordinal() && n.pdsk != DiskState.OUTDATED;
        // after_state_ch tests ns.peer, which is Unknown once the connection is gone: only a Primary rotates.
        boolean anyPrimary = n.role == Role.PRIMARY;
        if (resync != null) {
            resync = null;
        }
        if (verify != null) {
            verify.abort(this);
        }
        n.conn = n.netConf ? ConnectionState.WF_CONNECTION : ConnectionState.STAND_ALONE;
        n.wfSeq = nextSeq();
        n.peer = Role.UNKNOWN;
        if (n.pdsk != DiskState.INCONSISTENT && n.pdsk != DiskState.OUTDATED) {
            n.pdsk = DiskState.DUNKNOWN;
        }
        n.peerIsp = false;
        if (peerDataLost && anyPrimary && n.uuidBitmap == 0 && n.disk == DiskState.UP_TO_DATE) {
            newCurrent(n);
        }
        n.writeMdFlags();
        log(n.name + ": lost peer -> " + n);
    }

    /**
     * Returns the peer address n's kernel runs with: the one its resource file gave, or its pair's other node's.
     *
     * @param n a node of this pair
     * @return the peer address n's kernel runs with: the one its resource file gave, or its pair's other node's
     */
    public String configuredPeer(DrbdNode n) {
        return n.peerAddress != null ? n.peerAddress : peerOf(n).address;
    }

    /** Starts the handshake when both nodes wait for each other at each other's address. */
    void tryConnect() {
        if (!linkUp || !a.powered || !b.powered) {
            return;
        }
        if (!configuredPeer(a).equals(b.address) || !configuredPeer(b).equals(a.address)) {
            return; // each keeps trying the address it was given (WFConnection), as the real one does
        }
        if (a.conn != ConnectionState.WF_CONNECTION || b.conn != ConnectionState.WF_CONNECTION) {
            return;
        }
        Handshake.connect(this);
    }

    /** Reruns the handshake on a Connected pair (a disk attached, or forced UpToDate). */
    void negotiate() {
        Handshake.run(this);
    }

    void standAlone(DrbdNode n) {
        n.netConf = false;
        n.conn = ConnectionState.STAND_ALONE;
        n.peer = Role.UNKNOWN;
        if (n.pdsk != DiskState.INCONSISTENT && n.pdsk != DiskState.OUTDATED) {
            n.pdsk = DiskState.DUNKNOWN;
        }
        n.host.stopListening(n.port);
        log(n.name + ": StandAlone -> " + n);
    }

    /** Starts a resync of {@code bits} blocks from {@code src} to {@code tgt}: genSyncUuid, takeSyncUuid. */
    void startSync(DrbdNode src, DrbdNode tgt, long bits) {
        tgt.syncPeerUuids = Uuids.tuple(src);
        Uuids.takeSyncUuid(tgt, Uuids.genSyncUuid(src));
        src.ownBits = 0;
        tgt.ownBits = 0;
        tgt.disk = DiskState.INCONSISTENT;
        src.pdsk = DiskState.INCONSISTENT;
        tgt.pdsk = src.disk;
        src.oosBits = bits;
        tgt.oosBits = bits;
        resync = new Resync(src, tgt, bits, nowMillis());
        updateSyncConn();
        src.writeMdFlags();
        tgt.writeMdFlags();
        tgt.gens.retainAll(src.gens);
        log("resync started " + src.name + " -> " + tgt.name + ", " + bits * 4 + " KiB");
        if (bits == 0) {
            finishSync();
        }
    }

    /** Applies the isp bits to the Sync/PausedSync states. */
    void updateSyncConn() {
        if (resync == null) {
            return;
        }
        boolean paused = resync.source.userIsp || resync.target.userIsp;
        resync.source.peerIsp = resync.target.userIsp;
        resync.target.peerIsp = resync.source.userIsp;
        resync.source.conn = paused ? ConnectionState.PAUSED_SYNC_S : ConnectionState.SYNC_SOURCE;
        resync.target.conn = paused ? ConnectionState.PAUSED_SYNC_T : ConnectionState.SYNC_TARGET;
        resync.pause(paused, nowMillis());
    }

    /** The end of a resync: both UpToDate and Connected, the target adopts the source's current UUID. */
    void finishSync() {
        DrbdNode src = resync.source;
        DrbdNode tgt = resync.target;
        log("Resync done (total " + (nowMillis() - resync.startMillis) / 1000 + " sec) " + src.name + " -> "
                + tgt.name);
        resync = null;
        tgt.gens.clear();
        tgt.gens.addAll(src.gens);
        Uuids.adoptPeer(tgt, tgt.syncPeerUuids);
        Uuids.clearBitmapUuid(src);
        for (DrbdNode n : List.of(src, tgt)) {
            n.conn = ConnectionState.CONNECTED;
            n.disk = DiskState.UP_TO_DATE;
            n.pdsk = DiskState.UP_TO_DATE;
            n.oosBits = 0;
            n.ownBits = 0;
            n.peerIsp = false;
            n.crashedPrimary = false;
            n.writeMdFlags();
        }
        replicate();
    }

    /**
     * Returns the last write generation handed out: writes 1 to this one were acknowledged.
     *
     * @return the last write generation handed out: writes 1 to this one were acknowledged
     */
    public synchronized long lastGeneration() {
        return generation;
    }

    /**
     * Application writes on a Primary: replicated while Connected, marked out of sync otherwise (without
     * block positions: every write is a new block). The write gets the next generation number, held by the local
     * disk and, while Connected, by the peer's (protocol C); with no disk to reach it fails (I/O error).
     *
     * @param n the node written to
     * @param kib how much
     * @return the write's generation, or 0 when no disk took it (not acknowledged)
     */
    public synchronized long write(DrbdNode n, long kib) {
        if (n.role != Role.PRIMARY) {
            throw new IllegalStateException(n.name + " is not Primary: " + n);
        }
        boolean remote = n.connected() && peerOf(n).attached();
        long g = 0;
        if (n.attached() || remote) {
            g = ++generation;
            if (n.attached()) {
                n.gens.add(g);
            }
            if (remote) {
                peerOf(n).gens.add(g);
            }
        }
        writeAccounting(n, kib);
        return g;
    }

    private void writeAccounting(DrbdNode n, long kib) {
        n.dw += kib;
        if (n.connected() && peerOf(n).disk != DiskState.DISKLESS && resync == null) {
            n.ns += kib;
            peerOf(n).nr += kib;
            peerOf(n).dw += kib;
        } else {
            long before = n.oosBits;
            n.oosBits = Math.min(n.sizeBits(), n.oosBits + (kib + 3) / 4);
            if (!n.connected()) {
                n.ownBits += n.oosBits - before;
            }
            if (resync != null) {
                peerOf(n).oosBits = n.oosBits;
            }
        }
    }

    /** Copies the Primary's device contents to a Connected UpToDate peer. */
    public synchronized void replicate() {
        for (DrbdNode n : List.of(a, b)) {
            DrbdNode p = peerOf(n);
            // Writes reach a connected SyncTarget too (protocol C mirrors them while the resync runs): a filesystem
            // made on the Primary during the initial sync is on the target's disk as well.
            boolean mirrored = p.disk == DiskState.UP_TO_DATE || (resync != null && resync.target == p);
            if (n.role == Role.PRIMARY && n.connected() && p.connected() && mirrored) {
                p.device.replaceContents(n.device.snapshot().orElse(null));
            }
        }
    }

    /**
     * Lets simulated time pass.
     *
     * @param step simulated time that passed: runs the resync in 100 ms steps, each stamped with its own time
     */
    synchronized void advance(Duration step) {
        long end = time.elapsed().toMillis();
        pendingMillis += step.toMillis();
        while (pendingMillis >= 100) {
            pendingMillis -= 100;
            steppingAt = end - pendingMillis;
            if (resync != null && resync.step(steppingAt, linkKiBps)) {
                finishSync();
            }
            if (verify != null && verify.step(linkKiBps)) {
                verify.finish(this);
            }
        }
        steppingAt = -1;
    }
}
