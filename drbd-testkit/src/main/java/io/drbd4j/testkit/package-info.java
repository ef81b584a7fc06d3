/**
 * Test doubles for code built on drbd4j: {@link io.drbd4j.testkit.SimulatedTime}, virtual time for every wait
 * that goes through the {@link io.drbd4j.core.time.Sleeper} seam.
 */
package io.drbd4j.testkit;
