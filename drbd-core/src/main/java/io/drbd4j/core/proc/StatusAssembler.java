package io.drbd4j.core.proc;

import io.drbd4j.core.model.BuildTag;
import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.DrbdVersion;
import io.drbd4j.core.model.IoCounters;
import io.drbd4j.core.model.IoFlags;
import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.model.SyncProgress;
import io.drbd4j.core.model.Transport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Builds the immutable model from a reader's tokens: one pass, one device at a time.
 *
 * <p>Allocates only what the model keeps: one assembler is kept with each reader (one per thread in {@link
 * ProcDrbdParser}), and its status, device, counters and progress builders are reused from one device and one input
 * to the next, every attribute set again (or set absent) for each. The status builder's device list thus keeps the
 * capacity of the largest input instead of growing anew for each. The one exception is a counters line that lacks a
 * required key (lenient mode): it gets a fresh builder, whose {@code build()} fails as before and leaves the device
 * without counters. Between inputs the builders hold no model value but enums and numbers.
 */
final class StatusAssembler {
    private static final Counter[] COUNTERS = Counter.values();
    /** The keys every DRBD 8.x counters line has, {@code ns:} to {@code ap:}, as bits by ordinal. */
    private static final int REQUIRED = (1 << (Counter.AP.ordinal() + 1)) - 1;

    private final ProcDrbdReader reader;

    private final ProcDrbdStatus.Builder status = ProcDrbdStatus.builder();
    private final DeviceStatus.Builder reusedDevice = DeviceStatus.builder();
    private final IoCounters.Builder reusedCounters = IoCounters.builder();
    /** Made at the first progress line: most inputs have none. */
    private SyncProgress.Builder reusedSync;
    /** Whether {@link #reusedDevice} holds details from an earlier device. */
    private boolean detailsSet;

    private DeviceStatus.Builder device;
    private IoCounters.Builder counters;
    private SyncProgress.Builder sync;

    private StatusAssembler(ProcDrbdReader reader) {
        this.reader = reader;
    }

    static ProcDrbdStatus assemble(ProcDrbdReader reader) throws IOException {
        StatusAssembler assembler = reader.assembler;
        if (assembler == null) {
            assembler = new StatusAssembler(reader);
            reader.assembler = assembler;
        }
        return assembler.run();
    }

    private ProcDrbdStatus run() throws IOException {
        try {
            return assembleAll();
        } finally {
            release();
        }
    }

    /**
     * Empties the builders of what the last input put in them (also after a strict parse failed half-way), so the
     * reader kept for the next input holds no part of the model it built.
     */
    private void release() {
        status.version(Optional.empty())
                .buildTag(Optional.empty())
                .transportsApi(OptionalInt.empty())
                .transports(List.of())
                .devices(List.of())
                .problems(List.of());
        reusedDevice.ioFlags(Optional.empty()).counters(Optional.empty()).sync(Optional.empty());
        if (detailsSet) {
            reusedDevice.details(List.of());
            detailsSet = false;
        }
        device = null;
        counters = null;
        sync = null;
    }

    private ProcDrbdStatus assembleAll() throws IOException {
        for (ProcDrbdReader.Token t = reader.next(); t != ProcDrbdReader.Token.END; t = reader.next()) {
            switch (t) {
                case VERSION ->
                    status.version(DrbdVersion.builder()
                            .release(text(reader.releaseOffset(), reader.releaseLength()))
                            .api(reader.api())
                            .protoMin(reader.protoMin())
                            .protoMax(reader.protoMax())
                            .compat84(reader.compat84())
                            .build());
                case BUILD_TAG ->
                    status.buildTag(BuildTag.of(
                            text(reader.textOffset(), reader.textLength()),
                            text(reader.textOffset() + reader.textLength(), reader.trailingBlanks())));
                case TRANSPORTS -> transports();
                case DEVICE -> device();
                case COUNTERS -> counters();
                case PROGRESS -> progress();
                case FINISH -> finish();
                case DETAIL -> {
                    device.addDetail(text(reader.textOffset(), reader.textLength()));
                    detailsSet = true;
                }
                case PROBLEM -> status.addProblem(reader.problem());
                default -> throw new IllegalStateException("unexpected token " + t);
            }
        }
        flushDevice();
        return status.build();
    }

    private void transports() {
        status.transportsApi(reader.transportsApi());
        String list = text(reader.textOffset(), reader.textLength());
        int i = 0;
        while (i < list.length()) {
            int open = list.indexOf('(', i);
            int close = list.indexOf(')', open);
            status.addTransport(Transport.of(list.substring(i, open).trim(), list.substring(open + 1, close)));
            i = close + 1;
            while (i < list.length() && list.charAt(i) == ' ') {
                i++;
            }
        }
    }

