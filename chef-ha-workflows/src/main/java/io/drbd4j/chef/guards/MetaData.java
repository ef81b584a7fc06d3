package io.drbd4j.chef.guards;

import io.drbd4j.chef.engine.Condition;
import io.drbd4j.chef.engine.Pair;
import io.drbd4j.chef.engine.Side;

/**
 * The meta data guard: whether drbdmeta finds DRBD meta data on the backing disk ({@code drbdadm dump-md}); create-md writes over
 * the end of the volume, so it runs only where there is none.
 */
public final class MetaData {
    private MetaData() {}

    /**
     * Returns valid (clean or unclean) meta data on that backend's backing disk, or the resource up there.
     *
     * @return valid (clean or unclean) meta data on that backend's backing disk, or the resource up there
     */
    public static Condition present(Pair p, Side side) {
        String name = p.name(side);
        return Condition.of(
                "valid DRBD meta data on " + name + " (dump-md)",
                s -> s.host(side).hasMetaData(),
                s -> "no valid meta data on " + name);
    }

    /**
     * Returns no valid meta data there: {@code create-md} would overwrite nothing.
     *
     * @return no valid meta data there: {@code create-md} would overwrite nothing
     */
    public static Condition absent(Pair p, Side side) {
        String name = p.name(side);
        return Condition.of(
                "dump-md on " + name + " finds no valid meta data",
                s -> !s.host(side).hasMetaData(),
                s -> "valid DRBD meta data on " + name);
    }
}
