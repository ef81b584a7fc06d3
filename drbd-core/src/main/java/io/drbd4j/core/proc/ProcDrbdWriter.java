package io.drbd4j.core.proc;

import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.DrbdVersion;
import io.drbd4j.core.model.IoCounters;
import io.drbd4j.core.model.IoFlags;
import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.model.SyncProgress;
import io.drbd4j.core.model.Transport;
import java.nio.charset.StandardCharsets;

/**
 * Renders a {@link ProcDrbdStatus} as DRBD 8.4 prints it, byte for byte (LINBIT/drbd-8.4
 * {@code drbd/drbd_proc.c}): {@code %2d:} minors, a blank line before a minor that
 * follows a gap (and after the header when the first minor is not 0), three spaces for a missing protocol, the
 * six flag characters, the 4-space counters indent, TABs before the bar and {@code finish:}, the bar's width,
 * {@code %3u.%u%%}, K or M sizes, thousands grouping, {@code want:} and {@code (stalled)}.
 *
 * <p>What a model holds that 8.4 cannot print is written in the nearest parseable form: counters a DRBD 8.0
 * text lacked are left out, a stalled progress without speeds gets the {@code stalled} line of 8.0 to 8.3.8, a
 * verify progress without speeds the bar-less line of DRBD before 8.3.10, a finish without a time is written
 * as DRBD 9's {@code finish: ∞}. A model that a strict parse could not read back to itself (a progress without
 * speeds that is neither of those, a detail or any line longer than {@link ParseOptions#DEFAULT_MAX_LINE_LENGTH}
 * bytes, free text with control characters or blanks where the format splits on them) is refused with
 * {@link ProcDrbdWriteException} before anything is appended. Stateless and thread-safe.
 */
public final class ProcDrbdWriter {
    private ProcDrbdWriter() {}

    /**
     * Returns the text, every line ending in '\n'.
     *
     * @param status the status to render
     * @return the text, every line ending in '\n'
     * @throws ProcDrbdWriteException when a strict parse of the text could not give the same model
     */
    public static String write(ProcDrbdStatus status) {
        StringBuilder out = new StringBuilder(256 + 160 * status.devices().size());
        write(status, out);
        return out.toString();
    }

