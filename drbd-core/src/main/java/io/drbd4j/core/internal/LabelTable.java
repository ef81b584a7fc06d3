package io.drbd4j.core.internal;

import java.nio.charset.StandardCharsets;
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
    private final E[] constants;
    private final byte[][] labels;
    private final String expected;

    private LabelTable(E[] constants, Function<E, String> label) {
        this.constants = constants.clone();
        this.labels = new byte[constants.length][];
        StringJoiner joiner = new StringJoiner(", ", "one of ", "");
        for (int i = 0; i < constants.length; i++) {
            String text = label.apply(constants[i]);
            labels[i] = text.getBytes(StandardCharsets.ISO_8859_1);
            joiner.add(text);
        }
        this.expected = joiner.toString();
    }

    /**
     * @param constants every constant, in the order to search
     * @param label the exact wire label of a constant
     * @param <E> the enum
     * @return the table
     */
    public static <E extends Enum<E>> LabelTable<E> of(E[] constants, Function<E, String> label) {
        return new LabelTable<>(constants, label);
    }

    /**
     * @param buf bytes holding the label
     * @param off offset of its first byte
     * @param len its length in bytes
     * @return the constant whose label is exactly these bytes, or {@code null} when none is
     */
    public E find(byte[] buf, int off, int len) {
        for (int i = 0; i < labels.length; i++) {
            byte[] l = labels[i];
            if (l.length == len && equalsAt(buf, off, l)) {
                return constants[i];
            }
        }
        return null;
    }

    /**
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

    /** @return "one of A, B, C": the labels, for an "(expected: ...)" message */
    public String expected() {
        return expected;
    }

    private static boolean equalsAt(byte[] buf, int off, byte[] label) {
        for (int j = 0; j < label.length; j++) {
            if (buf[off + j] != label[j]) {
                return false;
            }
        }
        return true;
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
