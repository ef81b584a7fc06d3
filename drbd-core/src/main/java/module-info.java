/**
 * drbd4j core: reads DRBD's {@code /proc/drbd} into a typed, immutable model.
 *
 * <p>No runtime dependencies: Immutables is used at compile time only.
 */
module io.drbd4j.core {
    requires static org.immutables.value;
    requires transitive org.jspecify;

    exports io.drbd4j.core;
    exports io.drbd4j.core.model;
    exports io.drbd4j.core.proc;
    exports io.drbd4j.core.time;
    exports io.drbd4j.core.safety;
    exports io.drbd4j.core.watch;
}
