/**
 * The guards of chef-ha-procedures.md §3, each written once and taking the part ({@link
 * io.drbd4j.chef.engine.Side}) of the backend it looks at: G-DRBD ({@link io.drbd4j.chef.guards.Drbd}, the split-brain
 * signature in {@link io.drbd4j.chef.guards.SplitBrain}), G-MD ({@link io.drbd4j.chef.guards.MetaData}), G-FS and
 * G-MNT ({@link io.drbd4j.chef.guards.Filesystem}), G-KA ({@link io.drbd4j.chef.guards.Keepalived}), G-SVC ({@link
 * io.drbd4j.chef.guards.Services}), G-BOOT, G-SECRETS and Chef's own files ({@link io.drbd4j.chef.guards.ChefFiles}),
 * G-FENCE ({@link io.drbd4j.chef.guards.Fence}) and G-NET ({@link io.drbd4j.chef.guards.Network}). Not exported.
 */
@Drbd4jStyle
package io.drbd4j.chef.guards;

import io.drbd4j.core.Drbd4jStyle;
