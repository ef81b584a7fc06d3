package io.drbd4j.core.model;

import io.drbd4j.core.internal.LabelTable;
import java.util.Optional;

/**
 * Why the device last reported congestion: the fifth I/O flag character, {@code r---n-}. Advisory: newer
 * mainline kernels no longer refresh it.
 */
public enum Congestion {
    /** {@code -}: no congestion. */
    NONE("-"),
    /**
     * A NUL byte: DRBD 8.3.1 printed the unset value raw ({@code r---\0}); it means no congestion. Fixed in
     * LINBIT/drbd-8.4 commit c091e451.
     */
    UNSET("\0"),
    /** {@code d}: DRBD froze I/O. */
    DRBD_FROZEN("d"),
    /** {@code c}: a fence-peer or other callback helper is pending. */
    CALLBACK_PENDING("c"),
    /** {@code b}: the backing device is congested. */
    BACKING_DEVICE("b"),
    /** {@code n}: the network send buffer is congested. */
    NETWORK("n"),
    /** {@code a}: both the backing device and the network are congested. */
    BACKING_DEVICE_AND_NETWORK("a");

    private static final LabelTable<Congestion> LABELS = LabelTable.of(values(), Congestion::label);

    private final String label;

    Congestion(String label) {
        this.label = label;
    }

    /**
     * Returns the character as printed.
     *
     * @return the character as printed
     */
    public String label() {
        return label;
    }

    /**
     * Returns the reason with exactly that character, or empty when none has it.
     *
     * @param label the character
     * @return the reason with exactly that character, or empty when none has it
     */
    public static Optional<Congestion> fromLabel(CharSequence label) {
        return LABELS.find(label);
    }
}
