package io.drbd4j.examples.cli;

import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.ProcDrbdStatus;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;

/**
 * The resync speed of each syncing device over the last {@link #WIDTH} reads of a {@code status --watch}, one
 * character per read, newest right: Unicode blocks {@code ▁▂▃▄▅▆▇█} scaled from 0 to the highest speed shown, or
 * {@code _.-~=+*#} where the output is not a UTF-8 terminal with colours. A device's history ends when its resync
 * does. Not thread-safe: one watch owns it.
 */
final class Sparkline {
    /** How many reads a line shows, and so how many speeds are kept per device. */
    static final int WIDTH = 30;

    private static final String BLOCKS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588";
    private static final String ASCII = "_.-~=+*#";

    private final Map<Integer, Deque<Long>> speeds = new TreeMap<>();

    /**
     * Adds the speed each syncing device shows in {@code status}; forgets the devices that do not sync any more.
     *
     * @param status one read of the watch
     */
    void add(ProcDrbdStatus status) {
        Map<Integer, Deque<Long>> kept = new TreeMap<>();
        for (DeviceStatus device : status.devices()) {
            if (device.sync().isEmpty() || device.sync().get().speedKiBps().isEmpty()) {
                continue;
            }
            Deque<Long> history = speeds.getOrDefault(device.minor(), new ArrayDeque<>());
            history.addLast(device.sync().get().speedKiBps().getAsLong());
            while (history.size() > WIDTH) {
                history.removeFirst();
            }
            kept.put(device.minor(), history);
        }
        speeds.clear();
        speeds.putAll(kept);
    }

    /**
     * Prints one line per syncing device under a heading; nothing when none syncs.
     *
     * @param out where to print
     * @param unicode block characters when true, ASCII when false
     */
    void print(PrintWriter out, boolean unicode) {
        if (speeds.isEmpty()) {
            return;
        }
        out.println();
        out.println("Resync speed, one mark per read, newest right:");
        for (Map.Entry<Integer, Deque<Long>> e : speeds.entrySet()) {
            out.printf(
                    "%4d  %-" + WIDTH + "s  %,d K/sec%n",
                    e.getKey(),
                    render(e.getValue(), unicode),
                    e.getValue().getLast());
        }
    }

    /**
     * Returns one character per value, from the lowest mark for 0 to the highest for the largest value.
     *
     * @param values speeds, oldest first
     * @param unicode block characters when true, ASCII when false
     * @return one character per value
     */
    static String render(Iterable<Long> values, boolean unicode) {
        String marks = unicode ? BLOCKS : ASCII;
        long max = 0;
        for (long v : values) {
            max = Math.max(max, v);
        }
        StringBuilder line = new StringBuilder();
        for (long v : values) {
            int level = max == 0 ? 0 : (int) Math.round((double) v * (marks.length() - 1) / max);
            line.append(marks.charAt(level));
        }
        return line.toString();
    }
}
