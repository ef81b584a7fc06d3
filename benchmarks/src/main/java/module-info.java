/**
 * JMH benchmarks of the /proc/drbd reader and parser, and of the exporter's scrape.
 *
 * <p>JMH's annotation processor writes the harness into {@code io.drbd4j.benchmarks.jmh_generated}; the JMH runner
 * loads and calls it reflectively, so both packages are opened to {@code jmh.core}. The shaded
 * {@code target/benchmarks.jar} runs on the class path and drops this descriptor.
 */
module io.drbd4j.benchmarks {
    requires io.drbd4j.core;
    requires io.drbd4j.micrometer;
    requires micrometer.registry.prometheus;
    requires jmh.core;

    exports io.drbd4j.benchmarks to
            jmh.core;
    exports io.drbd4j.benchmarks.jmh_generated to
            jmh.core;

    opens io.drbd4j.benchmarks to
            jmh.core;
    opens io.drbd4j.benchmarks.jmh_generated to
            jmh.core;
}
