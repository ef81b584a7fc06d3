package io.drbd4j.core.proc;

import io.drbd4j.core.internal.LabelTable;
import io.drbd4j.core.model.Congestion;
import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.ReplicationProtocol;
import io.drbd4j.core.model.Role;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The fast path of the reader: reads a device, counters, progress or finish line in the exact form the kernel prints it while it looks
 * for the line's end, one pass over the bytes. Numbers are accumulated eight digits at a time as they are scanned,
 * labels are found by the table's perfect hash once the token's end is known, and the counters are expected in the
 * kernel's fixed order.
 *
 * <p>It accepts only lines the line parsers read without a problem, and gives up (returns -1, keeping nothing) at the
 * first byte it does not expect: a second blank, a tab, a CR, a sign, a number of 19 digits, a DRBD 8.0 form, the end of
 * the bytes at hand. The dispatcher then reads that line the general way, so every bound, check and message stays
 * where it was. Not thread-safe.
 */
final class SinglePassLine {
    /** What {@link #scan} read. */
    enum Kind {
        DEVICE,
        COUNTERS,
        PROGRESS,
        FINISH
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ZEROS = 0x3030_3030_3030_3030L;
    private static final long SIXES = 0x0606_0606_0606_0606L;
    private static final long HIGH_NIBBLES = 0xF0F0_F0F0_F0F0_F0F0L;
    private static final long LOW_BITS = 0x0101_0101_0101_0101L;
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000
    };

    /** "cs:", "ro:", "ds:" as the low three bytes of a little-endian int. */
    private static final int CS = key3('c', 's', ':');

    private static final int RO = key3('r', 'o', ':');
    private static final int DS = key3('d', 's', ':');
    private static final int MINOR_DIGITS = 7;

    private static final LabelTable<ConnectionState> STATES =
            LabelTable.of(ConnectionState.values(), ConnectionState::label);
    private static final LabelTable<Role> ROLES = LabelTable.of(Role.values(), Role::label);
    private static final LabelTable<DiskState> DISKS = LabelTable.of(DiskState.values(), DiskState::label);
    /** The congestion letters by their byte (unsigned): each label is one byte, the NUL of DRBD 8.3.1 included. */
    private static final Congestion[] CONGESTION = new Congestion[256];

    static {
        for (Congestion c : Congestion.values()) {
            CONGESTION[c.label().charAt(0)] = c;
        }
    }

    /** Where the line's first token starts (after its leading blanks). */
    int tokenStart;

    /** The bytes of the last label {@link #labelEnd} found, as two little-endian words. */
    private long low;

    private long high;

    /** The value of the last {@link #digits} call. */
    private long number;

    private int minor;
    private ConnectionState state;
    private Role role;
    private Role peerRole;
    private DiskState disk;
    private DiskState peerDisk;
    private ReplicationProtocol protocol;
    private int flagsOffset;

    Kind kind;

    /** The counters line. */
    final SinglePassCounters counters = new SinglePassCounters();

    /** The progress and finish lines. */
    final SinglePassProgress progress = new SinglePassProgress();

    private static int key3(char a, char b, char c) {
        return a | b << 8 | c << 16;
    }

    /**
     * Reads the line at {@code from} if it is a device or counters line in the kernel's exact form.
     *
     * @return the index of the line's '\n', or -1 when the line is to be read the general way
     */
    int scan(byte[] b, int from, int limit) {
        int i = from;
        // The minor is printed "%2d:" and the counters are indented four blanks.
        while (i < limit && b[i] == ' ') {
            i++;
        }
        if (i + Long.BYTES > limit || i + 2 * Long.BYTES > b.length) {
            return -1;
        }
        tokenStart = i;
        byte first = b[i];
        if (first >= '0' && first <= '9') {
            kind = Kind.DEVICE;
            return device(b, i, limit);
        }
        if (first == 'n') {
            kind = Kind.COUNTERS;
            return counters.scan(b, i, limit);
        }
        if (first == '\t') {
            // The progress and finish lines are indented with one TAB.
            tokenStart = ++i;
            if (b[i] == '[') {
                kind = Kind.PROGRESS;
                return progress.progress(b, i, limit);
            }
            if (b[i] == 'f') {
                kind = Kind.FINISH;
                return progress.finish(b, i, limit);
            }
        }
        return -1;
    }

