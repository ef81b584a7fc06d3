package io.drbd4j.micrometer;

import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.ProcDrbdStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Binds the devices of {@code /proc/drbd} to Micrometer registries: per device, gauges of the connection state, the
 * roles and disk states (as the kernel's numbers, and as one 0/1 gauge per state if asked), the out-of-sync bytes and a
 * running resync's percent and speed, and function counters of the kernel's I/O counters, in bytes where the kernel
 * counts KiB.
 *
 * <p>Each meter is tagged {@code host} (given here), {@code minor} and, where the resource function knows
 * it, {@code resource}. A Prometheus registry renders the meters under the names of
 * node_exporter's drbd collector without its {@code node_} prefix where the meaning is the same: {@code
 * drbd.network.sent} becomes {@code drbd_network_sent_bytes_total}.
 *
 * <p>Reads happen only in {@link #refresh()}: one refresh is one {@link StatusSource#read()}, and meters show the
 * last refresh's values until the next one. A device that appears gets its meters at the refresh that first sees it;
 * one that disappears loses them. Binding reads nothing: a registry bound before the first refresh gets the meters
 * then. Thread-safe: refreshes and bindings are serialised; scrapes read the last values without locking.
 */
public final class DrbdMetrics implements MeterBinder {
    private final StatusSource source;
    private final IntFunction<Optional<String>> resources;
    private final StateMeters states;
    private final Tags common;
    private final List<MeterRegistry> registries = new ArrayList<>();
    private Map<Integer, DeviceMeters> devices = new HashMap<>();
    private volatile Optional<ProcDrbdStatus> last = Optional.empty();

    private DrbdMetrics(StatusSource source, String host, IntFunction<Optional<String>> resources, StateMeters states) {
        this.source = Objects.requireNonNull(source, "source");
        this.resources = Objects.requireNonNull(resources, "resources");
        this.states = Objects.requireNonNull(states, "states");
        this.common = Tags.of("host", Objects.requireNonNull(host, "host"));
    }

    /**
     * Returns a binder of the devices that {@code source} reads, whose meters carry no {@code resource} tag and
     * show states as {@link StateMeters#NUMBERS numbers}.
     *
     * @param source read once per {@link #refresh()}
     * @param host the value of every meter's {@code host} tag: the host whose status the source reads
     * @return a binder with no meters until the first {@link #refresh()}
     */
    public static DrbdMetrics create(StatusSource source, String host) {
        return new DrbdMetrics(source, host, minor -> Optional.empty(), StateMeters.NUMBERS);
    }

    /**
     * Returns a binder of the devices that {@code source} reads, whose meters carry the resource names that {@code
     * resources} gives and show states as {@code states} says.
     *
     * @param source read once per {@link #refresh()}
     * @param host the value of every meter's {@code host} tag: the host whose status the source reads
     * @param resources the resource name of a minor, or empty when not known (DRBD 8.4's {@code /proc/drbd} prints
     *     none); asked at every refresh, so it should answer from memory
     * @param states the kernel's numbers only, or one-hot gauges as well
     * @return a binder with no meters until the first {@link #refresh()}
     */
    public static DrbdMetrics create(
            StatusSource source, String host, IntFunction<Optional<String>> resources, StateMeters states) {
        return new DrbdMetrics(source, host, resources, states);
    }

    /**
     * Registers the meters of the devices the last refresh saw, and those of later refreshes, in {@code registry}.
     *
     * @param registry the registry to publish to; binding it twice has no further effect
     */
    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        if (registries.contains(registry)) {
            return;
        }
        registries.add(registry);
        for (DeviceMeters device : devices.values()) {
            device.register(registry);
        }
    }

    /**
     * Reads the status once and updates the meters: new values for known devices, meters for new ones, none any
     * more for devices that are gone.
     *
     * @return what was read
     * @throws IOException when the source cannot read the status; the meters keep the previous values
     */
    public synchronized ProcDrbdStatus refresh() throws IOException {
        ProcDrbdStatus status = source.read();
        Map<Integer, DeviceMeters> next = new HashMap<>(status.devices().size() * 2);
        for (DeviceStatus device : status.devices()) {
            String resource = resources.apply(device.minor()).orElse("");
            DeviceMeters meters = devices.remove(device.minor());
            if (meters != null && !meters.fits(device, resource)) {
                meters.remove();
                meters = null;
            }
            if (meters == null) {
                meters = new DeviceMeters(device, resource, states, common);
                meters.update(device);
                for (MeterRegistry registry : registries) {
                    meters.register(registry);
                }
            } else {
                meters.update(device);
            }
            next.put(device.minor(), meters);
        }
        for (DeviceMeters gone : devices.values()) {
            gone.remove();
        }
        devices = next;
        last = Optional.of(status);
        return status;
    }

    /**
     * Returns what the last successful refresh read.
     *
     * @return what the last successful refresh read; empty before the first one
     */
    public Optional<ProcDrbdStatus> last() {
        return last;
    }
}
