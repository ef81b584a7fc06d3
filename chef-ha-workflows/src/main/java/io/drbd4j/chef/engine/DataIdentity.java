package io.drbd4j.chef.engine;

import io.drbd4j.chef.JournalEntry;
import io.drbd4j.exec.GenerationIdentifiers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * DRBD's own identity of the data each backend holds: its generation UUIDs ({@code drbdadm get-gi}), random per data
 * generation, so two clusters with the same names and addresses still differ. A journal records them at BEGIN, each
 * RESUME and each FINISHED step that ran commands; a resume checks that the data is still the one they name.
 */
final class DataIdentity {
    /** The key prefix of a backend's data identity in a journal entry's context. */
    static final String DATA = "data.";

    /**
     * DRBD's UUID_NEW_BM_OFFSET (drbd_int.h): the kernel adds it to a UUID it moves into the bitmap slot at a resync
     * handshake, so one generation may show as u or u plus this.
     */
    private static final long NEW_BM_OFFSET = 0x0001000000000000L;

    private final Pair pair;

    DataIdentity(Pair pair) {
        this.pair = pair;
    }

    /**
     * Returns each backend's current generation UUID. A backend without meta data, or with create-md's UUID (every new
     * disk has it), gives none.
     *
     * @return {@code data.HOST} = the UUID in hex, for each backend that has one
     */
    Map<String, String> now() {
        Map<String, String> ids = new TreeMap<>();
        generationsNow().forEach((host, uuids) -> ids.put(DATA + host, uuids.get(0)));
        return ids;
    }

    /**
     * Says how the data differs from a journal's: empty while some generation UUID the journal recorded is still among
     * the backends' current, bitmap or history UUIDs (DRBD keeps the last ones as data moves on), or when the journal
     * or the backends give none to compare.
     *
     * @param entries the journal's entries
     * @param journal the journal's name, for the words
     * @return what was seen, in words, when none of the recorded UUIDs is left
     */
    Optional<String> unrelated(List<JournalEntry> entries, String journal) {
        Map<String, String> recorded = new TreeMap<>();
        Set<String> uuids = new LinkedHashSet<>();
        for (JournalEntry entry : entries) {
            entry.context().forEach((key, value) -> {
                if (key.startsWith(DATA)) {
                    recorded.putIfAbsent(key, value);
                    uuids.add(value);
                }
            });
        }
        if (recorded.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<String>> now = generationsNow();
        boolean related = now.values().stream().flatMap(List::stream).anyMatch(uuid -> uuids.stream()
                .anyMatch(r -> sameGeneration(uuid, r)));
        if (now.isEmpty() || related) {
            return Optional.empty();
        }
        return Optional.of("the data now on the backends has generation UUIDs " + now + ", none of the ones " + journal
                + " began with " + recorded + " or recorded since");
    }

    /**
     * Returns each backend's generation UUIDs now, by name. A backend without any, or whose DRBD cannot be asked (no
     * resource yet in a setup's first steps, unreachable), is left out: the journal is then bound by names and
     * addresses, and a resumed step's guard stops on what it cannot read.
     */
    private Map<String, List<String>> generationsNow() {
        Map<String, List<String>> now = new TreeMap<>();
        LiveState state = new LiveState(pair);
        for (Side side : pair.reached()) {
            try {
                state.host(side)
                        .generations()
                        .map(DataIdentity::generations)
                        .filter(uuids -> !uuids.isEmpty())
                        .ifPresent(uuids -> now.put(pair.name(side), uuids));
            } catch (StateUnknownException e) {
                // left out, as said above
            }
        }
        return now;
    }

    private static boolean sameGeneration(String a, String b) {
        long x = Long.parseUnsignedLong(a, 16);
        long y = Long.parseUnsignedLong(b, 16);
        return x == y || x == y + NEW_BM_OFFSET || x + NEW_BM_OFFSET == y;
    }

    /** Returns the UUIDs in hex, current first, without the primary flag bit, create-md's UUID and empty slots. */
    private static List<String> generations(GenerationIdentifiers gi) {
        List<Long> all = new ArrayList<>();
        all.add(gi.current());
        all.add(gi.bitmap());
        all.addAll(gi.history());
        return all.stream()
                .map(uuid -> uuid & ~1L)
                .filter(uuid -> uuid != 0 && uuid != GenerationIdentifiers.JUST_CREATED)
                .map(Long::toHexString)
                .toList();
    }
}
