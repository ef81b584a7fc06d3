package io.drbd4j.core.safety;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.IoFlags;
import io.drbd4j.core.model.SyncProgress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * A resync that runs, is paused or is about to start, from the device line and its progress lines:
 *
 * <pre>{@code
 *  1: cs:SyncSource ro:Primary/Secondary ds:UpToDate/Inconsistent C r---n-
 *     ns:313236 nr:0 dw:0 dr:315032 al:0 bm:19 lo:5 pe:2 ua:7 ap:0 ep:1 wo:f oos:1715080
 * 	[==>.................] sync'ed: 15.6% (1715080/2026376)K
 * 	finish: 0:00:44 speed: 38,912 (38,912) K/sec
 * }</pre>
 *
 * <p>An online verify ({@code VerifyS}, {@code VerifyT}) copies nothing and is not a resync.
 */
@Value.Immutable
public abstract class ResyncInfo {
    // Only the implementation Immutables generates in this package extends this type.
    ResyncInfo() {}

    /** Where the resync stands. */
    public enum Phase {
        /** The bitmaps are being exchanged: {@code StartingSync*}, {@code WFBitMap*}, {@code WFSyncUUID}. */
        STARTING,
        /** Data is being copied: {@code SyncSource}, {@code SyncTarget}. */
        RUNNING,
        /** Paused by the user, the peer or a resync-after dependency: {@code PausedSyncS}, {@code PausedSyncT}. */
        PAUSED
    }

    /**
     * Returns the connection state the resync was read from, such as {@code SyncSource}.
     *
     * @return the connection state the resync was read from, such as {@code SyncSource}
     */
    public abstract ConnectionState state();

    /**
     * Returns whether this node sends or receives.
     *
     * @return whether this node sends or receives
     */
    public abstract ResyncDirection direction();

    /**
     * Returns starting, running or paused.
     *
     * @return starting, running or paused
     */
    public abstract Phase phase();

    /**
     * Returns KiB marked out of sync ({@code oos:}): what is still to copy; empty on DRBD 8.0, which has no oos field.
     *
     * @return KiB marked out of sync ({@code oos:}): what is still to copy; empty on DRBD 8.0, which has no oos
     *     field. Exact even when the progress line prints MiB.
     */
    public abstract OptionalLong outOfSyncKiB();

    /**
     * Returns the progress lines, present only while running and when the input showed them.
     *
     * @return the progress lines, present only while running and when the input showed them
     */
    public abstract Optional<SyncProgress> progress();

    /**
     * Returns one sentence for an operator, such as "Resync running: this node is the SyncSource, ...".
     *
     * @return one sentence for an operator, such as "Resync running: this node is the SyncSource, ..."
     */
    public abstract String description();

    /**
     * Returns per-mille done, 0 to 1000 ({@code 15.6%} is 156); empty without progress lines.
     *
     * @return per-mille done, 0 to 1000 ({@code 15.6%} is 156); empty without progress lines
     */
    public OptionalInt perMille() {
        return progress().map(p -> OptionalInt.of(p.perMille())).orElse(OptionalInt.empty());
    }

    /**
     * Returns time to the end in whole seconds as the kernel estimates it ({@code finish: 0:00:44}); empty without a
     * finish line or when the kernel printed no number.
     *
     * @return time to the end in whole seconds as the kernel estimates it ({@code finish: 0:00:44}); empty
     *     without a finish line or when the kernel printed no number
     */
    public Optional<Duration> finish() {
        return progress().flatMap(SyncProgress::finish);
    }

    /**
     * Returns the resync that status shows, empty when none runs, is paused or is starting.
     *
     * @param device one node's status of a minor
     * @return the resync that status shows, empty when none runs, is paused or is starting
     */
    static Optional<ResyncInfo> of(DeviceStatus device) {
        ConnectionState state = device.connectionState();
        Optional<ResyncDirection> direction = States.direction(state);
        if (direction.isEmpty()) {
            return Optional.empty();
        }
        Phase phase = States.phase(state);
        Optional<SyncProgress> progress = device.sync().filter(p -> p.kind() == SyncProgress.Kind.SYNC);
        return Optional.of(ImmutableResyncInfo.builder()
                .state(state)
                .direction(direction.get())
                .phase(phase)
                .outOfSyncKiB(Text.oos(device))
                .progress(progress)
                .description(describe(device, direction.get(), phase, progress))
                .build());
    }

    private static String describe(
            DeviceStatus device, ResyncDirection direction, Phase phase, Optional<SyncProgress> progress) {
        boolean source = direction == ResyncDirection.THIS_NODE_IS_SOURCE;
        StringBuilder s = new StringBuilder();
        switch (phase) {
            case RUNNING:
                s.append("Resync running: this node is the ").append(source ? "SyncSource" : "SyncTarget");
                progress.ifPresent(
                        p -> s.append(", ").append(Text.percent(p.perMille())).append(" done"));
                break;
            case PAUSED:
                s.append("Resync paused (")
                        .append(device.connectionState().label())
                        .append(pauseCauses(device))
                        .append("): this node is the ")
                        .append(source ? "source" : "target");
                break;
            default:
                s.append("Resync starting (")
                        .append(device.connectionState().label())
                        .append("): this node will be the ")
                        .append(source ? "source" : "target");
                break;
        }
        s.append(", ").append(Text.outOfSync(device));
        progress.flatMap(SyncProgress::finish)
                .ifPresent(f -> s.append(", about ").append(Text.hms(f)).append(" left"));
        if (progress.map(SyncProgress::stalled).orElse(false)) {
            s.append(" (stalled)");
        }
        return s.append('.').toString();
    }

    private static String pauseCauses(DeviceStatus device) {
        List<String> causes = new ArrayList<>();
        IoFlags flags = device.ioFlags().orElseThrow();
        if (flags.pausedByUser()) {
            causes.add("by the user");
        }
        if (flags.pausedByPeer()) {
            causes.add("by the peer");
        }
        if (flags.pausedByDependency()) {
            causes.add("for a resync-after dependency");
        }
        return causes.isEmpty() ? "" : ", " + String.join(" and ", causes);
    }
}
