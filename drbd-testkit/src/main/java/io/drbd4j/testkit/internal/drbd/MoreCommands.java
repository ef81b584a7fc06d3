package io.drbd4j.testkit.internal.drbd;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.Role;
import io.drbd4j.testkit.internal.Outcome;
import io.drbd4j.testkit.internal.argv.Call;
import java.util.List;

/**
 * The drbdadm commands beyond {@link DrbdCommands}: invalidate, invalidate-remote, outdate, pause-sync,
 * resume-sync, verify (Chef has no verify-alg: (-14) once connected; with one, {@link Verify}), {@code new-current-uuid
 * --clear-bitmap}, adjust (resets the disk options; brings a down resource up), disk-options, net-options
 * ({@code --max-buffers} only), 8.3 syncer, and the queries cstate, dstate, role and dump-md ({@link MetaData}).
 */
final class MoreCommands {
    private MoreCommands() {}

    static Outcome run(DrbdNode n, Call call, String argv) {
        String minor = String.valueOf(n.config.minor());
        String cmd = Replies.setup(n, call.command() + " " + minor, call.command());
        switch (call.command()) {
            case "cstate":
            case "dstate":
            case "role":
                return query(n, call.command());
            case "dump-md":
                return MetaData.dumpMd(n);
            case "wipe-md":
                return MetaData.wipeMd(
                        n, call.hasBackendOption("--force") || call.hasBackendOption("--overwrite-data-of-peer"));
            case "get-gi":
                return getGi(n);
            case "adjust":
                return adjust(n);
            default:
                break;
        }
        if (!n.exists) {
            return call.command().equals("invalidate") || call.command().equals("outdate")
                    ? offlineMeta(n, call.command())
                    : Replies.minorNotAllocated(n, cmd);
        }
        switch (call.command()) {
            case "invalidate":
                return invalidate(n, minor);
            case "invalidate-remote":
                return invalidateRemote(n, minor, cmd);
            case "outdate":
                return outdate(n);
            case "pause-sync":
                return pauseSync(n, true, minor, cmd);
            case "resume-sync":
                return pauseSync(n, false, minor, cmd);
            case "verify":
                return verify(n, minor, cmd);
            case "resize":
                return Resize.run(n);
            case "new-current-uuid":
                return newCurrentUuid(n, call.hasBackendOption("--clear-bitmap"));
            case "disk-options":
            case "syncer":
                return diskOptions(n, call.backendOptions());
            case "net-options":
                call.backendOptionValue("--max-buffers").ifPresent(v -> n.maxBuffers = Integer.parseInt(v));
                return Outcome.ok();
            default:
                return Outcome.fail(20, "simulated drbd: unsupported drbdadm command: " + argv + "\n");
        }
    }

    /**
     * role, cstate and dstate: an 8.4 kernel has no minor before {@code up} and after {@code down} and refuses the
     * drbdsetup-84 query with ERR_MINOR_INVALID (127) and the info "unknown minor" (drbd-8.4 drbd_nl.c
     * drbd_adm_prepare; printed by drbd-utils user/v84/drbdsetup.c check_error, exit 10), as DRBD 8.4.11 did.
     * dstate is drbdadm's {@code adm_generic_b} (user/v84/drbdadm_main.c): on that exit 10
     * it drops drbdsetup's stderr and answers with {@code drbdmeta ... dstate} instead. An 8.3 kernel allocates its
     * minors at load and answers "Unconfigured", as an existing minor without disk and net config does on both.
     */
    private static Outcome query(DrbdNode n, String command) {
        if (!n.exists && n.kernelMinor() == 4) {
            return command.equals("dstate")
                    ? MetaData.dstate(n)
                    : Replies.minorNotAllocated(n, Replies.setup(n, command + " " + n.config.minor(), command));
        }
        if (n.unconfigured()) {
            return Outcome.ok("Unconfigured\n");
        }
        String answer = command.equals("cstate")
                ? n.conn.label()
                : command.equals("dstate")
                        ? n.disk.label() + "/" + n.pdsk.label()
                        : n.role.label() + "/" + n.peer.label();
        return Outcome.ok(answer + "\n");
    }

