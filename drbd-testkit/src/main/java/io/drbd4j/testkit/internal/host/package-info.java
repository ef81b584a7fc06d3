/**
 * The simulated host environment under the simulated DRBD pair: one machine's in-memory files, block devices,
 * mounts, listening ports and Chef Server service state, answering the shell commands the Chef HA workflows run
 * ({@code mkfs.ext4}, {@code blkid}, {@code mount}, {@code chef-server-ctl}, ...) with the real tools' texts and exit
 * codes. DRBD devices are reached through {@link io.drbd4j.testkit.internal.host.DeviceGate}, which the DRBD layer
 * implements. Not exported; nothing here is API.
 */
package io.drbd4j.testkit.internal.host;
