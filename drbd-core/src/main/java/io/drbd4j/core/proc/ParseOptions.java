package io.drbd4j.core.proc;

import io.drbd4j.core.Drbd4jStyle;
import org.immutables.value.Value;

/**
 * How to read {@code /proc/drbd}: strictly or leniently, and within which bounds.
 *
 * <p>Strict mode throws {@link ProcDrbdParseException} at the first line the kernel could not have printed.
 * Lenient mode, meant for tools reading text that went through documents, terminals and editors, records each
 * deviation as a {@link ParseProblem} and returns every device it could read. Both modes accept what is
 * harmless: leading indentation, trailing blanks, CRLF line ends and blank lines. Past a bound both modes
 * throw.
 *
 * <p>A lenient read keeps what it reports bounded, so the memory a result holds does not grow with the damage
 * in its input: at most {@value #MAX_PROBLEMS_PER_LINE} problems per line, then one problem saying that more on
 * that line were dropped; at most {@value #MAX_PROBLEMS} problems per input, then one saying that the rest were
 * dropped; and each problem keeps at most {@value ParseProblem#MAX_TEXT_LENGTH} characters of message and of
 * line text, the problems of one line sharing that text. A result thus holds at most about 200 KB of problems.
 */
@Value.Immutable
@Drbd4jStyle
public abstract class ParseOptions {
    // Only the implementation Immutables generates in this package extends this type.
    ParseOptions() {}

    /** Default longest line: 16 KiB. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 16 * 1024;

    /** Default most devices: 1,048,576, DRBD 8.4's number of minors. */
    public static final int DEFAULT_MAX_DEVICES = 1 << 20;

    /** Default largest input: 64 MiB. */
    public static final long DEFAULT_MAX_INPUT_BYTES = 64L << 20;

    /** Most problems a lenient read reports for one line before it reports that it dropped the rest. */
    public static final int MAX_PROBLEMS_PER_LINE = 10;

    /** Most problems a lenient read reports for one input before it reports that it dropped the rest. */
    public static final int MAX_PROBLEMS = 256;

    /** Strict or lenient. */
    public enum Mode {
        /** The first deviation throws. */
        STRICT,
        /** Deviations become problems; every readable device is returned. */
        LENIENT
    }

    /**
     * Returns strict or lenient; lenient by default.
     *
     * @return strict or lenient; lenient by default
     */
    @Value.Default
    public Mode mode() {
        return Mode.LENIENT;
    }

    /**
     * Returns the longest line accepted, in bytes without the line end.
     *
     * @return the longest line accepted, in bytes without the line end
     */
    @Value.Default
    public int maxLineLength() {
        return DEFAULT_MAX_LINE_LENGTH;
    }

    /**
     * Returns the most device lines accepted.
     *
     * @return the most device lines accepted
     */
    @Value.Default
    public int maxDevices() {
        return DEFAULT_MAX_DEVICES;
    }

    /**
     * Returns the most input bytes accepted.
     *
     * @return the most input bytes accepted
     */
    @Value.Default
    public long maxInputBytes() {
        return DEFAULT_MAX_INPUT_BYTES;
    }

    /**
     * Returns true in strict mode.
     *
     * @return true in strict mode
     */
    public boolean isStrict() {
        return mode() == Mode.STRICT;
    }

    /**
     * Returns strict mode with the default bounds.
     *
     * @return strict mode with the default bounds
     */
    public static ParseOptions strict() {
        return builder().mode(Mode.STRICT).build();
    }

    /**
     * Returns lenient mode with the default bounds.
     *
     * @return lenient mode with the default bounds
     */
    public static ParseOptions lenient() {
        return builder().build();
    }

    /**
     * Returns a new builder of {@link ParseOptions} values, lenient with the default bounds until told otherwise.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ParseOptions} values; not thread-safe. */
    public static final class Builder extends ImmutableParseOptions.Builder {
        Builder() {}
    }

    @Value.Check
    void check() {
        if (maxLineLength() < 80) {
            throw new IllegalStateException("maxLineLength " + maxLineLength() + " (expected: at least 80)");
        }
        if (maxDevices() < 0) {
            throw new IllegalStateException("maxDevices " + maxDevices() + " (expected: 0 or more)");
        }
        if (maxInputBytes() < 0) {
            throw new IllegalStateException("maxInputBytes " + maxInputBytes() + " (expected: 0 or more)");
        }
    }
}
