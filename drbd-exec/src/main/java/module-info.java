/** Typed drbdadm and drbdsetup over local and SSH command runners. */
module io.drbd4j.exec {
    requires transitive io.drbd4j.core;
}
