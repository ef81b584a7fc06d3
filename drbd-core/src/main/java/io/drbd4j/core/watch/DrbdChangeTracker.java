package io.drbd4j.core.watch;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.Role;
import io.drbd4j.core.proc.Counter;
import io.drbd4j.core.proc.ParseOptions;
import io.drbd4j.core.proc.ProcDrbdReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Keeps one node's last known DRBD state and tells a {@link DrbdChangeListener} what changed, from either source:
 * whole readings of {@code /proc/drbd} ({@link #update(byte[], int, int)} and its siblings), or the lines of
 * DRBD's own event stream, {@code drbdsetup events} ({@link #event(byte[], int, int)}).
 *
 * <p>A reading that changes nothing allocates nothing once the tracker has seen as many devices: readings go
 * through a lenient {@link ProcDrbdReader} into flat arrays, and only a change builds its {@link DrbdChange}.
 * Lines the lenient reader cannot read are left out of the reading (a device whose line cannot be read counts as
 * gone until it can be read again); {@link #problems()} counts them.
 *
 * <pre>{@code
 * DrbdChangeTracker tracker = new DrbdChangeTracker(changes::add);
 * try (FileChannel proc = FileChannel.open(Path.of("/proc/drbd"))) {
 *     tracker.update(proc); // the first reading: a DeviceAppeared per device
 * }
 * }</pre>
 *
 * <p>Not thread-safe: feed it from one thread.
 */
public final class DrbdChangeTracker {
    private static final ConnectionState[] CONNECTION = ConnectionState.values();
    private static final Role[] ROLE = Role.values();
    private static final DiskState[] DISK = DiskState.values();

    private final DrbdChangeListener listener;
    private final ProcDrbdReader reader = new ProcDrbdReader(ParseOptions.lenient());
    private final EventLine eventLine = new EventLine();
    private Devices current = new Devices();
    private Devices next = new Devices();
    private final Devices scratch = new Devices();
    private int problems;
    private long changes;

    /**
     * Creates a tracker that knows no device yet.
     *
     * @param listener told of every change, on the thread that feeds the tracker
     */
    public DrbdChangeTracker(DrbdChangeListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        scratch.add(0);
    }

    /**
     * Takes a whole reading of {@code /proc/drbd} and tells the listener what changed since the previous one.
     *
     * @param data the bytes, not kept
     * @param offset where they start
     * @param length how many
     * @return how many changes the listener was told of
     */
    public int update(byte[] data, int offset, int length) {
        reader.reset(data, offset, length);
        return readAll();
    }

    /**
     * Takes a whole reading of {@code /proc/drbd}, from the buffer's position to its limit.
     *
     * @param data the reading; its position is not moved
     * @return how many changes the listener was told of
     */
    public int update(ByteBuffer data) {
        reader.reset(data);
        return readAll();
    }

    /**
     * Reads {@code /proc/drbd} (or a file in its format) from the channel's position to its end.
     *
     * @param channel an open channel, not closed here
     * @return how many changes the listener was told of
     * @throws UncheckedIOException when the channel cannot be read
     */
    public int update(FileChannel channel) {
        reader.reset(channel);
        return readAll();
    }

    /**
     * Returns how many lines the last reading of {@code /proc/drbd} could not read, or how many event lines were
     * not understood since the tracker was created.
     *
     * @return how many lines the last reading could not read, plus the event lines not understood
     */
    public int problems() {
        return problems + eventLine.notUnderstood;
    }

    /**
     * Returns how many changes the listener has been told of since the tracker was created.
     *
     * @return how many changes the listener has been told of since the tracker was created
     */
    public long changes() {
        return changes;
    }

    /**
     * Returns whether a device with this minor is known now.
     *
     * @param minor a minor number
     * @return whether a device with this minor is known now
     */
    public boolean knows(int minor) {
        return current.indexOf(minor, 0) >= 0;
    }

    /**
     * Returns the connection state last seen for a device.
     *
     * @param minor a minor number
     * @return the connection state last seen, or null when the device is not known
     */
    public @Nullable ConnectionState connectionState(int minor) {
        int i = current.indexOf(minor, 0);
        return i < 0 ? null : CONNECTION[current.connection[i]];
    }

    private int readAll() {
        long before = changes;
        next.clear();
        problems = 0;
        int at = -1;
        try {
            for (ProcDrbdReader.Token t = reader.next(); t != ProcDrbdReader.Token.END; t = reader.next()) {
                switch (t) {
                    case DEVICE -> at = device(next);
                    case COUNTERS -> {
                        if (at >= 0 && reader.hasCounter(Counter.OOS)) {
                            next.oos[at] = reader.counter(Counter.OOS);
                        }
                    }
                    case PROGRESS -> {
                        if (at >= 0) {
                            next.perMille[at] = reader.perMille();
                            next.leftKiB[at] = reader.leftKiB();
                        }
                    }
                    case FINISH -> {
                        if (at >= 0 && reader.hasSpeed()) {
                            next.speedKiBps[at] = reader.speedKiBps();
                        }
                    }
                    case PROBLEM -> problems++;
                    default -> {
                        // version, build tag, transports and detail lines say nothing that changes
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int hint = 0;
        for (int i = 0; i < next.count; i++) {
            int b = current.indexOf(next.minor[i], hint);
            compare(current, b, next, i);
            hint = b + 1;
        }
        for (int j = 0; j < current.count; j++) {
            if (next.indexOf(current.minor[j], j) < 0) {
                tell(new DrbdChange.DeviceGone(current.minor[j]));
            }
        }
        Devices swap = current;
        current = next;
        next = swap;
        return (int) (changes - before);
    }

    private int device(Devices into) {
        int minor = reader.minor();
        if (into.indexOf(minor, into.count - 1) >= 0) {
            problems++; // the same minor twice: keep the first
            return -1;
        }
        int i = into.add(minor);
        into.connection[i] = (byte) reader.connectionState().ordinal();
        into.role[i] = code(reader.role());
        into.peerRole[i] = code(reader.peerRole());
        into.disk[i] = code(reader.diskState());
        into.peerDisk[i] = code(reader.peerDiskState());
        into.suspended[i] = reader.ioSuspended();
        return i;
    }

    /**
     * Takes one line of DRBD's event stream ({@code drbdsetup events}, DRBD 8.4 or 8.3), without its line end,
     * and tells the listener what it changed. A state line ({@code ST}) changes one device; a progress line
     * ({@code SP}) its share done; a {@code split-brain} or {@code initial-split-brain} handler call ({@code UH})
     * is a split brain; a device deleted ({@code DE}, 8.3) is gone. Other lines change nothing, and a line not
     * understood counts as a {@link #problems() problem}.
     *
     * <pre>{@code
     * 12 ST 0,pc0[0] { cs:SyncSource ro:Primary/Secondary ds:UpToDate/Inconsistent r--- }
     * }</pre>
     *
     * @param line the bytes, not kept
     * @param offset where the line starts
     * @param length its length, without the line end
     * @return how many changes the listener was told of
     */
    public int event(byte[] line, int offset, int length) {
        long before = changes;
        EventLine e = eventLine;
        boolean understood = e.parse(line, offset, length);
        e.forget();
        if (!understood) {
            return 0;
        }
        int i = current.indexOf(e.minor, 0);
        switch (e.kind) {
            case EventLine.STATE -> {
                Devices s = scratch;
                s.minor[0] = e.minor;
                s.connection[0] = (byte) e.connection.ordinal();
                s.role[0] = code(e.role);
                s.peerRole[0] = code(e.peerRole);
                s.disk[0] = code(e.disk);
                s.peerDisk[0] = code(e.peerDisk);
                s.suspended[0] = e.suspended;
                boolean syncing = syncing(e.connection);
                s.perMille[0] = i >= 0 && syncing ? current.perMille[i] : -1;
                s.leftKiB[0] = -1;
                s.speedKiBps[0] = -1;
                s.oos[0] = -1;
                compare(current, i, s, 0);
                if (i < 0) {
                    i = current.add(e.minor);
                }
                current.copy(i, s, 0);
            }
            case EventLine.PROGRESS -> {
                if (i >= 0 && current.perMille[i] != e.perMille) {
                    current.perMille[i] = e.perMille;
                    tell(new DrbdChange.SyncProgressed(
                            e.minor, e.perMille, OptionalLong.empty(), OptionalLong.empty()));
                }
            }
            case EventLine.SPLIT_BRAIN -> tell(new DrbdChange.SplitBrainDetected(e.minor));
            case EventLine.DELETED -> {
                if (i >= 0) {
                    current.remove(i);
                    tell(new DrbdChange.DeviceGone(e.minor));
                }
            }
            default -> {
                // a line that changes nothing
            }
        }
        return (int) (changes - before);
    }

    /** Tells the listener how device {@code a} of {@code after} differs from device {@code b} of {@code before}. */
    private void compare(Devices before, int b, Devices after, int a) {
        int minor = after.minor[a];
        ConnectionState cs = CONNECTION[after.connection[a]];
        boolean wasSyncing = false;
        int perMilleBefore = -1;
        boolean splitBefore = false;
        if (b < 0) {
            tell(new DrbdChange.DeviceAppeared(
                    minor,
                    cs,
                    role(after.role[a]),
                    role(after.peerRole[a]),
                    disk(after.disk[a]),
                    disk(after.peerDisk[a])));
        } else {
            ConnectionState was = CONNECTION[before.connection[b]];
            wasSyncing = syncing(was);
            perMilleBefore = before.perMille[b];
            splitBefore = splitBrainSignature(before, b);
            if (was != cs) {
                tell(new DrbdChange.ConnectionChanged(minor, was, cs));
            }
            if (before.role[b] != after.role[a] || before.peerRole[b] != after.peerRole[a]) {
                tell(new DrbdChange.RoleChanged(
                        minor,
                        role(before.role[b]),
                        role(after.role[a]),
                        role(before.peerRole[b]),
                        role(after.peerRole[a])));
            }
            if (before.disk[b] != after.disk[a] || before.peerDisk[b] != after.peerDisk[a]) {
                tell(new DrbdChange.DiskChanged(
                        minor,
                        disk(before.disk[b]),
                        disk(after.disk[a]),
                        disk(before.peerDisk[b]),
                        disk(after.peerDisk[a])));
            }
            if (before.suspended[b] != after.suspended[a]) {
                tell(new DrbdChange.IoSuspensionChanged(minor, after.suspended[a]));
            }
        }
        boolean syncing = syncing(cs);
        if (syncing && !wasSyncing) {
            tell(new DrbdChange.SyncStarted(minor, cs));
        }
        int perMille = after.perMille[a];
        if (syncing && perMille >= 0 && (perMille != perMilleBefore || !wasSyncing)) {
            tell(new DrbdChange.SyncProgressed(minor, perMille, known(after.leftKiB[a]), known(after.speedKiBps[a])));
        }
        if (wasSyncing && !syncing) {
            tell(new DrbdChange.SyncFinished(minor, cs));
        }
        if (!splitBefore && splitBrainSignature(after, a)) {
            tell(new DrbdChange.SplitBrainDetected(minor));
        }
    }

    /**
     * Whether the device shows what a split brain leaves: StandAlone, Primary, data that can diverge, and writes
     * its peer lacks.
     */
    private static boolean splitBrainSignature(Devices d, int i) {
        if (CONNECTION[d.connection[i]] != ConnectionState.STAND_ALONE || d.oos[i] <= 0) {
            return false;
        }
        if (role(d.role[i]) != Role.PRIMARY) {
            return false;
        }
        DiskState disk = disk(d.disk[i]);
        return disk == DiskState.UP_TO_DATE || disk == DiskState.CONSISTENT || disk == DiskState.OUTDATED;
    }

    private static boolean syncing(ConnectionState cs) {
        return switch (cs) {
            case SYNC_SOURCE, SYNC_TARGET, PAUSED_SYNC_S, PAUSED_SYNC_T, VERIFY_S, VERIFY_T -> true;
            default -> false;
        };
    }

    private void tell(DrbdChange change) {
        changes++;
        listener.changed(change);
    }

    private static OptionalLong known(long value) {
        return value < 0 ? OptionalLong.empty() : OptionalLong.of(value);
    }

    private static byte code(@Nullable Enum<?> value) {
        return (byte) (value == null ? 0 : value.ordinal() + 1);
    }

    private static @Nullable Role role(byte code) {
        return code == 0 ? null : ROLE[code - 1];
    }

    private static @Nullable DiskState disk(byte code) {
        return code == 0 ? null : DISK[code - 1];
    }
}
