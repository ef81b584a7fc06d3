/** Runnable examples and the {@code drbd4j} command line. */
module io.drbd4j.examples {
    requires io.drbd4j.core;
    requires io.drbd4j.exec;
    requires io.drbd4j.chef;
    requires io.drbd4j.testkit;
    requires io.drbd4j.micrometer;
    requires micrometer.registry.prometheus;
    requires jdk.httpserver; // the exporter's HTTP server
    requires info.picocli;
    requires org.slf4j;
    requires com.fasterxml.jackson.databind;
    requires jdk.unsupported; // sun.misc.Signal: run and resume stop at Ctrl-C between two commands

    opens io.drbd4j.examples.cli to
            info.picocli;
}