    /**
     * {@code get-gi}: the node's UUIDs and flags as drbd-utils' {@code dt_print_uuids} prints them, from the kernel while
     * attached; otherwise drbdadm falls back to {@code drbdmeta ... get-gi} (its dry run prints both), which reads the
     * meta data's flags. Without meta data drbdmeta says so, exit 1.
     */
    static Outcome getGi(DrbdNode n) {
        if (!n.metadata) {
            return Replies.noMetadata();
        }
        boolean attached = n.exists && n.disk != DiskState.DISKLESS;
        boolean consistent = attached ? n.disk.ordinal() > DiskState.INCONSISTENT.ordinal() : n.mdConsistent;
        boolean wasUpToDate = attached ? n.disk.ordinal() > DiskState.OUTDATED.ordinal() : n.mdWasUpToDate;
        boolean primary = attached ? n.role == Role.PRIMARY : n.mdPrimaryInd;
        boolean connected = attached && n.connected();
        return Outcome.ok(String.format(
                java.util.Locale.ROOT,
                "%016X:%016X:%016X:%016X:%d:%d:%d:%d:%d:%d:%d\n",
                n.uuidCurrent,
                n.uuidBitmap,
                n.uuidHistory0,
                n.uuidHistory1,
                consistent ? 1 : 0,
                wasUpToDate ? 1 : 0,
                primary ? 1 : 0,
                connected ? 1 : 0,
                0,
                n.mdPeerOutDated ? 1 : 0,
                n.mdCrashedPrimary ? 1 : 0));
    }

    /** verify's refusals: (-14) without a verify-alg (Chef), (-15) unconnected, (-8) while a resync or verify runs. */
    private static Outcome verify(DrbdNode n, String minor, String cmd) {
        if (!n.connected()) {
            return Replies.stateFailed(minor, -15, cmd);
        }
        if (n.verifyAlg == null) {
            return Replies.stateFailed(minor, -14, cmd);
        }
        if (n.syncing()) {
            return Replies.stateFailed(minor, -8, cmd);
        }
        Verify.start(n);
        return Outcome.ok();
    }

    private static Outcome offlineMeta(DrbdNode n, String command) {
        if (!n.metadata) {
            return Replies.noMetadata();
        }
        if (command.equals("invalidate")) {
            n.mdConsistent = false;
            n.mdWasUpToDate = false;
            n.oosBits = n.sizeBits();
            return Outcome.ok();
        }
        if (!n.mdConsistent) {
            return Outcome.fail(5, "");
        }
        n.mdWasUpToDate = false;
        return Outcome.ok();
    }

    private static Outcome invalidate(DrbdNode n, String minor) {
        if (n.disk == DiskState.DISKLESS) {
            return offlineMeta(n, "invalidate");
        }
        if (n.syncing()) {
            return Replies.stateFailed(minor, -8, null);
        }
        if (n.conn == ConnectionState.CONNECTED) {
            DrbdNode p = n.pair.peerOf(n);
            if (p.disk != DiskState.UP_TO_DATE) {
                // StartingSyncT clamps pdsk to UpToDate (DRBD 8.4's sanitize_state), read from code, never observed
                p.disk = DiskState.UP_TO_DATE;
                n.pair.log(n.name + ": Implicitly upgraded pdsk from " + n.pdsk.label() + " to UpToDate");
            }
            n.pair.startSync(p, n, n.sizeBits());
            return Outcome.ok();
        }
        if (n.conn == ConnectionState.STAND_ALONE && n.role == Role.SECONDARY) {
            n.disk = DiskState.INCONSISTENT;
            n.oosBits = n.sizeBits();
            n.writeMdFlags();
            return Outcome.ok();
        }
        return Replies.stateFailed(minor, -15, null);
    }

    private static Outcome invalidateRemote(DrbdNode n, String minor, String cmd) {
        if (n.syncing()) {
            return Replies.stateFailed(minor, -8, cmd);
        }
        if (n.conn == ConnectionState.CONNECTED && n.disk != DiskState.DISKLESS) {
            if (n.disk != DiskState.UP_TO_DATE) {
                // StartingSyncS clamps disk to UpToDate (DRBD 8.4's sanitize_state), read from code, never observed
                n.pair.log(n.name + ": Implicitly upgraded disk from " + n.disk.label() + " to UpToDate");
                n.disk = DiskState.UP_TO_DATE;
            }
            n.pair.startSync(n, n.pair.peerOf(n), n.sizeBits());
            return Outcome.ok();
        }
        if (n.conn == ConnectionState.STAND_ALONE && n.role == Role.PRIMARY) {
            n.pdsk = DiskState.INCONSISTENT;
            n.oosBits = n.sizeBits();
            return Outcome.ok();
        }
        return Replies.stateFailed(minor, -15, cmd);
    }

    private static Outcome outdate(DrbdNode n) {
        if (n.disk == DiskState.DISKLESS) {
            return offlineMeta(n, "outdate");
        }
        if (n.connected() || n.disk == DiskState.OUTDATED) {
            return Outcome.ok();
        }
        if (n.role == Role.PRIMARY) {
            return Outcome.fail(17, "");
        }
        if (n.disk == DiskState.INCONSISTENT) {
            Outcome refused = Replies.configured(n, "outdate");
            return Outcome.fail(5, refused.stderr());
        }
        n.disk = DiskState.OUTDATED;
        n.writeMdFlags();
        return Outcome.ok();
    }

