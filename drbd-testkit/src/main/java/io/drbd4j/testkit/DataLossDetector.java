package io.drbd4j.testkit;

import io.drbd4j.testkit.internal.drbd.DrbdNode;
import io.drbd4j.testkit.internal.drbd.DrbdPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Watches a {@link SimulatedDrbdCluster} for lost data. Every acknowledged write has a generation number; after
 * every command and fault the detector looks for acknowledged writes that no surviving copy holds: a host that is
 * not gone for good, whose data is reachable (UpToDate, or the current data of a Primary; for a host that is down,
 * metadata that says UpToDate). Each such loss is reported once, naming what caused it: a command (such as
 * {@code connect --discard-my-data} or {@code invalidate} on the only UpToDate node, which makes it a SyncTarget)
 * is a violation; a fault alone is a fault loss; either is accepted after {@link SimulatedDrbdCluster#acceptLoss}.
 * A {@code connect --discard-my-data} that waited for its peer is blamed for the loss of the handshake it took
 * part in, whatever command or fault brought the handshake about.
 */
public final class DataLossDetector {
    private final DrbdPair pair;
    private final Predicate<String> gone;
    private final Set<Long> lost = new HashSet<>();
    private final List<DataLoss> entries = new ArrayList<>();
    private final Map<String, Cause> pendingDiscards = new HashMap<>();
    private String acceptReason = "";

    /** What ran just before a check: a command (host, argv, step) or a fault. */
    record Cause(String host, List<String> argv, String step, String fault, String trigger) {
        Cause(String host, List<String> argv, String step, String fault) {
            this(host, argv, step, fault, "");
        }

        static Cause fault(String what) {
            return new Cause("", List.of(), "", what);
        }

        /**
         * Returns this command, blamed for a loss that {@code trigger} brought about.
         *
         * @return this command, blamed for a loss that {@code trigger} brought about
         */
        Cause after(Cause trigger) {
            return new Cause(host, argv, step, fault, trigger.describe());
        }

        String describe() {
            String what = fault.isEmpty() ? host + ": " + String.join(" ", argv) : "fault: " + fault;
            return trigger.isEmpty() ? what : what + " (handshake after " + trigger + ")";
        }
    }

    DataLossDetector(DrbdPair pair, Predicate<String> gone) {
        this.pair = pair;
        this.gone = gone;
    }

    /**
     * Returns every loss so far, in the order found (after a last check).
     *
     * @return every loss so far, in the order found (after a last check)
     */
    public synchronized List<DataLoss> report() {
        check(Cause.fault("found at report"));
        return List.copyOf(entries);
    }

    /**
     * Returns the losses caused by commands and not accepted.
     *
     * @return the losses caused by commands and not accepted
     */
    public List<DataLoss> violations() {
        return report().stream()
                .filter(l -> l.kind() == DataLoss.Kind.VIOLATION)
                .toList();
    }

    /**
     * Returns how many writes were acknowledged so far.
     *
     * @return how many writes were acknowledged so far
     */
    public long acknowledgedWrites() {
        return pair.lastGeneration();
    }

    synchronized void acceptLoss(String reason) {
        acceptReason = reason;
        pair.log("loss accepted: " + reason);
    }

    /** Records the acknowledged writes no surviving copy holds any more, blaming {@code cause}. */
    synchronized void check(Cause cause) {
        List<Long> found = new ArrayList<>();
        Cause blame = cause;
        synchronized (pair) {
            List<DrbdNode> survivors = new ArrayList<>();
            for (DrbdNode n : List.of(pair.first(), pair.second())) {
                if (!gone.test(n.name()) && n.dataReachable()) {
                    survivors.add(n);
                }
            }
            for (long g = 1; g <= pair.lastGeneration(); g++) {
                if (!lost.contains(g) && !held(survivors, g)) {
                    found.add(g);
                }
            }
            for (DrbdNode n : List.of(pair.first(), pair.second())) {
                Cause discard = pendingDiscards.get(n.name());
                if (discard != null && !n.discardsMyData()) {
                    blame = found.isEmpty() ? blame : discard.after(cause);
                    pendingDiscards.remove(n.name());
                } else if (n.discardsMyData() && n.name().equals(cause.host())) {
                    pendingDiscards.put(n.name(), cause);
                }
            }
        }
        if (found.isEmpty()) {
            return;
        }
        lost.addAll(found);
        DataLoss.Kind kind = !acceptReason.isEmpty()
                ? DataLoss.Kind.ACCEPTED
                : blame.fault().isEmpty() ? DataLoss.Kind.VIOLATION : DataLoss.Kind.FAULT;
        DataLoss loss =
                new DataLoss(kind, found, blame.host(), blame.argv(), blame.step(), blame.describe(), acceptReason);
        entries.add(loss);
        pair.log("data loss: " + loss);
    }

    private static boolean held(List<DrbdNode> survivors, long g) {
        for (DrbdNode n : survivors) {
            if (n.holds(g)) {
                return true;
            }
        }
        return false;
    }
}
