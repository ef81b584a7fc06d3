package io.drbd4j.core.proc;

import io.drbd4j.core.internal.LabelTable;
import io.drbd4j.core.model.Congestion;
import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.ReplicationProtocol;
import io.drbd4j.core.model.Role;

/**
 * Reads a device line, {@code  0: cs:SyncSource ro:Primary/Secondary ds:UpToDate/Inconsistent C r---n-}
 * (DRBD 8.0: {@code st:} for {@code ro:}), or {@code  2: cs:Unconfigured}. Results stay in fields until the
 * next device line. Not thread-safe.
 */
final class DeviceLineParser {
    static final int MAX_MINOR = (1 << 20) - 1;
    private static final byte[] CS = Cursor.ascii("cs:");
    private static final byte[] RO = Cursor.ascii("ro:");
    private static final byte[] ST = Cursor.ascii("st:");
    private static final byte[] DS = Cursor.ascii("ds:");
    // DRBD 9.2.15-9.3.0 in compat-8.4 mode print an established connection as "cs:(null)"
    // (LINBIT/drbd drbd/drbd_legacy_84.c, fixed by commit 0f8c4417).
    private static final byte[] NULL_STATE = Cursor.ascii("(null)");

    private static final LabelTable<ConnectionState> STATES =
            LabelTable.of(ConnectionState.values(), ConnectionState::label);
    private static final LabelTable<Role> ROLES = LabelTable.of(Role.values(), Role::label);
    private static final LabelTable<DiskState> DISKS = LabelTable.of(DiskState.values(), DiskState::label);
    private static final LabelTable<Congestion> CONGESTION = LabelTable.of(Congestion.values(), Congestion::label);

    int minor;
    ConnectionState state;
    Role role;
    Role peerRole;
    DiskState disk;
    DiskState peerDisk;
    ReplicationProtocol protocol;
    int flagsOffset;
    int flagsLength;
    boolean ioSuspended;
    boolean pausedByDependency;
    boolean pausedByPeer;
    boolean pausedByUser;
    Congestion congestion;
    boolean alSuspended;

    /**
     * Returns whether the line starts with "N:" followed by blanks and "cs:" (the cursor is not moved).
     *
     * @return whether the line starts with "N:" followed by blanks and "cs:" (the cursor is not moved)
     */
    static boolean isDeviceLine(Cursor c) {
        int i = c.pos;
        while (i < c.end && Cursor.isDigit(c.buf[i])) {
            i++;
        }
        if (i == c.pos || i >= c.end || c.buf[i] != ':') {
            return false;
        }
        i++;
        int blanks = i;
        while (i < c.end && Cursor.isBlank(c.buf[i])) {
            i++;
        }
        return i > blanks && i + 3 <= c.end && c.buf[i] == 'c' && c.buf[i + 1] == 's' && c.buf[i + 2] == ':';
    }

    /**
     * Parses the line at the cursor. Returns false when the device cannot be read (an unknown label): the
     * problem has been reported and the device block is to be skipped.
     */
    boolean parse(Cursor c, ProblemSink sink) {
        int minorColumn = c.column();
        long m = c.number(false, false);
        if (!c.ok || m > MAX_MINOR) {
            sink.problem(minorColumn, "minor " + c.seen() + " (expected: 0 to " + MAX_MINOR + ")");
            return false;
        }
        minor = (int) m;
        c.take(':');
        c.skipBlanks();
        c.take(CS);
        int stateEnd = c.tokenEnd();
        state = STATES.find(c.buf, c.pos, stateEnd - c.pos);
        if (state == null) {
            if (stateEnd - c.pos == NULL_STATE.length && c.startsWith(NULL_STATE)) {
                sink.problem(
                        c.column(),
                        "connection state \"(null)\", the DRBD 9.2.15-9.3.0 compat-8.4 label of an"
                                + " established connection; read as Connected (expected: a DRBD 8.4 state label)");
                state = ConnectionState.CONNECTED;
            } else {
                sink.problem(c.column(), "connection state " + c.seen() + " (expected: " + STATES.expected() + ")");
                return false;
            }
        }
        c.pos = stateEnd;
        c.skipBlanks();
        clearState();
        if (state == ConnectionState.UNCONFIGURED) {
            if (!c.eol()) {
                sink.problem(c.column(), "unexpected " + c.seen() + " after cs:Unconfigured (expected: end of line)");
            }
            return true;
        }
        if (!c.take(RO) && !c.take(ST)) {
            sink.problem(c.column(), "saw " + c.seen() + " (expected: \"ro:\" and the roles)");
            return false;
        }
        int slash = slashOrBlank(c);
        role = slash == c.end || c.buf[slash] != '/' ? null : ROLES.find(c.buf, c.pos, slash - c.pos);
        if (role == null) {
            sink.problem(c.column(), "role " + quoted(c, slash) + " (expected: " + ROLES.expected() + ", then '/')");
            return false;
        }
        c.pos = slash + 1;
        int peerEnd = c.tokenEnd();
        peerRole = ROLES.find(c.buf, c.pos, peerEnd - c.pos);
        if (peerRole == null) {
            sink.problem(c.column(), "peer role " + c.seen() + " (expected: " + ROLES.expected() + ")");
            return false;
        }
        c.pos = peerEnd;
        c.skipBlanks();
        if (!c.take(DS)) {
            sink.problem(c.column(), "saw " + c.seen() + " (expected: \"ds:\" and the disk states)");
            return false;
        }
        slash = slashOrBlank(c);
        disk = slash == c.end || c.buf[slash] != '/' ? null : DISKS.find(c.buf, c.pos, slash - c.pos);
        if (disk == null) {
            sink.problem(
                    c.column(), "disk state " + quoted(c, slash) + " (expected: " + DISKS.expected() + ", then '/')");
            return false;
        }
        c.pos = slash + 1;
        int peerDiskEnd = c.tokenEnd();
        peerDisk = DISKS.find(c.buf, c.pos, peerDiskEnd - c.pos);
        if (peerDisk == null) {
            sink.problem(c.column(), "peer disk state " + c.seen() + " (expected: " + DISKS.expected() + ")");
            return false;
        }
        c.pos = peerDiskEnd;
        c.skipBlanks();
        protocolAndFlags(c, sink);
        return true;
    }

