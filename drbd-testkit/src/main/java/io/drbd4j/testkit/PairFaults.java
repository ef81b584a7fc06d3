package io.drbd4j.testkit;

/**
 * The faults both a simulated and a real DRBD pair can suffer, with one meaning on both: what a host's power, its
 * replication link and its replacement do to DRBD.
 */
public interface PairFaults {
    /**
     * The host loses power: DRBD's in-memory state is gone, the peer loses the connection; the backing disk keeps
     * what reached it. {@link #reboot} brings it back.
     *
     * @param host a running host
     */
    void crash(String host);

    /**
     * The host boots after a {@link #crash}: DRBD is down, its meta data survived.
     *
     * @param host a crashed host that is not gone for good
     */
    void reboot(String host);

    /**
     * The host crashes and never comes back: its copy of the data is lost.
     *
     * @param host a host
     */
    void crashForGood(String host);

    /** The replication link stops carrying traffic: both nodes lose their peer. */
    void partition();

    /** The replication link carries traffic again. */
    void heal();

    /**
     * A blank host (no DRBD meta data, no Chef configuration) takes the place of a lost one on the replication link.
     *
     * @param lost a crashed host
     * @param name the new host's name
     * @param address its replication address
     */
    void replaceHost(String lost, String name, String address);
}
