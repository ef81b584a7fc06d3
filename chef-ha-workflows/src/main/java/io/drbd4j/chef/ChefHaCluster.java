package io.drbd4j.chef;

import io.drbd4j.core.time.Sleeper;
import io.drbd4j.exec.Arguments;
import io.drbd4j.exec.dialect.RateMethod;
import io.drbd4j.exec.runner.RedactingCommandRunner;
import io.drbd4j.exec.runner.Redactor;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The two Chef HA backends and everything the workflows need to know about them: which one is the keeper (the
 * backend whose data a workflow keeps), the DRBD resource and device, the mount point, the {@code drbd_ready} file, the resync rates,
 * the timeouts and the time source. Defaults are Chef Server 12's.
 *
 * <pre>{@code
 * ChefHaCluster cluster = ChefHaCluster.builder()
 *         .addBackends(Backend.of("be1", "10.0.0.1", runner1), Backend.of("be2", "10.0.0.2", runner2))
 *         .keeper("be1")
 *         .build();
 * }</pre>
 *
 * <p>Each backend's runner is wrapped in a {@link RedactingCommandRunner} over {@link #redactor()}, so that no
 * command output a workflow shows (listener events, log lines, exception messages, the journal) carries the DRBD
 * shared secret or a secret the workflows learn from Chef's secrets file and {@code pc0.res}.
 *
 * <p>Immutable; thread-safe when its runners and sleeper are.
 */
@Value.Immutable
public abstract class ChefHaCluster {
    // Only the implementation Immutables generates in this package extends this type.
    ChefHaCluster() {}

    /**
     * Returns exactly two backends with different names, each runner wrapped in a {@link
     * io.drbd4j.exec.runner.RedactingCommandRunner} over {@link #redactor()} (a runner given already so wrapped is
     * kept).
     *
     * @return exactly two backends with different names, each runner wrapped in a {@link
     *     io.drbd4j.exec.runner.RedactingCommandRunner} over {@link #redactor()} (a runner given already so wrapped is
     *     kept)
     */
    public abstract List<Backend> backends();

    /**
     * Returns the name of the backend whose copy of the data the workflow keeps, the other backend being brought to it:
     * the bootstrap backend in {@link Prepare} and {@link FailoverSetup} (the only one that may be forced Primary), the
     * master in {@link Switchover} (which hands the master role away), {@link RejoinSecondary} and {@link
     * ReplaceSecondary}, the survivor in {@link RecoverPrimary}, the copy to keep in {@link SplitBrainRecovery}.
     *
     * @return the name of the backend whose copy of the data the workflow keeps, the other backend being brought to
     *     it: the bootstrap backend in {@link Prepare} and {@link FailoverSetup} (the only one that may be forced
     *     Primary), the master in {@link Switchover} (which hands the master role away), {@link RejoinSecondary} and
     *     {@link ReplaceSecondary}, the survivor in {@link RecoverPrimary}, the copy to keep in {@link
     *     SplitBrainRecovery}. Not DRBD's Primary role: the keeper may be Secondary when a workflow starts.
     */
    public abstract String keeper();

    /**
     * Returns the DRBD resource, {@code pc0}.
     *
     * @return the DRBD resource, {@code pc0}
     */
    @Value.Default
    public String resource() {
        return "pc0";
    }

    /**
     * Returns the DRBD device, {@code /dev/drbd0}.
     *
     * @return the DRBD device, {@code /dev/drbd0}
     */
    @Value.Default
    public String device() {
        return "/dev/drbd0";
    }

    /**
     * Returns the DRBD replication port, 7788.
     *
     * @return the DRBD replication port, 7788
     */
    @Value.Default
    public int port() {
        return 7788;
    }

    /**
     * Returns where the DRBD filesystem is mounted, {@code /var/opt/opscode/drbd/data}.
     *
     * @return where the DRBD filesystem is mounted, {@code /var/opt/opscode/drbd/data}
     */
    @Value.Default
    public String mountPoint() {
        return "/var/opt/opscode/drbd/data";
    }

    /**
     * Returns the sentinel {@code chef-server-ctl reconfigure} waits for.
     *
     * @return the sentinel {@code chef-server-ctl reconfigure} waits for
     */
    @Value.Default
    public String readyFile() {
        return "/var/opt/opscode/drbd/drbd_ready";
    }

