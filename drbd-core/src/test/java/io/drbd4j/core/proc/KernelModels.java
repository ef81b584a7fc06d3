package io.drbd4j.core.proc;

import io.drbd4j.core.model.BuildTag;
import io.drbd4j.core.model.Congestion;
import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.DrbdVersion;
import io.drbd4j.core.model.IoCounters;
import io.drbd4j.core.model.IoFlags;
import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.model.ReplicationProtocol;
import io.drbd4j.core.model.Role;
import io.drbd4j.core.model.SyncProgress;
import io.drbd4j.core.model.Transport;
import io.drbd4j.core.model.WriteOrdering;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of models that a DRBD 8.4 kernel could print: counters within their printf ranges, sizes in
 * 4 KiB steps (4 MiB steps in M units, used only above 4 GiB), whole seconds, want only for SyncTarget and
 * VerifyS, flags whose text matches their typed fields.
 */
final class KernelModels {
    private static final long U32 = 0xFFFF_FFFFL;
    private static final long HALF_U32 = 0x7FFF_FFFFL;

    private static final int MAX_DEVICES = 8;

    private KernelModels() {}

    /** @return a DRBD 8.4 status with 0 to 8 devices, or now and then a DRBD 9 header-only status */
    static Arbitrary<ProcDrbdStatus> statuses() {
        return Arbitraries.frequencyOf(Tuple.of(9, drbd84()), Tuple.of(1, drbd9()));
    }

    static Arbitrary<ProcDrbdStatus> drbd84() {
        Arbitrary<List<Integer>> minors = Arbitraries.oneOf(
                        Arbitraries.integers().between(0, 40),
                        Arbitraries.integers().between(0, DeviceLineParser.MAX_MINOR))
                .set()
                .ofMaxSize(MAX_DEVICES)
                .map(s -> List.copyOf(new TreeSet<>(s)));
        // No flatMap anywhere here: jqwik memoizes the generators flatMap creates, which grows without bound
        // over the 100,000 tries of the long profile. Devices are made without a minor and zipped with them.
        Arbitrary<List<DeviceStatus>> templates = device().list().ofSize(MAX_DEVICES);
        return Combinators.combine(version84(), buildTags(), minors, templates).as((v, t, ms, ds) -> {
            List<DeviceStatus> devices = new ArrayList<>();
            for (int i = 0; i < ms.size(); i++) {
                devices.add(
                        DeviceStatus.builder().from(ds.get(i)).minor(ms.get(i)).build());
            }
            return ProcDrbdStatus.builder()
                    .version(v)
                    .buildTag(t)
                    .devices(devices)
                    .build();
        });
    }

    static Arbitrary<ProcDrbdStatus> drbd9() {
        Arbitrary<List<Transport>> transports = Combinators.combine(
                        Arbitraries.of("tcp", "lb-tcp", "rdma"), Arbitraries.of("9.2.8", "1.0.0", "NONE"))
                .as(Transport::of)
                .list()
                .ofMaxSize(3);
        Arbitrary<DrbdVersion> version = Combinators.combine(
                        Arbitraries.of("9.0.0", "9.2.8", "9.3.3"),
                        Arbitraries.integers().between(110, 124))
                .as((r, max) -> DrbdVersion.builder()
                        .release(r)
                        .api(2)
                        .protoMin(86)
                        .protoMax(max)
                        .build());
        return Combinators.combine(version, buildTags(), Arbitraries.of(10, 20), transports)
                .as((v, t, api, list) -> ProcDrbdStatus.builder()
                        .version(v)
                        .buildTag(t)
                        .transportsApi(api)
                        .transports(list)
                        .build());
    }

    private static Arbitrary<DrbdVersion> version84() {
        return Combinators.combine(
                        Arbitraries.of(
                                "8.4.0", "8.4.3", "8.4.11-1", "8.4.12-1", "8.4.0rc1", "8.4.2amz2", "8.4.11-0rc1"),
                        Arbitraries.of(100, 101))
                .as((r, max) -> DrbdVersion.builder()
                        .release(r)
                        .api(1)
                        .protoMin(86)
                        .protoMax(max)
                        .build());
    }

    private static Arbitrary<BuildTag> buildTags() {
        Arbitrary<String> hex40 =
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(40);
        Arbitrary<String> hex23 =
                Arbitraries.strings().withChars("0123456789ABCDEF").ofLength(23);
        return Arbitraries.oneOf(
                hex40.map(h -> BuildTag.of("GIT-hash: " + h + " build by mockbuild@, 2018-11-03 01:26:55")),
                hex23.map(h -> BuildTag.of("srcversion: " + h, " ")),
                Arbitraries.just(BuildTag.of("built-in")));
    }

    private static Arbitrary<DeviceStatus> device() {
        Arbitrary<DeviceStatus> unconfigured = Arbitraries.<List<String>>of(
                        List.of(), List.of("blocked on activity log: 0"))
                .map(d -> DeviceStatus.builder()
                        .minor(0)
                        .connectionState(ConnectionState.UNCONFIGURED)
                        .details(d)
                        .build());
        Arbitrary<ConnectionState> states =
                Arbitraries.of(ConnectionState.class).filter(s -> s != ConnectionState.UNCONFIGURED);
        Arbitrary<DeviceStatus> core = Combinators.combine(
                        states,
                        Arbitraries.of(Role.PRIMARY, Role.SECONDARY),
                        Arbitraries.of(Role.class),
                        Arbitraries.of(DiskState.class),
                        Arbitraries.of(DiskState.class),
                        Arbitraries.of(ReplicationProtocol.class).optional(0.8),
                        flags(),
                        counters())
                .as((state, role, peer, disk, peerDisk, protocol, flags, counters) -> DeviceStatus.builder()
                        .minor(0)
                        .connectionState(state)
                        .role(role)
                        .peerRole(peer)
                        .diskState(disk)
                        .peerDiskState(peerDisk)
                        .protocol(protocol)
                        .ioFlags(flags)
                        .counters(counters)
                        .build());
        Arbitrary<DeviceStatus> configured = Combinators.combine(core, sync()).as(KernelModels::withProgressIfPrinted);
        return Arbitraries.frequencyOf(Tuple.of(1, unconfigured), Tuple.of(6, configured));
    }

