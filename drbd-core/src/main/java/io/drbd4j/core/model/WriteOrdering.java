package io.drbd4j.core.model;

import io.drbd4j.core.internal.LabelTable;
import java.util.Optional;

/** The write-ordering method, the {@code wo:} counter: {@code ... ep:1 wo:f oos:0}. */
public enum WriteOrdering {
    /** {@code n}: no ordering. */
    NONE("n"),
    /** {@code d}: drain. */
    DRAIN("d"),
    /** {@code f}: flush. */
    FLUSH("f"),
    /** {@code b}: barrier; out-of-tree DRBD only, mainline kernels do not have it. */
    BARRIER("b");

    private static final LabelTable<WriteOrdering> LABELS = LabelTable.of(values(), WriteOrdering::label);

    private final String label;

    WriteOrdering(String label) {
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
     * Returns the method with exactly that letter, or empty when none has it.
     *
     * @param label the letter
     * @return the method with exactly that letter, or empty when none has it
     */
    public static Optional<WriteOrdering> fromLabel(CharSequence label) {
        return LABELS.find(label);
    }
}
