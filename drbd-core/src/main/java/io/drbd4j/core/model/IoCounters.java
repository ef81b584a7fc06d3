package io.drbd4j.core.model;

import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * The counters line under a device line, named by its wire keys:
 * {@code     ns:1048576 nr:0 dw:0 dr:1048776 al:0 bm:64 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0}.
 *
 * <p>ns, nr, dw and dr are KiB and wrap at 2^31; al and bm are counts that wrap at 2^32; lo, pe, ua, ap and ep
 * are gauges (signed: accounting bugs can make them negative). All of them reset when the disk is attached or
 * the peer connects. DRBD 8.0 prints only ns to ap, so {@link #ep()}, {@link #wo()} and {@link #oos()} are
 * empty there, not zero.
 */
@Value.Immutable
public abstract class IoCounters {
    // Only the implementation Immutables generates in this package extends this type.
    IoCounters() {}

    /**
     * Returns KiB sent to the peer.
     *
     * @return KiB sent to the peer
     */
    public abstract long ns();

    /**
     * Returns KiB received from the peer.
     *
     * @return KiB received from the peer
     */
    public abstract long nr();

    /**
     * Returns KiB written to the local disk.
     *
     * @return KiB written to the local disk
     */
    public abstract long dw();

    /**
     * Returns KiB read from the local disk.
     *
     * @return KiB read from the local disk
     */
    public abstract long dr();

    /**
     * Returns activity-log meta-data updates.
     *
     * @return activity-log meta-data updates
     */
    public abstract long al();

    /**
     * Returns bitmap meta-data writes (always 0 from DRBD 8.4.5).
     *
     * @return bitmap meta-data writes (always 0 from DRBD 8.4.5)
     */
    public abstract long bm();

    /**
     * Returns requests open against the local disk.
     *
     * @return requests open against the local disk
     */
    public abstract long lo();

    /**
     * Returns requests sent to the peer and not yet answered.
     *
     * @return requests sent to the peer and not yet answered
     */
    public abstract long pe();

    /**
     * Returns requests received from the peer and not yet acknowledged.
     *
     * @return requests received from the peer and not yet acknowledged
     */
    public abstract long ua();

    /**
     * Returns application requests submitted to DRBD and not yet completed.
     *
     * @return application requests submitted to DRBD and not yet completed
     */
    public abstract long ap();

    /**
     * Returns write epochs in flight, normally 1; empty on DRBD 8.0.
     *
     * @return write epochs in flight, normally 1; empty on DRBD 8.0
     */
    public abstract OptionalLong ep();

    /**
     * Returns the write-ordering method; empty on DRBD 8.0.
     *
     * @return the write-ordering method; empty on DRBD 8.0
     */
    public abstract Optional<WriteOrdering> wo();

    /**
     * Returns KiB marked out of sync, a multiple of 4; empty on DRBD 8.0.
     *
     * @return KiB marked out of sync, a multiple of 4; empty on DRBD 8.0
     */
    public abstract OptionalLong oos();

    /**
     * Returns a new builder of {@link IoCounters} values.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link IoCounters} values; not thread-safe. */
    public static final class Builder extends ImmutableIoCounters.Builder {
        Builder() {}
    }
}
