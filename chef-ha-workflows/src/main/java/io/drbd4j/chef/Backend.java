package io.drbd4j.chef;

import io.drbd4j.exec.Arguments;
import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.exec.runner.CommandRunner;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One Chef HA backend: the name it has in {@code pc0.res} (its {@code uname -n}), its replication address, and the
 * runner that reaches it (local, SSH, or a simulated host of drbd-testkit).
 *
 * <pre>{@code
 * Backend be1 = Backend.of("be1", "10.0.0.1", SshRunner.create(SshTarget.of("root", "10.0.0.1")));
 * }</pre>
 */
@Value.Immutable
public abstract class Backend {
    // Only the implementation Immutables generates in this package extends this type.
    Backend() {}

    /**
     * Returns the host name, as in pc0.res and the Chef configuration.
     *
     * @return the host name, as in pc0.res and the Chef configuration
     */
    public abstract String name();

    /**
     * Returns the replication (DRBD) address, {@code cluster_ipaddress} or {@code ipaddress}.
     *
     * @return the replication (DRBD) address, {@code cluster_ipaddress} or {@code ipaddress}
     */
    public abstract String address();

    /**
     * Returns runs commands on this backend.
     *
     * @return runs commands on this backend
     */
    public abstract CommandRunner runner();

    /**
     * Returns the drbdadm dialect; empty: detected from the host before anything runs.
     *
     * @return the drbdadm dialect; empty: detected from the host before anything runs
     */
    public abstract Optional<DrbdDialect> dialect();

    /**
     * Returns the backend, its dialect to be detected.
     *
     * @param name host name
     * @param address replication address
     * @param runner reaches the host
     * @return the backend, its dialect to be detected
     */
    public static Backend of(String name, String address, CommandRunner runner) {
        return builder().name(name).address(address).runner(runner).build();
    }

    /**
     * Returns a new builder of {@link Backend} values.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link Backend} values; not thread-safe. */
    public static final class Builder extends ImmutableBackend.Builder {
        Builder() {}
    }

    @Value.Check
    void check() {
        Arguments.hostName(name());
        Arguments.hostName(address());
    }
}
