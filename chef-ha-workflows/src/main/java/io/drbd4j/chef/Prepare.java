package io.drbd4j.chef;

import static io.drbd4j.chef.Conditions.freshPairConnected;

import java.util.List;

/**
 * The DRBD part of a Chef HA install before failover is established (chef-ha-procedures.md W1 steps 1.5-1.9): on
 * the bootstrap backend, {@code chef-server-ctl reconfigure} up to its drbd_ready wait (it renders drbd.conf, pc0.res
 * and the secrets), {@code drbdadm create-md} and {@code up}; the Chef configuration files copied to the other
 * backend; there the same reconfigure, create-md and up; then both show {@code Connected Secondary/Secondary
 * Inconsistent/Inconsistent}, where {@link FailoverSetup} starts.
 *
 * <p>{@code create-md} runs only where {@code drbdadm dump-md} finds no valid meta data (guard G-MD): on a disk
 * that has some it would overwrite the end of the volume. Installing packages and creating the LVM volume (W1.1-1.3)
 * are left to the operator.
 */
public final class Prepare {
    /** The workflow's name in plans and journals. */
    public static final String NAME = "prepare";

    private Prepare() {}

    /**
     * @param cluster the two backends; {@link ChefHaCluster#primary()} is the bootstrap backend
     * @return the workflow
     */
    public static Workflow workflow(ChefHaCluster cluster) {
        return new Workflow(NAME, cluster, Prepare::steps);
    }

    static List<Step> steps(ChefHaCluster c, Dialects dialects) {
        String p = c.primary();
        String s = c.secondaryBackend().name();
        return List.of(
                CommonSteps.renderConfig(c, true, "render-config-primary"),
                CommonSteps.createMd(c, true, dialects.of(p), "create-md-primary"),
                CommonSteps.up(c, true, dialects.of(p), "up-primary", null),
                CommonSteps.copyConfig(c, false, "copy-config"),
                CommonSteps.renderConfig(c, false, "render-config-secondary"),
                CommonSteps.createMd(c, false, dialects.of(s), "create-md-secondary"),
                CommonSteps.up(
                        c, false, dialects.of(s), "up-secondary", Wait.of(freshPairConnected(c), c.stateTimeout())));
    }
}
