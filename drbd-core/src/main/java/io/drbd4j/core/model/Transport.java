package io.drbd4j.core.model;

import org.immutables.value.Value;

/**
 * One loaded DRBD 9 transport, from the third line {@code Transports (api:10): tcp (1.0.0)}.
 */
@Value.Immutable
public abstract class Transport {
    // Only the implementation Immutables generates in this package extends this type.
    Transport() {}

    /**
     * Returns the transport's name, for example {@code tcp}.
     *
     * @return the transport's name, for example {@code tcp}
     */
    public abstract String name();

    /**
     * Returns its version as printed, for example {@code 1.0.0}, or {@code NONE}.
     *
     * @return its version as printed, for example {@code 1.0.0}, or {@code NONE}
     */
    public abstract String version();

    /**
     * Returns the transport.
     *
     * @param name the transport's name
     * @param version its version as printed
     * @return the transport
     */
    public static Transport of(String name, String version) {
        return ImmutableTransport.builder().name(name).version(version).build();
    }
}
