/**
 * The typed, immutable model of what {@code /proc/drbd} says: {@link io.drbd4j.core.model.ProcDrbdStatus}
 * with one {@link io.drbd4j.core.model.DeviceStatus} per minor, and enums that carry the kernel's exact
 * labels.
 *
 * <p>Every value is immutable and thread-safe. Absence is {@code Optional}, never {@code null}: a field the
 * input did not print is empty, never a made-up default.
 */
@Drbd4jStyle
@NullMarked
package io.drbd4j.core.model;

import io.drbd4j.core.Drbd4jStyle;
import org.jspecify.annotations.NullMarked;
