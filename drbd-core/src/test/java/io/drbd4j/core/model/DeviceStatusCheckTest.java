package io.drbd4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The invariant {@link DeviceStatus} checks when built: which fields an Unconfigured and a configured minor have. */
class DeviceStatusCheckTest {
    private static final IoFlags FLAGS = IoFlags.builder()
            .raw("r-----")
            .ioSuspended(false)
            .pausedByDependency(false)
            .pausedByPeer(false)
            .pausedByUser(false)
            .congestion(Congestion.NONE)
            .activityLogSuspended(false)
            .build();

    private static DeviceStatus.Builder connected() {
        return DeviceStatus.builder()
                .minor(3)
                .connectionState(ConnectionState.CONNECTED)
                .role(Role.PRIMARY)
                .peerRole(Role.SECONDARY)
                .diskState(DiskState.UP_TO_DATE)
                .peerDiskState(DiskState.UP_TO_DATE)
                .protocol(ReplicationProtocol.C)
                .ioFlags(FLAGS);
    }

    private static DeviceStatus.Builder unconfigured() {
        return DeviceStatus.builder().minor(2).connectionState(ConnectionState.UNCONFIGURED);
    }

    @Test
    void aConfiguredMinorWithRolesDiskStatesAndFlagsBuilds() {
        DeviceStatus device = connected().build();

        assertThat(device.role()).contains(Role.PRIMARY);
        assertThat(device.peerRole()).contains(Role.SECONDARY);
        assertThat(device.diskState()).contains(DiskState.UP_TO_DATE);
        assertThat(device.peerDiskState()).contains(DiskState.UP_TO_DATE);
        assertThat(device.ioFlags()).contains(FLAGS);
        assertThat(device.isUnconfigured()).isFalse();
    }

    @Test
    void aConfiguredMinorLackingAnyOfRolesDiskStatesOrFlagsIsRefused() {
        for (UnaryOperator<DeviceStatus.Builder> lack : List.<UnaryOperator<DeviceStatus.Builder>>of(
                b -> b.role(Optional.empty()),
                b -> b.peerRole(Optional.empty()),
                b -> b.diskState(Optional.empty()),
                b -> b.peerDiskState(Optional.empty()),
                b -> b.ioFlags(Optional.empty()))) {
            assertThatThrownBy(() -> lack.apply(connected()).build())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("minor 3 in Connected lacks roles, disk states or flags (expected: all of them)");
        }
    }

    @Test
    void aConfiguredMinorNeedsNoProtocolCountersOrSync() {
        DeviceStatus device = connected().protocol(Optional.empty()).build();

        assertThat(device.protocol()).isEmpty();
        assertThat(device.counters()).isEmpty();
        assertThat(device.sync()).isEmpty();
    }

    @Test
    void anUnconfiguredMinorWithOnlyMinorAndStateBuilds() {
        DeviceStatus device = unconfigured().build();

        assertThat(device.isUnconfigured()).isTrue();
        assertThat(device.role()).isEmpty();
        assertThat(device.ioFlags()).isEmpty();
    }

    @Test
    void anUnconfiguredMinorWithAllStateFieldsCountersOrSyncIsRefused() {
        IoCounters counters = IoCounters.builder()
                .ns(0)
                .nr(0)
                .dw(0)
                .dr(0)
                .al(0)
                .bm(0)
                .lo(0)
                .pe(0)
                .ua(0)
                .ap(0)
                .build();
        SyncProgress sync = SyncProgress.builder()
                .kind(SyncProgress.Kind.SYNC)
                .perMille(500)
                .leftKiB(1)
                .totalKiB(2)
                .build();
        for (DeviceStatus.Builder refused : List.of(
                unconfigured()
                        .role(Role.PRIMARY)
                        .peerRole(Role.SECONDARY)
                        .diskState(DiskState.UP_TO_DATE)
                        .peerDiskState(DiskState.UP_TO_DATE)
                        .ioFlags(FLAGS),
                unconfigured().counters(counters),
                unconfigured().sync(sync))) {
            assertThatThrownBy(refused::build)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("minor 2 is Unconfigured but has state fields (expected: only minor and state)");
        }
    }

    @Test
    void anUnconfiguredMinorWithSomeButNotAllStateFieldsBuildsAsBefore() {
        // The check refuses an Unconfigured minor only with all five (or counters, or sync); this pins that.
        DeviceStatus device = unconfigured().role(Role.SECONDARY).build();

        assertThat(device.role()).contains(Role.SECONDARY);
    }

    @Test
    void aNegativeMinorIsRefused() {
        assertThatThrownBy(() -> connected().minor(-1).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("minor -1 is negative (expected: 0 to 1048575)");
    }
}
