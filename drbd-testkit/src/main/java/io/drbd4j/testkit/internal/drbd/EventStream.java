package io.drbd4j.testkit.internal.drbd;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.IoFlags;
import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandInterruptedException;
import io.drbd4j.exec.runner.CommandStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * A simulated node's {@code drbdsetup events} stream, as the real 8.4.11 kernel printed it on the test bed:
 *
 * <pre>{@code
 * 1796588024 ST 0,pc0[0] { cs:Connected ro:Secondary/Secondary ds:Inconsistent/Inconsistent r--- }
 * 13 ST 0,pc0[0] { cs:SyncSource ro:Primary/Secondary ds:UpToDate/Inconsistent r--- }
 * 14 SP 0,pc0[0] 31.3
 * 37 UH 0,pc0[0] initial-split-brain
 * }</pre>
 *
 * <p>The device's state first (nothing while the resource is down), then an {@code ST} line whenever the state
 * line changes, an {@code SP} line at most every 2 s while a resync runs (the kernel's own pace on the test bed was
 * one per 2 to 3 s), and an {@code initial-split-brain} helper call for every split brain the handshake detects.
 * 8.3 names only the minor. The transient states the simulator passes in one step are not printed (the real
 * stream also shows WFReportParams, WFBitMapS and the like for milliseconds).
 *
 * <p>Reading waits in simulated time: when nothing is pending, a read lets time pass in steps of at most 100 ms
 * until something changes or its timeout has passed. A node powered off ends the stream, as a lost connection
 * would.
 */
public final class EventStream implements CommandStream {
    private static final long PROGRESS_EVERY_MILLIS = 2_000;
    private static final Duration STEP = Duration.ofMillis(100);

    private final Command command;
    private final DrbdNode node;
    private final StringBuilder pending = new StringBuilder();
    private final long endMillis;
    private byte[] out = new byte[0];
    private int outPos;
    private long seq = 1;
    private String lastState = "";
    private int lastPerMille = -1;
    private long lastProgressMillis = -PROGRESS_EVERY_MILLIS;
    private int logSeen;
    private boolean first = true;
    private boolean closed;
    private boolean ended;

    /**
     * Starts the stream of a node.
     *
     * @param command the command that asked for it
     * @param node the node
     */
    public EventStream(Command command, DrbdNode node) {
        this.command = command;
        this.node = node;
        synchronized (node.pair) {
            this.logSeen = node.pair.events().size();
            this.endMillis = node.pair.nowMillis() + command.timeout().toMillis();
        }
        // The kernel dumps the state as it is when the stream starts, not when it is first read.
        collect();
    }

    @Override
    public Command command() {
        return command;
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int length, Duration timeout) {
        if (Thread.currentThread().isInterrupted()) {
            throw new CommandInterruptedException(command, "");
        }
        if (outPos == out.length) {
            collect();
            Duration waited = Duration.ZERO;
            while (pending.length() == 0 && !ended && waited.compareTo(timeout) < 0) {
                Duration step = timeout.minus(waited).compareTo(STEP) < 0 ? timeout.minus(waited) : STEP;
                try {
                    node.pair.time().sleep(step);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CommandInterruptedException(command, "");
                }
                waited = waited.plus(step);
                collect();
            }
            out = pending.toString().getBytes(StandardCharsets.US_ASCII);
            outPos = 0;
            pending.setLength(0);
        }
        if (outPos == out.length) {
            return ended ? -1 : 0;
        }
        int n = Math.min(length, out.length - outPos);
        System.arraycopy(out, outPos, buffer, offset, n);
        outPos += n;
        return n;
    }

    /** Adds to {@link #pending} what changed since the last look. */
    private void collect() {
        if (closed || ended) {
            ended = true;
            return;
        }
        synchronized (node.pair) {
            if (!node.isPowered() || node.pair.nowMillis() >= endMillis) {
                ended = true;
                return;
            }
            String device = device();
            List<String> log = node.pair.events();
            for (int i = logSeen; i < log.size(); i++) {
                String line = log.get(i);
                if (line.contains(" " + node.name + ": Split-Brain detected")) {
                    pending.append(seq++).append(" UH ").append(device).append(" initial-split-brain\n");
                }
            }
            logSeen = log.size();
            ProcDrbdStatus status = ProcView.status(node);
            DeviceStatus d =
                    status.devices().isEmpty() ? null : status.devices().get(0);
            String state = d == null || d.connectionState() == ConnectionState.UNCONFIGURED ? "" : stateLine(d);
            if (state.isEmpty() && !lastState.isEmpty()) {
                // down: the last state the kernel reports before it deletes the device
                state(device, "{ cs:StandAlone ro:Secondary/Unknown ds:Diskless/DUnknown r--- }");
            } else if (!state.equals(lastState)) {
                state(device, state);
            }
            lastState = state;
            first = false;
            if (d != null && d.sync().isPresent()) {
                int perMille = d.sync().get().perMille();
                long now = node.pair.nowMillis();
                if (perMille != lastPerMille && now - lastProgressMillis >= PROGRESS_EVERY_MILLIS) {
                    pending.append(seq++)
                            .append(" SP ")
                            .append(device)
                            .append(' ')
                            .append(perMille / 10)
                            .append('.')
                            .append(perMille % 10)
                            .append('\n');
                    lastPerMille = perMille;
                    lastProgressMillis = now;
                }
            } else {
                lastPerMille = -1;
            }
        }
    }

    private void state(String device, String state) {
        // The stream's first dump carried a large number where the sequence goes on the test bed.
        pending.append(first ? 1_796_588_024L : seq++)
                .append(" ST ")
                .append(device)
                .append(' ')
                .append(state)
                .append('\n');
    }

    private String device() {
        return node.dialect.equals("8.3")
                ? String.valueOf(node.config.minor())
                : node.config.minor() + "," + node.config.name() + "[0]";
    }

    private static String stateLine(DeviceStatus d) {
        IoFlags f = d.ioFlags().orElseThrow();
        return "{ cs:" + d.connectionState().label()
                + " ro:" + d.role().orElseThrow().label() + "/"
                + d.peerRole().orElseThrow().label()
                + " ds:" + d.diskState().orElseThrow().label() + "/"
                + d.peerDiskState().orElseThrow().label()
                + " " + (f.ioSuspended() ? 's' : 'r') + (f.pausedByDependency() ? 'a' : '-')
                + (f.pausedByPeer() ? 'p' : '-') + (f.pausedByUser() ? 'u' : '-') + " }";
    }

    @Override
    public OptionalInt exitCode() {
        return OptionalInt.empty();
    }

    @Override
    public String stderrText() {
        return "";
    }

    @Override
    public synchronized void close() {
        closed = true;
        ended = true;
        out = new byte[0];
        outPos = 0;
    }
}
