/**
 * Checks for what users pass to drbd4j (resource names, device paths, mount points, host and user names, rates
 * and sizes), so that no value can turn into an extra option or shell code.
 */
@NullMarked
package io.drbd4j.exec;

import org.jspecify.annotations.NullMarked;
