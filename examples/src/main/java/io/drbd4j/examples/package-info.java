/**
 * Small programs, one per task, that the README shows in full: each compiles against the published modules alone and
 * runs where there is no DRBD (on the test kit's simulated pair, a sample of {@code /proc/drbd}, or any ssh host).
 */
package io.drbd4j.examples;
