package io.drbd4j.exec.dialect;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** Which dialect a host speaks, how that was decided, and anything that disagreed. */
@Value.Immutable
public abstract class Detection {
    // Only the implementation Immutables generates in this package extends this type.
    Detection() {}

    /** Where the answer came from. */
    public enum Source {
        /** {@code DRBDADM_API_VERSION} of {@code drbdadm --version}. */
        DRBDADM_VERSION,
        /** The version line of {@code /proc/drbd}. */
        PROC_DRBD,
        /** The platform preset: nothing on the host could tell. */
        PRESET
    }

    /**
     * Returns the dialect to use.
     *
     * @return the dialect to use
     */
    public abstract DrbdDialect dialect();

    /**
     * Returns what decided it.
     *
     * @return what decided it
     */
    public abstract Source source();

    /**
     * Returns what {@code drbdadm --version} said, if it ran.
     *
     * @return what {@code drbdadm --version} said, if it ran
     */
    public abstract Optional<DrbdadmVersion> drbdadm();

    /**
     * Returns the release in {@code /proc/drbd}'s version line, if it was readable.
     *
     * @return the release in {@code /proc/drbd}'s version line, if it was readable
     */
    public abstract Optional<String> kernelRelease();

    /**
     * Returns the preset the caller gave, if any.
     *
     * @return the preset the caller gave, if any
     */
    public abstract Optional<Platform> preset();

    /**
     * Returns disagreements between the sources (for example a preset that the host contradicts).
     *
     * @return disagreements between the sources (for example a preset that the host contradicts)
     */
    public abstract List<String> disagreements();

    /**
     * Returns {@code /etc/os-release}'s PRETTY_NAME, for diagnostics only.
     *
     * @return {@code /etc/os-release}'s PRETTY_NAME, for diagnostics only
     */
    public abstract Optional<String> operatingSystem();

    /**
     * Returns a new builder of {@link Detection} values.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link Detection} values; not thread-safe. */
    public static final class Builder extends ImmutableDetection.Builder {
        Builder() {}
    }
}
