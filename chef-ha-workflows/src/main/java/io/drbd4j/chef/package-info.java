/**
 * The Chef Server HA procedures on DRBD (failover setup, switchover, rejoining or replacing a
 * secondary, recovering from a lost primary, split-brain recovery) as workflows that refuse a dangerous
 * step in the wrong state and say why. A {@link io.drbd4j.chef.ChefHaCluster} names the two backends, how to reach
 * them and which one is the keeper (the backend whose data the workflow keeps); a {@link io.drbd4j.chef.Workflow}
 * ({@link io.drbd4j.chef.Prepare}, {@link io.drbd4j.chef.FailoverSetup}, {@link io.drbd4j.chef.RecoverPrimary},
 * {@link io.drbd4j.chef.Switchover}, {@link io.drbd4j.chef.RejoinSecondary}, {@link io.drbd4j.chef.ReplaceSecondary},
 * {@link io.drbd4j.chef.SplitBrainRecovery}) is a short list of steps, each shown as a {@link
 * io.drbd4j.chef.PlannedStep} with every command it runs, that can be planned (a dry run), run with a {@link
 * io.drbd4j.chef.ProgressListener} and a {@link io.drbd4j.chef.Journal}, and resumed after a crash; {@link
 * io.drbd4j.chef.HaStatus} reads both backends at once. Each procedure's {@code steps} reads like the guide; the
 * guards they name ({@code io.drbd4j.chef.guards}) and the engine that runs them ({@code io.drbd4j.chef.engine}) are
 * not exported. Uses only the public APIs of drbd-core and drbd-exec.
 */
@Drbd4jStyle
@NullMarked
package io.drbd4j.chef;

import io.drbd4j.core.Drbd4jStyle;
import org.jspecify.annotations.NullMarked;
