/** A simulated DRBD pair that answers the commands drbd-exec sends. */
module io.drbd4j.testkit {
    requires transitive io.drbd4j.exec;
}
