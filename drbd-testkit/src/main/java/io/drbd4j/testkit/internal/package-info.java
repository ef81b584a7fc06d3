/**
 * The machinery behind the simulated DRBD hosts: argv emulation of drbdadm and drbdsetup, the hosts' files,
 * mounts and services. Not exported; nothing here is API.
 */
package io.drbd4j.testkit.internal;
