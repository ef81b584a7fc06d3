package io.drbd4j.core.proc;

import io.drbd4j.core.model.Congestion;
import io.drbd4j.core.model.IoFlags;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The I/O flags a DRBD 8.4 kernel can print, built once: six characters from {r,s}{a,-}{p,-}{u,-}{-dcbna}{s,-} make
 * 192 values, and nearly every device shows one of them ({@code r-----} above all). Sharing them spares the parser
 * a string and a value per device. Immutable and thread-safe.
 */
final class KernelFlags {
    private static final Congestion[] CONGESTION = {
        Congestion.NONE,
        Congestion.DRBD_FROZEN,
        Congestion.CALLBACK_PENDING,
        Congestion.BACKING_DEVICE,
        Congestion.NETWORK,
        Congestion.BACKING_DEVICE_AND_NETWORK
    };

    private static final IoFlags[] TABLE = new IoFlags[32 * CONGESTION.length];

    static {
        for (int bits = 0; bits < 32; bits++) {
            for (int c = 0; c < CONGESTION.length; c++) {
                TABLE[bits * CONGESTION.length + c] = build(bits, CONGESTION[c]);
            }
        }
    }

    private KernelFlags() {}

    /**
     * Returns the shared value for six kernel-printable flag bytes at {@code off}, or null when the bytes are not such
     * (4 or 5 characters, NUL, unknown letters): then the caller builds its own.
     *
     * @return the shared value for six kernel-printable flag bytes at {@code off}, or null when the bytes are not
     *     such (4 or 5 characters, NUL, unknown letters): then the caller builds its own
     */
    static @Nullable IoFlags lookup(byte[] b, int off, int len) {
        if (len != 6) {
            return null;
        }
        int bits = 0;
        bits |= bit(b[off], 's', 'r', 1);
        bits |= bit(b[off + 1], 'a', '-', 2);
        bits |= bit(b[off + 2], 'p', '-', 4);
        bits |= bit(b[off + 3], 'u', '-', 8);
        bits |= bit(b[off + 5], 's', '-', 16);
        int c = congestion(b[off + 4]);
        if (bits < 0 || c < 0) {
            return null;
        }
        return TABLE[bits * CONGESTION.length + c];
    }

    private static int bit(byte b, char set, char clear, int value) {
        return b == set ? value : b == clear ? 0 : Integer.MIN_VALUE;
    }

    private static int congestion(byte b) {
        for (int i = 0; i < CONGESTION.length; i++) {
            if (b == CONGESTION[i].label().charAt(0)) {
                return i;
            }
        }
        return -1;
    }

    private static IoFlags build(int bits, Congestion congestion) {
        boolean suspended = (bits & 1) != 0;
        boolean dependency = (bits & 2) != 0;
        boolean peer = (bits & 4) != 0;
        boolean user = (bits & 8) != 0;
        boolean al = (bits & 16) != 0;
        String raw = "" + (suspended ? 's' : 'r') + (dependency ? 'a' : '-') + (peer ? 'p' : '-') + (user ? 'u' : '-')
                + congestion.label() + (al ? 's' : '-');
        return IoFlags.builder()
                .raw(raw)
                .ioSuspended(suspended)
                .pausedByDependency(dependency)
                .pausedByPeer(peer)
                .pausedByUser(user)
                .congestion(Optional.of(congestion))
                .activityLogSuspended(al)
                .build();
    }
}
