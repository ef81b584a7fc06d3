/**
 * Running commands: {@link io.drbd4j.exec.runner.CommandRunner} is the one seam to the operating system, with
 * {@link io.drbd4j.exec.runner.CommonsExecRunner} for this host and {@link io.drbd4j.exec.runner.SshRunner} for
 * another. A non-zero exit is a result; only failing to run, running out of time, or the caller's interrupt is an exception. {@link
 * io.drbd4j.exec.runner.RedactingCommandRunner} wraps any runner so that what comes back carries no secret its
 * {@link io.drbd4j.exec.runner.Redactor} knows.
 */
@Drbd4jStyle
@NullMarked
package io.drbd4j.exec.runner;

import io.drbd4j.core.Drbd4jStyle;
import org.jspecify.annotations.NullMarked;
