/**
 * A real DRBD 8.4.11 pair for tests: {@link io.drbd4j.testbed.RealDrbdPair} boots qemu VMs (TCG) from an image
 * built out of this machine's Debian packages ({@link io.drbd4j.testbed.TestbedImage}), hands out an ssh {@code
 * CommandRunner} per host and breaks the pair on demand ({@link io.drbd4j.testbed.VmFaults}) the way the test kit's
 * simulated pair is broken. Chef Server is stood in for by a small {@code chef-server-ctl} inside the VMs; DRBD, mkfs,
 * mount and ssh are real.
 *
 * <p>Network: the VMs reach nothing; the host reaches each VM's sshd through a port on 127.0.0.1, and the two VMs'
 * replication link is qemu's UDP socket backend on 127.0.0.1.
 */
@NullMarked
package io.drbd4j.testbed;

import org.jspecify.annotations.NullMarked;
