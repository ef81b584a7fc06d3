package io.drbd4j.core.proc;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.core.model.ProcDrbdStatus;
import java.nio.charset.StandardCharsets;

/**
 * Builds {@code /proc/drbd} lines with the kernel's own format strings (DRBD 8.4 {@code drbd_proc.c}, spec §4-§8),
 * for forms that no fixture shows.
 */
final class KernelText {
    static final String VERSION_84 = "version: 8.4.11-1 (api:1/proto:86-101)";
    static final String GIT_TAG_84 =
            "GIT-hash: 66145a308421e9c124ec391a7848ac20203bb03c build by buildd@lcy01-amd64-016, 2018-04-26 12:10:42";

    private KernelText() {}

    /** @return the lines joined with {@code \n}, each terminated, as UTF-8 */
    static byte[] file(String... lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses the lines strictly through every input mode (which must agree) and asserts that strict mode found
     * nothing to complain about.
     */
    static ProcDrbdStatus parseStrictly(String... lines) {
        ProcDrbdStatus status = InputModes.parseConsistently(ProcDrbdParser.strict(), file(lines));
        assertThat(status.problems()).isEmpty();
        return status;
    }

    /** {@code "%2d: cs:%s ro:%s/%s ds:%s/%s %c %c%c%c%c%c%c"}; protocol ' ' for none. */
    static String state(int minor, String cs, String roles, String disks, char protocol, String flags) {
        return String.format("%2d: cs:%s ro:%s ds:%s %c %s", minor, cs, roles, disks, protocol, flags);
    }

    /** {@code "%2d: cs:Unconfigured"}. */
    static String unconfigured(int minor) {
        return String.format("%2d: cs:Unconfigured", minor);
    }

    /** The 8.4 counters line of an idle device (kernel's 4-space indent), equal to {@link Expect#idle}. */
    static String idleCounters(char wo, long oos) {
        return String.format("    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:%c oos:%d", wo, oos);
    }

    /** The 21- or 20-character bar content: {@code "="*(x-1) ">" "."*(20-x)} with {@code x = perMille / 50}. */
    static String bar(int perMille) {
        int x = perMille / 50;
        return "=".repeat(Math.max(x - 1, 0)) + ">" + ".".repeat(20 - x);
    }

    /** {@code "\t[bar] sync'ed:%3u.%u%% (L/T)K"}, or {@code verified:} for a verify. */
    static String progress(boolean verify, int perMille, long left, long total, char unit) {
        return "\t[" + bar(perMille) + "] " + (verify ? "verified:" : "sync'ed:")
                + String.format("%3d.%d%% ", perMille / 10, perMille % 10)
                + "(" + left + "/" + total + ")" + unit;
    }

    /** DRBD 8.4's {@code seq_printf_with_thousands_grouping} (DRBD 9 compat puts a '-' before a negative). */
    static String grouped(long v) {
        if (v < 0) {
            return "-" + grouped(-v);
        }
        if (v >= 1_000_000) {
            return String.format("%d,%03d,%03d", v / 1_000_000, (v % 1_000_000) / 1000, v % 1000);
        }
        if (v >= 1000) {
            return String.format("%d,%03d", v / 1000, v % 1000);
        }
        return Long.toString(v);
    }

    /** {@code "%lu:%02lu:%02lu"} of seconds. */
    static String hms(long seconds) {
        return String.format("%d:%02d:%02d", seconds / 3600, (seconds % 3600) / 60, seconds % 60);
    }
}
