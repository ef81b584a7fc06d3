package io.drbd4j.testkit.internal.drbd;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.SyncProgress;
import java.time.Duration;
import java.util.Optional;

/**
 * A running online verify: VerifyS on the node that ran {@code verify}, VerifyT on its peer, a cursor
 * ({@code ov_left}) over every block at the VerifyS node's resync rate (fixed, or c-max-rate for the simplified
 * controller; then the link and max-buffers caps of {@link Resync}). The copies never differ in the simulator
 * (replication copies the Primary's contents), so a verify finds nothing out of sync and starts no resync.
 */
final class Verify {
    final DrbdNode source;
    final DrbdNode target;
    final long totalBits;
    final long startMillis;
    long leftBits;

    Verify(DrbdNode source, DrbdNode target, long startMillis) {
        this.source = source;
        this.target = target;
        this.totalBits = source.sizeBits();
        this.leftBits = totalBits;
        this.startMillis = startMillis;
    }

    /**
     * Starts a verify from {@code n} (Connected, verify-alg set).
     *
     * @param n the node that ran {@code verify}
     */
    static void start(DrbdNode n) {
        DrbdPair pair = n.pair;
        DrbdNode p = pair.peerOf(n);
        pair.verify = new Verify(n, p, pair.nowMillis());
        n.conn = ConnectionState.VERIFY_S;
        p.conn = ConnectionState.VERIFY_T;
        pair.log(n.name + ": Starting Online Verify from sector 0");
    }

    /**
     * Returns what {@code want:} shows on VerifyS: the fixed rate, or c-max-rate for the simplified controller.
     *
     * @return what {@code want:} shows on VerifyS: the fixed rate, or c-max-rate for the simplified controller
     */
    long wantKiBps() {
        return source.cPlanAhead == 0 ? source.resyncRateKiBps : source.cMaxRateKiBps;
    }

    /**
     * Returns the rate a step runs at, KiB/s, after the link and max-buffers caps.
     *
     * @return the rate a step runs at, KiB/s, after the link and max-buffers caps
     */
    long rateKiBps(long linkKiBps) {
        long rate = Math.min(wantKiBps(), linkKiBps);
        return source.maxBuffersCap() ? Math.min(rate, source.maxBuffers / 2L * 4 * 10) : rate;
    }

    /**
     * One 100 ms step.
     *
     * @param linkKiBps the link bandwidth
     * @return whether the verify is complete
     */
    boolean step(long linkKiBps) {
        long blocks = Math.max(1, rateKiBps(linkKiBps) / 10 / 4);
        long moved = Math.min(blocks, leftBits);
        leftBits -= moved;
        source.ns += moved * 4;
        target.nr += moved * 4;
        source.dr += moved * 4;
        target.dr += moved * 4;
        return leftBits == 0;
    }

    /** Verify done: both back to Connected. */
    void finish(DrbdPair pair) {
        long secs = Math.max(1, (pair.nowMillis() - startMillis) / 1000);
        pair.verify = null;
        source.conn = ConnectionState.CONNECTED;
        target.conn = ConnectionState.CONNECTED;
        long kiBps = totalBits * 4 / secs;
        pair.log(source.name + ": Online verify done (total " + secs + " sec; paused 0 sec; " + kiBps + " K/sec)");
    }

    /** Aborted (a state change ends it, or the connection is lost). */
    void abort(DrbdPair pair) {
        pair.verify = null;
        pair.log(source.name + ": Online-verify aborted.");
    }

    /**
     * Returns the progress lines' numbers ({@code verified:}, left = the verify cursor).
     *
     * @param now simulated milliseconds
     * @param showWant whether {@code want:} is printed (VerifyS only)
     * @return the progress lines' numbers ({@code verified:}, left = the verify cursor)
     */
    SyncProgress progress(long now, boolean showWant) {
        int shift = totalBits > 0xFFFFFFFFL ? 16 : 10;
        int perMille = (int) (1000 - (leftBits >> shift) * 1000 / (1 + (totalBits >> shift)));
        long elapsed = Math.max(1, (now - startMillis) / 1000);
        long average = (totalBits - leftBits) / elapsed * 4;
        var builder = Resync.sized(SyncProgress.Kind.VERIFY, perMille, leftBits, totalBits)
                .finish(Optional.of(Duration.ofSeconds(leftBits * 4 / Math.max(1, average))))
                .speedKiBps(average)
                .averageKiBps(average)
                .stalled(false);
        if (showWant) {
            builder.wantKiBps(wantKiBps());
        }
        return builder.build();
    }
}
