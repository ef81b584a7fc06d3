package io.drbd4j.chef;

import io.drbd4j.exec.Arguments;
import org.immutables.value.Value;

/**
 * The caller's statement that a backend is gone for good, and how that was confirmed (the fencing guard):
 * drbd4j cannot see a powered-off or fenced host and never assumes one. A host that is
 * only cut off still holds its own Primary copy; recovering without it makes two copies that both took writes.
 *
 * <pre>{@code
 * PeerGone gone = PeerGone.of("be1", "10.0.0.1", "powered off via ILO by jdoe at 03:12");
 * }</pre>
 */
@Value.Immutable
public abstract class PeerGone {
    // Only the implementation Immutables generates in this package extends this type.
    PeerGone() {}

    /**
     * Returns the lost backend's name.
     *
     * @return the lost backend's name
     */
    public abstract String host();

    /**
     * Returns its replication address.
     *
     * @return its replication address
     */
    public abstract String address();

    /**
     * Returns how it was confirmed gone, such as {@code powered off via ILO}; journaled.
     *
     * @return how it was confirmed gone, such as {@code powered off via ILO}; journaled
     */
    public abstract String confirmation();

    /**
     * Returns the statement.
     *
     * @param host the lost backend
     * @param address its replication address
     * @param confirmation how it was confirmed gone for good
     * @return the statement
     */
    public static PeerGone of(String host, String address, String confirmation) {
        return ImmutablePeerGone.builder()
                .host(host)
                .address(address)
                .confirmation(confirmation)
                .build();
    }

    /**
     * Checks that a replacement on another host comes with a configuration naming it.
     *
     * @param cluster the pair after the replacement: the other backend is the replacement
     * @param newConfig the Chef configuration naming the replacement, if given
     * @param keeper who keeps running, for the message ("survivor", "master")
     * @throws IllegalArgumentException when the replacement is another host (name or address) and no configuration
     *     naming it was given: the keeper's pc0.res would still name the lost host
     */
    void requireConfigurationFor(ChefHaCluster cluster, java.util.Optional<byte[]> newConfig, String keeper) {
        Backend replacement = cluster.otherBackend();
        boolean sameHost =
                replacement.name().equals(host()) && replacement.address().equals(address());
        if (!sameHost && newConfig.isEmpty()) {
            throw new IllegalArgumentException("the replacement " + replacement.name() + " (" + replacement.address()
                    + ") is not the lost " + host() + " (" + address() + "): give the Chef configuration naming it"
                    + " (withConfiguration) so the " + keeper + "'s pc0.res names the new peer");
        }
    }

    @Value.Check
    void check() {
        Arguments.hostName(host());
        Arguments.hostName(address());
        if (confirmation().isBlank()) {
            throw new IllegalArgumentException("a PeerGone without a confirmation (expected: how " + host()
                    + " was confirmed gone for good, such as \"powered off via ILO\")");
        }
    }
}
