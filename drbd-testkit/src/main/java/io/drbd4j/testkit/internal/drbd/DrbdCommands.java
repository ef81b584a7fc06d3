package io.drbd4j.testkit.internal.drbd;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.Role;
import io.drbd4j.testkit.internal.Outcome;
import io.drbd4j.testkit.internal.argv.Call;

/**
 * What a parsed drbdadm {@link Call} does to a node: the state changes of up, down, attach,
 * detach, connect, disconnect, primary (with {@code --force} or 8.3's {@code --overwrite-data-of-peer}) and
 * secondary; create-md and apply-al are drbdmeta's ({@link MetaData}), the other commands are in {@link
 * MoreCommands}. A command this simulation does not model exits 20
 * with {@code simulated drbd: unsupported drbdadm command} so a test notices.
 */
public final class DrbdCommands {
    private DrbdCommands() {}

    /**
     * Returns what drbdadm prints and exits with.
     *
     * @param n the node whose drbdadm ran
     * @param call the parsed command line
     * @param argv the command line, for the event log and the unsupported message
     * @return what drbdadm prints and exits with
     */
    public static Outcome run(DrbdNode n, Call call, String argv) {
        synchronized (n.pair) {
            Outcome result = Outcome.ok();
            StringBuilder out = new StringBuilder();
            StringBuilder err = new StringBuilder(call.warnings());
            for (int i = 0; i < Math.max(1, call.targets().size()); i++) {
                result = one(n, call, argv);
                out.append(result.stdout());
                err.append(result.stderr());
            }
            n.pair.replicate();
            int exit = result.exitCode();
            if (call.trailingError().isPresent()) {
                Outcome trailing = call.trailingError().get();
                exit = trailing.exitCode();
                out.append(trailing.stdout());
                err.append(trailing.stderr());
            }
            n.pair.log(n.name + ": " + argv + " -> " + exit + " | " + n);
            return new Outcome(exit, out.toString(), err.toString());
        }
    }

    private static Outcome one(DrbdNode n, Call call, String argv) {
        boolean force = call.hasBackendOption("--force") || call.hasBackendOption("--overwrite-data-of-peer");
        switch (call.command()) {
            case "create-md":
                return MetaData.createMd(n, force);
            case "apply-al":
                return MetaData.applyAl(n);
            case "up":
                return up(n);
            case "down":
                return down(n);
            case "attach":
                return attach(n);
            case "detach":
                return detach(n, force);
            case "connect":
                return connect(n, call.hasBackendOption("--discard-my-data"));
            case "disconnect":
                return disconnect(n);
            case "primary":
                return primary(n, force);
            case "secondary":
                return secondary(n);
            default:
                return MoreCommands.run(n, call, argv);
        }
    }

    static Outcome up(DrbdNode n) {
        if (n.attached()) {
            Outcome refused = Replies.configured(n, "apply-al");
            // DRBD 8.4.11 with drbd-utils 9.22 exited 1 here on the real pair (its stderr was not recorded,
            // so the apply-al refusal stays); 8.3's up has no apply-al step
            return n.kernelMinor() == 4 ? Outcome.fail(1, refused.stderr()) : refused;
        }
        if (!n.exists) {
            n.al = 0; // a new minor: its activity-log write count starts at 0
        }
        n.exists = true;
        if (n.backing().isEmpty()) {
            return missingDisk(n);
        }
        if (!n.metadata) {
            return Replies.noMetadata();
        }
        attachDisk(n);
        if (n.conn != ConnectionState.STAND_ALONE) {
            // up's connect step on a node that still has its net config (a detached node): refused with (102)
            return connect(n, false);
        }
        netConnect(n);
        return Outcome.ok();
    }

