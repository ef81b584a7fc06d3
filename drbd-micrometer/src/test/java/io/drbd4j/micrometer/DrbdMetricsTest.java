package io.drbd4j.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.proc.ProcDrbdParser;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DrbdMetricsTest {
    static final String TWO_DEVICES =
            """
            version: 8.4.11 (api:1/proto:86-101)
            GIT-hash: c386bbc4cd613e30d8f16adf91b7584a2265b1f5 build by builder@buildhost, 2018-11-03 01:26:55
             0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----
                ns:1048576 nr:2 dw:3 dr:4 al:5 bm:6 lo:7 pe:8 ua:9 ap:10 ep:1 wo:f oos:0
             1: cs:SyncSource ro:Secondary/Secondary ds:UpToDate/Inconsistent C r-----
                ns:14512132 nr:0 dw:0 dr:14512676 al:0 bm:885 lo:0 pe:32 ua:0 ap:0 ep:1 wo:f oos:5018200
            \t[=============>......] sync'ed: 74.4% (4900/19072)M
            \tfinish: 0:07:06 speed: 11,776 (10,992) K/sec
            """;

    static final String MINOR_1_GONE_MINOR_2_FREE =
            """
            version: 8.4.11 (api:1/proto:86-101)
             0: cs:WFConnection ro:Secondary/Unknown ds:UpToDate/DUnknown C r-----
                ns:2097152 nr:2 dw:3 dr:4 al:5 bm:6 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:64
             2: cs:Unconfigured
            """;

    /** Hands out canned texts, one per read, and counts the reads. */
    static final class CountingSource implements StatusSource {
        private final List<String> texts;
        int reads;

        CountingSource(String... texts) {
            this.texts = List.of(texts);
        }

        @Override
        public ProcDrbdStatus read() {
            String text = texts.get(Math.min(reads, texts.size() - 1));
            reads++;
            return ProcDrbdParser.strict().parse(text.getBytes(StandardCharsets.US_ASCII));
        }
    }

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private double gauge(String name, String minor, String... tags) {
        return registry.get(name).tags("minor", minor).tags(tags).gauge().value();
    }

    private double counter(String name, String minor) {
        return registry.get(name).tags("minor", minor).functionCounter().count();
    }

    @Test
    void gaugesAndCountersShowTheFixtureValuesInBytesWhereTheKernelCountsKiB() throws IOException {
        DrbdMetrics metrics = DrbdMetrics.create(new CountingSource(TWO_DEVICES), "alpha");
        metrics.bindTo(registry);
        metrics.refresh();

        assertThat(counter("drbd.network.sent", "0")).isEqualTo(1048576.0 * 1024);
        assertThat(counter("drbd.network.received", "0")).isEqualTo(2.0 * 1024);
        assertThat(counter("drbd.disk.written", "0")).isEqualTo(3.0 * 1024);
        assertThat(counter("drbd.disk.read", "0")).isEqualTo(4.0 * 1024);
        assertThat(counter("drbd.activitylog.writes", "0")).isEqualTo(5.0);
        assertThat(counter("drbd.bitmap.writes", "0")).isEqualTo(6.0);
        assertThat(gauge("drbd.local.pending", "0")).isEqualTo(7.0);
        assertThat(gauge("drbd.remote.pending", "0")).isEqualTo(8.0);
        assertThat(gauge("drbd.remote.unacknowledged", "0")).isEqualTo(9.0);
        assertThat(gauge("drbd.application.pending", "0")).isEqualTo(10.0);
        assertThat(gauge("drbd.epochs", "0")).isEqualTo(1.0);
        assertThat(gauge("drbd.out.of.sync", "1")).isEqualTo(5018200.0 * 1024);
        assertThat(gauge("drbd.sync.progress", "1")).isEqualTo(74.4);
        assertThat(gauge("drbd.sync.speed", "1")).isEqualTo(11776.0 * 1024);
        assertThat(registry.find("drbd.sync.progress").tags("minor", "0").meters())
                .isEmpty();
        assertThat(registry.find("drbd.sync.speed").tags("minor", "0").meters()).isEmpty();

        assertThat(gauge("drbd.connected", "0")).isEqualTo(1.0);
        assertThat(gauge("drbd.connected", "1")).isEqualTo(0.0);
        assertThat(gauge("drbd.connection.state", "0")).isEqualTo(10.0);
        assertThat(gauge("drbd.connection.state", "1")).isEqualTo(16.0);
        assertThat(gauge("drbd.node.role.is.primary", "0", "node", "local")).isEqualTo(1.0);
        assertThat(gauge("drbd.node.role.is.primary", "0", "node", "remote")).isEqualTo(0.0);
        assertThat(gauge("drbd.node.role", "0", "node", "local")).isEqualTo(1.0);
        assertThat(gauge("drbd.node.role", "0", "node", "remote")).isEqualTo(2.0);
        assertThat(gauge("drbd.disk.state", "1", "node", "local")).isEqualTo(8.0);
        assertThat(gauge("drbd.disk.state", "1", "node", "remote")).isEqualTo(4.0);
        assertThat(gauge("drbd.disk.state.is.up.to.date", "1", "node", "remote"))
                .isEqualTo(0.0);
        assertThat(gauge("drbd.disk.state.is.up.to.date", "1", "node", "local")).isEqualTo(1.0);
    }

    static DrbdMetrics oneHot(StatusSource source) {
        return DrbdMetrics.create(source, "alpha", minor -> Optional.empty(), StateMeters.NUMBERS_AND_ONE_HOT);
    }

    @Test
    void withNumbersOnlyNoOneHotGaugeIsRegistered() throws IOException {
        DrbdMetrics metrics = DrbdMetrics.create(new CountingSource(TWO_DEVICES), "alpha");
        metrics.bindTo(registry);
        metrics.refresh();

        assertThat(registry.find("drbd.connection.state.is").meters()).isEmpty();
        assertThat(registry.find("drbd.node.role.is").meters()).isEmpty();
        assertThat(registry.find("drbd.disk.state.is").meters()).isEmpty();
        assertThat(registry.find("drbd.connection.state").meters()).hasSize(2);
    }

    @Test
    void eachStateGaugeIsOneForTheStateSeenAndZeroForEveryOther() throws IOException {
        DrbdMetrics metrics = oneHot(new CountingSource(TWO_DEVICES));
        metrics.bindTo(registry);
        metrics.refresh();

        Map<String, Double> connection = byTag("drbd.connection.state.is", "1", "state", "node", null);
        assertThat(connection).hasSize(ConnectionState.values().length);
        assertThat(connection).containsEntry("SyncSource", 1.0);
        assertThat(connection.values().stream().mapToDouble(Double::doubleValue).sum())
                .isEqualTo(1.0);

        Map<String, Double> peerDisk = byTag("drbd.disk.state.is", "1", "state", "node", "remote");
        assertThat(peerDisk).hasSize(DiskState.values().length).containsEntry("Inconsistent", 1.0);
        assertThat(peerDisk.values().stream().mapToDouble(Double::doubleValue).sum())
                .isEqualTo(1.0);

        Map<String, Double> localRole = byTag("drbd.node.role.is", "1", "role", "node", "local");
        assertThat(localRole)
                .containsOnlyKeys("Primary", "Secondary", "Unknown")
                .containsEntry("Secondary", 1.0)
                .containsEntry("Primary", 0.0)
                .containsEntry("Unknown", 0.0);
    }

    /** The values of one name's gauges of a minor, by the value of tag {@code key}; filtered on another tag. */
    private Map<String, Double> byTag(String name, String minor, String key, String filterKey, String filterValue) {
        return registry.find(name).tags("minor", minor).gauges().stream()
                .filter(g -> filterValue == null || filterValue.equals(g.getId().getTag(filterKey)))
                .collect(Collectors.toMap(g -> g.getId().getTag(key), Gauge::value));
    }

    @Test
    void kernelNumbersFollowDrbdsOwnEnums() {
        assertThat(KernelValues.of(ConnectionState.STAND_ALONE)).isZero();
        assertThat(KernelValues.of(ConnectionState.WF_CONNECTION)).isEqualTo(8);
        assertThat(KernelValues.of(ConnectionState.CONNECTED)).isEqualTo(10);
        assertThat(KernelValues.of(ConnectionState.SYNC_SOURCE)).isEqualTo(16);
        assertThat(KernelValues.of(ConnectionState.BEHIND)).isEqualTo(23);
        assertThat(KernelValues.of(ConnectionState.UNCONFIGURED)).isEqualTo(-1);
        assertThat(KernelValues.of(DiskState.DISKLESS)).isZero();
        assertThat(KernelValues.of(DiskState.DUNKNOWN)).isEqualTo(6);
        assertThat(KernelValues.of(DiskState.UP_TO_DATE)).isEqualTo(8);
    }

    @Test
    void devicesThatDisappearLoseTheirMetersAndNewOnesGetThem() throws IOException {
        DrbdMetrics metrics = oneHot(new CountingSource(TWO_DEVICES, MINOR_1_GONE_MINOR_2_FREE));
        metrics.bindTo(registry);
        metrics.refresh();
        assertThat(minors()).containsExactly("0", "1");

        metrics.refresh();

        assertThat(minors()).containsExactly("0", "2");
        assertThat(registry.find("drbd.sync.progress").meters())
                .as("no resync runs any more")
                .isEmpty();
        assertThat(registry.find("drbd.network.sent").tags("minor", "1").meters())
                .isEmpty();
        assertThat(counter("drbd.network.sent", "0")).isEqualTo(2097152.0 * 1024);
        assertThat(gauge("drbd.out.of.sync", "0")).isEqualTo(64.0 * 1024);
        assertThat(gauge("drbd.connected", "0")).isZero();
        assertThat(gauge("drbd.node.role", "0", "node", "remote")).isZero();
        assertThat(gauge("drbd.disk.state", "0", "node", "remote")).isEqualTo(6.0);
        // A free minor has only the connection meters.
        assertThat(registry.find("drbd.connection.state")
                        .tags("minor", "2")
                        .gauge()
                        .value())
                .isEqualTo(-1.0);
        assertThat(registry.find("drbd.connection.state.is")
                        .tags("minor", "2", "state", "Unconfigured")
                        .gauge()
                        .value())
                .isEqualTo(1.0);
        assertThat(registry.find("drbd.network.sent").tags("minor", "2").meters())
                .isEmpty();
    }

    @Test
    void oneRefreshIsOneReadAndBindingReadsNothing() throws IOException {
        CountingSource source = new CountingSource(TWO_DEVICES);
        DrbdMetrics metrics = DrbdMetrics.create(source, "alpha");
        metrics.bindTo(registry);
        assertThat(source.reads).isZero();
        assertThat(registry.getMeters()).isEmpty();

        for (int i = 1; i <= 3; i++) {
            metrics.refresh();
            registry.getMeters().forEach(Meter::measure);
            assertThat(source.reads).isEqualTo(i);
        }
        assertThat(metrics.last()).isPresent();
    }

    @Test
    void aRegistryBoundAfterARefreshGetsTheMetersAtOnce() throws IOException {
        DrbdMetrics metrics = DrbdMetrics.create(new CountingSource(TWO_DEVICES), "alpha");
        metrics.refresh();
        metrics.bindTo(registry);
        metrics.bindTo(registry);

        assertThat(counter("drbd.network.sent", "0")).isEqualTo(1048576.0 * 1024);
        assertThat(registry.find("drbd.network.sent").meters()).hasSize(2);
    }

    @Test
    void metersCarryHostMinorAndResourceTagsAndNothingElse() throws IOException {
        DrbdMetrics metrics = DrbdMetrics.create(
                new CountingSource(TWO_DEVICES),
                "alpha",
                minor -> minor == 0 ? Optional.of("r0") : Optional.empty(),
                StateMeters.NUMBERS_AND_ONE_HOT);
        metrics.bindTo(registry);
        metrics.refresh();

        Set<String> keys = new TreeSet<>();
        Set<String> hosts = new TreeSet<>();
        for (Meter meter : registry.getMeters()) {
            for (Tag tag : meter.getId().getTags()) {
                keys.add(tag.getKey());
            }
            hosts.add(meter.getId().getTag("host"));
        }
        assertThat(keys).containsExactly("host", "minor", "node", "resource", "role", "state");
        assertThat(hosts).containsExactly("alpha");
        assertThat(registry.get("drbd.epochs")
                        .tags("minor", "0")
                        .gauge()
                        .getId()
                        .getTag("resource"))
                .isEqualTo("r0");
        assertThat(registry.get("drbd.epochs")
                        .tags("minor", "1")
                        .gauge()
                        .getId()
                        .getTag("resource"))
                .as("no resource tag where the name is not known")
                .isNull();
    }

    @Test
    void aResourceRenamedReplacesTheDevicesMeters() throws IOException {
        List<String> names = new ArrayList<>(List.of("r0"));
        DrbdMetrics metrics = DrbdMetrics.create(
                new CountingSource(TWO_DEVICES), "alpha", minor -> Optional.of(names.get(0)), StateMeters.NUMBERS);
        metrics.bindTo(registry);
        metrics.refresh();
        names.set(0, "data");
        metrics.refresh();

        assertThat(registry.find("drbd.epochs").tags("resource", "r0").meters()).isEmpty();
        assertThat(registry.find("drbd.epochs").tags("resource", "data").meters())
                .hasSize(2);
    }

    @Test
    void aFailedReadKeepsThePreviousValues() throws IOException {
        CountingSource canned = new CountingSource(TWO_DEVICES);
        boolean[] fail = {false};
        DrbdMetrics metrics = DrbdMetrics.create(
                () -> {
                    if (fail[0]) {
                        throw new IOException("ssh: connect to host alpha port 22: Connection refused");
                    }
                    return canned.read();
                },
                "alpha");
        metrics.bindTo(registry);
        metrics.refresh();
        fail[0] = true;

        assertThatThrownBy(metrics::refresh).isInstanceOf(IOException.class);
        assertThat(counter("drbd.network.sent", "0")).isEqualTo(1048576.0 * 1024);
    }

    private Set<String> minors() {
        return registry.getMeters().stream()
                .map(m -> m.getId().getTag("minor"))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
