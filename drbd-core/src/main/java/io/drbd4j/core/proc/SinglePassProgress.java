package io.drbd4j.core.proc;

import io.drbd4j.core.model.SyncProgress;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The fast path of {@link SinglePassLine} for the two lines under a resync or verify, in the form a DRBD 8.4 kernel
 * prints them:
 *
 * <pre>{@code
 * 	[======>.............] sync'ed: 36.3% (1670512/2613068)K
 * 	finish: 0:00:47 speed: 35,152 (18,124) want: 44,520 K/sec
 * }</pre>
 *
 * <p>Read in one pass up to the '\n'; anything else (a glued finish part, {@code --}, {@code (stalled)}, a sign, a
 * tab, a CR, trailing blanks, a number of 19 digits) returns -1 and keeps nothing, and the line is read by {@link
 * ProgressParser}. Not thread-safe.
 */
final class SinglePassProgress {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long SYNCED = word("sync'ed:");
    private static final long VERIFIED = word("verified");
    private static final long FINISH = word("finish: ");
    private static final long SPEED = word("speed: ") & 0x00FF_FFFF_FFFF_FFFFL;
    private static final long WANT = word("want: ") & 0x0000_FFFF_FFFF_FFFFL;
    private static final long K_SEC = word("K/sec\n") & 0x0000_FFFF_FFFF_FFFFL;
    private static final int MAX_DIGITS = 18;

    private SyncProgress.Kind kind;
    private int perMille;
    private long leftKiB;
    private long totalKiB;
    private SyncProgress.Unit unit;

    private long finishSeconds;
    private long speed;
    private long average;
    private long want;
    private boolean hasWant;

    /** The value of the last number read. */
    private long number;