    private void device() {
        flushDevice();
        device = reusedDevice
                .minor(reader.minor())
                .connectionState(reader.connectionState())
                .counters(Optional.empty())
                .sync(Optional.empty());
        if (detailsSet) {
            device.details(List.of());
            detailsSet = false;
        }
        if (reader.role() == null) {
            device.role(Optional.empty())
                    .peerRole(Optional.empty())
                    .diskState(Optional.empty())
                    .peerDiskState(Optional.empty())
                    .protocol(Optional.empty())
                    .ioFlags(Optional.empty());
            return;
        }
        IoFlags flags = KernelFlags.lookup(reader.buffer(), reader.flagsOffset(), reader.flagsLength());
        if (flags == null) {
            flags = IoFlags.builder()
                    .raw(text(reader.flagsOffset(), reader.flagsLength()))
                    .ioSuspended(reader.ioSuspended())
                    .pausedByDependency(reader.pausedByDependency())
                    .pausedByPeer(reader.pausedByPeer())
                    .pausedByUser(reader.pausedByUser())
                    .congestion(Optional.ofNullable(reader.congestion()))
                    .activityLogSuspended(reader.activityLogSuspended())
                    .build();
        }
        device.role(reader.role())
                .peerRole(reader.peerRole())
                .diskState(reader.diskState())
                .peerDiskState(reader.peerDiskState())
                .ioFlags(flags);
        if (reader.protocol() != null) {
            device.protocol(reader.protocol());
        } else {
            device.protocol(Optional.empty());
        }
    }

    private void counters() {
        boolean required = reader.hasCounters(REQUIRED);
        if (!reader.countersContinued()) {
            if (required) {
                counters = reusedCounters
                        .ep(OptionalLong.empty())
                        .wo(Optional.empty())
                        .oos(OptionalLong.empty());
            } else {
                counters = IoCounters.builder();
            }
        }
        if (required) {
            // Every line a kernel prints has them all: set in one run, without a lookup and a switch per key.
            counters.ns(reader.counter(Counter.NS))
                    .nr(reader.counter(Counter.NR))
                    .dw(reader.counter(Counter.DW))
                    .dr(reader.counter(Counter.DR))
                    .al(reader.counter(Counter.AL))
                    .bm(reader.counter(Counter.BM))
                    .lo(reader.counter(Counter.LO))
                    .pe(reader.counter(Counter.PE))
                    .ua(reader.counter(Counter.UA))
                    .ap(reader.counter(Counter.AP));
            if (reader.hasCounter(Counter.EP)) {
                counters.ep(reader.counter(Counter.EP));
            }
            if (reader.hasCounter(Counter.OOS)) {
                counters.oos(reader.counter(Counter.OOS));
            }
        } else {
            for (Counter c : COUNTERS) {
                if (reader.hasCounter(c)) {
                    set(c, reader.counter(c));
                }
            }
        }
        if (reader.writeOrdering() != null) {
            counters.wo(reader.writeOrdering());
        }
    }

    private void set(Counter c, long v) {
        switch (c) {
            case NS -> counters.ns(v);
            case NR -> counters.nr(v);
            case DW -> counters.dw(v);
            case DR -> counters.dr(v);
            case AL -> counters.al(v);
            case BM -> counters.bm(v);
            case LO -> counters.lo(v);
            case PE -> counters.pe(v);
            case UA -> counters.ua(v);
            case AP -> counters.ap(v);
            case EP -> counters.ep(v);
            case OOS -> counters.oos(v);
        }
    }

    private void progress() {
        if (reusedSync == null) {
            reusedSync = SyncProgress.builder();
        }
        sync = reusedSync
                .finish(Optional.empty())
                .speedKiBps(OptionalLong.empty())
                .averageKiBps(OptionalLong.empty())
                .recentKiBps(OptionalLong.empty())
                .wantKiBps(OptionalLong.empty())
                .stalled(false)
                .kind(reader.syncKind())
                .perMille(reader.perMille())
                .leftKiB(reader.leftKiB())
                .totalKiB(reader.totalKiB())
                .unit(reader.sizeUnit());
    }

    private void finish() {
        if (reader.hasFinishTime()) {
            sync.finish(Duration.ofSeconds(reader.finishSeconds()));
        }
        if (reader.hasSpeed()) {
            sync.speedKiBps(reader.speedKiBps()).averageKiBps(reader.averageKiBps());
        }
        if (reader.hasRecentSpeed()) {
            sync.recentKiBps(reader.recentKiBps());
        }
        if (reader.hasWant()) {
            sync.wantKiBps(reader.wantKiBps());
        }
        sync.stalled(reader.stalled());
    }

    private void flushDevice() {
        if (device == null) {
            return;
        }
        if (counters != null) {
            try {
                device.counters(counters.build());
            } catch (IllegalStateException missing) {
                // The reader reported the missing keys as a problem; a partial line gives no counters.
            }
        }
        if (sync != null) {
            device.sync(sync.build());
        }
        status.addDevice(device.build());
        device = null;
        counters = null;
        sync = null;
    }

    private String text(int offset, int length) {
        return new String(reader.buffer(), offset, length, StandardCharsets.UTF_8);
    }
}
