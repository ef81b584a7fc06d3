package io.drbd4j.exec.dialect;

import io.drbd4j.exec.runner.Command;
import java.time.Duration;

/**
 * The argv of every DRBD operation in one userland dialect. Pure: nothing is run, so a workflow can print its
 * plan. Every value a user passes is validated ({@link io.drbd4j.exec.Arguments}); an operation the dialect
 * cannot express throws {@link UnsupportedOperationException} naming the dialect, never a near miss.
 *
 * <p>The dialects differ where it matters: 8.3's drbdadm eats {@code --force} as
 * its own option, so force-promote is {@code drbdadm -- --overwrite-data-of-peer primary R} there and
 * {@code drbdadm primary --force R} on 8.4; options go before the command after {@code --} on 8.3 and after the
 * command on 8.4, never after the resource. Immutable and thread-safe.
 */
public interface DrbdDialect {
    /** Default timeout of the commands: state changes can take a while on a busy peer. */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    /**
     * Returns the DRBD 8.4 userland dialect with the default timeout.
     *
     * @return the DRBD 8.4 userland dialect with the default timeout
     */
    static DrbdDialect drbd84() {
        return new Drbd84Dialect(DEFAULT_TIMEOUT);
    }

    /**
     * Returns the DRBD 8.3 userland dialect with the default timeout.
     *
     * @return the DRBD 8.3 userland dialect with the default timeout
     */
    static DrbdDialect drbd83() {
        return new Drbd83Dialect(DEFAULT_TIMEOUT);
    }

    /**
     * Returns that dialect.
     *
     * @param name "8.4" or "8.3"
     * @return that dialect
     * @throws IllegalArgumentException for any other name
     */
    static DrbdDialect named(String name) {
        switch (name) {
            case "8.4":
                return drbd84();
            case "8.3":
                return drbd83();
            default:
                throw new IllegalArgumentException("DRBD dialect \"" + name + "\" (expected: 8.4 or 8.3)");
        }
    }

    /**
     * Returns "8.4" or "8.3".
     *
     * @return "8.4" or "8.3"
     */
    String name();

    /**
     * Returns the drbdadm API number this dialect's tools report: 1 for 8.4, 88 for 8.3.
     *
     * @return the drbdadm API number this dialect's tools report: 1 for 8.4, 88 for 8.3
     */
    int apiVersion();

    /**
     * Returns this dialect with another timeout.
     *
     * @param timeout the timeout every command of the copy gets
     * @return this dialect with another timeout
     */
    DrbdDialect withTimeout(Duration timeout);

    /**
     * Returns {@code drbdadm create-md}.
     *
     * @param resource resource name
     * @param force overwrite without asking (drbdmeta asks, or, without a TTY, refuses, when it finds meta data or
     *     a filesystem); only when the caller has made sure the disk holds nothing to keep
     * @return {@code drbdadm create-md}
     */
    Command createMd(String resource, boolean force);

    /**
     * Returns {@code drbdadm up}.
     *
     * @param resource resource name
     * @return {@code drbdadm up}
     */
    Command up(String resource);

    /**
     * Returns {@code drbdadm down}.
     *
     * @param resource resource name
     * @return {@code drbdadm down}
     */
    Command down(String resource);

    /**
     * Returns {@code drbdadm attach}.
     *
     * @param resource resource name
     * @return {@code drbdadm attach}
     */
    Command attach(String resource);

    /**
     * Returns {@code drbdadm detach}.
     *
     * @param resource resource name
     * @return {@code drbdadm detach}
     */
    Command detach(String resource);

    /**
     * Returns {@code drbdadm connect}.
     *
     * @param resource resource name
     * @return {@code drbdadm connect}
     */
    Command connect(String resource);

    /**
     * Returns connect and throw away this node's changes (the split-brain victim's step).
     *
     * @param resource resource name
     * @return connect and throw away this node's changes (the split-brain victim's step)
     */
    Command connectDiscardingMyData(String resource);

    /**
     * Returns {@code drbdadm disconnect}.
     *
     * @param resource resource name
     * @return {@code drbdadm disconnect}
     */
    Command disconnect(String resource);

    /**
     * Returns {@code drbdadm primary}.
     *
     * @param resource resource name
     * @return {@code drbdadm primary}
     */
    Command primary(String resource);

    /**
     * Returns promote even without UpToDate data, making this node's data the one the peer syncs from.
     *
     * @param resource resource name
     * @return promote even without UpToDate data, making this node's data the one the peer syncs from
     */
    Command primaryOverwritingPeer(String resource);

    /**
     * Returns {@code drbdadm secondary}.
     *
     * @param resource resource name
     * @return {@code drbdadm secondary}
     */
    Command secondary(String resource);

    /**
     * Returns the commands and the rate to expect.
     *
     * @param resource resource name
     * @param minor the resource's minor (the 8.3 form addresses the device)
     * @param rate the rate as drbdsetup reads it, such as {@code 1100M}
     * @param method which of the three ways
     * @return the commands and the rate to expect
     * @throws UnsupportedOperationException when this dialect has no such way
     */
    ResyncRatePlan temporaryResyncRate(String resource, int minor, String rate, RateMethod method);