    /** Only SyncSource, SyncTarget, VerifyS and VerifyT print progress; want: only SyncTarget and VerifyS. */
    private static DeviceStatus withProgressIfPrinted(DeviceStatus device, SyncProgress progress) {
        ConnectionState state = device.connectionState();
        if (!state.printsProgress()) {
            return device;
        }
        boolean wants = state == ConnectionState.SYNC_TARGET || state == ConnectionState.VERIFY_S;
        SyncProgress adjusted = SyncProgress.builder()
                .from(progress)
                .kind(state.isVerify() ? SyncProgress.Kind.VERIFY : SyncProgress.Kind.SYNC)
                .wantKiBps(wants ? progress.wantKiBps() : OptionalLong.empty())
                .build();
        return DeviceStatus.builder().from(device).sync(adjusted).build();
    }

    private static Arbitrary<IoFlags> flags() {
        Arbitrary<Congestion> congestion = Arbitraries.of(Congestion.class).filter(c -> c != Congestion.UNSET);
        return Combinators.combine(
                        Arbitraries.of(true, false),
                        Arbitraries.of(true, false),
                        Arbitraries.of(true, false),
                        Arbitraries.of(true, false),
                        congestion,
                        Arbitraries.of(true, false))
                .as((s, a, p, u, c, al) -> IoFlags.builder()
                        .raw("" + (s ? 's' : 'r') + (a ? 'a' : '-') + (p ? 'p' : '-') + (u ? 'u' : '-') + c.label()
                                + (al ? 's' : '-'))
                        .ioSuspended(s)
                        .pausedByDependency(a)
                        .pausedByPeer(p)
                        .pausedByUser(u)
                        .congestion(c)
                        .activityLogSuspended(al)
                        .build());
    }

    private static Arbitrary<IoCounters> counters() {
        Arbitrary<Long> kib = Arbitraries.longs().between(0, HALF_U32);
        Arbitrary<Long> count = Arbitraries.longs().between(0, U32);
        Arbitrary<Long> gauge = Arbitraries.longs().between(Integer.MIN_VALUE, Integer.MAX_VALUE);
        Arbitrary<Long> oos = Arbitraries.longs().between(0, 1L << 48).map(v -> v * 4);
        Arbitrary<long[]> first = Combinators.combine(kib, kib, kib, kib, count, count, gauge, gauge)
                .as((ns, nr, dw, dr, al, bm, lo, pe) -> new long[] {ns, nr, dw, dr, al, bm, lo, pe});
        return Combinators.combine(first, gauge, gauge, gauge, Arbitraries.of(WriteOrdering.class), oos)
                .as((f, ua, ap, ep, wo, o) -> IoCounters.builder()
                        .ns(f[0])
                        .nr(f[1])
                        .dw(f[2])
                        .dr(f[3])
                        .al(f[4])
                        .bm(f[5])
                        .lo(f[6])
                        .pe(f[7])
                        .ua(ua)
                        .ap(ap)
                        .ep(ep)
                        .wo(wo)
                        .oos(o)
                        .build());
    }

    private static Arbitrary<SyncProgress> sync() {
        // Sizes: K units in 4 KiB steps up to 4 GiB; M units above 4 GiB in 4 MiB steps (spec §6.1).
        Arbitrary<long[]> sizes = Combinators.combine(
                        Arbitraries.of(true, false),
                        Arbitraries.longs().between(1, 1L << 30),
                        Arbitraries.integers().between(0, 1000))
                .as((mib, steps, leftPerMille) -> {
                    long total = mib ? 1024 + steps : Math.min(steps, 1L << 20);
                    long left = total * leftPerMille / 1000;
                    long step = mib ? 4 * 1024 : 4;
                    return new long[] {left * step, total * step, mib ? 1 : 0};
                });
        Arbitrary<Long> speed = Arbitraries.longs().between(-5_000, 20_000_000_000L);
        return Combinators.combine(
                        Arbitraries.integers().between(0, 1000),
                        sizes,
                        Arbitraries.longs().between(0, 5_000_000).optional(0.95),
                        speed,
                        speed,
                        speed.optional(0.3),
                        Arbitraries.longs().between(0, 8_388_608),
                        Arbitraries.of(true, false))
                .as((perMille, size, finish, s1, s2, s3, want, stalled) -> SyncProgress.builder()
                        .kind(SyncProgress.Kind.SYNC)
                        .perMille(perMille)
                        .leftKiB(size[0])
                        .totalKiB(size[1])
                        .unit(size[2] == 1 ? SyncProgress.Unit.MIB : SyncProgress.Unit.KIB)
                        .finish(finish.map(Duration::ofSeconds))
                        .speedKiBps(s1)
                        .averageKiBps(s2)
                        .recentKiBps(optionalLong(s3))
                        .wantKiBps(want)
                        .stalled(stalled)
                        .build());
    }

    private static OptionalLong optionalLong(Optional<Long> value) {
        return value.map(OptionalLong::of).orElse(OptionalLong.empty());
    }
}
