/**
 * drbd4j test kit: a simulated DRBD pair behind drbd-exec's command seam, on virtual time, for testing automation
 * built on drbd4j without DRBD.
 */
module io.drbd4j.testkit {
    requires transitive io.drbd4j.exec;
    requires transitive org.jspecify;

    exports io.drbd4j.testkit;
}
