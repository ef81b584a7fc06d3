package io.drbd4j.chef;

import io.drbd4j.chef.engine.Pair;
import io.drbd4j.chef.engine.Side;
import io.drbd4j.chef.engine.Step;
import io.drbd4j.chef.engine.Wait;
import io.drbd4j.chef.guards.Drbd;
import java.util.List;

/**
 * The DRBD part of a Chef HA install before failover is established: on
 * the bootstrap backend, {@code chef-server-ctl reconfigure} up to its drbd_ready wait (it renders drbd.conf, pc0.res
 * and the secrets), {@code drbdadm create-md} and {@code up}; the Chef configuration files copied to the other
 * backend; there the same reconfigure, create-md and up; then both show {@code Connected Secondary/Secondary
 * Inconsistent/Inconsistent}, where {@link FailoverSetup} starts.
 *
 * <p>{@code create-md} runs only where {@code drbdadm dump-md} finds no valid meta data: on a disk
 * that has some it would overwrite the end of the volume. Installing packages and creating the LVM volume
 * are left to the operator.
 */
public final class Prepare {
    /** The workflow's name in plans and journals. */
    public static final String NAME = "prepare";

    private Prepare() {}

    /** The bootstrap backend: its copy is the one the other backend gets. */
    private static final Side BOOTSTRAP = Side.KEEPER;

    private static final Side SECOND = Side.OTHER;

    /**
     * Returns the workflow.
     *
     * @param cluster the two backends; {@link ChefHaCluster#keeper()} is the bootstrap backend
     * @return the workflow
     */
    public static Workflow workflow(ChefHaCluster cluster) {
        return new Workflow(NAME, cluster, Prepare::steps);
    }

    static List<Step> steps(Pair p) {
        return List.of(
                SharedSteps.renderConfig(p, BOOTSTRAP, "render-config-primary"),
                SharedSteps.createMd(p, BOOTSTRAP, "create-md-primary"),
                SharedSteps.up(p, BOOTSTRAP, "up-primary", null),
                SharedSteps.copyConfig(p, SECOND, "copy-config"),
                SharedSteps.renderConfig(p, SECOND, "render-config-secondary"),
                SharedSteps.createMd(p, SECOND, "create-md-secondary"),
                SharedSteps.up(p, SECOND, "up-secondary", bothConnected(p)));
    }

    /** The end of the preparation: both Connected Secondary/Secondary Inconsistent/Inconsistent. */
    private static Wait bothConnected(Pair p) {
        return Wait.of(Drbd.freshPairConnected(p, BOOTSTRAP), p.cluster().stateTimeout());
    }
}