    /**
     * Returns the index after the digits at {@code i} (their value in {@link #number}), or -1 when there are none, more
     * than {@code max}, or they run to {@code limit}.
     */
    private int digits(byte[] b, int i, int limit, int max) {
        long value = 0;
        int count = 0;
        while (true) {
            if (i + Long.BYTES > b.length) {
                return -1;
            }
            long t = (long) LONGS.get(b, i) - ZEROS;
            // A byte is a digit when t's byte is 0..9: high nibble clear, also after adding 6. Borrows and carries
            // only move upwards, from a non-digit byte, so the lowest flagged byte is the first non-digit.
            long nonDigits = (t | (t + SIXES)) & HIGH_NIBBLES;
            int n = nonDigits == 0 ? Long.BYTES : Long.numberOfTrailingZeros(nonDigits) >>> 3;
            count += n;
            if (count > max) {
                return -1;
            }
            if (n > 0) {
                long v = t << ((Long.BYTES - n) << 3);
                v = (v * 10 + (v >>> 8)) & 0x00FF_00FF_00FF_00FFL;
                v = (v * 100 + (v >>> 16)) & 0x0000_FFFF_0000_FFFFL;
                v = (v * 10000 + (v >>> 32)) & 0xFFFF_FFFFL;
                value = value * POWERS_OF_TEN[n] + v;
                i += n;
            }
            if (n < Long.BYTES) {
                break;
            }
        }
        if (count == 0 || i >= limit) {
            return -1;
        }
        number = value;
        return i;
    }

    /**
     * Returns the index of the first byte at or after {@code i} below '0' (blank, '/', ':', control, line end): the end
     * of a label, which has letters only; -1 when none lies in the next sixteen bytes before {@code limit}. Leaves the
     * label's bytes, as loaded, in {@link #low} and {@link #high} for {@link LabelTable#find(long, long, int)}.
     */
    private int labelEnd(byte[] b, int i, int limit) {
        if (i + 2 * Long.BYTES > b.length) {
            return -1;
        }
        long x = (long) LONGS.get(b, i);
        // The lowest byte below 0x30 is flagged exactly; bytes of 0x80 and above never are.
        long found = (x - ZEROS) & ~x & HIGH_BITS;
        if (found != 0) {
            int n = Long.numberOfTrailingZeros(found) >>> 3;
            low = x & ((1L << (n << 3)) - 1);
            high = 0;
            return i + n < limit ? i + n : -1;
        }
        long y = (long) LONGS.get(b, i + Long.BYTES);
        found = (y - ZEROS) & ~y & HIGH_BITS;
        if (found != 0) {
            int n = Long.numberOfTrailingZeros(found) >>> 3;
            low = x;
            high = y & ((1L << (n << 3)) - 1);
            return i + Long.BYTES + n < limit ? i + Long.BYTES + n : -1;
        }
        return -1;
    }

    private static boolean key3At(byte[] b, int i, int key) {
        return ((int) INTS.get(b, i) & 0xFF_FFFF) == key;
    }