    /**
     * Attaching a backing disk that does not exist (storage not prepared). 8.4's drbdadm runs {@code drbdmeta ...
     * apply-al} first, whose open fails ({@link MetaData#noDisk}). 8.3's runs {@code drbdsetup 0 disk} at once and
     * the kernel's open of the backing device fails: ERR_OPEN_DISK (104) {@code Can not open backing device.}
     * (inferred: drbd-8.3 drbd_nl.c drbd_nl_disk_conf, the message from drbd-utils' v83 error table).
     */
    private static Outcome missingDisk(DrbdNode n) {
        if (n.kernelMinor() == 4) {
            return MetaData.noDisk(n, "apply-al");
        }
        String disk = n.config.disk();
        String cmd = Replies.setup(n, "", "disk " + disk + " " + disk + " internal --set-defaults --create-device");
        return Replies.failure(String.valueOf(n.config.minor()), 104, "Can not open backing device.", null, cmd);
    }

    static void attachDisk(DrbdNode n) {
        boolean firstAttach = n.superBlock.laSizeSect == 0;
        MetaData.attached(n);
        // drbd_adm_attach (drbd_nl.c, 8.4) sets send_cnt, recv_cnt, read_cnt and writ_cnt to 0: ns, nr, dr, dw.
        n.ns = 0;
        n.nr = 0;
        n.dw = 0;
        n.dr = 0;
        // al counts activity-log writes over the device's life (from up); 8.4.11 showed al:8 after the first attach of
        // new meta data (one write per block of the 32 KiB activity log as attach initializes it) and al:0 after the
        // attach of meta data attached before (seen on the real pair, and in drbd4j's corpus run on the kernel)
        if (firstAttach && n.kernelMinor() == 4) {
            n.al += 8;
        }
        // drbd_suspend_al (drbd_nl.c, 8.3.9+): a disk attached with every bit set and no connection suspends AL
        // updates until the connection comes (after_state_ch resumes them)
        n.alSuspended = n.oosBits >= n.sizeBits() && !n.connected();
        n.disk = n.diskFromMetadata();
        n.edUuid = 0;
        n.crashedPrimary = n.mdPrimaryInd || n.mdCrashedPrimary;
        Uuids.roleMark(n);
        if (!n.connected()) {
            n.pdsk = n.pdskFromMetadata();
        }
        if (n.connected()) {
            DrbdNode p = n.pair.peerOf(n);
            p.pdsk = n.disk;
            n.pdsk = p.disk;
            n.pair.negotiate();
        }
    }

    static void netConnect(DrbdNode n) {
        // drbd_adm_connect (drbd_nl.c, 8.4) sets send_cnt and recv_cnt to 0 on the node that connects; a reconnect
        // after a network failure keeps them (seen on 8.4.11: the peer's counters stay)
        n.ns = 0;
        n.nr = 0;
        n.peerAddress = peerFromResourceFile(n);
        n.netConf = true;
        n.conn = ConnectionState.WF_CONNECTION;
        n.wfSeq = n.pair.nextSeq();
        n.host.listen(n.port, 5);
        n.pair.tryConnect();
    }

    private static final java.util.regex.Pattern ON_SECTION = java.util.regex.Pattern.compile(
            "\\bon\\s+(\\S+)\\s*\\{[^}]*?\\baddress\\s+(?:ipv4\\s+)?([0-9.]+):\\d+\\s*;");

    /**
     * drbdadm reads the peer's address from the resource's other {@code on} section: here the resource file Chef's
     * reconfigure rendered on the host, if any.
     *
     * @return that address; null where the host has no such file (the pair's other node is the peer)
     */
    static String peerFromResourceFile(DrbdNode n) {
        var file = n.host.fileContents(io.drbd4j.testkit.internal.host.ChefServerCtl.RESOURCE_FILE);
        if (file.isEmpty()) {
            return null;
        }
        java.util.regex.Matcher on =
                ON_SECTION.matcher(new String(file.get(), java.nio.charset.StandardCharsets.UTF_8));
        while (on.find()) {
            if (!on.group(1).equals(n.name)) {
                return on.group(2);
            }
        }
        return null;
    }

