/**
 * Argv emulation of drbdadm and drbdsetup for the simulated DRBD pair: how the real tools of drbd-utils 9.22
 * (drbdadm-83, drbdadm-84, drbdsetup-83, drbdsetup-84) split a command line into general options, backend
 * options, the command and its resources, and what they print for bad usage. Deliberately independent of
 * drbd-exec's own argv tables, which it checks. Not exported; nothing here is API.
 */
package io.drbd4j.testkit.internal.argv;
