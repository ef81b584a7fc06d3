package io.drbd4j.chef.guards;

import io.drbd4j.chef.DataRelation;
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

    /** DRBD's UUID_NEW_BM_OFFSET (drbd_int.h): added to a UUID moved into the bitmap slot at a resync handshake. */
    private static final long NEW_BM_OFFSET = 0x0001000000000000L;

    /**
     * Compares two nodes' generation identifiers the way drbd-8.4's {@code drbd_uuid_compare} orders its first rules
     * (drbd_receiver.c): equal current UUIDs are the same data; a bitmap UUID equal to the peer's current UUID, or a
     * history UUID equal to it, means this node moved on from the peer's data; equal bitmap UUIDs (or equal first
     * history UUIDs) with different current ones mean both moved on: a split brain. The Primary flag (bit 0) and
     * the offset the kernel adds to a UUID it moves into the bitmap slot are ignored.
     *
     * @param first one node's identifiers; empty: no meta data
     * @param second the other node's identifiers; empty: no meta data
     * @return what they say
     */
    public static DataRelation relation(Optional<GenerationIdentifiers> first, Optional<GenerationIdentifiers> second) {
        if (first.isEmpty() || second.isEmpty()) {
            return DataRelation.UNKNOWN;
        }
        GenerationIdentifiers a = first.get();
        GenerationIdentifiers b = second.get();
        if (a.justCreated() && b.justCreated()) {
            return DataRelation.SAME;
        }
        if (a.justCreated() || b.justCreated()) {
            return a.justCreated() ? DataRelation.SECOND_NEWER : DataRelation.FIRST_NEWER;
        }
        long ac = a.current() & ~1L;
        long bc = b.current() & ~1L;
        if (ac == bc) {
            return DataRelation.SAME;
        }
        if (same(a.bitmap(), bc) || a.history().stream().anyMatch(h -> same(h, bc))) {
            return DataRelation.FIRST_NEWER;
        }
        if (same(b.bitmap(), ac) || b.history().stream().anyMatch(h -> same(h, ac))) {
            return DataRelation.SECOND_NEWER;
        }
        boolean bitmaps = (a.bitmap() & ~1L) != 0 && same(a.bitmap(), b.bitmap() & ~1L);
        boolean histories = !a.history().isEmpty()
                && !b.history().isEmpty()
                && (a.history().get(0) & ~1L) != 0
                && same(a.history().get(0), b.history().get(0) & ~1L);
        return bitmaps || histories ? DataRelation.DIVERGED : DataRelation.UNKNOWN;
    }

    private static boolean same(long uuid, long other) {
        long u = uuid & ~1L;
        return u != 0 && (u == other || u == other + NEW_BM_OFFSET || u + NEW_BM_OFFSET == other);
    }

    /**
     * Returns the relation of the two backends' data, the keeper first, in words for an operator.
     *
     * @param p the pair
     * @param relation the relation, the keeper first
     * @return such as {@code be1 holds writes be2 lacks (be1 is newer)}
     */
    public static String words(Pair p, DataRelation relation) {
        String k = p.name(Side.KEEPER);
        String o = p.name(Side.OTHER);
        return switch (relation) {
            case SAME -> k + " and " + o + " hold the same data generation";
            case FIRST_NEWER -> k + " holds every write " + o + " has and more (" + k + " is newer)";
            case SECOND_NEWER -> o + " holds every write " + k + " has and more (" + o + " is newer)";
            case DIVERGED -> k + " and " + o + " each took writes the other lacks (a split brain)";
            case UNKNOWN -> "the generation identifiers do not tell which of " + k + " and " + o + " is newer";
        };
    }

    /**
     * Returns the relation of the two backends' data as {@code drbdadm get-gi} shows it now, the keeper first.
     *
     * @param p the pair
     * @param s the live state
     * @return the relation, the keeper first
     */
    public static DataRelation relation(Pair p, io.drbd4j.chef.engine.LiveState s) {
        return relation(s.host(Side.KEEPER).generations(), s.host(Side.OTHER).generations());
    }

    private static String words(Optional<GenerationIdentifiers> gi) {
        return gi.map(GenerationIdentifiers::toString).orElse("absent (no meta data)");
    }
}