    static Outcome down(DrbdNode n) {
        if (!n.exists) {
            return Outcome.ok();
        }
        if (n.role == Role.PRIMARY && n.openCount > 0) {
            String obj = n.dialect.equals("8.3") ? String.valueOf(n.config.minor()) : n.config.name();
            String info = n.dialect.equals("8.3") ? "" : "additional info from kernel:\nfailed to demote\n";
            String cmd = Replies.setup(n, "down " + n.config.name(), "down");
            return Outcome.fail(
                    11,
                    obj + ": State change failed: (-12) Device is held open by someone\n" + info
                            + Replies.commandLine(cmd, 11));
        }
        if (n.role == Role.PRIMARY) {
            Roles.demote(n);
        }
        dropNet(n);
        n.writeMdFlags();
        n.disk = DiskState.DISKLESS;
        n.exists = false;
        return Outcome.ok();
    }

    /** Disconnecting → StandAlone here; the peer loses its peer. */
    static void dropNet(DrbdNode n) {
        if (n.connected()) {
            n.pair.lostPeer(n.pair.peerOf(n));
            n.pair.lostPeer(n);
        }
        n.pair.standAlone(n);
    }

    static Outcome attach(DrbdNode n) {
        String cmd = Replies.setup(
                n,
                "attach " + n.config.minor() + " " + n.config.disk() + " " + n.config.disk() + " internal",
                "disk " + n.config.disk() + " " + n.config.disk() + " internal --set-defaults --create-device");
        if (!n.exists) {
            return Replies.minorNotAllocated(n, cmd);
        }
        if (n.attached()) {
            return Replies.configured(n, "apply-al");
        }
        if (n.backing().isEmpty()) {
            return missingDisk(n);
        }
        if (!n.metadata) {
            return Replies.noMetadata();
        }
        if (n.role == Role.PRIMARY && lostOtherData(n, n.pair.peerOf(n))) {
            String minor = String.valueOf(n.config.minor());
            return Replies.failure(minor, 150, "Can only attach to the data we lost last (see kernel log).", null, cmd);
        }
        attachDisk(n);
        return Outcome.ok();
    }

    /**
     * A4: a Diskless Primary attaches only the data generation in use ({@code ed_uuid}: the peer's current UUID),
     * and not while the peer is Primary without UpToDate data (correction 8).
     */
    private static boolean lostOtherData(DrbdNode n, DrbdNode p) {
        if (!n.connected()) {
            return n.edUuid != 0 && !Uuids.same(n.uuidCurrent, n.edUuid);
        }
        return !Uuids.same(n.uuidCurrent, p.uuidCurrent) || (n.peer == Role.PRIMARY && n.pdsk != DiskState.UP_TO_DATE);
    }

    static Outcome detach(DrbdNode n, boolean force) {
        String minor = String.valueOf(n.config.minor());
        String cmd =
                Replies.setup(n, "detach " + minor + (force ? " --force" : ""), "detach" + (force ? " --force" : ""));
        if (!n.exists) {
            return Replies.minorNotAllocated(n, cmd);
        }
        if (n.disk == DiskState.DISKLESS) {
            return Outcome.ok();
        }
        boolean peerData = n.connected() && n.pdsk == DiskState.UP_TO_DATE;
        if (n.role == Role.PRIMARY && !peerData && !force) {
            return Replies.stateFailed(minor, -2, cmd);
        }
        n.writeMdFlags();
        if (n.pair.resync != null || n.pair.verify != null) {
            n.pair.resync = null;
            if (n.pair.verify != null) {
                n.pair.verify.abort(n.pair);
            }
            n.conn = ConnectionState.CONNECTED;
            n.pair.peerOf(n).conn = ConnectionState.CONNECTED;
        }
        n.disk = DiskState.DISKLESS;
        if (n.connected()) {
            DrbdNode p = n.pair.peerOf(n);
            p.pdsk = DiskState.DISKLESS;
            boolean anyPrimary = n.role == Role.PRIMARY || p.role == Role.PRIMARY;
            if (p.disk == DiskState.UP_TO_DATE && anyPrimary && p.uuidBitmap == 0) {
                n.pair.newCurrent(p);
            }
            if (n.role == Role.PRIMARY) {
                n.edUuid = p.uuidCurrent;
            }
        }
        return Outcome.ok();
    }

