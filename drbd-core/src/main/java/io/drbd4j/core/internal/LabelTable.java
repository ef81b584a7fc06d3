package io.drbd4j.core.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * Maps the exact labels the kernel prints to enum constants, from a {@link CharSequence} or from bytes,
 * without allocating on lookup. Immutable and thread-safe.
 *
 * @param <E> the enum
 */
public final class LabelTable<E extends Enum<E>> {
    private static final int SLOTS = 256;

    private final E[] constants;
    private final byte[][] labels;
    private final String expected;
    /** Open addressing on (length, first byte, last byte): constant index + 1, 0 for empty. */
    private final int[] slots = new int[SLOTS];

    private LabelTable(E[] constants, Function<E, String> label) {
        this.constants = constants.clone();
        this.labels = new byte[constants.length][];
        StringJoiner joiner = new StringJoiner(", ", "one of ", "");
        for (int i = 0; i < constants.length; i++) {
            String text = label.apply(constants[i]);
            labels[i] = text.getBytes(StandardCharsets.ISO_8859_1);
            joiner.add(text);
            int slot = hash(labels[i], 0, labels[i].length);
            while (slots[slot] != 0) {
                slot = (slot + 1) & (SLOTS - 1);
            }
            slots[slot] = i + 1;
        }
        this.expected = joiner.toString();
    }

    private static int hash(byte[] buf, int off, int len) {
        if (len == 0) {
            return 0;
        }
        return (len * 31 + buf[off] * 7 + buf[off + len - 1]) & (SLOTS - 1);
    }

    /**
     * Returns the table.
     *
     * @param constants every constant, in the order to search
     * @param label the exact wire label of a constant
     * @param <E> the enum
     * @return the table
     */
    public static <E extends Enum<E>> LabelTable<E> of(E[] constants, Function<E, String> label) {
        return new LabelTable<>(constants, label);
    }

    /**
     * Returns the constant whose label is exactly these bytes, or {@code null} when none is.
     *
     * @param buf bytes holding the label
     * @param off offset of its first byte
     * @param len its length in bytes
     * @return the constant whose label is exactly these bytes, or {@code null} when none is
     */
    public E find(byte[] buf, int off, int len) {
        for (int slot = hash(buf, off, len); slots[slot] != 0; slot = (slot + 1) & (SLOTS - 1)) {
            int i = slots[slot] - 1;
            byte[] l = labels[i];
            if (l.length == len && equalsAt(buf, off, l)) {
                return constants[i];
            }
        }
        return null;
    }

    /**
     * Returns the constant whose label is exactly {@code text}, if any.
     *
     * @param text a label
     * @return the constant whose label is exactly {@code text}, if any
     */
    public Optional<E> find(CharSequence text) {
        for (int i = 0; i < labels.length; i++) {
            byte[] l = labels[i];
            if (l.length == text.length() && equalsText(text, l)) {
                return Optional.of(constants[i]);
            }
        }
        return Optional.empty();
    }

    /**
     * Returns "one of A, B, C": the labels, for an "(expected: ...)" message.
     *
     * @return "one of A, B, C": the labels, for an "(expected: ...)" message
     */
    public String expected() {
        return expected;
    }

    private static boolean equalsAt(byte[] buf, int off, byte[] label) {
        // Arrays.equals on ranges is a JIT intrinsic that compares many bytes at a time.
        return Arrays.equals(buf, off, off + label.length, label, 0, label.length);
    }

    private static boolean equalsText(CharSequence text, byte[] label) {
        for (int j = 0; j < label.length; j++) {
            if (text.charAt(j) != (char) (label[j] & 0xff)) {
                return false;
            }
        }
        return true;
    }
}
