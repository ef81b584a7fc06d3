package io.drbd4j.exec.dialect;

/**
 * How to speed up a running resync for a while; {@link DrbdDialect#resetResyncRate} undoes any of them.
 *
 * <p>What each really does: on 8.4 the resync rate is
 * decided by a dynamic controller that reads {@code resync-rate} only when the pipe is empty, and from 8.4.5 on
 * (8.3.16 too) any resync is capped near 40 MiB/s by the default {@code max-buffers} 2048.
 */
public enum RateMethod {
    /**
     * The Chef guide's command: 8.3 {@code drbdsetup /dev/drbdN syncer -r R} (a fixed rate: 8.3's default mode);
     * 8.4 {@code drbdadm disk-options --resync-rate=R res}, which barely changes a running resync because the
     * dynamic controller keeps deciding.
     */
    GUIDE,
    /**
     * 8.4 only: {@code drbdadm disk-options --c-plan-ahead=0 --resync-rate=R res} switches to fixed mode at R,
     * the DRBD 8.4 user's guide recipe; still capped by {@code max-buffers}.
     */
    FIXED_RATE,
    /**
     * 8.4 only: {@code drbdadm net-options --max-buffers=N res} lifts the ceiling that {@code max-buffers} puts on
     * any resync (about 20 × N KiB/s); combine with {@link #FIXED_RATE}.
     */
    MAX_BUFFERS
}
