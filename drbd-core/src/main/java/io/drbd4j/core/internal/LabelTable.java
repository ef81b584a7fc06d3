package io.drbd4j.core.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final E[] constants;
    private final byte[][] labels;
    /** Each label's first and second eight bytes as little-endian longs, and masks of the bytes it has. */
    private final long[] low;

    private final long[] lowMask;
    private final long[] high;
    private final long[] highMask;
    private final String expected;
    /**
     * A perfect hash where one exists: the multiplier is chosen so that no two labels share a slot, and a lookup
     * reads one slot. Open addressing stays as the fallback for a table no multiplier separates.
     */
    private final int multiplier;
    /** Open addressing on (length, first, second and last byte): constant index + 1, 0 for empty. */
    private final int[] slots = new int[SLOTS];

    /**
     * The same labels by their first sixteen bytes as two words, for {@link #find(long, long, int)}: a multiplier under
     * which no two labels share a slot, or 0 when none was found (then that lookup is not offered).
     */
    private final long wordMultiplier;

    private final int[] wordSlots = new int[SLOTS];

    private LabelTable(E[] constants, Function<E, String> label) {
        this.constants = constants.clone();
        this.labels = new byte[constants.length][];
        this.low = new long[constants.length];
        this.lowMask = new long[constants.length];
        this.high = new long[constants.length];
        this.highMask = new long[constants.length];
        StringJoiner joiner = new StringJoiner(", ", "one of ", "");
        for (int i = 0; i < constants.length; i++) {
            String text = label.apply(constants[i]);
            labels[i] = text.getBytes(StandardCharsets.ISO_8859_1);
            joiner.add(text);
            byte[] padded = Arrays.copyOf(labels[i], 2 * Long.BYTES);
            low[i] = (long) LONGS.get(padded, 0);
            high[i] = (long) LONGS.get(padded, Long.BYTES);
            lowMask[i] = mask(labels[i].length);
            highMask[i] = mask(labels[i].length - Long.BYTES);
        }
        this.expected = joiner.toString();
        this.multiplier = perfectMultiplier(labels);
        this.wordMultiplier = perfectWordMultiplier();
        for (int i = 0; wordMultiplier != 0 && i < constants.length; i++) {
            wordSlots[wordSlot(low[i], high[i], labels[i].length, wordMultiplier)] = i + 1;
        }
        for (int i = 0; i < constants.length; i++) {
            int slot = hash(labels[i], 0, labels[i].length, multiplier);
            while (slots[slot] != 0) {
                slot = (slot + 1) & (SLOTS - 1);
            }
            slots[slot] = i + 1;
        }
    }

    /** Returns a mask of the low {@code bytes} bytes of a long (0 to 8). */
    private static long mask(int bytes) {
        return bytes <= 0 ? 0 : bytes >= Long.BYTES ? -1L : (1L << (bytes << 3)) - 1;
    }

    /** Returns the first odd multiplier under which every label has a slot of its own, or 1 when none does. */
    private static int perfectMultiplier(byte[][] labels) {
        for (int m = 0x9E3779B1, tries = 0; tries < 10_000; m += 0x3C6EF372, tries++) {
            boolean[] used = new boolean[SLOTS];
            boolean perfect = true;
            for (byte[] l : labels) {
                int slot = hash(l, 0, l.length, m);
                perfect &= !used[slot];
                used[slot] = true;
            }
            if (perfect) {
                return m;
            }
        }
        return 1;
    }

    private long perfectWordMultiplier() {
        for (byte[] l : labels) {
            if (l.length > 2 * Long.BYTES) {
                return 0;
            }
        }
        for (long m = 0x9E37_79B9_7F4A_7C15L, tries = 0; tries < 10_000; m += 0x3C6E_F372_FE94_F82AL, tries++) {
            boolean[] used = new boolean[SLOTS];
            boolean perfect = true;
            for (int i = 0; i < labels.length && perfect; i++) {
                int slot = wordSlot(low[i], high[i], labels[i].length, m | 1);
                perfect = !used[slot];
                used[slot] = true;
            }
            if (perfect) {
                return m | 1;
            }
        }
        return 0;
    }

    private static int wordSlot(long low, long high, int len, long multiplier) {
        return (int) (((low + high * 31 + len) * multiplier) >>> 56);
    }

    private static int hash(byte[] buf, int off, int len, int multiplier) {
        if (len == 0) {
            return 0;
        }
        int key = len | (buf[off] & 0xff) << 8 | (buf[off + (len > 1 ? 1 : 0)] & 0xff) << 16 | buf[off + len - 1] << 24;
        return (key * multiplier) >>> 24;
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
        for (int slot = hash(buf, off, len, multiplier); slots[slot] != 0; slot = (slot + 1) & (SLOTS - 1)) {
            int i = slots[slot] - 1;
            if (labels[i].length == len && equalsAt(buf, off, i)) {
                return constants[i];
            }
        }
        return null;
    }

    /**
     * Returns the constant whose label is exactly these bytes, given as the words a scanner read them in, or {@code
     * null} when none is: one multiply, one slot, one compare. For a caller that has loaded the bytes already to find
     * where the label ends.
     *
     * @param low the label's first eight bytes as a little-endian long, the bytes past its length zero
     * @param high its next eight bytes likewise (zero for a label of at most eight bytes)
     * @param len its length in bytes, 1 to 16
     * @return the constant whose label is exactly these bytes, or {@code null} when none is
     */
    public E find(long low, long high, int len) {
        if (wordMultiplier == 0) {
            throw new IllegalStateException("a label of this table is longer than 16 bytes");
        }
        int i = wordSlots[wordSlot(low, high, len, wordMultiplier)] - 1;
        return i >= 0 && this.low[i] == low && this.high[i] == high && labels[i].length == len ? constants[i] : null;
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

    private boolean equalsAt(byte[] buf, int off, int i) {
        byte[] label = labels[i];
        if (label.length <= 2 * Long.BYTES && off + 2 * Long.BYTES <= buf.length) {
            // The kernel's labels are at most 16 bytes: two masked long compares, no call.
            return (((long) LONGS.get(buf, off) ^ low[i]) & lowMask[i]) == 0
                    && (label.length <= Long.BYTES
                            || (((long) LONGS.get(buf, off + Long.BYTES) ^ high[i]) & highMask[i]) == 0);
        }
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
