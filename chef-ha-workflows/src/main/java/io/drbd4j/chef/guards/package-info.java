/**
 * The workflows' guards, each written once and taking the part ({@link io.drbd4j.chef.engine.Side}) of the backend
 * it looks at: DRBD's roles, disks and connection ({@link io.drbd4j.chef.guards.Drbd}, the split-brain signature in
 * {@link io.drbd4j.chef.guards.SplitBrain}), meta data ({@link io.drbd4j.chef.guards.MetaData}), filesystem and mount
 * ({@link io.drbd4j.chef.guards.Filesystem}), keepalived ({@link io.drbd4j.chef.guards.Keepalived}), services
 * ({@link io.drbd4j.chef.guards.Services}), the bootstrap, the secrets and Chef's own files
 * ({@link io.drbd4j.chef.guards.ChefFiles}), fencing ({@link io.drbd4j.chef.guards.Fence}) and the network
 * ({@link io.drbd4j.chef.guards.Network}). Not exported.
 */
@Drbd4jStyle
package io.drbd4j.chef.guards;

import io.drbd4j.core.Drbd4jStyle;
