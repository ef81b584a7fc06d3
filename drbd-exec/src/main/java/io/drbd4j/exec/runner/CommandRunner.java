package io.drbd4j.exec.runner;

import java.util.Optional;

/**
 * The one seam through which drbd4j runs anything on a host. Production code gets a {@link CommonsExecRunner}
 * or an {@link SshRunner}; tests get a scripted runner or the simulated DRBD pair of drbd-testkit.
 *
 * <p>A {@link Command} holds at most {@link Command#MAX_ARGUMENT_BYTES} per argument whichever runner runs it, so
 * one long argument that runs on this host also runs over ssh. Implementations are thread-safe.
 */
public interface CommandRunner {
    /**
     * Runs the command to its end.
     *
     * @param command what to run
     * @return its exit code and output, whatever the exit code
     * @throws CommandTimeoutException when it ran past its timeout (it and its children were killed)
     * @throws CommandStartException when it could not be started at all
     * @throws CommandInterruptedException when the calling thread was interrupted (it and its children were killed;
     *     the interrupt flag stays set)
     */
    CommandResult run(Command command);

    /**
     * Starts a command whose standard output is read while it runs, where this runner can; the default cannot.
     * {@link CommonsExecRunner} and {@link SshRunner} can, and so can drbd-testkit's simulated hosts.
     *
     * @param command what to run; its timeout ends the stream
     * @return the running command, or empty when this runner cannot stream
     * @throws CommandStartException when it could not be started at all
     */
    default Optional<CommandStream> stream(Command command) {
        return Optional.empty();
    }
}
