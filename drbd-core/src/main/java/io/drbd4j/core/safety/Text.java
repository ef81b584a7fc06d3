package io.drbd4j.core.safety;

import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.IoCounters;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;

/** Number and duration wording shared by the reason sentences. */
final class Text {
    private Text() {}

    /**
     * Returns {@code 1,670,512 KiB}: KiB with a comma every three digits.
     *
     * @return {@code 1,670,512 KiB}: KiB with a comma every three digits
     */
    static String kib(long kib) {
        return String.format(Locale.ROOT, "%,d KiB", kib);
    }

    /**
     * Returns {@code 0:00:47}: hours unpadded, as the kernel prints {@code finish:}.
     *
     * @return {@code 0:00:47}: hours unpadded, as the kernel prints {@code finish:}
     */
    static String hms(Duration duration) {
        long s = duration.getSeconds();
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }

    /**
     * Returns {@code 15.6%} for 156 per-mille.
     *
     * @return {@code 15.6%} for 156 per-mille
     */
    static String percent(int perMille) {
        return perMille / 10 + "." + perMille % 10 + "%";
    }

    /**
     * Returns the KiB marked out of sync ({@code oos:}), empty when the counters or the field are missing.
     *
     * @return the KiB marked out of sync ({@code oos:}), empty when the counters or the field are missing
     */
    static OptionalLong oos(DeviceStatus device) {
        return device.counters().map(IoCounters::oos).orElse(OptionalLong.empty());
    }

    /**
     * Returns {@code 40,552 KiB out of sync}, or {@code out-of-sync amount not shown} without an oos counter.
     *
     * @return {@code 40,552 KiB out of sync}, or {@code out-of-sync amount not shown} without an oos counter
     */
    static String outOfSync(DeviceStatus device) {
        OptionalLong oos = oos(device);
        return oos.isPresent() ? kib(oos.getAsLong()) + " out of sync" : "out-of-sync amount not shown";
    }

    /**
     * Returns the text with its first letter upper case.
     *
     * @return the text with its first letter upper case
     */
    static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
