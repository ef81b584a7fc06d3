package io.drbd4j.core.watch;

import io.drbd4j.core.internal.LabelTable;
import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.Role;
import org.jspecify.annotations.Nullable;

/**
 * One line of {@code drbdsetup events} (DRBD 8.4's broadcast events, drbd-utils {@code print_broadcast_events};
 * 8.3's are the same without the resource), read in place:
 *
 * <pre>{@code
 * 3 ST 0,pc0[0] { cs:Connected ro:Secondary/Secondary ds:UpToDate/UpToDate r--- }
 * 7 SP 0,pc0[0] 36.3
 * 9 UH 0,pc0[0] split-brain
 * 2 ST 0 { cs:WFConnection ro:Secondary/Unknown ds:UpToDate/DUnknown r--- }
 * 5 DE 0
 * }</pre>
 *
 * <p>The first word is a sequence number, the second the kind. State changes also print {@code ST-prev} and
 * {@code ST-new} before their {@code ST}; those, the helper's return ({@code UH-post}) and the info lines change
 * nothing. Reused for every line: not thread-safe.
 */
final class EventLine {
    static final int NOTHING = 0;
    static final int STATE = 1;
    static final int PROGRESS = 2;
    static final int SPLIT_BRAIN = 3;
    static final int DELETED = 4;

    private static final LabelTable<ConnectionState> CONNECTIONS =
            LabelTable.of(ConnectionState.values(), ConnectionState::label);
    private static final LabelTable<Role> ROLES = LabelTable.of(Role.values(), Role::label);
    private static final LabelTable<DiskState> DISKS = LabelTable.of(DiskState.values(), DiskState::label);

    int kind;
    int minor;
    ConnectionState connection = ConnectionState.STAND_ALONE;

    @Nullable
    Role role;

    @Nullable
    Role peerRole;

    @Nullable
    DiskState disk;

    @Nullable
    DiskState peerDisk;

    boolean suspended;
    int perMille;
    int notUnderstood;

    private static final byte[] NONE = new byte[0];

    private byte[] b = NONE;
    private int pos;
    private int end;

    /**
     * Reads a line.
     *
     * @return false when the line was not understood (counted), true otherwise; {@link #kind} says what it was
     */
    boolean parse(byte[] line, int offset, int length) {
        b = line;
        pos = offset;
        end = offset + length;
        kind = NOTHING;
        if (end > offset && b[end - 1] == '\r') {
            end--;
        }
        if (!sequence() || !space()) {
            return fail();
        }
        int word = pos;
        int wordLength = word();
        if (is(word, wordLength, "ST")) {
            return state();
        }
        if (is(word, wordLength, "SP")) {
            return progress();
        }
        if (is(word, wordLength, "UH")) {
            return helper();
        }
        if (is(word, wordLength, "DE")) {
            if (!space() || (minor = number()) < 0) {
                return fail();
            }
            kind = DELETED;
            return true;
        }
        return wordLength > 0 || fail(); // ST-prev, ST-new, UH-post, R, #, ??, ZZ: nothing that changes
    }

    /** Drops the reference to the last line's bytes, which belong to the caller. */
    void forget() {
        b = NONE;
    }

    private boolean state() {
        if (!space() || !device() || !space() || !literal("{ cs:")) {
            return fail();
        }
        int at = pos;
        ConnectionState cs = CONNECTIONS.find(b, at, word());
        if (cs == null || !literal(" ro:")) {
            return fail();
        }
        at = pos;
        role = ROLES.find(b, at, until('/'));
        if (role == null || !literal("/")) {
            return fail();
        }
        at = pos;
        peerRole = ROLES.find(b, at, word());
        if (peerRole == null || !literal(" ds:")) {
            return fail();
        }
        at = pos;
        disk = DISKS.find(b, at, until('/'));
        if (disk == null || !literal("/")) {
            return fail();
        }
        at = pos;
        peerDisk = DISKS.find(b, at, word());
        if (peerDisk == null || !space()) {
            return fail();
        }
        at = pos;
        int flags = word();
        if (flags < 4 || (b[at] != 's' && b[at] != 'r') || !literal(" }")) {
            return fail();
        }
        connection = cs;
        suspended = b[at] == 's';
        kind = STATE;
        return true;
    }

    private boolean progress() {
        if (!space() || !device() || !space()) {
            return fail();
        }
        int whole = number();
        if (whole < 0 || whole > 100 || !literal(".")) {
            return fail();
        }
        int tenth = number();
        if (tenth < 0 || tenth > 9 || pos != end) {
            return fail();
        }
        perMille = whole * 10 + tenth;
        kind = PROGRESS;
        return true;
    }

    private boolean helper() {
        if (!space() || !device() || !space()) {
            return fail();
        }
        int at = pos;
        int length = word();
        if (is(at, length, "split-brain") || is(at, length, "initial-split-brain")) {
            kind = SPLIT_BRAIN;
        }
        return true;
    }

    /** Reads {@code minor} or {@code minor,resource[volume]}. */
    private boolean device() {
        minor = number();
        if (minor < 0) {
            return false;
        }
        if (pos < end && b[pos] == ',') {
            while (pos < end && b[pos] != ' ') {
                pos++;
            }
        }
        return true;
    }

    /** Skips the sequence number: any count of digits (the first state dump of a stream has a large one). */
    private boolean sequence() {
        int start = pos;
        while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
            pos++;
        }
        return pos > start;
    }

    private boolean fail() {
        notUnderstood++;
        kind = NOTHING;
        return false;
    }

    /** Reads a decimal number of at most nine digits; -1 when there is none. */
    private int number() {
        int start = pos;
        int value = 0;
        while (pos < end && b[pos] >= '0' && b[pos] <= '9' && pos - start < 9) {
            value = value * 10 + (b[pos++] - '0');
        }
        return pos == start || (pos < end && b[pos] >= '0' && b[pos] <= '9') ? -1 : value;
    }

    private boolean space() {
        if (pos < end && b[pos] == ' ') {
            pos++;
            return true;
        }
        return false;
    }

    /** Skips to the next space or the end and returns the length skipped. */
    private int word() {
        int start = pos;
        while (pos < end && b[pos] != ' ') {
            pos++;
        }
        return pos - start;
    }

    private int until(char c) {
        int start = pos;
        while (pos < end && b[pos] != c && b[pos] != ' ') {
            pos++;
        }
        return pos - start;
    }

    private boolean literal(String text) {
        int n = text.length();
        if (end - pos < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (b[pos + i] != text.charAt(i)) {
                return false;
            }
        }
        pos += n;
        return true;
    }

    private boolean is(int at, int length, String text) {
        if (length != text.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (b[at + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
