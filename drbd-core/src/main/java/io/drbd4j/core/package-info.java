/**
 * The root of drbd4j: the unchecked {@link io.drbd4j.core.DrbdException} every drbd4j error extends, and
 * the {@link io.drbd4j.core.Drbd4jStyle} shared by every immutable value.
 */
@NullMarked
package io.drbd4j.core;

import org.jspecify.annotations.NullMarked;