    static String connectArgv(DrbdNode n, boolean discard) {
        DrbdNode p = n.pair.peerOf(n);
        String ends = "ipv4:" + n.address + ":" + n.port + " ipv4:" + p.address + ":" + p.port;
        String extra = discard ? " --discard-my-data" : "";
        return Replies.setup(
                n,
                "connect " + n.config.name() + " " + ends + NetOptions.of(n) + extra,
                "net " + ends + " C --set-defaults --create-device" + NetOptions.of(n) + extra);
    }

    static Outcome connect(DrbdNode n, boolean discard) {
        String cmd = connectArgv(n, discard);
        if (!n.exists) {
            return n.dialect.equals("8.3")
                    ? Replies.minorNotAllocated(n, cmd)
                    : Replies.failure(n.config.name(), 158, "Unknown resource", "unknown resource", cmd);
        }
        if (n.conn != ConnectionState.STAND_ALONE) {
            return Replies.failure(n.config.name(), 102, "Local address(port) already in use.", null, cmd);
        }
        if (discard && n.role == Role.PRIMARY) {
            return Replies.failure(n.config.name(), 123, "--discard-my-data not allowed when primary.", null, cmd);
        }
        n.discardMyData = discard;
        netConnect(n);
        return Outcome.ok();
    }

    /**
     * Returns what {@code drbdadm disconnect} answers on it (also the test kit's "left StandAlone" fault).
     *
     * @param n a node
     * @return what {@code drbdadm disconnect} answers on it (also the test kit's "left StandAlone" fault)
     */
    public static Outcome disconnect(DrbdNode n) {
        DrbdNode p = n.pair.peerOf(n);
        String cmd = Replies.setup(
                n, "disconnect ipv4:" + n.address + ":" + n.port + " ipv4:" + p.address + ":" + p.port, "disconnect");
        if (!n.exists) {
            return n.dialect.equals("8.3")
                    ? Replies.minorNotAllocated(n, cmd)
                    : Replies.failure("??", 162, "Invalid configuration request", "unknown connection", cmd);
        }
        if (n.conn == ConnectionState.STAND_ALONE) {
            return n.dialect.equals("8.3")
                    ? Outcome.ok()
                    : Replies.failure("??", 162, "Invalid configuration request", "unknown connection", cmd);
        }
        dropNet(n);
        return Outcome.ok();
    }

    static Outcome primary(DrbdNode n, boolean force) {
        String minor = String.valueOf(n.config.minor());
        String opt = "";
        if (force) {
            opt = n.dialect.equals("8.3") ? " --overwrite-data-of-peer" : " --force";
        }
        String cmd = Replies.setup(n, "primary " + minor + opt, "primary" + opt);
        if (!n.exists) {
            return Replies.minorNotAllocated(n, cmd);
        }
        int code = Roles.promote(n, force);
        return code == 0 ? Outcome.ok() : Replies.stateFailed(minor, code, cmd);
    }

    static Outcome secondary(DrbdNode n) {
        String minor = String.valueOf(n.config.minor());
        String cmd = Replies.setup(n, "secondary " + minor, "secondary");
        if (!n.exists) {
            return Replies.minorNotAllocated(n, cmd);
        }
        if (n.role != Role.PRIMARY) {
            return Outcome.ok();
        }
        if (n.openCount > 0) {
            return Replies.stateFailed(minor, -12, cmd);
        }
        Roles.demote(n);
        return Outcome.ok();
    }
}