    private int device(byte[] b, int i, int limit) {
        i = digits(b, i, limit, MINOR_DIGITS);
        if (i < 0 || number > DeviceLineParser.MAX_MINOR || b[i] != ':' || b[i + 1] != ' ') {
            return -1;
        }
        int m = (int) number;
        i += 2;
        if (i + 2 * Long.BYTES > b.length || !key3At(b, i, CS)) {
            return -1;
        }
        i += 3;
        int end = labelEnd(b, i, limit);
        ConnectionState s = end < 0 ? null : STATES.find(low, high, end - i);
        if (s == null) {
            return -1;
        }
        if (s == ConnectionState.UNCONFIGURED) {
            if (b[end] != '\n') {
                return -1;
            }
            minor = m;
            state = s;
            role = null;
            return end;
        }
        i = end + 1;
        if (b[end] != ' ' || i + 2 * Long.BYTES > b.length || !key3At(b, i, RO)) {
            return -1;
        }
        i += 3;
        end = labelEnd(b, i, limit);
        Role r = end < 0 || b[end] != '/' ? null : ROLES.find(low, high, end - i);
        if (r == null) {
            return -1;
        }
        i = end + 1;
        end = labelEnd(b, i, limit);
        Role pr = end < 0 || b[end] != ' ' ? null : ROLES.find(low, high, end - i);
        if (pr == null) {
            return -1;
        }
        i = end + 1;
        if (i + 2 * Long.BYTES > b.length || !key3At(b, i, DS)) {
            return -1;
        }
        i += 3;
        end = labelEnd(b, i, limit);
        DiskState d = end < 0 || b[end] != '/' ? null : DISKS.find(low, high, end - i);
        if (d == null) {
            return -1;
        }
        i = end + 1;
        end = labelEnd(b, i, limit);
        DiskState pd = end < 0 || b[end] != ' ' ? null : DISKS.find(low, high, end - i);
        if (pd == null) {
            return -1;
        }
        i = end + 1;
        // The protocol letter (a blank without a net config), one blank, six flag bytes and the line end.
        if (i + 9 > limit || b[i + 1] != ' ' || b[i + 8] != '\n' || !validFlags(b, i + 2)) {
            return -1;
        }
        byte p = b[i];
        ReplicationProtocol proto = p == 'A'
                ? ReplicationProtocol.A
                : p == 'B' ? ReplicationProtocol.B : p == 'C' ? ReplicationProtocol.C : null;
        if (proto == null && p != ' ') {
            return -1;
        }
        minor = m;
        state = s;
        role = r;
        peerRole = pr;
        disk = d;
        peerDisk = pd;
        protocol = proto;
        flagsOffset = i + 2;
        return i + 8;
    }

    /** Returns whether six flag bytes are each one the kernel prints in their position. */
    private static boolean validFlags(byte[] b, int f) {
        return (b[f] == 'r' || b[f] == 's')
                && (b[f + 1] == 'a' || b[f + 1] == '-')
                && (b[f + 2] == 'p' || b[f + 2] == '-')
                && (b[f + 3] == 'u' || b[f + 3] == '-')
                && CONGESTION[b[f + 4] & 0xFF] != null
                && (b[f + 5] == 's' || b[f + 5] == '-');
    }

    /** Hands the device line just scanned to the parser that the reader's accessors read. */
    void commitDevice(DeviceLineParser device, byte[] b) {
        device.minor = minor;
        device.state = state;
        device.role = null;
        device.peerRole = null;
        device.disk = null;
        device.peerDisk = null;
        device.protocol = null;
        device.flagsOffset = 0;
        device.flagsLength = 0;
        device.ioSuspended = false;
        device.pausedByDependency = false;
        device.pausedByPeer = false;
        device.pausedByUser = false;
        device.congestion = null;
        device.alSuspended = false;
        if (role == null) {
            return;
        }
        device.role = role;
        device.peerRole = peerRole;
        device.disk = disk;
        device.peerDisk = peerDisk;
        device.protocol = protocol;
        int f = flagsOffset;
        device.flagsOffset = f;
        device.flagsLength = 6;
        device.ioSuspended = b[f] == 's';
        device.pausedByDependency = b[f + 1] == 'a';
        device.pausedByPeer = b[f + 2] == 'p';
        device.pausedByUser = b[f + 3] == 'u';
        device.congestion = CONGESTION[b[f + 4] & 0xFF];
        device.alSuspended = b[f + 5] == 's';
    }
}
