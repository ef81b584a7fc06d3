package io.drbd4j.testkit.internal.drbd;

import io.drbd4j.core.model.BuildTag;
import io.drbd4j.core.model.Congestion;
import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.DrbdVersion;
import io.drbd4j.core.model.IoCounters;
import io.drbd4j.core.model.IoFlags;
import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.model.ReplicationProtocol;
import io.drbd4j.core.model.WriteOrdering;
import io.drbd4j.core.proc.ProcDrbdWriter;
import java.util.Optional;

/**
 * A node's {@code /proc/drbd} as drbd-core's model, so {@link ProcDrbdWriter} renders it exactly: the version
 * header of the node's module (8.4: {@code api:1/proto:86-101}; 8.3: {@code api:88/proto:86-97}), then minor 0
 * unless the resource is down ({@code cs:Unconfigured} while StandAlone, Diskless and Secondary). Protocol C,
 * write ordering {@code f}, flags from the isp bits, counters with {@code oos:}, and the progress lines while a
 * resync or online verify runs (not while paused, as the kernel does).
 */
public final class ProcView {
    private ProcView() {}

    /**
     * Returns its /proc/drbd text.
     *
     * @param node the node
     * @return its /proc/drbd text
     */
    public static String text(DrbdNode node) {
        synchronized (node.pair) {
            return ProcDrbdWriter.write(status(node));
        }
    }

    /**
     * Returns its /proc/drbd model.
     *
     * @param node the node
     * @return its /proc/drbd model
     */
    public static ProcDrbdStatus status(DrbdNode node) {
        boolean v83 = node.dialect.equals("8.3");
        var builder = ProcDrbdStatus.builder()
                .version(DrbdVersion.builder()
                        .release(node.kernelVersion)
                        .api(v83 ? 88 : 1)
                        .protoMin(86)
                        .protoMax(v83 ? 97 : 101)
                        .build())
                .buildTag(BuildTag.of("GIT-hash: 0123456789abcdef0123456789abcdef01234567 build by root@" + node.name
                        + ", 2026-01-01 00:00:00"));
        if (node.exists) {
            builder.addDevice(device(node));
        }
        return builder.build();
    }

    private static DeviceStatus device(DrbdNode n) {
        if (n.unconfigured()) {
            return DeviceStatus.builder()
                    .minor(n.config.minor())
                    .connectionState(ConnectionState.UNCONFIGURED)
                    .build();
        }
        var builder = DeviceStatus.builder()
                .minor(n.config.minor())
                .connectionState(n.conn)
                .role(n.role)
                .peerRole(n.peer)
                .diskState(n.disk)
                .peerDiskState(n.pdsk)
                // The protocol letter comes from the net config: none in StandAlone, three spaces there
                // (fixtures 008, 021, 022).
                .protocol(n.netConf ? Optional.of(ReplicationProtocol.C) : Optional.empty())
                .ioFlags(flags(n))
                .counters(IoCounters.builder()
                        .ns(n.ns)
                        .nr(n.nr)
                        .dw(n.dw)
                        .dr(n.dr)
                        .al(n.al)
                        .bm(0)
                        .lo(0)
                        .pe(0)
                        .ua(0)
                        .ap(0)
                        .ep(1)
                        .wo(WriteOrdering.FLUSH)
                        .oos(n.oosBits * 4)
                        .build());
        Resync resync = n.pair.resync;
        boolean running = n.conn == ConnectionState.SYNC_SOURCE || n.conn == ConnectionState.SYNC_TARGET;
        if (resync != null && running) {
            builder.sync(
                    resync.progress(n.pair.nowMillis(), n.conn == ConnectionState.SYNC_TARGET, n.pair.linkKiBps()));
        }
        Verify verify = n.pair.verify;
        if (verify != null && (n.conn == ConnectionState.VERIFY_S || n.conn == ConnectionState.VERIFY_T)) {
            builder.sync(verify.progress(n.pair.nowMillis(), n.conn == ConnectionState.VERIFY_S));
        }
        return builder.build();
    }

    private static IoFlags flags(DrbdNode n) {
        String raw = "r-" + (n.peerIsp ? 'p' : '-') + (n.userIsp ? 'u' : '-') + "-" + (n.alSuspended ? 's' : '-');
        return IoFlags.builder()
                .raw(raw)
                .ioSuspended(false)
                .pausedByDependency(false)
                .pausedByPeer(n.peerIsp)
                .pausedByUser(n.userIsp)
                .congestion(Congestion.NONE)
                .activityLogSuspended(n.alSuspended)
                .build();
    }
}
