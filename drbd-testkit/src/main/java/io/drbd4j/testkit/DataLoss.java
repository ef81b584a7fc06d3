package io.drbd4j.testkit;

import java.util.List;
import java.util.Objects;

/**
 * Acknowledged writes that no surviving copy holds any more, and what made them go.
 *
 * @param kind a violation (a command overwrote or dropped the only copy), a fault loss, or an accepted loss
 * @param generations the lost writes' generation numbers, ascending
 * @param host the host the causing command ran on, or "" for a fault
 * @param argv the causing command, empty for a fault
 * @param step the step the command belonged to ({@link SimulatedDrbdCluster#step}), or ""
 * @param cause a readable cause: {@code be1: drbdadm connect --discard-my-data pc0} or {@code fault: ...}
 * @param reason the reason given to {@link SimulatedDrbdCluster#acceptLoss} for an accepted loss, or ""
 */
public record DataLoss(
        Kind kind, List<Long> generations, String host, List<String> argv, String step, String cause, String reason) {
    /** How a loss came about. */
    public enum Kind {
        /** A command dropped or overwrote the only copy of acknowledged writes. */
        VIOLATION,
        /** A fault alone (a host gone for good, a failed disk) took the only copy. */
        FAULT,
        /** A loss declared acceptable beforehand with {@link SimulatedDrbdCluster#acceptLoss}. */
        ACCEPTED
    }

    /**
     * Checks and copies the values.
     *
     * @param kind a violation, a fault loss, or an accepted loss
     * @param generations the lost writes' generation numbers, ascending
     * @param host the host the causing command ran on, or "" for a fault
     * @param argv the causing command, empty for a fault
     * @param step the step the command belonged to, or ""
     * @param cause a readable cause
     * @param reason the reason given for an accepted loss, or ""
     */
    public DataLoss {
        Objects.requireNonNull(kind, "kind");
        generations = List.copyOf(generations);
        Objects.requireNonNull(host, "host");
        argv = List.copyOf(argv);
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return kind + ": " + generations.size() + " acknowledged write(s) lost by " + cause
                + (step.isEmpty() ? "" : " (step " + step + ")") + (reason.isEmpty() ? "" : ", accepted: " + reason);
    }
}
