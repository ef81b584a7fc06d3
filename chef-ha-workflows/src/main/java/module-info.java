/**
 * The Chef Server HA setup and recovery procedures on DRBD as callable APIs: each workflow is a short list of
 * steps with a guard checked against live state, a plan (dry run), a run with progress and a journal to resume
 * from. Exports only the procedures' API ({@code io.drbd4j.chef}); the guards and the engine stay inside.
 */
module io.drbd4j.chef {
    requires transitive io.drbd4j.exec;
    requires static org.immutables.value;
    requires transitive org.jspecify;
    requires org.slf4j;
    requires com.fasterxml.jackson.core;

    exports io.drbd4j.chef;
}
