/**
 * The Chef Server HA procedures on DRBD (chef-ha-procedures.md W1, W2, W4-W7, W9) as workflows that refuse a dangerous step in
 * the wrong state and say why. A {@link io.drbd4j.chef.ChefHaCluster} names the two backends and how to reach them;
 * a {@link io.drbd4j.chef.Workflow} ({@link io.drbd4j.chef.Prepare}, {@link io.drbd4j.chef.FailoverSetup}, {@link
 * io.drbd4j.chef.RecoverPrimary}, {@link io.drbd4j.chef.Switchover}, {@link io.drbd4j.chef.RejoinSecondary}, {@link
 * io.drbd4j.chef.ReplaceSecondary}, {@link io.drbd4j.chef.SplitBrainRecovery}) is a short list of
 * {@link io.drbd4j.chef.Step}s that can be planned (a dry run), run with a {@link io.drbd4j.chef.ProgressListener}
 * and a {@link io.drbd4j.chef.Journal}, and resumed after a crash; {@link io.drbd4j.chef.HaStatus} reads both
 * backends at once. Uses only the public APIs of drbd-core and drbd-exec.
 */
@Drbd4jStyle
package io.drbd4j.chef;

import io.drbd4j.core.Drbd4jStyle;
