package io.drbd4j.micrometer;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.Role;

/**
 * The numbers DRBD 8.4 itself gives its states: {@code enum drbd_conns}, {@code enum drbd_disk_state} and {@code
 * enum drbd_role} in drbd-8.4's include/linux/drbd.h (C_STANDALONE is 0 ... C_BEHIND 23; D_DISKLESS 0 ...
 * D_UP_TO_DATE 8; R_UNKNOWN 0, R_PRIMARY 1, R_SECONDARY 2).
 */
final class KernelValues {
    /** The number of {@code cs:Unconfigured}, which is no kernel state: /proc/drbd prints it for a free minor. */
    static final int UNCONFIGURED = -1;

    private KernelValues() {}

    /** ConnectionState's constants are declared in drbd_conns order, Unconfigured last. */
    static int of(ConnectionState state) {
        return state == ConnectionState.UNCONFIGURED ? UNCONFIGURED : state.ordinal();
    }

    /** DiskState's constants are declared in drbd_disk_state order. */
    static int of(DiskState state) {
        return state.ordinal();
    }

    static int of(Role role) {
        switch (role) {
            case PRIMARY:
                return 1;
            case SECONDARY:
                return 2;
            default:
                return 0;
        }
    }
}
