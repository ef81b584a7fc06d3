package io.drbd4j.chef;

import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.Role;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What both backends show when neither is Primary (the Chef guide's scenario 5), for an operator choosing the copy to
 * keep: each one's DRBD state, {@code oos}, generation identifiers, last "Transitioned to master" line in Chef's
 * cluster.log and {@code current_cluster_status}, and what the generation identifiers say of the two copies.
 *
 * <p>The guide's rule, "promote the one with the lower oos", is not applied: on a disconnected pair {@code oos} counts
 * the blocks a node wrote that its peer lacks, so the lower one can be the node missing the newest writes. Where the
 * generation identifiers tell, {@link #newest()} names the node holding them; where they do not, nothing is picked.
 *
 * @param nodes both backends, the cluster's keeper first
 * @param relation the generation identifiers' verdict, the keeper first
 * @param relationWords the verdict in words
 */
public record SecondaryEvidence(List<Node> nodes, DataRelation relation, String relationWords) {
    /**
     * One backend's evidence.
     *
     * @param host its name
     * @param drbd its DRBD state in words, such as {@code WFConnection Secondary/Unknown UpToDate/DUnknown}
     * @param role its role; empty when its resource is down
     * @param disk its disk state; empty when its resource is down
     * @param outOfSyncKiB its {@code oos} counter: blocks it knows differ from its peer
     * @param generations {@code drbdadm get-gi}, or {@code absent (no meta data)}
     * @param lastMaster the last "Transitioned to master" line of its cluster.log; empty when none
     * @param clusterStatus keepalived's {@code current_cluster_status}; empty when absent
     */
    public record Node(
            String host,
            String drbd,
            Optional<Role> role,
            Optional<DiskState> disk,
            long outOfSyncKiB,
            String generations,
            Optional<String> lastMaster,
            Optional<String> clusterStatus) {
        /**
         * Checks the parts.
         *
         * @param host its name
         * @param drbd its DRBD state in words
         * @param role its role; empty when its resource is down
         * @param disk its disk state; empty when its resource is down
         * @param outOfSyncKiB its {@code oos} counter
         * @param generations {@code drbdadm get-gi}, or {@code absent (no meta data)}
         * @param lastMaster the last "Transitioned to master" line of its cluster.log; empty when none
         * @param clusterStatus keepalived's {@code current_cluster_status}; empty when absent
         */
        public Node {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(drbd, "drbd");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(disk, "disk");
            Objects.requireNonNull(generations, "generations");
            Objects.requireNonNull(lastMaster, "lastMaster");
            Objects.requireNonNull(clusterStatus, "clusterStatus");
        }
    }

    /**
     * Copies the list.
     *
     * @param nodes both backends, the cluster's keeper first
     * @param relation the generation identifiers' verdict, the keeper first
     * @param relationWords the verdict in words
     */
    public SecondaryEvidence {
        nodes = List.copyOf(nodes);
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(relationWords, "relationWords");
        if (nodes.size() != 2) {
            throw new IllegalArgumentException("evidence of " + nodes.size() + " backends (expected: 2)");
        }
    }

    /**
     * Returns the backend whose copy holds every write of the other and more, where the generation identifiers tell;
     * empty when the two hold the same data or the identifiers cannot tell.
     *
     * @return the backend with the newest data, where the generation identifiers tell
     */
    public Optional<String> newest() {
        return switch (relation) {
            case FIRST_NEWER -> Optional.of(nodes.get(0).host());
            case SECOND_NEWER -> Optional.of(nodes.get(1).host());
            default -> Optional.empty();
        };
    }

    /**
     * Returns the evidence as lines for a terminal.
     *
     * @return the evidence as lines for a terminal
     */
    public String toText() {
        StringBuilder out = new StringBuilder();
        for (Node n : nodes) {
            out.append(n.host())
                    .append(": ")
                    .append(n.drbd())
                    .append("; oos ")
                    .append(n.outOfSyncKiB())
                    .append(" KiB; get-gi ")
                    .append(n.generations())
                    .append("; current_cluster_status ")
                    .append(n.clusterStatus().orElse("absent"))
                    .append("; last 'Transitioned to master': ")
                    .append(n.lastMaster().orElse("none in cluster.log"))
                    .append('\n');
        }
        out.append(relationWords).append('\n');
        out.append(newest().map(h -> "keep " + h + ": it holds the newest writes")
                        .orElse("the generation identifiers name no newest copy: choose the copy to keep from the"
                                + " evidence above (the lower oos is not the rule: on a disconnected pair it can be"
                                + " the node that lacks the newest writes)"))
                .append('\n');
        return out.toString();
    }
}
