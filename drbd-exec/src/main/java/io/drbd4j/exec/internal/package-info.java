/** Helpers of drbd-exec that are not API: POSIX shell quoting. */
package io.drbd4j.exec.internal;
