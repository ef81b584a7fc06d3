package io.drbd4j.micrometer;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.IoCounters;
import io.drbd4j.core.model.Role;
import io.drbd4j.core.model.SyncProgress;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * The meters of one device in every registry bound, and the values they show: {@link #update} turns a {@link
 * DeviceStatus} into numbers once, so that a scrape only reads fields.
 *
 * <p>A free minor ({@code cs:Unconfigured}) has only the connection meters; a configured one has them all, the sync
 * meters only while a resync or verify runs (a change of shape replaces the device's meters). The tag {@code
 * resource} is there only when the name is known: Micrometer's Prometheus registry takes meters of one name with
 * different tag keys, and an empty label would cost every line of a scrape.
 */
final class DeviceMeters {
    private static final double KIB = 1024;
    private static final String[] NODES = {"local", "remote"};

    private final int minor;
    private final String resource;
    private final boolean configured;
    private final boolean syncing;
    private final boolean oneHot;
    private final Tags tags;
    private final List<Registered> registered = new ArrayList<>();

    private volatile Values values = Values.EMPTY;

    /** What one refresh saw of the device, as the meters show it; absent numbers are NaN. */
    private static final class Values {
        static final Values EMPTY = new Values();

        double ns = Double.NaN;
        double nr = Double.NaN;
        double dw = Double.NaN;
        double dr = Double.NaN;
        double al = Double.NaN;
        double bm = Double.NaN;
        double lo = Double.NaN;
        double pe = Double.NaN;
        double ua = Double.NaN;
        double ap = Double.NaN;
        double ep = Double.NaN;
        double oosBytes = Double.NaN;
        double syncPercent = Double.NaN;
        double syncSpeedBytes = Double.NaN;
        ConnectionState connection = ConnectionState.UNCONFIGURED;

        @Nullable
        Role[] roles = new Role[2];

        @Nullable
        DiskState[] disks = new DiskState[2];
    }

    private record Registered(MeterRegistry registry, Meter meter) {}

    DeviceMeters(DeviceStatus device, String resource, StateMeters states, Tags common) {
        this.minor = device.minor();
        this.resource = resource;
        this.configured = !device.isUnconfigured();
        this.syncing = device.sync().isPresent();
        this.oneHot = states == StateMeters.NUMBERS_AND_ONE_HOT;
        Tags withMinor = common.and("minor", Integer.toString(device.minor()));
        this.tags = resource.isEmpty() ? withMinor : withMinor.and("resource", resource);
    }

    /**
     * True when these meters can show the device: same resource name, configured or not as before, and a resync or
     * verify running or not as before.
     */
    boolean fits(DeviceStatus device, String resourceName) {
        return device.minor() == minor
                && resourceName.equals(resource)
                && device.isUnconfigured() != configured
                && device.sync().isPresent() == syncing;
    }

    void update(DeviceStatus device) {
        Values v = new Values();
        v.connection = device.connectionState();
        v.roles[0] = device.role().orElse(null);
        v.roles[1] = device.peerRole().orElse(null);
        v.disks[0] = device.diskState().orElse(null);
        v.disks[1] = device.peerDiskState().orElse(null);
        if (device.counters().isPresent()) {
            IoCounters c = device.counters().get();
            v.ns = c.ns() * KIB;
            v.nr = c.nr() * KIB;
            v.dw = c.dw() * KIB;
            v.dr = c.dr() * KIB;
            v.al = c.al();
            v.bm = c.bm();
            v.lo = c.lo();
            v.pe = c.pe();
            v.ua = c.ua();
            v.ap = c.ap();
            v.ep = c.ep().isPresent() ? c.ep().getAsLong() : Double.NaN;
            v.oosBytes = c.oos().isPresent() ? c.oos().getAsLong() * KIB : Double.NaN;
        }
        if (device.sync().isPresent()) {
            SyncProgress sync = device.sync().get();
            v.syncPercent = sync.percent();
            v.syncSpeedBytes = sync.speedKiBps().isPresent() ? sync.speedKiBps().getAsLong() * KIB : Double.NaN;
        }
        values = v;
    }

