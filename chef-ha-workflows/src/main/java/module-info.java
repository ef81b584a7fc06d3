/** The Chef Server HA setup and recovery procedures as callable APIs. */
module io.drbd4j.chef {
    requires transitive io.drbd4j.exec;
}
