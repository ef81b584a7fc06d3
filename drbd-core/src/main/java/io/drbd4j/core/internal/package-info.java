/**
 * Byte-level helpers of drbd-core: label tables that map kernel labels to enum constants without allocating.
 * Not exported; nothing here is API.
 */
package io.drbd4j.core.internal;
