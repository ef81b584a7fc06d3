package io.drbd4j.core.model;

import org.immutables.value.Value;

/**
 * The first line of {@code /proc/drbd}: {@code version: 8.4.11-1 (api:1/proto:86-101)}.
 *
 * <p>api is 86 for 8.0, 88 for 8.2 and 8.3, 1 for 8.4 and 2 for DRBD 9. DRBD 8.0 prints a single protocol
 * number ({@code proto:86}); then {@link #protoMin()} equals {@link #protoMax()}.
 */
@Value.Immutable
public abstract class DrbdVersion {
    // Only the implementation Immutables generates in this package extends this type.
    DrbdVersion() {}

    /**
     * Returns the release exactly as printed, for example {@code 8.4.11-1}, {@code 8.4.0rc1} or {@code 8.4.2amz2}.
     *
     * @return the release exactly as printed, for example {@code 8.4.11-1}, {@code 8.4.0rc1} or {@code 8.4.2amz2}
     */
    public abstract String release();

    /**
     * Returns the user API version.
     *
     * @return the user API version
     */
    public abstract int api();

    /**
     * Returns the lowest network protocol version this module speaks.
     *
     * @return the lowest network protocol version this module speaks
     */
    public abstract int protoMin();

    /**
     * Returns the highest network protocol version this module speaks.
     *
     * @return the highest network protocol version this module speaks
     */
    public abstract int protoMax();

    /**
     * Returns true when DRBD 9 printed {@code (compat 8.4)} after the parenthesis.
     *
     * @return true when DRBD 9 printed {@code (compat 8.4)} after the parenthesis
     */
    @Value.Default
    public boolean compat84() {
        return false;
    }

    /**
     * Returns the release's major version, the number before the first dot (8 or 9).
     *
     * @return the release's major version, the number before the first dot (8 or 9)
     */
    public int major() {
        return leadingNumber(0);
    }

    /**
     * Returns the release's minor version, the number after the first dot (for example 4 in 8.4.11).
     *
     * @return the release's minor version, the number after the first dot (for example 4 in 8.4.11)
     */
    public int minor() {
        int dot = release().indexOf('.');
        return dot < 0 ? 0 : leadingNumber(dot + 1);
    }

    /**
     * Returns a new builder of {@link DrbdVersion} values.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link DrbdVersion} values; not thread-safe. */
    public static final class Builder extends ImmutableDrbdVersion.Builder {
        Builder() {}
    }

    private int leadingNumber(int from) {
        int n = 0;
        String r = release();
        for (int i = from; i < r.length() && Character.isDigit(r.charAt(i)) && n < 100_000; i++) {
            n = n * 10 + (r.charAt(i) - '0');
        }
        return n;
    }

    @Value.Check
    void check() {
        if (release().isEmpty()) {
            throw new IllegalStateException("version release is empty (expected: for example 8.4.11)");
        }
        if (protoMin() > protoMax()) {
            throw new IllegalStateException(
                    "protocol range " + protoMin() + "-" + protoMax() + " is reversed (expected: min <= max)");
        }
    }
}
