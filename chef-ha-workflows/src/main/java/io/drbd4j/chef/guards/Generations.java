package io.drbd4j.chef.guards;

import io.drbd4j.chef.engine.Condition;
import io.drbd4j.chef.engine.Pair;
import io.drbd4j.chef.engine.Side;
import io.drbd4j.exec.GenerationIdentifiers;
import java.util.Optional;

/**
 * The DRBD guard on DRBD's own record of the data ({@code drbdadm get-gi}): whether a disk ever
 * held this resource's data, and whether a node took writes of its own while apart. What a connection state only
 * suggests, the generation identifiers prove.
 */
public final class Generations {
    private Generations() {}

    /**
     * Returns the backend's disk holds nothing of this resource: no valid meta data, or meta data {@code create-md}
     * just wrote (current UUID {@code 4}, no bitmap UUID) that no data generation followed.
     *
     * @return the backend's disk holds nothing of this resource: no valid meta data, or meta data {@code create-md}
     *     just wrote (current UUID {@code 4}, no bitmap UUID) that no data generation followed
     */
    public static Condition blank(Pair p, Side side) {
        return Condition.of(
                p.name(side) + " holds no data of " + p.cluster().resource() + " (get-gi: no meta data, or the current"
                        + " UUID create-md writes)",
                s -> s.host(side)
                        .generations()
                        .map(GenerationIdentifiers::justCreated)
                        .orElse(true),
                s -> p.name(side) + "'s generation identifiers are "
                        + words(s.host(side).generations())
                        + ": its disk holds data of " + p.cluster().resource() + " (the lost host's disk, or another"
                        + " copy), which a forced promotion elsewhere would overwrite");
    }

    /**
     * A node that became Primary while disconnected rotated its current UUID into the bitmap UUID (DRBD's
     * {@code newCurrent}); after its demotion the bitmap UUID stays. Connected again, DRBD sees a split brain, and
     * Chef's after-sb policies may discard its writes without a word.
     *
     * @return the backend took no writes of its own while apart: its bitmap UUID is 0
     */
    public static Condition noWritesApart(Pair p, Side side) {
        return Condition.of(
                p.name(side) + " took no writes of its own while apart (get-gi: bitmap UUID 0)",
                s -> s.host(side).generations().map(gi -> !gi.tookWritesApart()).orElse(true),
                s -> p.name(side) + "'s generation identifiers are "
                        + words(s.host(side).generations()) + ": "
                        + p.name(side) + " was Primary while disconnected and took writes of its own; connecting it"
                        + " is a split brain whose after-sb policy may discard them silently");
    }

    private static String words(Optional<GenerationIdentifiers> gi) {
        return gi.map(GenerationIdentifiers::toString).orElse("absent (no meta data)");
    }
}
