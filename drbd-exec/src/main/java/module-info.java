/**
 * drbd4j exec: the one seam through which drbd4j runs commands on a host ({@code CommandRunner}), its local and
 * SSH implementations, test doubles, and validation of what users pass in.
 */
module io.drbd4j.exec {
    requires transitive io.drbd4j.core;
    requires static org.immutables.value;
    requires transitive org.jspecify;
    requires org.apache.commons.exec;
    requires org.slf4j;

    exports io.drbd4j.exec;
    exports io.drbd4j.exec.dialect;
    exports io.drbd4j.exec.runner;
    exports io.drbd4j.exec.testing;
    exports io.drbd4j.exec.watch;
}
