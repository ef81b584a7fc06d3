/**
 * Publishes what {@code /proc/drbd} says about each device as Micrometer gauges and function counters: {@link
 * io.drbd4j.micrometer.DrbdMetrics} binds them to a registry and re-reads the status once per {@link
 * io.drbd4j.micrometer.DrbdMetrics#refresh() refresh}.
 */
@NullMarked
package io.drbd4j.micrometer;

import org.jspecify.annotations.NullMarked;
