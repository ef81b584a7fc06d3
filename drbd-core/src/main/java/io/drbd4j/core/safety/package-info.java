/**
 * What a {@code /proc/drbd} status means for the data: which node holds the current copy, whether either node
 * can be lost without losing acknowledged writes, whether a resync runs and where, and whether the status looks
 * like a split brain.
 *
 * <p>{@link io.drbd4j.core.safety.DataSafety} judges one node's {@link io.drbd4j.core.model.DeviceStatus}, or
 * both nodes' statuses of the same resource, and returns a {@link io.drbd4j.core.safety.SafetyReport}. Every
 * answer is {@link io.drbd4j.core.safety.Verdict#YES YES}, {@link io.drbd4j.core.safety.Verdict#NO NO} or an
 * explicit {@link io.drbd4j.core.safety.Verdict#UNKNOWN UNKNOWN} when the text cannot tell, and carries one
 * sentence an operator can act on. The judgement is a pure function of its inputs: no I/O, no clock.
 *
 * <p>Every value is immutable and thread-safe. Sizes are KiB, progress is per-mille, durations are whole
 * seconds as the kernel prints them.
 */
@Drbd4jStyle
@NullMarked
package io.drbd4j.core.safety;

import io.drbd4j.core.Drbd4jStyle;
import org.jspecify.annotations.NullMarked;
