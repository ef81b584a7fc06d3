/**
 * drbd4j micrometer: the devices of {@code /proc/drbd} as Micrometer meters, for any registry the application
 * uses (Prometheus, JMX, ...).
 */
module io.drbd4j.micrometer {
    requires transitive io.drbd4j.core;
    requires transitive micrometer.core;
    requires transitive org.jspecify;

    exports io.drbd4j.micrometer;
}