    void register(MeterRegistry registry) {
        gauge(
                registry,
                "drbd.connected",
                "1 when the device is connected to its peer (cs:Connected), else 0.",
                tags,
                d -> d.values.connection == ConnectionState.CONNECTED ? 1 : 0);
        gauge(
                registry,
                "drbd.connection.state",
                "The connection state as the kernel numbers it (StandAlone 0 ... Connected 10 ... Behind 23;"
                        + " Unconfigured -1).",
                tags,
                d -> KernelValues.of(d.values.connection));
        for (ConnectionState state : oneHot ? ConnectionState.values() : new ConnectionState[0]) {
            gauge(
                    registry,
                    "drbd.connection.state.is",
                    "1 for the device's connection state (cs:), 0 for the others.",
                    tags.and("state", state.label()),
                    d -> d.values.connection == state ? 1 : 0);
        }
        if (!configured) {
            return;
        }
        for (int i = 0; i < NODES.length; i++) {
            int node = i;
            Tags nodeTags = tags.and("node", NODES[i]);
            gauge(
                    registry,
                    "drbd.node.role.is.primary",
                    "1 when the node's role is Primary (ro:), else 0.",
                    nodeTags,
                    d -> d.values.roles[node] == Role.PRIMARY ? 1 : 0);
            gauge(
                    registry,
                    "drbd.node.role",
                    "The node's role as the kernel numbers it (Unknown 0, Primary 1," + " Secondary 2).",
                    nodeTags,
                    d -> roleValue(d.values.roles[node]));
            for (Role role : oneHot ? Role.values() : new Role[0]) {
                gauge(
                        registry,
                        "drbd.node.role.is",
                        "1 for the node's role (ro:), 0 for the others.",
                        nodeTags.and("role", role.label()),
                        d -> d.values.roles[node] == role ? 1 : 0);
            }
            gauge(
                    registry,
                    "drbd.disk.state.is.up.to.date",
                    "1 when the node's disk is UpToDate (ds:), else 0.",
                    nodeTags,
                    d -> d.values.disks[node] == DiskState.UP_TO_DATE ? 1 : 0);
            gauge(
                    registry,
                    "drbd.disk.state",
                    "The node's disk state as the kernel numbers it (Diskless 0 ..."
                            + " DUnknown 6, Consistent 7, UpToDate 8).",
                    nodeTags,
                    d -> diskValue(d.values.disks[node]));
            for (DiskState state : oneHot ? DiskState.values() : new DiskState[0]) {
                gauge(
                        registry,
                        "drbd.disk.state.is",
                        "1 for the node's disk state (ds:), 0 for the others.",
                        nodeTags.and("state", state.label()),
                        d -> d.values.disks[node] == state ? 1 : 0);
            }
        }
        counter(registry, "drbd.network.sent", "bytes", "Bytes sent to the peer (ns:, counted in KiB).", d -> d.values
                .ns);
        counter(
                registry,
                "drbd.network.received",
                "bytes",
                "Bytes received from the peer (nr:, counted in KiB).",
                d -> d.values.nr);
        counter(
                registry,
                "drbd.disk.written",
                "bytes",
                "Bytes written to the local disk (dw:, counted in KiB).",
                d -> d.values.dw);
        counter(
                registry,
                "drbd.disk.read",
                "bytes",
                "Bytes read from the local disk (dr:, counted in KiB).",
                d -> d.values.dr);
        counter(
                registry,
                "drbd.activitylog.writes",
                null,
                "Updates of the activity log's metadata (al:).",
                d -> d.values.al);
        counter(registry, "drbd.bitmap.writes", null, "Updates of the bitmap's metadata (bm:).", d -> d.values.bm);
        gauge(registry, "drbd.local.pending", "Open requests to the local disk (lo:).", tags, d -> d.values.lo);
        gauge(
                registry,
                "drbd.remote.pending",
                "Requests sent to the peer and not yet answered (pe:).",
                tags,
                d -> d.values.pe);
        gauge(
                registry,
                "drbd.remote.unacknowledged",
                "Requests received from the peer and not yet acknowledged" + " (ua:).",
                tags,
                d -> d.values.ua);
        gauge(
                registry,
                "drbd.application.pending",
                "Block I/O requests forwarded to DRBD and not yet answered" + " (ap:).",
                tags,
                d -> d.values.ap);
        gauge(registry, "drbd.epochs", "Epoch objects (ep:).", tags, d -> d.values.ep);
        remember(
                registry,
                Gauge.builder("drbd.out.of.sync", this, d -> d.values.oosBytes)
                        .description("Bytes out of sync with the peer (oos:, counted in KiB).")
                        .baseUnit("bytes")
                        .tags(tags)
                        .strongReference(true)
                        .register(registry));
        if (!syncing) {
            return;
        }
        remember(
                registry,
                Gauge.builder("drbd.sync.progress", this, d -> d.values.syncPercent)
                        .description("Percent done of the resync or online verify in progress.")
                        .baseUnit("percent")
                        .tags(tags)
                        .strongReference(true)
                        .register(registry));
        remember(
                registry,
                Gauge.builder("drbd.sync.speed", this, d -> d.values.syncSpeedBytes)
                        .description("Current speed of the resync or online verify in progress, in bytes per second"
                                + " (speed:, counted in KiB/s).")
                        .baseUnit("bytes.per.second")
                        .tags(tags)
                        .strongReference(true)
                        .register(registry));
    }

    /** Removes every meter of this device from the registries it was registered in. */
    void remove() {
        for (Registered r : registered) {
            r.registry().remove(r.meter());
        }
        registered.clear();
    }

    private static double roleValue(@Nullable Role role) {
        return role == null ? Double.NaN : KernelValues.of(role);
    }

    private static double diskValue(@Nullable DiskState state) {
        return state == null ? Double.NaN : KernelValues.of(state);
    }

    private void gauge(
            MeterRegistry registry, String name, String help, Tags meterTags, ToDoubleFunction<DeviceMeters> value) {
        remember(
                registry,
                Gauge.builder(name, this, value)
                        .description(help)
                        .tags(meterTags)
                        .strongReference(true)
                        .register(registry));
    }

    private void counter(
            MeterRegistry registry,
            String name,
            @Nullable String unit,
            String help,
            ToDoubleFunction<DeviceMeters> value) {
        FunctionCounter.Builder<DeviceMeters> builder =
                FunctionCounter.builder(name, this, value).description(help).tags(tags);
        if (unit != null) {
            builder.baseUnit(unit);
        }
        remember(registry, builder.register(registry));
    }

    private void remember(MeterRegistry registry, Meter meter) {
        registered.add(new Registered(registry, meter));
    }
}
