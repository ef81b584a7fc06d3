package io.drbd4j.chef;

import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.safety.SafetyReport;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One backend as {@link HaStatus} saw it: DRBD, the mount, {@code drbd_ready}, keepalived's cluster status, the
 * Chef services, and what its data is worth. A probe that failed leaves its part empty (or false) and says why in
 * {@link #problems()}.
 */
@Value.Immutable
public abstract class BackendStatus {
    // Only the implementation Immutables generates in this package extends this type.
    BackendStatus() {}

    /**
     * Returns the backend's name.
     *
     * @return the backend's name
     */
    public abstract String name();

    /**
     * Returns the resource's device in /proc/drbd; empty when not configured or unreadable.
     *
     * @return the resource's device in /proc/drbd; empty when not configured or unreadable
     */
    public abstract Optional<DeviceStatus> drbd();

    /**
     * Returns the DRBD state in words: {@code Connected Primary/Secondary UpToDate/UpToDate}.
     *
     * @return the DRBD state in words: {@code Connected Primary/Secondary UpToDate/UpToDate}
     */
    public abstract String drbdWords();

    /**
     * Returns whether the DRBD filesystem is mounted at the mount point.
     *
     * @return whether the DRBD filesystem is mounted at the mount point
     */
    public abstract boolean mounted();

    /**
     * Returns whether the drbd_ready sentinel exists.
     *
     * @return whether the drbd_ready sentinel exists
     */
    public abstract boolean ready();

    /**
     * Returns keepalived's current_cluster_status ({@code master} or {@code backup}); empty when absent.
     *
     * @return keepalived's current_cluster_status ({@code master} or {@code backup}); empty when absent
     */
    public abstract Optional<String> clusterStatus();

    /**
     * Returns each Chef service and whether it runs, keepalived included, as {@code chef-server-ctl status} says.
     *
     * @return each Chef service and whether it runs, keepalived included, as {@code chef-server-ctl status} says
     */
    public abstract Map<String, Boolean> services();

    /**
     * Returns the HA services (those only the master runs: their runit down file makes {@code chef-server-ctl status}
     * say "normally down" when running) and whether each runs; empty when none is listed.
     *
     * @return the HA services (those only the master runs: their runit down file makes {@code chef-server-ctl status}
     *     say "normally down" when running) and whether each runs; empty when none is listed
     */
    public abstract Map<String, Boolean> haServices();

    /**
     * Returns the data-safety judgement of this backend's view (both backends' when the peer was read too).
     *
     * @return the data-safety judgement of this backend's view (both backends' when the peer was read too)
     */
    public abstract Optional<SafetyReport> safety();

    /**
     * Returns the probes that failed, in words; empty when everything was read.
     *
     * @return the probes that failed, in words; empty when everything was read
     */
    public abstract List<String> problems();

    /**
     * Returns a new builder of {@link BackendStatus} values.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link BackendStatus} values; not thread-safe. */
    public static final class Builder extends ImmutableBackendStatus.Builder {
        Builder() {}
    }
}