    /**
     * Returns {@code drbdadm adjust}: every option back to the configuration.
     *
     * @param resource resource name
     * @return {@code drbdadm adjust}: every option back to the configuration
     */
    Command resetResyncRate(String resource);

    /**
     * Returns {@code drbdadm invalidate}: this node becomes sync target.
     *
     * @param resource resource name
     * @return {@code drbdadm invalidate}: this node becomes sync target
     */
    Command invalidate(String resource);

    /**
     * Returns {@code drbdadm invalidate-remote}: the peer becomes sync target.
     *
     * @param resource resource name
     * @return {@code drbdadm invalidate-remote}: the peer becomes sync target
     */
    Command invalidateRemote(String resource);

    /**
     * Returns {@code drbdadm outdate}.
     *
     * @param resource resource name
     * @return {@code drbdadm outdate}
     */
    Command outdate(String resource);

    /**
     * Returns {@code drbdadm pause-sync}.
     *
     * @param resource resource name
     * @return {@code drbdadm pause-sync}
     */
    Command pauseSync(String resource);

    /**
     * Returns {@code drbdadm resume-sync}.
     *
     * @param resource resource name
     * @return {@code drbdadm resume-sync}
     */
    Command resumeSync(String resource);

    /**
     * Returns {@code drbdadm verify} (online verify).
     *
     * @param resource resource name
     * @return {@code drbdadm verify} (online verify)
     */
    Command verify(String resource);

    /**
     * Returns new current UUID with a cleared bitmap: skip the initial sync of two empty disks.
     *
     * @param resource resource name
     * @return new current UUID with a cleared bitmap: skip the initial sync of two empty disks
     */
    Command newCurrentUuidClearBitmap(String resource);

    /**
     * Returns {@code drbdadm cstate}: one line per volume.
     *
     * @param resource resource name
     * @return {@code drbdadm cstate}: one line per volume
     */
    Command cstate(String resource);

    /**
     * Returns {@code drbdadm dstate}: one line per volume.
     *
     * @param resource resource name
     * @return {@code drbdadm dstate}: one line per volume
     */
    Command dstate(String resource);

    /**
     * Returns {@code drbdadm role}: one line per volume.
     *
     * @param resource resource name
     * @return {@code drbdadm role}: one line per volume
     */
    Command role(String resource);

    /**
     * Returns {@code drbdadm get-gi}: one line of generation identifiers per volume, from the kernel while attached,
     * from drbdmeta otherwise (drbdadm falls back to it).
     *
     * @param resource resource name
     * @return {@code drbdadm get-gi}: one line of generation identifiers per volume, from the kernel while attached,
     *     from drbdmeta otherwise (drbdadm falls back to it)
     */
    Command getGi(String resource);

    /**
     * Returns {@code drbdsetup show}: the configuration the kernel runs with, the peer's address included (8.4 {@code
     * drbdsetup show RESOURCE}, 8.3 {@code drbdsetup /dev/drbdMINOR show}).
     *
     * @param resource resource name
     * @param minor the resource's device minor (8.3's drbdsetup names the device, not the resource)
     * @return {@code drbdsetup show}: the configuration the kernel runs with, the peer's address included (8.4 {@code
     *     drbdsetup show RESOURCE}, 8.3 {@code drbdsetup /dev/drbdMINOR show})
     */
    Command show(String resource, int minor);

    /**
     * Returns DRBD's event stream of every device, which prints each device's state first and then a line for every
     * change until stopped (8.4 {@code drbdsetup events all}, 8.3 {@code drbdsetup /dev/drbdMINOR events
     * --all-devices}). Its timeout is how long the stream may run.
     *
     * @param minor a device minor that exists (8.3's drbdsetup names a device even for all of them)
     * @param timeout how long the stream may run
     * @return DRBD's event stream of every device
     */
    Command events(int minor, Duration timeout);

    /**
     * Returns {@code drbdadm dump-md}, to tell "no valid meta data".
     *
     * @param resource resource name
     * @return {@code drbdadm dump-md}, to tell "no valid meta data"
     */
    Command dumpMd(String resource);

    /**
     * Returns {@code drbdadm resize}: the device grows to the smaller of the two backing devices (less the meta data),
     * run on the Primary after both backing devices grew; the new area is resynced. drbdadm runs {@code drbdsetup
     * resize} then {@code check-resize}.
     *
     * @param resource resource name
     * @return {@code drbdadm resize}
     */
    Command resize(String resource);

    /**
     * Returns {@code drbdadm -- --force wipe-md}: drbdmeta destroys this node's meta data without asking (drbdmeta
     * refuses while the device is attached). Destroys the node's claim to its copy: a later {@code create-md} and
     * {@code up} make it a fresh node that takes a full resync.
     *
     * @param resource resource name
     * @return {@code drbdadm -- --force wipe-md}
     */
    Command wipeMd(String resource);

    /**
     * Returns {@code drbdadm dump}: the parsed configuration.
     *
     * @param resource resource name
     * @return {@code drbdadm dump}: the parsed configuration
     */
    Command dump(String resource);

    /**
     * Returns {@code drbdadm --version}.
     *
     * @return {@code drbdadm --version}
     */
    Command version();
}