    /**
     * Returns the Chef configuration files {@link Prepare} copies from the bootstrap backend to the other one: {@code
     * /etc/opscode/chef-server.rb} and {@code /etc/opscode/private-chef-secrets.json} (on Private Chef 1.x and
     * Enterprise Chef 11, {@code private-chef.rb} instead of {@code chef-server.rb}).
     *
     * @return the Chef configuration files {@link Prepare} copies from the bootstrap backend to the other one:
     *     {@code /etc/opscode/chef-server.rb} and {@code /etc/opscode/private-chef-secrets.json} (on Private Chef 1.x
     *     and Enterprise Chef 11, {@code private-chef.rb} instead of {@code chef-server.rb})
     */
    @Value.Default
    public List<String> configFiles() {
        return List.of("/etc/opscode/chef-server.rb", "/etc/opscode/private-chef-secrets.json");
    }

    /**
     * Returns the resync rate asked for during the initial full sync, {@code 1100M} (the Chef guide's).
     *
     * @return the resync rate asked for during the initial full sync, {@code 1100M} (the Chef guide's)
     */
    @Value.Default
    public String initialResyncRate() {
        return "1100M";
    }

    /**
     * Returns the configured rate ({@code drbd['sync_rate']}, 40M by default) that {@code drbdadm adjust} returns to;
     * shown in plans, never sent.
     *
     * @return the configured rate ({@code drbd['sync_rate']}, 40M by default) that {@code drbdadm adjust} returns
     *     to; shown in plans, never sent
     */
    @Value.Default
    public String configuredResyncRate() {
        return "40M";
    }

    /**
     * Returns how to raise the rate; empty: {@link RateMethod#MAX_BUFFERS} on 8.4 (the guide's own command barely
     * changes a running 8.4 resync) and {@link RateMethod#GUIDE} on 8.3.
     *
     * @return how to raise the rate; empty: {@link RateMethod#MAX_BUFFERS} on 8.4 (the guide's own command barely
     *     changes a running 8.4 resync) and {@link RateMethod#GUIDE} on 8.3
     */
    public abstract Optional<RateMethod> rateMethod();

    /**
     * Returns the timeout of a DRBD or file command, 2 minutes.
     *
     * @return the timeout of a DRBD or file command, 2 minutes
     */
    @Value.Default
    public Duration commandTimeout() {
        return Duration.ofMinutes(2);
    }

    /**
     * Returns the timeout of {@code mkfs.ext4} on the whole device, 1 hour.
     *
     * @return the timeout of {@code mkfs.ext4} on the whole device, 1 hour
     */
    @Value.Default
    public Duration mkfsTimeout() {
        return Duration.ofHours(1);
    }

    /**
     * Returns the timeout of {@code chef-server-ctl reconfigure}, 30 minutes.
     *
     * @return the timeout of {@code chef-server-ctl reconfigure}, 30 minutes
     */
    @Value.Default
    public Duration reconfigureTimeout() {
        return Duration.ofMinutes(30);
    }

    /**
     * Returns how long to wait for a role, connection or cluster status to appear, 5 minutes.
     *
     * @return how long to wait for a role, connection or cluster status to appear, 5 minutes
     */
    @Value.Default
    public Duration stateTimeout() {
        return Duration.ofMinutes(5);
    }

    /**
     * Returns how long the initial full sync may take, 72 hours.
     *
     * @return how long the initial full sync may take, 72 hours
     */
    @Value.Default
    public Duration syncTimeout() {
        return Duration.ofHours(72);
    }

    /**
     * Returns how often a wait reads the state again, 5 seconds.
     *
     * @return how often a wait reads the state again, 5 seconds
     */
    @Value.Default
    public Duration pollInterval() {
        return Duration.ofSeconds(5);
    }

    /**
     * Returns the time source of every wait: {@link Sleeper#system()}, or simulated time in tests.
     *
     * @return the time source of every wait: {@link Sleeper#system()}, or simulated time in tests
     */
    @Value.Default
    public Sleeper sleeper() {
        return Sleeper.system();
    }

