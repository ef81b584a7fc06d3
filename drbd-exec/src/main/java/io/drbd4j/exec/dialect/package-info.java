/**
 * What to type for each DRBD operation in each userland dialect (8.4 and 8.3 drbdadm syntax), which dialect a
 * host speaks, and the platform presets of the Chef HA guide. Everything here is pure except
 * {@link io.drbd4j.exec.dialect.DialectDetector}, which asks the host.
 */
@Drbd4jStyle
@NullMarked
package io.drbd4j.exec.dialect;

import io.drbd4j.core.Drbd4jStyle;
import org.jspecify.annotations.NullMarked;