    private static Outcome pauseSync(DrbdNode n, boolean pause, String minor, String cmd) {
        String obj = minor + ": Failure: (";
        if (pause && n.userIsp) {
            return Outcome.fail(10, obj + "134) Sync-pause flag is already set\n" + Replies.commandLine(cmd, 10));
        }
        if (!pause && !n.userIsp) {
            String text = n.peerIsp
                    ? "157) Sync-pause flag is already cleared.\nNote: Resync pause caused by the peer node.\n"
                    : "135) Sync-pause flag is already cleared\n";
            return Outcome.fail(10, obj + text + Replies.commandLine(cmd, 10));
        }
        n.userIsp = pause;
        if (n.pair.resync != null) {
            n.pair.updateSyncConn();
            n.pair.log(pause ? "Resync suspended by user" : "Syncer continues.");
        } else if (n.connected()) {
            n.pair.peerOf(n).peerIsp = pause;
        }
        return Outcome.ok();
    }

    private static Outcome newCurrentUuid(DrbdNode n, boolean clearBitmap) {
        DrbdNode p = n.pair.peerOf(n);
        if (clearBitmap
                && n.conn == ConnectionState.CONNECTED
                && n.disk == DiskState.INCONSISTENT
                && p.disk == DiskState.INCONSISTENT) {
            n.uuidCurrent = n.pair.newUuid(n.role == Role.PRIMARY);
            p.uuidCurrent = (n.uuidCurrent & ~1L) | (p.role == Role.PRIMARY ? 1 : 0);
            for (DrbdNode x : List.of(n, p)) {
                x.uuidBitmap = 0;
                x.oosBits = 0;
                x.disk = DiskState.UP_TO_DATE;
                x.pdsk = DiskState.UP_TO_DATE;
                x.writeMdFlags();
            }
            n.pair.log("initial sync skipped: both UpToDate");
            return Outcome.ok();
        }
        n.pair.newCurrent(n);
        if (clearBitmap) {
            n.uuidBitmap = 0;
        }
        return Outcome.ok();
    }

    private static Outcome adjust(DrbdNode n) {
        if (!n.exists) {
            return DrbdCommands.up(n);
        }
        n.resetDiskOptions();
        n.maxBuffers = 2048;
        if (n.connected()) {
            n.pair.peerOf(n).resetDiskOptions();
        }
        if (n.conn == ConnectionState.STAND_ALONE && n.disk != DiskState.DISKLESS) {
            DrbdCommands.netConnect(n);
        } else if (n.netConf && !n.connected()) {
            // A changed peer address in the resource file: adjust reconfigures the network (WFConnection stays).
            String before = n.pair.configuredPeer(n);
            n.peerAddress = DrbdCommands.peerFromResourceFile(n);
            if (!n.pair.configuredPeer(n).equals(before)) {
                n.pair.log(n.name + ": adjust: peer " + before + " -> " + n.pair.configuredPeer(n));
                n.pair.tryConnect();
            }
        }
        return Outcome.ok();
    }

    /** disk-options (8.4), syncer (8.3) and drbdsetup's direct forms; pushed to a connected peer. */
    static Outcome diskOptions(DrbdNode n, List<String> options) {
        if (!n.exists) {
            return Replies.minorNotAllocated(n, Replies.setup(n, "disk-options " + n.config.minor(), "syncer"));
        }
        List<DrbdNode> nodes = n.connected() ? List.of(n, n.pair.peerOf(n)) : List.of(n);
        for (DrbdNode x : nodes) {
            for (String o : options) {
                String value = o.contains("=") ? o.substring(o.indexOf('=') + 1) : "";
                if (o.equals("--set-defaults")) {
                    x.resetDiskOptions();
                } else if (o.startsWith("--resync-rate=") || o.startsWith("--rate=")) {
                    x.resyncRateKiBps = kiBps(value);
                } else if (o.startsWith("--c-plan-ahead=")) {
                    x.cPlanAhead = Integer.parseInt(value);
                } else if (o.startsWith("--c-max-rate=")) {
                    x.cMaxRateKiBps = kiBps(value);
                }
            }
        }
        n.pair.log(n.name + ": disk options rate " + n.resyncRateKiBps + " c-plan-ahead " + n.cPlanAhead);
        return Outcome.ok();
    }

    /**
     * Returns a rate such as {@code 1100M}, {@code 40960}, {@code 40960k} in KiB/s (no suffix: KiB/s).
     *
     * @return a rate such as {@code 1100M}, {@code 40960}, {@code 40960k} in KiB/s (no suffix: KiB/s)
     */
    static long kiBps(String value) {
        String v = value.strip();
        char unit = Character.toUpperCase(v.charAt(v.length() - 1));
        long factor = unit == 'M' ? 1024 : unit == 'G' ? 1024 * 1024 : 1;
        String digits = Character.isDigit(v.charAt(v.length() - 1)) ? v : v.substring(0, v.length() - 1);
        return Long.parseLong(digits) * factor;
    }
}
