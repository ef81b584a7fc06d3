/**
 * Time as a seam: every wait in drbd4j goes through a {@link io.drbd4j.core.time.Sleeper}, so tests and the
 * simulated DRBD pair can run on virtual time.
 */
@NullMarked
package io.drbd4j.core.time;

import org.jspecify.annotations.NullMarked;
