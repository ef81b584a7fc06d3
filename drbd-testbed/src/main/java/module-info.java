/**
 * drbd4j test bed: a real DRBD 8.4 pair (or three hosts) in qemu VMs built from Debian packages, reached over ssh,
 * with the test kit's faults, so that a test holds drbd4j and the simulated pair against the kernel.
 */
module io.drbd4j.testbed {
    requires transitive io.drbd4j.testkit;
    requires org.slf4j;

    exports io.drbd4j.testbed;
}
