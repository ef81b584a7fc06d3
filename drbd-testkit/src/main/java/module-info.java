/**
 * drbd4j test kit: doubles for testing automation built on drbd4j without DRBD. For now virtual time; the
 * simulated DRBD pair follows.
 */
module io.drbd4j.testkit {
    requires transitive io.drbd4j.exec;

    exports io.drbd4j.testkit;
}