    /**
     * Returns the index of the first '/' or blank at or after the cursor, or the end.
     *
     * @return the index of the first '/' or blank at or after the cursor, or the end
     */
    private static int slashOrBlank(Cursor c) {
        int i = c.pos;
        while (i < c.end && c.buf[i] != '/' && !Cursor.isBlank(c.buf[i])) {
            i++;
        }
        return i;
    }

    private static String quoted(Cursor c, int to) {
        return "\"" + ProcDrbdParseException.printable(c.text(c.pos, to)) + "\"";
    }

    private void clearState() {
        role = null;
        peerRole = null;
        disk = null;
        peerDisk = null;
        protocol = null;
        flagsOffset = 0;
        flagsLength = 0;
        ioSuspended = false;
        pausedByDependency = false;
        pausedByPeer = false;
        pausedByUser = false;
        congestion = null;
        alSuspended = false;
    }

    // The protocol is one letter, or a space when there is no net config: then three spaces separate the peer
    // disk state from the flags. Flags never start with A, B or C, so a lone letter is the protocol.
    private void protocolAndFlags(Cursor c, ProblemSink sink) {
        byte p = c.peek();
        if ((p == 'A' || p == 'B' || p == 'C') && (c.pos + 1 == c.end || Cursor.isBlank(c.buf[c.pos + 1]))) {
            protocol = p == 'A' ? ReplicationProtocol.A : p == 'B' ? ReplicationProtocol.B : ReplicationProtocol.C;
            c.pos++;
            c.skipBlanks();
        }
        flagsOffset = c.pos;
        flagsLength = c.end - c.pos;
        if (flagsLength == 0) {
            sink.problem(c.column(), "end of line (expected: the I/O flags such as r-----)");
            return;
        }
        if (flagsLength < 4 || flagsLength > 6) {
            sink.problem(
                    c.column(),
                    "I/O flags " + c.seen() + " of " + flagsLength
                            + " bytes (expected: 4 to 6 characters such as r-----)");
        }
        byte[] b = c.buf;
        int f = flagsOffset;
        int bad = -1;
        ioSuspended = b[f] == 's';
        if (b[f] != 'r' && b[f] != 's') {
            bad = f;
        }
        if (flagsLength > 1) {
            pausedByDependency = b[f + 1] == 'a';
            bad = firstBad(bad, f + 1, b[f + 1] == 'a' || b[f + 1] == '-');
        }
        if (flagsLength > 2) {
            pausedByPeer = b[f + 2] == 'p';
            bad = firstBad(bad, f + 2, b[f + 2] == 'p' || b[f + 2] == '-');
        }
        if (flagsLength > 3) {
            pausedByUser = b[f + 3] == 'u';
            bad = firstBad(bad, f + 3, b[f + 3] == 'u' || b[f + 3] == '-');
        }
        if (flagsLength > 4) {
            congestion = CONGESTION.find(b, f + 4, 1);
            bad = firstBad(bad, f + 4, congestion != null);
        }
        if (flagsLength > 5) {
            alSuspended = b[f + 5] == 's';
            bad = firstBad(bad, f + 5, b[f + 5] == 's' || b[f + 5] == '-');
        }
        if (bad >= 0 && flagsLength >= 4 && flagsLength <= 6) {
            sink.problem(
                    c.columnOf(bad),
                    "I/O flags \"" + ProcDrbdParseException.printable(c.text(f, c.end))
                            + "\" have an unknown character at position " + (bad - f + 1)
                            + " (expected: r|s, a|-, p|-, u|-, one of -dcbna, s|-)");
        }
    }

    private static int firstBad(int bad, int index, boolean valid) {
        return bad >= 0 || valid ? bad : index;
    }
}
