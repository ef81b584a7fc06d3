package io.drbd4j.core.safety;

/**
 * What one node's disk holds, as far as the statuses tell, with the clause that says why. The clause completes
 * a sentence: "Do not lose the peer: " + why + ".".
 */
final class Copy {
    /** How good the copy is. */
    enum Kind {
        /** Holds every acknowledged write. */
        CURRENT,
        /** Known to lack acknowledged writes, or not guaranteed to hold them: Inconsistent, Outdated, lagging. */
        STALE,
        /** Holds no data of the device: Diskless or Unconfigured. */
        NONE,
        /** The statuses cannot tell. */
        UNKNOWN
    }

    private final Kind kind;
    private final String why;
    private final String brief;
    private final boolean upToDateLabel;
    private final boolean protocolLag;

    private Copy(Kind kind, String why, String brief, boolean upToDateLabel, boolean protocolLag) {
        this.kind = kind;
        this.why = why;
        this.brief = brief;
        this.upToDateLabel = upToDateLabel;
        this.protocolLag = protocolLag;
    }

    static Copy current(String why) {
        return new Copy(Kind.CURRENT, why, "", true, false);
    }

    static Copy stale(String why, String brief) {
        return new Copy(Kind.STALE, why, brief, false, false);
    }

    static Copy none(String why, String brief) {
        return new Copy(Kind.NONE, why, brief, false, false);
    }

    static Copy unknown(String why, String brief) {
        return new Copy(Kind.UNKNOWN, why, brief, false, false);
    }

    /**
     * Returns a copy whose disk shows UpToDate but whose last acknowledged writes may be elsewhere.
     *
     * @return a copy whose disk shows UpToDate but whose last acknowledged writes may be elsewhere
     */
    static Copy lagging(Kind kind, String why, String brief) {
        return new Copy(kind, why, brief, true, true);
    }

    /**
     * Returns the same copy, marked as showing UpToDate.
     *
     * @return the same copy, marked as showing UpToDate
     */
    Copy labelledUpToDate() {
        return new Copy(kind, why, brief, true, protocolLag);
    }

    Kind kind() {
        return kind;
    }

    /**
     * Returns the clause that explains the kind, without a final full stop.
     *
     * @return the clause that explains the kind, without a final full stop
     */
    String why() {
        return why;
    }

    /**
     * Returns a few words for the summary column, such as {@code peer not connected (WFConnection)}.
     *
     * @return a few words for the summary column, such as {@code peer not connected (WFConnection)}
     */
    String brief() {
        return brief;
    }

    /**
     * Returns true when the disk shows UpToDate, whatever the kind.
     *
     * @return true when the disk shows UpToDate, whatever the kind
     */
    boolean upToDateLabel() {
        return upToDateLabel;
    }

    /**
     * Returns true when the kind comes from protocol A or B acknowledging writes before the disk has them.
     *
     * @return true when the kind comes from protocol A or B acknowledging writes before the disk has them
     */
    boolean protocolLag() {
        return protocolLag;
    }

    /**
     * Returns true when the copy is not a good one: stale or absent.
     *
     * @return true when the copy is not a good one: stale or absent
     */
    boolean bad() {
        return kind == Kind.STALE || kind == Kind.NONE;
    }
}
