/**
 * Watching a node's DRBD state as it changes: {@link io.drbd4j.exec.watch.DrbdWatcher} reads DRBD's own event
 * stream ({@code drbdsetup events}) or {@code /proc/drbd} (a local file polled, or a remote loop that prints it
 * when it changed, over one long-lived command) and hands typed changes to a listener.
 */
@NullMarked
package io.drbd4j.exec.watch;

import org.jspecify.annotations.NullMarked;
