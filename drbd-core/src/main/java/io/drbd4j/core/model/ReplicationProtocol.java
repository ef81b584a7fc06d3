package io.drbd4j.core.model;

import io.drbd4j.core.internal.LabelTable;
import java.util.Optional;

/**
 * The replication protocol letter after the disk states: {@code ds:UpToDate/UpToDate C r-----}. Absent
 * (three spaces) when the device has no network configuration.
 */
public enum ReplicationProtocol {
    /** Asynchronous: a write completes when it is on the local disk and in the send buffer. */
    A("A"),
    /** Memory synchronous: a write completes when the peer has received it. */
    B("B"),
    /** Synchronous: a write completes when both disks have it. The Chef HA setup uses C. */
    C("C");

    private static final LabelTable<ReplicationProtocol> LABELS = LabelTable.of(values(), ReplicationProtocol::label);

    private final String label;

    ReplicationProtocol(String label) {
        this.label = label;
    }

    /**
     * Returns the letter as printed.
     *
     * @return the letter as printed
     */
    public String label() {
        return label;
    }

    /**
     * Returns the protocol with exactly that letter, or empty when none has it.
     *
     * @param label the letter
     * @return the protocol with exactly that letter, or empty when none has it
     */
    public static Optional<ReplicationProtocol> fromLabel(CharSequence label) {
        return LABELS.find(label);
    }
}
