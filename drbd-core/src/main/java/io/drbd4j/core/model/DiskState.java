package io.drbd4j.core.model;

import io.drbd4j.core.internal.LabelTable;
import java.util.Optional;

/**
 * A disk state, one side of the {@code ds:} field: {@code ds:UpToDate/Inconsistent}. Labels are the
 * kernel's ({@code drbd_disk_s_names}).
 */
public enum DiskState {
    /** No local disk attached (or, for the peer, the peer has none). */
    DISKLESS("Diskless"),
    /** Transient while the disk is being attached and its meta data read. */
    ATTACHING("Attaching"),
    /** An I/O error made DRBD detach the disk. */
    FAILED("Failed"),
    /** Transient while an attach negotiates with a connected peer. */
    NEGOTIATING("Negotiating"),
    /** The data is not usable: a fresh disk, or a sync target mid-resync. */
    INCONSISTENT("Inconsistent"),
    /** Consistent but known to be older than the peer's. */
    OUTDATED("Outdated"),
    /**
     * DRBD's own "the peer's disk state is not known", shown for the peer while disconnected. It never means
     * "could not parse".
     */
    DUNKNOWN("DUnknown"),
    /** Consistent, but whether it is up to date cannot be told without a connection. */
    CONSISTENT("Consistent"),
    /** Consistent and current: the good copy. */
    UP_TO_DATE("UpToDate");

    private static final LabelTable<DiskState> LABELS = LabelTable.of(values(), DiskState::label);

    private final String label;

    DiskState(String label) {
        this.label = label;
    }

    /**
     * Returns the kernel's exact label, for example {@code UpToDate}.
     *
     * @return the kernel's exact label, for example {@code UpToDate}
     */
    public String label() {
        return label;
    }

    /**
     * Returns the disk state with exactly that label, or empty when none has it.
     *
     * @param label a label as the kernel prints it; case matters
     * @return the disk state with exactly that label, or empty when none has it
     */
    public static Optional<DiskState> fromLabel(CharSequence label) {
        return LABELS.find(label);
    }
}
