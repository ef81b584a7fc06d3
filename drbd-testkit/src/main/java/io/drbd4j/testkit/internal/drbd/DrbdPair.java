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
 * The two nodes and the link between them: the handshake when both wait for a connection (§3, simplified to the
 * rules below), losing the peer (§4.1), and the resync
 * driven by {@link SimulatedTime} in 100 ms steps (§5, with {@link Resync}).
 *
 * <p>Handshake: two Primaries end both StandAlone (correction 1); UpToDate against Inconsistent/Outdated syncs from
 * the UpToDate side, fully when the target's current UUID is {@code UUID_JUST_CREATED} or its bitmap is all set;
 * two UpToDate disks with the same current UUID connect, a node whose bitmap UUID equals the peer's current UUID
 * becomes SyncSource for the blocks it marked, and anything else is split brain: resolved when exactly one node
 * connected with {@code --discard-my-data} (it becomes SyncTarget of both nodes' marked blocks), otherwise both go
 * StandAlone (the Chef after-sb policies are not evaluated). Replication:
 * while Connected the Primary's device contents are copied to a peer that is (or becomes) UpToDate, after every
 * command and step. Not thread-safe on its own: callers lock the pair.
 */
public final class DrbdPair {
    private final DrbdNode a;
    private final DrbdNode b;
    private final SimulatedTime time;
    private final long linkKiBps;
    private final Random random;
    private final List<String> events = new ArrayList<>();
    private boolean linkUp = true;
    private long pendingMillis;
    private long steppingAt = -1;
    Resync resync;

    /**
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

    /** @return the first node */
    public DrbdNode first() {
        return a;
    }

    /** @return the second node */
    public DrbdNode second() {
        return b;
    }

    /**
     * @param node one node
     * @return the other
     */
    public DrbdNode peerOf(DrbdNode node) {
        return node == a ? b : a;
    }

    /** @return milliseconds of simulated time since the start */
    long nowMillis() {
        return steppingAt >= 0 ? steppingAt : time.elapsed().toMillis();
    }

    /** @param line an event, stamped with the simulated time */
    public synchronized void log(String line) {
        long ms = nowMillis();
        events.add(String.format("t+%d.%03ds %s", ms / 1000, ms % 1000, line));
    }

    /** @return every event so far */
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

    /** §1.3 {@code newCurrent}. */
    void newCurrent(DrbdNode n) {
        if (n.uuidBitmap != 0) {
            log(n.name + ": bm UUID was already set");
        }
        n.uuidBitmap = n.uuidCurrent;
        n.uuidCurrent = newUuid(n.role == Role.PRIMARY);
        log(n.name + ": new current UUID " + Long.toHexString(n.uuidCurrent));
    }

    /** @param up whether the link carries traffic; cutting it makes both lose their peer */
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

    /** @param node powered off at once (a crash): its runtime state is gone, the peer loses it */
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
        node.host.stopListening(node.port);
        lostPeer(peerOf(node));
    }

    /** @param node a crashed node that boots: powered, resource down, persistent state kept */
    public synchronized void boot(DrbdNode node) {
        node.powered = true;
        node.uuidCurrent &= ~1L;
        log(node.name + ": powered on");
    }

    /** The peer of {@code n} is gone (link down, crash, disconnect, down): §4.1. */
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
        n.conn = n.netConf ? ConnectionState.WF_CONNECTION : ConnectionState.STAND_ALONE;
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

    /** Starts the handshake when both nodes wait for each other (§3). */
    void tryConnect() {
        if (!linkUp || !a.powered || !b.powered) {
            return;
        }
        if (a.conn != ConnectionState.WF_CONNECTION || b.conn != ConnectionState.WF_CONNECTION) {
            return;
        }
        if (a.role == Role.PRIMARY && b.role == Role.PRIMARY) {
            log("handshake: both Primary, Multiple primaries not allowed by config");
            standAlone(a);
            standAlone(b);
            return;
        }
        for (DrbdNode n : List.of(a, b)) {
            DrbdNode p = peerOf(n);
            n.conn = ConnectionState.CONNECTED;
            n.peer = p.role;
            n.pdsk = p.disk;
        }
        log("handshake: connected " + a.name + " " + a.disk.label() + ", " + b.name + " " + b.disk.label());
        negotiate();
    }

    /** Decides the sync direction once both are Connected. */
    void negotiate() {
        if (!a.attached() || !b.attached()) {
            return;
        }
        DrbdNode src = null;
        long bits = 0;
        if (a.disk == DiskState.UP_TO_DATE && b.disk != DiskState.UP_TO_DATE) {
            src = a;
        } else if (b.disk == DiskState.UP_TO_DATE && a.disk != DiskState.UP_TO_DATE) {
            src = b;
        } else if (a.disk == DiskState.UP_TO_DATE) {
            long ca = a.uuidCurrent & ~1L;
            long cb = b.uuidCurrent & ~1L;
            if (ca == cb) {
                bits = Math.max(a.oosBits, b.oosBits);
                src = bits == 0 ? null : (a.role == Role.PRIMARY ? a : b);
            } else if ((a.uuidBitmap & ~1L) == cb) {
                src = a;
            } else if ((b.uuidBitmap & ~1L) == ca) {
                src = b;
            } else if (a.discardMyData != b.discardMyData) {
                log("Split-Brain detected, manually solved. Sync from peer node");
                src = a.discardMyData ? b : a;
                bits = a.oosBits + b.oosBits;
            } else {
                log("Split-Brain detected but unresolved, dropping connection!");
                standAlone(a);
                standAlone(b);
                return;
            }
        }
        if (src == null) {
            a.discardMyData = false;
            b.discardMyData = false;
            return;
        }
        a.discardMyData = false;
        b.discardMyData = false;
        DrbdNode tgt = peerOf(src);
        boolean full = tgt.uuidCurrent == DrbdNode.UUID_JUST_CREATED || tgt.oosBits == tgt.sizeBits();
        bits = full ? src.sizeBits() : Math.max(bits, Math.max(src.oosBits, tgt.oosBits));
        startSync(src, tgt, bits);
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

    /** Starts a resync of {@code bits} blocks from {@code src} to {@code tgt} (§1.3 genSyncUuid simplified). */
    void startSync(DrbdNode src, DrbdNode tgt, long bits) {
        src.uuidHistory0 = src.uuidBitmap != 0 ? src.uuidBitmap : src.uuidHistory0;
        src.uuidBitmap = newUuid(false);
        tgt.disk = DiskState.INCONSISTENT;
        src.pdsk = DiskState.INCONSISTENT;
        tgt.pdsk = src.disk;
        src.oosBits = bits;
        tgt.oosBits = bits;
        resync = new Resync(src, tgt, bits, nowMillis());
        updateSyncConn();
        src.writeMdFlags();
        tgt.writeMdFlags();
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

    /** §4.4: both UpToDate and Connected, the target adopts the source's current UUID. */
    void finishSync() {
        DrbdNode src = resync.source;
        DrbdNode tgt = resync.target;
        log("Resync done (total " + (nowMillis() - resync.startMillis) / 1000 + " sec) " + src.name + " -> "
                + tgt.name);
        resync = null;
        for (DrbdNode n : List.of(src, tgt)) {
            n.conn = ConnectionState.CONNECTED;
            n.disk = DiskState.UP_TO_DATE;
            n.pdsk = DiskState.UP_TO_DATE;
            n.oosBits = 0;
            n.peerIsp = false;
            n.uuidHistory0 = n.uuidBitmap != 0 ? n.uuidBitmap : n.uuidHistory0;
            n.uuidBitmap = 0;
            n.writeMdFlags();
        }
        tgt.uuidCurrent = (src.uuidCurrent & ~1L) | (tgt.role == Role.PRIMARY ? 1 : 0);
        replicate();
    }

    /**
     * Application writes on a Primary: replicated while Connected, marked out of sync otherwise (§4.6, without
     * block positions: every write is a new block).
     *
     * @param n the node written to
     * @param kib how much
     */
    public synchronized void write(DrbdNode n, long kib) {
        if (n.role != Role.PRIMARY) {
            throw new IllegalStateException(n.name + " is not Primary: " + n);
        }
        n.dw += kib;
        if (n.connected() && peerOf(n).disk != DiskState.DISKLESS && resync == null) {
            n.ns += kib;
            peerOf(n).nr += kib;
            peerOf(n).dw += kib;
        } else {
            n.oosBits = Math.min(n.sizeBits(), n.oosBits + (kib + 3) / 4);
            if (resync != null) {
                peerOf(n).oosBits = n.oosBits;
            }
        }
    }

    /** Copies the Primary's device contents to a Connected UpToDate peer. */
    public synchronized void replicate() {
        for (DrbdNode n : List.of(a, b)) {
            DrbdNode p = peerOf(n);
            if (n.role == Role.PRIMARY && n.connected() && p.connected() && p.disk == DiskState.UP_TO_DATE) {
                p.device.replaceContents(n.device.snapshot().orElse(null));
            }
        }
    }

    /** @param step simulated time that passed: runs the resync in 100 ms steps, each stamped with its own time */
    synchronized void advance(Duration step) {
        long end = time.elapsed().toMillis();
        pendingMillis += step.toMillis();
        while (pendingMillis >= 100) {
            pendingMillis -= 100;
            steppingAt = end - pendingMillis;
            if (resync != null && resync.step(steppingAt, linkKiBps)) {
                finishSync();
            }
        }
        steppingAt = -1;
    }
}