    /**
     * Returns the secrets hidden in every command's output: the DRBD shared secret's patterns from the start, and the
     * values the workflows read from {@code private-chef-secrets.json} and {@code pc0.res} as they learn them; shared
     * by every copy of this cluster; not part of equality.
     *
     * @return the secrets hidden in every command's output: the DRBD shared secret's patterns from the start, and the
     *     values the workflows read from {@code private-chef-secrets.json} and {@code pc0.res} as they learn them;
     *     shared by every copy of this cluster; not part of equality
     */
    @Value.Default
    @Value.Auxiliary
    public Redactor redactor() {
        return new Redactor();
    }

    /**
     * Returns the minor number of {@link #device()}.
     *
     * @return the minor number of {@link #device()}
     */
    public int minor() {
        // Not a derived attribute: Immutables computes those before check() has proved device() is /dev/drbdN.
        return Integer.parseInt(device().substring("/dev/drbd".length()));
    }

    /**
     * Checks that the copy a caller names to keep is this cluster's keeper: a recovery that discards the other copy
     * takes the choice twice.
     *
     * @param keep the name the caller gave
     * @throws IllegalArgumentException when it is not {@link #keeper()}
     */
    void requireKeeper(String keep) {
        Objects.requireNonNull(keep, "keep");
        if (!keep.equals(keeper())) {
            throw new IllegalArgumentException("the copy to keep is " + keep + " but the cluster's keeper is "
                    + keeper() + " (expected: the cluster built with the copy to keep as its keeper)");
        }
    }

    /**
     * Returns the keeper's backend.
     *
     * @return the keeper's backend
     */
    public Backend keeperBackend() {
        return backend(keeper());
    }

    /**
     * Returns the other backend.
     *
     * @return the other backend
     */
    public Backend otherBackend() {
        return backends().get(0).name().equals(keeper())
                ? backends().get(1)
                : backends().get(0);
    }

    /**
     * Returns that backend.
     *
     * @param name a backend name
     * @return that backend
     * @throws IllegalArgumentException when there is none of that name
     */
    public Backend backend(String name) {
        return backends().stream()
                .filter(b -> b.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no backend named \"" + name + "\" (expected: "
                        + backends().get(0).name() + " or " + backends().get(1).name() + ")"));
    }

    /**
     * Returns a new builder of {@link ChefHaCluster} values.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ChefHaCluster} values; not thread-safe. */
    public static final class Builder extends ImmutableChefHaCluster.Builder {
        Builder() {}
    }

    /**
     * Checks the topology when it is built: two backends with different names, a known keeper, valid names, paths,
     * rates, port and timeouts; wraps each backend's runner so that it masks the redactor's secrets.
     *
     * @return this topology, or a copy whose backends' runners mask the redactor's secrets
     * @throws IllegalArgumentException naming the value that is wrong and what is expected
     */
    @Value.Check
    protected ChefHaCluster check() {
        if (backends().size() != 2
                || backends().get(0).name().equals(backends().get(1).name())) {
            throw new IllegalArgumentException(backends().size() + " backends "
                    + backends().stream().map(Backend::name).toList()
                    + " (expected: two, with different names)");
        }
        backend(keeper());
        Arguments.resourceName(resource());
        if (!device().matches("/dev/drbd[0-9]{1,7}")) {
            throw new IllegalArgumentException("device \"" + device() + "\" (expected: /dev/drbdN)");
        }
        Arguments.mountPoint(mountPoint());
        Arguments.mountPoint(readyFile());
        configFiles().forEach(Arguments::mountPoint);
        Arguments.rate(initialResyncRate());
        Arguments.rate(configuredResyncRate());
        if (port() < 1 || port() > 65535) {
            throw new IllegalArgumentException("port " + port() + " (expected: 1..65535)");
        }
        for (Duration d : List.of(
                commandTimeout(), mkfsTimeout(), reconfigureTimeout(), stateTimeout(), syncTimeout(), pollInterval())) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeout or interval " + d + " (expected: positive)");
            }
        }
        if (backends().stream().allMatch(this::redacting)) {
            return this;
        }
        return builder()
                .from(this)
                .backends(backends().stream()
                        .map(b -> redacting(b)
                                ? b
                                : Backend.builder()
                                        .from(b)
                                        .runner(new RedactingCommandRunner(b.runner(), redactor()))
                                        .build())
                        .toList())
                .build();
    }

    private boolean redacting(Backend b) {
        return b.runner() instanceof RedactingCommandRunner r && r.redactor() == redactor();
    }
}
