package io.drbd4j.chef;

import org.immutables.value.Value;

/**
 * What the surviving backend's status means once its peer is gone, with numbers: an UpToDate survivor holds every
 * acknowledged write; an Inconsistent one was still receiving the resync and lacks at least
 * {@link #outOfSyncKiB()} of it (data very likely lost).
 */
@Value.Immutable
public abstract class SurvivorReport {
    // Only the implementation Immutables generates in this package extends this type.
    SurvivorReport() {}

    /**
     * Returns the survivor's name.
     *
     * @return the survivor's name
     */
    public abstract String host();

    /**
     * Returns its DRBD state in words, such as {@code WFConnection Secondary/Unknown Inconsistent/DUnknown}.
     *
     * @return its DRBD state in words, such as {@code WFConnection Secondary/Unknown Inconsistent/DUnknown}
     */
    public abstract String state();

    /**
     * Returns true when the survivor's disk is UpToDate: promoting it loses nothing.
     *
     * @return true when the survivor's disk is UpToDate: promoting it loses nothing
     */
    public abstract boolean upToDate();

    /**
     * Returns KiB the survivor's {@code oos:} counter shows: data it never received, when Inconsistent.
     *
     * @return KiB the survivor's {@code oos:} counter shows: data it never received, when Inconsistent
     */
    public abstract long outOfSyncKiB();

    /**
     * Returns one or two sentences for the operator.
     *
     * @return one or two sentences for the operator
     */
    public abstract String meaning();

    /**
     * Returns a new builder of {@link SurvivorReport} values.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link SurvivorReport} values; not thread-safe. */
    public static final class Builder extends ImmutableSurvivorReport.Builder {
        Builder() {}
    }
}
