/**
 * The engine behind the procedures, not exported: steps and their guards as data ({@link
 * io.drbd4j.chef.engine.Step}, {@link io.drbd4j.chef.engine.Condition}, {@link io.drbd4j.chef.engine.Wait}), the
 * live state they are checked against ({@link io.drbd4j.chef.engine.LiveState}), the two backends' parts in a
 * workflow ({@link io.drbd4j.chef.engine.Side}) and their dialects ({@link io.drbd4j.chef.engine.Pair}), the run
 * itself ({@link io.drbd4j.chef.engine.Execution}) and the one place that turns each run event into the journal line,
 * the log line and the listener call ({@link io.drbd4j.chef.engine.RunEvents}).
 */
@Drbd4jStyle
package io.drbd4j.chef.engine;

import io.drbd4j.core.Drbd4jStyle;
