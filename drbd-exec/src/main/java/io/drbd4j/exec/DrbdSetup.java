package io.drbd4j.exec;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.Role;
import io.drbd4j.exec.dialect.DrbdDialect;

/**
 * Typed direct {@code drbdsetup} calls by minor, for what drbdadm does not offer in the Chef guide's form. 8.3
 * addresses a device ({@code drbdsetup /dev/drbd0 role}), 8.4 a minor after the command
 * ({@code drbdsetup role 0}).
 */
public interface DrbdSetup {
    /**
     * Returns the dialect.
     *
     * @return the dialect
     */
    DrbdDialect dialect();

    /**
     * Sets the resync rate of a running device until the next {@code drbdadm adjust}: 8.3
     * {@code drbdsetup /dev/drbdN syncer -r R} (the guide's Ubuntu form), 8.4
     * {@code drbdsetup disk-options N --resync-rate=R}.
     *
     * @param minor the minor
     * @param rate such as {@code 1100M}
     */
    void resyncRate(int minor, String rate);

    /**
     * Returns its connection state.
     *
     * @param minor the minor
     * @return its connection state
     */
    ConnectionState cstate(int minor);

    /**
     * Returns this node's and the peer's role.
     *
     * @param minor the minor
     * @return this node's and the peer's role
     */
    VolumeState<Role> role(int minor);

    /**
     * Returns this node's and the peer's disk state.
     *
     * @param minor the minor
     * @return this node's and the peer's disk state
     */
    VolumeState<DiskState> dstate(int minor);
}