    private static long word(String s) {
        byte[] b = java.util.Arrays.copyOf(Cursor.ascii(s), Long.BYTES);
        return (long) LONGS.get(b, 0);
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static int spaces(byte[] b, int i, int limit) {
        while (i < limit && b[i] == ' ') {
            i++;
        }
        return i;
    }

    /**
     * Returns the index after the digits at {@code i}, with ',' allowed between digits when {@code grouped} (their
     * value in {@link #number}), or -1 when there are none, more than 18, or they reach {@code limit}.
     */
    private int digits(byte[] b, int i, int limit, boolean grouped) {
        long value = 0;
        int count = 0;
        while (i < limit) {
            byte c = b[i];
            if (isDigit(c)) {
                if (++count > MAX_DIGITS) {
                    return -1;
                }
                value = value * 10 + (c - '0');
            } else if (!(grouped && c == ',' && count > 0 && i + 1 < limit && isDigit(b[i + 1]))) {
                break;
            }
            i++;
        }
        if (count == 0 || i >= limit) {
            return -1;
        }
        number = value;
        return i;
    }

    /**
     * Reads the progress line whose '[' is at {@code i}.
     *
     * @return the index of the line's '\n', or -1
     */
    int progress(byte[] b, int i, int limit) {
        i++;
        while (i < limit && (b[i] == '=' || b[i] == '>' || b[i] == '.')) {
            i++;
        }
        if (i + 1 + 2 * Long.BYTES > limit || b[i] != ']' || b[i + 1] != ' ') {
            return -1;
        }
        i += 2;
        long w = (long) LONGS.get(b, i);
        SyncProgress.Kind k;
        if (w == SYNCED) {
            k = SyncProgress.Kind.SYNC;
            i += Long.BYTES;
        } else if (w == VERIFIED && b[i + Long.BYTES] == ':') {
            k = SyncProgress.Kind.VERIFY;
            i += Long.BYTES + 1;
        } else {
            return -1;
        }
        i = spaces(b, i, limit);
        i = digits(b, i, limit, false);
        if (i < 0 || number > 100 || i + 3 >= limit || b[i] != '.' || !isDigit(b[i + 1]) || b[i + 2] != '%') {
            return -1;
        }
        int pm = (int) number * 10 + (b[i + 1] - '0');
        if (pm > 1000) {
            return -1;
        }
        int open = spaces(b, i + 3, limit);
        if (open == i + 3 || open >= limit || b[open] != '(') {
            return -1;
        }
        i = digits(b, open + 1, limit, false);
        if (i < 0 || b[i] != '/') {
            return -1;
        }
        long left = number;
        i = digits(b, i + 1, limit, false);
        if (i < 0 || i + 2 >= limit || b[i] != ')' || b[i + 2] != '\n') {
            return -1;
        }
        long total = number;
        SyncProgress.Unit u;
        if (b[i + 1] == 'K') {
            u = SyncProgress.Unit.KIB;
        } else if (b[i + 1] == 'M' && left <= Long.MAX_VALUE >> 10 && total <= Long.MAX_VALUE >> 10) {
            u = SyncProgress.Unit.MIB;
            left <<= 10;
            total <<= 10;
        } else {
            return -1;
        }
        kind = k;
        perMille = pm;
        leftKiB = left;
        totalKiB = total;
        unit = u;
        return i + 2;
    }

    /**
     * Reads the finish line whose 'f' is at {@code i}.
     *
     * @return the index of the line's '\n', or -1
     */
    int finish(byte[] b, int i, int limit) {
        if (i + Long.BYTES > limit || (long) LONGS.get(b, i) != FINISH) {
            return -1;
        }
        i = spaces(b, i + Long.BYTES, limit);
        i = digits(b, i, limit, false);
        if (i < 0 || b[i] != ':') {
            return -1;
        }
        long h = number;
        i = digits(b, i + 1, limit, false);
        if (i < 0 || b[i] != ':') {
            return -1;
        }
        long m = number;
        i = digits(b, i + 1, limit, false);
        long s = number;
        if (i < 0 || m > 59 || s > 59 || h > Long.MAX_VALUE / 3600 - 1) {
            return -1;
        }
        // " speed: S (A) [want: W ]K/sec\n"
        if (i + 2 * Long.BYTES > limit
                || b[i] != ' '
                || ((long) LONGS.get(b, i + 1) & 0x00FF_FFFF_FFFF_FFFFL) != SPEED) {
            return -1;
        }
        i = digits(b, spaces(b, i + 8, limit), limit, true);
        if (i < 0 || b[i] != ' ') {
            return -1;
        }
        long sp = number;
        i = spaces(b, i, limit);
        if (i >= limit || b[i] != '(') {
            return -1;
        }
        i = digits(b, i + 1, limit, true);
        if (i < 0 || b[i] != ')') {
            return -1;
        }
        long avg = number;
        i = spaces(b, i + 1, limit);
        boolean w = false;
        long wanted = 0;
        if (i + Long.BYTES > limit) {
            return -1;
        }
        if (((long) LONGS.get(b, i) & 0x0000_FFFF_FFFF_FFFFL) == WANT) {
            i = digits(b, spaces(b, i + 6, limit), limit, true);
            if (i < 0 || b[i] != ' ') {
                return -1;
            }
            wanted = number;
            w = true;
            i = spaces(b, i, limit);
        }
        if (i + Long.BYTES > limit || ((long) LONGS.get(b, i) & 0x0000_FFFF_FFFF_FFFFL) != K_SEC) {
            return -1;
        }
        finishSeconds = h * 3600 + m * 60 + s;
        speed = sp;
        average = avg;
        want = wanted;
        hasWant = w;
        return i + 5;
    }

    /** Hands the progress line just read to the parser that the reader's accessors read. */
    void commitProgress(ProgressParser p) {
        clearFinish(p);
        p.gluedFinish = false;
        p.kind = kind;
        p.perMille = perMille;
        p.leftKiB = leftKiB;
        p.totalKiB = totalKiB;
        p.unit = unit;
    }

    /** Hands the finish line just read to the parser that the reader's accessors read. */
    void commitFinish(ProgressParser p) {
        clearFinish(p);
        p.finishSeconds = finishSeconds;
        p.hasFinish = true;
        p.speed = speed;
        p.average = average;
        p.hasSpeed = true;
        p.want = want;
        p.hasWant = hasWant;
    }

    private static void clearFinish(ProgressParser p) {
        p.hasFinish = false;
        p.hasSpeed = false;
        p.hasRecent = false;
        p.hasWant = false;
        p.stalled = false;
        p.finishSeconds = 0;
        p.speed = 0;
        p.average = 0;
        p.recent = 0;
        p.want = 0;
    }
}
