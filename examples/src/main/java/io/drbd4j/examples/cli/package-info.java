/**
 * The {@code drbd4j} command line: picocli commands that read DRBD's state, on this host or over ssh, and print it
 * as a table or as JSON, that show the drbdadm commands drbd4j would run in each userland dialect, and that plan,
 * demonstrate (on the test kit's simulated pair) and check the Chef HA workflows, and a Nagios plugin ({@code check})
 * that turns drbd-core's data-safety verdicts into monitoring states.
 *
 * <p>{@link io.drbd4j.examples.cli.Drbd4jCommand} is the entry point; each subcommand is one class. Commands run
 * in-process through {@link io.drbd4j.examples.cli.Drbd4jCommand#run(java.io.PrintWriter, java.io.PrintWriter,
 * String...)}, which returns the exit code instead of exiting, so tests and other tools can call them.
 */
package io.drbd4j.examples.cli;
