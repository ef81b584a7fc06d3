package io.drbd4j.chef.guards;

import io.drbd4j.chef.Backend;
import io.drbd4j.chef.engine.Condition;
import io.drbd4j.chef.engine.HostState;
import io.drbd4j.chef.engine.Pair;
import io.drbd4j.chef.engine.Side;
import java.util.Optional;

/**
 * The host identity guard: each runner reaches the backend it is named for. DRBD picks a resource's {@code on} section by the node
 * name ({@code uname -n}); the replication address must be one of the host's own. Two runners swapped (a typo in an
 * ssh target) would otherwise make a workflow keep the wrong copy and discard the one the operator chose.
 */
public final class Identity {
    private Identity() {}

    /**
     * Returns both backends answer as the names and addresses the cluster gives them.
     *
     * @return both backends answer as the names and addresses the cluster gives them
     */
    public static Condition proven(Pair p) {
        String who = p.reached().size() == 2
                ? p.name(Side.KEEPER) + " and " + p.name(Side.OTHER) + " each answer"
                : p.name(Side.KEEPER) + " answers";
        return new Condition(
                who + " as the backend named (uname -n, and the replication address among ip addr's)",
                s -> p.reached().stream()
                        .map(side -> mismatch(s.host(side)))
                        .flatMap(Optional::stream)
                        .findFirst());
    }

    private static Optional<String> mismatch(HostState host) {
        Backend named = host.backend();
        if (!host.nodeName().equals(named.name())) {
            return Optional.of("the runner of " + named.name() + " reaches a host whose uname -n is " + host.nodeName()
                    + ": the runners or ssh targets are swapped or wrong");
        }
        if (isAddress(named.address()) && !host.addresses().contains(named.address())) {
            return Optional.of("the runner of " + named.name() + " reaches a host without " + named.address()
                    + " (its addresses: " + String.join(", ", host.addresses()) + ")");
        }
        return Optional.empty();
    }

    /**
     * Returns whether it is an IPv4 or IPv6 literal (a host name is not compared).
     *
     * @return whether it is an IPv4 or IPv6 literal (a host name is not compared)
     */
    static boolean isAddress(String address) {
        return address.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") || address.contains(":");
    }

    /**
     * Returns what each backend answered as, for the journal.
     *
     * @return what each backend answered as, for the journal
     */
    public static String seen(Pair p, io.drbd4j.chef.engine.LiveState s) {
        StringBuilder out = new StringBuilder();
        for (Side side : p.reached()) {
            HostState host = s.host(side);
            out.append(out.length() == 0 ? "" : "; ")
                    .append(p.name(side))
                    .append(": uname -n ")
                    .append(host.nodeName())
                    .append(", addresses ")
                    .append(String.join(" ", host.addresses()));
        }
        return out.toString();
    }
}
