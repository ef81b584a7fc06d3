package io.drbd4j.core.model;

import io.drbd4j.core.internal.LabelTable;
import java.util.Optional;

/**
 * The connection state, the {@code cs:} field of a device line: {@code 0: cs:SyncSource ro:Primary/Secondary
 * ...}. Labels are the kernel's ({@code drbd_conn_s_names} in DRBD 8.4's {@code drbd_strings.c}), plus the
 * pseudo state {@code Unconfigured} that {@code /proc/drbd} and drbdadm print for an unused minor.
 */
public enum ConnectionState {
    /** No network configuration: disconnected by the admin, or after a split brain or auth failure. */
    STAND_ALONE("StandAlone"),
    /** Transient, on the way to StandAlone. */
    DISCONNECTING("Disconnecting"),
    /** Transient, before a connection attempt. */
    UNCONNECTED("Unconnected"),
    /** Transient, after the peer timed out. */
    TIMEOUT("Timeout"),
    /** Transient, after the connection was lost. */
    BROKEN_PIPE("BrokenPipe"),
    /** Transient, after the connection was lost. */
    NETWORK_FAILURE("NetworkFailure"),
    /** Transient, after the connection was lost. */
    PROTOCOL_ERROR("ProtocolError"),
    /** Transient, the peer is closing the connection. */
    TEAR_DOWN("TearDown"),
    /** Waiting for the peer to appear on the network. */
    WF_CONNECTION("WFConnection"),
    /** TCP connection established, waiting for the first packet from the peer. */
    WF_REPORT_PARAMS("WFReportParams"),
    /** Connected and replicating: the normal state. */
    CONNECTED("Connected"),
    /** An admin-started full sync is starting; this node is the source. */
    STARTING_SYNC_S("StartingSyncS"),
    /** An admin-started full sync is starting; this node is the target. */
    STARTING_SYNC_T("StartingSyncT"),
    /** A partial sync is starting; this node is the source. */
    WF_BIT_MAP_S("WFBitMapS"),
    /** A partial sync is starting; this node is the target. */
    WF_BIT_MAP_T("WFBitMapT"),
    /** A sync is about to start; this node is the target. */
    WF_SYNC_UUID("WFSyncUUID"),
    /** A resync is running; this node sends the data. */
    SYNC_SOURCE("SyncSource"),
    /** A resync is running; this node receives the data and is not yet up to date. */
    SYNC_TARGET("SyncTarget"),
    /** An online verify is running; this node is the source. */
    VERIFY_S("VerifyS"),
    /** An online verify is running; this node is the target. */
    VERIFY_T("VerifyT"),
    /** A resync with this node as source is paused. */
    PAUSED_SYNC_S("PausedSyncS"),
    /** A resync with this node as target is paused. */
    PAUSED_SYNC_T("PausedSyncT"),
    /** Replication suspended on congestion (pull-ahead); this node is ahead of its peer. */
    AHEAD("Ahead"),
    /** The peer of an Ahead node. */
    BEHIND("Behind"),
    /** The minor exists but has no disk, no network and is Secondary: printed instead of a state line. */
    UNCONFIGURED("Unconfigured");

    private static final LabelTable<ConnectionState> LABELS = LabelTable.of(values(), ConnectionState::label);

    private final String label;

    ConnectionState(String label) {
        this.label = label;
    }

    /**
     * Returns the kernel's exact label, for example {@code WFConnection}.
     *
     * @return the kernel's exact label, for example {@code WFConnection}
     */
    public String label() {
        return label;
    }

    /**
     * Returns the state with exactly that label, or empty when none has it.
     *
     * @param label a label as the kernel prints it; case matters
     * @return the state with exactly that label, or empty when none has it
     */
    public static Optional<ConnectionState> fromLabel(CharSequence label) {
        return LABELS.find(label);
    }

    /**
     * Returns true for the four states during which {@code /proc/drbd} prints progress lines: SyncSource, SyncTarget,
     * VerifyS and VerifyT.
     *
     * @return true for the four states during which {@code /proc/drbd} prints progress lines: SyncSource,
     *     SyncTarget, VerifyS and VerifyT
     */
    public boolean printsProgress() {
        return this == SYNC_SOURCE || this == SYNC_TARGET || this == VERIFY_S || this == VERIFY_T;
    }

    /**
     * Returns true for VerifyS and VerifyT.
     *
     * @return true for VerifyS and VerifyT
     */
    public boolean isVerify() {
        return this == VERIFY_S || this == VERIFY_T;
    }
}
