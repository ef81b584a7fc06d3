package io.drbd4j.core.model;

import io.drbd4j.core.internal.LabelTable;
import java.util.Optional;

/**
 * A node's role, one side of the {@code ro:} field ({@code st:} in DRBD 8.0): {@code ro:Primary/Secondary}.
 */
public enum Role {
    /** Serves I/O: the node whose device can be mounted. */
    PRIMARY("Primary"),
    /** Receives replicated writes; the device cannot be opened. */
    SECONDARY("Secondary"),
    /** The peer's role when not connected; DRBD's own {@code Unknown}. */
    UNKNOWN("Unknown");

    private static final LabelTable<Role> LABELS = LabelTable.of(values(), Role::label);

    private final String label;

    Role(String label) {
        this.label = label;
    }

    /**
     * Returns the kernel's exact label, for example {@code Primary}.
     *
     * @return the kernel's exact label, for example {@code Primary}
     */
    public String label() {
        return label;
    }

    /**
     * Returns the role with exactly that label, or empty when none has it.
     *
     * @param label a label as the kernel prints it; case matters
     * @return the role with exactly that label, or empty when none has it
     */
    public static Optional<Role> fromLabel(CharSequence label) {
        return LABELS.find(label);
    }
}
