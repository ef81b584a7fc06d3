package io.drbd4j.chef;

import io.drbd4j.core.DrbdException;
import io.drbd4j.exec.CommandFailedException;
import io.drbd4j.exec.ExitClass;
import io.drbd4j.exec.StateChangeError;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A workflow stopped: a guard refused a step, a command failed or ran out of time, a wait timed out, the state could
 * not be read, the caller stopped it, or the journal does not belong to this run. The message is written for an operator: the step, the
 * state seen, the state required, and what to do.
 */
public final class WorkflowException extends DrbdException {
    private static final long serialVersionUID = 1L;

    /** Why the workflow stopped. */
    public enum Reason {
        /** a guard found the state unsafe for the step; nothing was run */
        REFUSED,
        /** a command of the step exited with an error or could not run */
        COMMAND_FAILED,
        /** a wait ran out of time, or a command hit its timeout */
        TIMED_OUT,
        /** the state a step waits for can no longer come without help, such as a resync whose connection broke */
        STUCK,
        /** the thread running the workflow was interrupted; the interrupt flag is set again */
        INTERRUPTED,
        /**
         * the caller stopped the run where no command was cut short ({@link ProgressListener#beforeStep}, {@link
         * ProgressListener#stopRequested}): a confirmation not given, a Ctrl-C; resumable
         */
        STOPPED,
        /** the state could not be read: a probe failed, or /proc/drbd or the dialect is not understood */
        STATE_UNKNOWN,
        /** the journal belongs to another run or is damaged */
        JOURNAL,
        /** the cluster's settings ask a backend's DRBD for something its dialect cannot do; nothing was run */
        UNSUPPORTED,
        /** another drbd4j run holds the cluster's lock; nothing was run */
        LOCKED
    }

    /** Why the workflow stopped. */
    private final Reason reason;

    /** The workflow's name. */
    private final String workflow;

    /** The step's id. */
    private final String step;

    /** The step's backend; null for a step of the whole cluster. */
    private final @Nullable String host;

    /** The state or result seen. */
    private final String seen;

    /** The state or result required. */
    private final String required;

    /** What the operator can do. */
    private final String advice;

    /**
     * Creates the exception for a workflow that stopped at a step.
     *
     * @param reason why it stopped
     * @param workflow the workflow's name
     * @param step the step's id
     * @param host the step's backend; null for a step of the whole cluster
     * @param seen the state or result seen
     * @param required the state or result required
     * @param advice what the operator can do
     * @param cause the underlying failure, or null
     */
    public WorkflowException(
            Reason reason,
            String workflow,
            String step,
            @Nullable String host,
            String seen,
            String required,
            String advice,
            @Nullable Throwable cause) {
        super(message(reason, workflow, step, host, seen, required, advice), cause);
        this.reason = reason;
        this.workflow = workflow;
        this.step = step;
        this.host = host;
        this.seen = seen;
        this.required = required;
        this.advice = advice;
    }

    private static String message(
            Reason reason,
            String workflow,
            String step,
            @Nullable String host,
            String seen,
            String required,
            String advice) {
        String what =
                switch (reason) {
                    case REFUSED -> "refused";
                    case COMMAND_FAILED -> "failed";
                    case TIMED_OUT -> "timed out";
                    case STUCK -> "stopped waiting";
                    case INTERRUPTED -> "interrupted";
                    case STOPPED -> "stopped by the caller";
                    case STATE_UNKNOWN -> "stopped: state unknown";
                    case JOURNAL -> "stopped: journal";
                    case UNSUPPORTED -> "cannot be planned";
                    case LOCKED -> "refused: another run holds the lock";
                };
        return workflow + ": step " + step + (host == null ? "" : " on " + host) + " " + what + ". Seen: " + seen
                + ". Required: " + required + ". What to do: " + advice;
    }

    /**
     * Returns why the workflow stopped.
     *
     * @return why the workflow stopped
     */
    public Reason reason() {
        return reason;
    }

    /**
     * Returns the workflow, such as {@code failover-setup}.
     *
     * @return the workflow, such as {@code failover-setup}
     */
    public String workflow() {
        return workflow;
    }

    /**
     * Returns the id of the step that stopped, such as {@code force-primary}.
     *
     * @return the id of the step that stopped, such as {@code force-primary}
     */
    public String step() {
        return step;
    }

    /**
     * Returns the host of the step; empty for a step of the whole cluster.
     *
     * @return the host of the step; empty for a step of the whole cluster
     */
    public Optional<String> host() {
        return Optional.ofNullable(host);
    }

    /**
     * Returns the state (or the command's result) seen.
     *
     * @return the state (or the command's result) seen
     */
    public String seen() {
        return seen;
    }

    /**
     * Returns the state the step requires, or what the command had to do.
     *
     * @return the state the step requires, or what the command had to do
     */
    public String required() {
        return required;
    }

    /**
     * Returns what the operator can do.
     *
     * @return what the operator can do
     */
    public String advice() {
        return advice;
    }

    /**
     * Returns the command that failed, with its argv, exit code, output and DRBD's reason, for COMMAND_FAILED when it
     * ran to its end.
     *
     * @return the command that failed, with its argv, exit code, output and DRBD's reason, for COMMAND_FAILED when it
     *     ran to its end
     */
    public Optional<CommandFailedException> commandFailure() {
        return getCause() instanceof CommandFailedException e ? Optional.of(e) : Optional.empty();
    }

    /**
     * Returns what the failed command's exit code means, for COMMAND_FAILED when it ran to its end.
     *
     * @return what the failed command's exit code means, for COMMAND_FAILED when it ran to its end
     */
    public Optional<ExitClass> exitClass() {
        return commandFailure().map(CommandFailedException::exitClass);
    }

    /**
     * Returns the reason DRBD gave for refusing, such as {@code (-2) Need access to UpToDate data}, when a drbdadm
     * command failed with one.
     *
     * @return the reason DRBD gave for refusing, such as {@code (-2) Need access to UpToDate data}, when a drbdadm
     *     command failed with one
     */
    public Optional<StateChangeError> stateChangeError() {
        return commandFailure().flatMap(CommandFailedException::stateChangeError);
    }
}
