package io.drbd4j.exec;

import io.drbd4j.core.Drbd4jStyle;
import java.util.List;
import java.util.Locale;
import org.immutables.value.Value;

/**
 * One volume's data generation identifiers, as {@code drbdadm get-gi} prints them (drbd-utils
 * user/shared/drbdtool_common.c {@code dt_print_uuids}): the current, bitmap and two history UUIDs in hex, then the
 * meta data flags, {@code 5B7B1B5C7C3A1DDB:0000000000000000:2F4E4B0E3B5D7F49:0000000000000000:1:1:1:1:0:0:0}. DRBD
 * decides the sync direction and split brains on them.
 */
@Value.Immutable
@Drbd4jStyle
public abstract class GenerationIdentifiers {
    // Only the implementation Immutables generates in this package extends this type.
    GenerationIdentifiers() {}

    /** {@code UUID_JUST_CREATED}: the current UUID {@code create-md} writes; a disk with it never held data. */
    public static final long JUST_CREATED = 4;

    /**
     * Returns the current data generation; bit 0 is set while the node is (or was, at its last write) Primary.
     *
     * @return the current data generation; bit 0 is set while the node is (or was, at its last write) Primary
     */
    public abstract long current();

    /**
     * Returns the bitmap UUID: the generation the bitmap tracks changes since; not 0 on a node that became Primary
     * while disconnected (it took writes of its own) or is a SyncSource.
     *
     * @return the bitmap UUID: the generation the bitmap tracks changes since; not 0 on a node that became Primary
     *     while disconnected (it took writes of its own) or is a SyncSource
     */
    public abstract long bitmap();

    /**
     * Returns the history UUIDs, younger first (two in DRBD 8.4 and 8.3).
     *
     * @return the history UUIDs, younger first (two in DRBD 8.4 and 8.3)
     */
    public abstract List<Long> history();

    /**
     * Returns the meta data flags, in get-gi's order: consistent, was up to date, primary, connected.
     *
     * @return the meta data flags, in get-gi's order: consistent, was up to date, primary, connected, ...
     */
    public abstract List<Boolean> flags();

    /**
     * Returns whether {@code create-md} wrote the meta data and no data generation followed: the disk holds nothing.
     *
     * @return whether {@code create-md} wrote the meta data and no data generation followed: the disk holds nothing
     */
    public boolean justCreated() {
        return current() == JUST_CREATED && bitmap() == 0;
    }

    /**
     * Returns whether the node was Primary while disconnected: it took writes its peer has not seen.
     *
     * @return whether the node was Primary while disconnected: it took writes its peer has not seen
     */
    public boolean tookWritesApart() {
        return bitmap() != 0;
    }

    /**
     * Returns its identifiers.
     *
     * @param line a line of {@code drbdadm get-gi}
     * @return its identifiers
     * @throws IllegalArgumentException when it is not four hex UUIDs and five or seven 0/1 flags
     */
    public static GenerationIdentifiers parse(String line) {
        String[] fields = line.strip().split(":");
        if (fields.length != 9 && fields.length != 11) {
            throw new IllegalArgumentException(expected(line));
        }
        ImmutableGenerationIdentifiers.Builder gi = ImmutableGenerationIdentifiers.builder();
        try {
            gi.current(hex(fields[0], line)).bitmap(hex(fields[1], line));
            gi.addHistory(hex(fields[2], line), hex(fields[3], line));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(expected(line), e);
        }
        for (int i = 4; i < fields.length; i++) {
            if (!fields[i].equals("0") && !fields[i].equals("1")) {
                throw new IllegalArgumentException(expected(line));
            }
            gi.addFlag(fields[i].equals("1"));
        }
        return gi.build();
    }

    private static long hex(String field, String line) {
        if (field.length() != 16) {
            throw new IllegalArgumentException(expected(line));
        }
        return Long.parseUnsignedLong(field, 16);
    }

    private static String expected(String line) {
        return "\"" + line.strip() + "\" (expected: CURRENT:BITMAP:HISTORY:HISTORY in 16 hex digits each, then five or"
                + " seven 0/1 flags, as drbdadm get-gi prints them)";
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "%016X:%016X:%016X:%016X",
                current(),
                bitmap(),
                history().get(0),
                history().get(1)));
        flags().forEach(f -> out.append(':').append(f ? '1' : '0'));
        return out.toString();
    }

    @Value.Check
    void check() {
        if (history().size() != 2) {
            throw new IllegalArgumentException("history " + history() + " (expected: two UUIDs)");
        }
    }
}
