/**
 * The simulated DRBD 8.4 state machine behind {@code io.drbd4j.testkit.SimulatedDrbdCluster}: per-node state
 * ({@link io.drbd4j.testkit.internal.drbd.DrbdNode}), the pair and its link with the handshake and the resync
 * ({@link io.drbd4j.testkit.internal.drbd.DrbdPair}), drbdadm/drbdsetup commands
 * ({@link io.drbd4j.testkit.internal.drbd.DrbdCommands}) and the {@code /proc/drbd} view
 * ({@link io.drbd4j.testkit.internal.drbd.ProcView}).
 */
package io.drbd4j.testkit.internal.drbd;
