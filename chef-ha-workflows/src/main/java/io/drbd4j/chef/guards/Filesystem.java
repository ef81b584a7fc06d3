package io.drbd4j.chef.guards;

import io.drbd4j.chef.engine.Condition;
import io.drbd4j.chef.engine.Pair;
import io.drbd4j.chef.engine.Side;

/** The filesystem and mount guards: the filesystem on the DRBD device ({@code blkid -p}) and what is mounted ({@code /proc/mounts}). */
public final class Filesystem {
    private Filesystem() {}

    /**
     * Returns no filesystem on the DRBD device; read only where the device can be opened (Primary).
     *
     * @return no filesystem on the DRBD device; read only where the device can be opened (Primary)
     */
    public static Condition none(Pair p, Side side) {
        String device = p.cluster().device();
        return Condition.of(
                device + " holds no filesystem (blkid)",
                s -> s.host(side).filesystem().isEmpty(),
                s -> device + " on " + s.host(side).name() + " holds "
                        + s.host(side).filesystem().orElse("") + " (a filesystem: Chef's data)");
    }

    /**
     * Returns a filesystem on the DRBD device.
     *
     * @return a filesystem on the DRBD device
     */
    public static Condition present(Pair p, Side side) {
        String device = p.cluster().device();
        return Condition.of(
                device + " holds a filesystem",
                s -> s.host(side).filesystem().isPresent(),
                s -> device + " on " + s.host(side).name() + " holds no filesystem");
    }

    /**
     * Returns the DRBD device mounted at the mount point.
     *
     * @return the DRBD device mounted at the mount point
     */
    public static Condition mounted(Pair p, Side side) {
        String point = p.cluster().mountPoint();
        return Condition.of(
                point + " mounted on " + p.name(side), s -> s.host(side).mounted(), s -> s.host(side)
                        .mount()
                        .map(m -> m.source() + " mounted on " + point + " on "
                                + s.host(side).name() + ", not " + p.cluster().device())
                        .orElse(point + " not mounted on " + s.host(side).name()));
    }

    /**
     * Returns nothing mounted at the mount point.
     *
     * @return nothing mounted at the mount point
     */
    public static Condition notMounted(Pair p, Side side) {
        String point = p.cluster().mountPoint();
        return Condition.of(
                "nothing mounted on " + point + " on " + p.name(side),
                s -> s.host(side).mount().isEmpty(),
                s -> point + " mounted on " + s.host(side).name()
                        + s.host(side)
                                .mount()
                                .map(m -> " (from " + m.source() + ")")
                                .orElse(""));
    }
}
