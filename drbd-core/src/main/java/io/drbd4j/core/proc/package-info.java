/**
 * Reading {@code /proc/drbd}: {@link io.drbd4j.core.proc.ProcDrbdReader}, a zero-allocation pull reader over
 * a reused buffer, and {@link io.drbd4j.core.proc.ProcDrbdParser}, which builds the immutable model on it,
 * strictly or leniently.
 */
@NullMarked
package io.drbd4j.core.proc;

import org.jspecify.annotations.NullMarked;
