package io.drbd4j.core.proc;

/**
 * The numeric keys of the counters line, in the order the kernel prints them:
 * {@code ns nr dw dr al bm lo pe ua ap ep wo oos}. {@code wo} is not a number and has its own accessor.
 */
public enum Counter {
    /** KiB sent to the peer. */
    NS("ns", false),
    /** KiB received from the peer. */
    NR("nr", false),
    /** KiB written to the local disk. */
    DW("dw", false),
    /** KiB read from the local disk. */
    DR("dr", false),
    /** Activity-log updates. */
    AL("al", false),
    /** Bitmap writes. */
    BM("bm", false),
    /** Local requests open (gauge). */
    LO("lo", true),
    /** Requests pending at the peer (gauge). */
    PE("pe", true),
    /** Peer requests not yet acknowledged (gauge). */
    UA("ua", true),
    /** Application requests in DRBD (gauge). */
    AP("ap", true),
    /** Write epochs (gauge). */
    EP("ep", true),
    /** KiB out of sync. */
    OOS("oos", false);

    private final String key;
    private final boolean signed;

    Counter(String key, boolean signed) {
        this.key = key;
        this.signed = signed;
    }

    /**
     * Returns the key as printed before the colon.
     *
     * @return the key as printed before the colon
     */
    public String key() {
        return key;
    }

    /**
     * Returns true for the gauges, which the kernel prints with {@code %d}.
     *
     * @return true for the gauges, which the kernel prints with {@code %d}
     */
    public boolean signed() {
        return signed;
    }
}
