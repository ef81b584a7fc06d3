/** JMH benchmarks of the /proc/drbd reader and parser. */
module io.drbd4j.benchmarks {
    requires io.drbd4j.core;
}
