/**
 * Watching DRBD without polling its whole state by hand: {@link io.drbd4j.core.watch.DrbdChangeTracker} turns
 * successive readings of {@code /proc/drbd}, or the lines of {@code drbdsetup events}, into typed {@link
 * io.drbd4j.core.watch.DrbdChange changes} for a {@link io.drbd4j.core.watch.DrbdChangeListener}, allocating
 * nothing while nothing changes.
 */
@NullMarked
package io.drbd4j.core.watch;

import org.jspecify.annotations.NullMarked;
