/**
 * Test doubles for code built on drbd4j: {@link io.drbd4j.testkit.SimulatedTime}, virtual time for every wait
 * that goes through the {@link io.drbd4j.core.time.Sleeper} seam, and {@link io.drbd4j.testkit.SimulatedDrbdCluster},
 * a simulated DRBD 8.4 pair answering drbdadm, drbdsetup, {@code /proc/drbd} and the Chef HA host commands, with
 * {@link io.drbd4j.testkit.Faults} on demand, a {@link io.drbd4j.testkit.DataLossDetector} and ready-made
 * {@link io.drbd4j.testkit.Scenarios}.
 */
@NullMarked
package io.drbd4j.testkit;

import org.jspecify.annotations.NullMarked;