    /**
     * Returns the text as UTF-8 bytes (ASCII unless the model holds other characters).
     *
     * @param status the status to render
     * @return the text as UTF-8 bytes (ASCII unless the model holds other characters)
     * @throws ProcDrbdWriteException when a strict parse of the text could not give the same model
     */
    public static byte[] writeBytes(ProcDrbdStatus status) {
        return write(status).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Appends the status to {@code out} as {@code /proc/drbd} prints it.
     *
     * @param status the status to render
     * @param out where to append the text; left as it was when the model is refused
     * @throws ProcDrbdWriteException when a strict parse of the text could not give the same model
     */
    public static void write(ProcDrbdStatus status, StringBuilder out) {
        WriterChecks.check(status);
        int start = out.length();
        try {
            render(status, out);
            WriterChecks.checkLineLengths(out, start);
        } catch (ProcDrbdWriteException e) {
            out.setLength(start);
            throw e;
        }
    }

    private static void render(ProcDrbdStatus status, StringBuilder out) {
        status.version().ifPresent(v -> version(v, out));
        status.buildTag()
                .ifPresent(t -> out.append(t.text()).append(t.trailingBlanks()).append('\n'));
        status.transportsApi().ifPresent(api -> {
            out.append("Transports (api:").append(api).append("):");
            for (Transport t : status.transports()) {
                out.append(' ')
                        .append(t.name())
                        .append(" (")
                        .append(t.version())
                        .append(')');
            }
            out.append('\n');
        });
        int previous = -1;
        for (DeviceStatus d : status.devices()) {
            // drbd_seq_show(): "if (prev_i != i - 1) seq_putc(seq, '\n')", starting from prev_i = -1.
            if (d.minor() != previous + 1) {
                out.append('\n');
            }
            previous = d.minor();
            device(d, out);
        }
    }

    private static void version(DrbdVersion v, StringBuilder out) {
        out.append("version: ")
                .append(v.release())
                .append(" (api:")
                .append(v.api())
                .append("/proto:")
                .append(v.protoMin())
                .append('-')
                .append(v.protoMax())
                .append(')');
        if (v.compat84()) {
            out.append(" (compat 8.4)");
        }
        out.append('\n');
    }

    private static void device(DeviceStatus d, StringBuilder out) {
        if (d.minor() < 10) {
            out.append(' ');
        }
        out.append(d.minor()).append(": cs:").append(d.connectionState().label());
        if (d.isUnconfigured()) {
            out.append('\n');
            details(d, out);
            return;
        }
        out.append(" ro:").append(d.role().orElseThrow().label());
        out.append('/').append(d.peerRole().orElseThrow().label());
        out.append(" ds:").append(d.diskState().orElseThrow().label());
        out.append('/').append(d.peerDiskState().orElseThrow().label());
        out.append(' ')
                .append(d.protocol().map(p -> p.label().charAt(0)).orElse(' '))
                .append(' ');
        flags(d.ioFlags().orElseThrow(), out);
        out.append('\n');
        d.counters().ifPresent(c -> counters(c, out));
        d.sync().ifPresent(s -> progress(s, out));
        details(d, out);
    }

    private static void flags(IoFlags f, StringBuilder out) {
        out.append(f.ioSuspended() ? 's' : 'r')
                .append(f.pausedByDependency() ? 'a' : '-')
                .append(f.pausedByPeer() ? 'p' : '-')
                .append(f.pausedByUser() ? 'u' : '-')
                .append(f.congestion().map(c -> c.label().charAt(0)).orElse('-'))
                .append(f.activityLogSuspended() ? 's' : '-');
    }

    /** Returns the six characters the writer prints for the flag fields. */
    static String flags(IoFlags f) {
        StringBuilder out = new StringBuilder(6);
        flags(f, out);
        return out.toString();
    }

    private static void counters(IoCounters c, StringBuilder out) {
        out.append("    ns:").append(c.ns());
        out.append(" nr:").append(c.nr());
        out.append(" dw:").append(c.dw());
        out.append(" dr:").append(c.dr());
        out.append(" al:").append(c.al());
        out.append(" bm:").append(c.bm());
        out.append(" lo:").append(c.lo());
        out.append(" pe:").append(c.pe());
        out.append(" ua:").append(c.ua());
        out.append(" ap:").append(c.ap());
        c.ep().ifPresent(v -> out.append(" ep:").append(v));
        c.wo().ifPresent(v -> out.append(" wo:").append(v.label()));
        c.oos().ifPresent(v -> out.append(" oos:").append(v));
        out.append('\n');
    }

    private static void progress(SyncProgress s, StringBuilder out) {
        if (WriterChecks.isOldVerify(s)) {
            // Before 8.3.10: "\t%3d%%      %lu/%lu\n" of bitmap bits done and total, 4 KiB each.
            int pct = s.perMille() / 10;
            out.append('\t')
                    .append(pct < 100 ? (pct < 10 ? "  " : " ") : "")
                    .append(pct)
                    .append("%      ");
            out.append((s.totalKiB() - s.leftKiB()) / 4)
                    .append('/')
                    .append(s.totalKiB() / 4)
                    .append('\n');
            return;
        }
        int x = s.perMille() / 50;
        out.append("\t[");
        // "=" x (x-1), ">" then "." x (20-x): 21 wide below 5.0% (x = 0), 20 from there on.
        for (int i = 1; i < x; i++) {
            out.append('=');
        }
        out.append('>');
        for (int i = x; i < 20; i++) {
            out.append('.');
        }
        out.append("] ").append(s.kind() == SyncProgress.Kind.SYNC ? "sync'ed:" : "verified:");
        int whole = s.perMille() / 10;
        if (whole < 100) {
            out.append(whole < 10 ? "  " : " ");
        }
        out.append(whole).append('.').append(s.perMille() % 10).append("% (");
        if (s.unit() == SyncProgress.Unit.MIB) {
            out.append(s.leftKiB() >> 10).append('/').append(s.totalKiB() >> 10).append(")M\n");
        } else {
            out.append(s.leftKiB()).append('/').append(s.totalKiB()).append(")K\n");
        }
        if (s.speedKiBps().isEmpty()) {
            // Checked before: only a stalled line can stand in for the finish line (8.0 to 8.3.8).
            out.append("\tstalled\n");
            return;
        }
        out.append("\tfinish: ");
        if (s.finish().isPresent()) {
            long t = s.finish().get().getSeconds();
            out.append(t / 3600).append(':');
            twoDigits(t / 60 % 60, out).append(':');
            twoDigits(t % 60, out);
        } else {
            out.append('\u221e');
        }
        out.append(" speed: ");
        grouped(s.speedKiBps().getAsLong(), out).append(" (");
        if (s.recentKiBps().isPresent()) {
            grouped(s.recentKiBps().getAsLong(), out).append(" -- ");
        }
        grouped(s.averageKiBps().getAsLong(), out).append(')');
        if (s.wantKiBps().isPresent()) {
            grouped(s.wantKiBps().getAsLong(), out.append(" want: "));
        }
        out.append(" K/sec");
        if (s.stalled()) {
            out.append(" (stalled)");
        }
        out.append('\n');
    }

    private static void details(DeviceStatus d, StringBuilder out) {
        for (String line : d.details()) {
            out.append('\t').append(line).append('\n');
        }
    }

    private static StringBuilder twoDigits(long v, StringBuilder out) {
        return out.append(v < 10 ? "0" : "").append(v);
    }

    /**
     * {@code seq_printf_with_thousands_grouping()}: below 1,000 plain, below 1,000,000 {@code %ld,%03ld}, else
     * {@code %ld,%03ld,%03ld}; negative values (a garbage speed) print plain.
     */
    static StringBuilder grouped(long v, StringBuilder out) {
        if (v >= 1_000_000) {
            out.append(v / 1_000_000).append(',');
            long rest = v % 1_000_000;
            return threeDigits(rest % 1000, threeDigits(rest / 1000, out).append(','));
        } else if (v >= 1000) {
            return threeDigits(v % 1000, out.append(v / 1000).append(','));
        }
        return out.append(v);
    }

    private static StringBuilder threeDigits(long v, StringBuilder out) {
        if (v < 100) {
            out.append(v < 10 ? "00" : "0");
        }
        return out.append(v);
    }
}
