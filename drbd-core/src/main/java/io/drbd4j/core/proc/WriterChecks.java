package io.drbd4j.core.proc;

import io.drbd4j.core.model.BuildTag;
import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.DrbdVersion;
import io.drbd4j.core.model.IoFlags;
import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.model.SyncProgress;
import io.drbd4j.core.model.Transport;
import java.nio.charset.StandardCharsets;

/**
 * What {@link ProcDrbdWriter} checks before it writes: that a strict parse of its text gives the model back. Each
 * check names a shape the property {@code strict().parse(write(m)).equals(m)} once failed on, such as a stalled
 * resync losing its {@code stalled} line or a 16,384-byte detail line growing past the bound with its TAB.
 */
final class WriterChecks {
    private WriterChecks() {}

    static void check(ProcDrbdStatus status) {
        status.version().ifPresent(WriterChecks::version);
        status.buildTag().ifPresent(WriterChecks::buildTag);
        if (!status.transports().isEmpty() && status.transportsApi().isEmpty()) {
            refuse("transports without a Transports api number (expected: both, as DRBD 9 prints them)");
        }
        status.transportsApi().ifPresent(api -> number("Transports api", api));
        for (Transport t : status.transports()) {
            transport(t);
        }
        for (DeviceStatus d : status.devices()) {
            d.ioFlags().ifPresent(f -> flags(d.minor(), f));
            d.sync().ifPresent(s -> progress(d, s));
            for (String detail : d.details()) {
                detail(d.minor(), detail);
            }
        }
    }

    /**
     * The writer prints the six flag characters of 8.4 from the flag fields: raw flags of another shape (the five of
     * 8.3.1 to 8.3.8, the four before, a NUL of 8.3.1) or that disagree with the fields would read back different.
     */
    private static void flags(int minor, IoFlags f) {
        String written = ProcDrbdWriter.flags(f);
        if (!f.raw().equals(written)) {
            refuse("minor " + minor + "'s I/O flags \"" + ProcDrbdParseException.printable(f.raw())
                    + "\" (expected: the six characters of DRBD 8.4 that the flag fields give, " + written + ")");
        }
    }

    /** True for a verify progress without speeds: written as the bar-less line of DRBD before 8.3.10. */
    static boolean isOldVerify(SyncProgress s) {
        return s.speedKiBps().isEmpty() && !s.stalled();
    }

    private static void version(DrbdVersion v) {
        String r = v.release();
        if (r.isEmpty() || !Cursor.isDigit((byte) r.charAt(0)) || r.indexOf('.') < 0 || hasBlankOrControl(r)) {
            refuse("release \"" + r + "\" (expected: a release such as 8.4.11-1, without blanks)");
        }
        number("api", v.api());
        number("protocol", v.protoMin());
        number("protocol", v.protoMax());
        if (v.protoMax() < v.protoMin()) {
            refuse("protocol range " + v.protoMin() + "-" + v.protoMax() + " (expected: the lowest first)");
        }
    }

    private static void number(String what, int value) {
        if (value < 0 || value > HeaderParser.MAX_NUMBER) {
            refuse(what + " " + value + " (expected: 0 to " + HeaderParser.MAX_NUMBER + ")");
        }
    }

    private static void buildTag(BuildTag tag) {
        String text = tag.text();
        if (text.isEmpty() || hasControl(text) || isBlank(text.charAt(0)) || isBlank(text.charAt(text.length() - 1))) {
            refuse("build tag \"" + text + "\" (expected: text without control characters or surrounding blanks)");
        }
        Cursor c = cursor(text);
        if (!HeaderParser.isBuildTag(c) && readsAsAnotherLine(c)) {
            refuse("build tag \"" + text + "\" (expected: text that does not read as another kind of line)");
        }
    }

    private static void transport(Transport t) {
        String name = t.name();
        if (name.isEmpty() || hasBlankOrControl(name) || name.indexOf('(') >= 0 || name.indexOf(')') >= 0) {
            refuse("transport name \"" + name + "\" (expected: a name without blanks, control characters or"
                    + " parentheses)");
        }
        String version = t.version();
        if (hasControl(version) || version.indexOf(')') >= 0) {
            refuse("transport version \"" + version + "\" (expected: no control characters or ')')");
        }
    }

    private static void progress(DeviceStatus d, SyncProgress s) {
        String where = "minor " + d.minor() + ": ";
        if (!d.connectionState().printsProgress()) {
            refuse(where + "a progress under " + d.connectionState().label()
                    + " (expected: progress only under SyncSource, SyncTarget, VerifyS or VerifyT)");
        }
        if (d.connectionState().isVerify() != (s.kind() == SyncProgress.Kind.VERIFY)) {
            refuse(where + s.kind() + " progress under " + d.connectionState().label()
                    + " (expected: verify progress exactly under VerifyS and VerifyT)");
        }
        if (s.leftKiB() < 0 || s.totalKiB() < 0) {
            refuse(where + "sizes " + s.leftKiB() + "/" + s.totalKiB() + " KiB (expected: 0 or more)");
        }
        if (s.unit() == SyncProgress.Unit.MIB && ((s.leftKiB() | s.totalKiB()) & 1023) != 0) {
            refuse(where + "sizes " + s.leftKiB() + "/" + s.totalKiB()
                    + " KiB in MiB units (expected: whole MiB, multiples of 1024 KiB)");
        }
        s.finish().ifPresent(f -> {
            if (f.isNegative() || f.getNano() != 0) {
                refuse(where + "finish " + f + " (expected: whole seconds, 0 or more)");
            }
        });
        boolean speeds = s.speedKiBps().isPresent();
        if (speeds != s.averageKiBps().isPresent()) {
            refuse(where + "a speed without an average or an average without a speed (expected: both or neither)");
        }
        if (speeds) {
            return;
        }
        if (s.finish().isPresent()
                || s.recentKiBps().isPresent()
                || s.wantKiBps().isPresent()) {
            refuse(where + "a finish time, recent speed or want without speeds (expected: speeds with them)");
        }
        if (!s.stalled() && !writesAsOldVerify(s)) {
            refuse(where + "a progress without speeds (expected: a stalled resync, or a verify in whole percent"
                    + " and 4 KiB bitmap bits as DRBD before 8.3.10 printed it)");
        }
    }

    private static boolean writesAsOldVerify(SyncProgress s) {
        return s.kind() == SyncProgress.Kind.VERIFY
                && s.unit() == SyncProgress.Unit.KIB
                && s.perMille() % 10 == 0
                && s.totalKiB() % 4 == 0
                && s.leftKiB() % 4 == 0
                && s.leftKiB() <= s.totalKiB();
    }

    private static void detail(int minor, String detail) {
        if (detail.isEmpty()
                || hasControl(detail)
                || isBlank(detail.charAt(0))
                || isBlank(detail.charAt(detail.length() - 1))) {
            refuse("minor " + minor + ": detail line \"" + detail
                    + "\" (expected: text without control characters or surrounding blanks)");
        }
        Cursor c = cursor(detail);
        if (readsAsAnotherLine(c) || HeaderParser.isBuildTag(c) || !DeviceBlock.isDetailLine(c)) {
            refuse("minor " + minor + ": detail line \"" + detail
                    + "\" (expected: an activity log, resync LRU, sector pos or blocked line)");
        }
    }

    /** Whether the line would be taken for one that the reader recognises before build tags and details. */
    private static boolean readsAsAnotherLine(Cursor c) {
        byte first = c.peek();
        if (Cursor.isDigit(first)
                && (DeviceLineParser.isDeviceLine(c)
                        || (ProgressParser.isPercentLine(c) && !ProgressParser.isSectorPos(c)))) {
            return true;
        }
        return first == '['
                || c.startsWith(HeaderParser.VERSION)
                || c.startsWith(ProgressParser.FINISH)
                || CountersParser.isCountersLine(c)
                || c.startsWith(HeaderParser.TRANSPORTS)
                || (c.startsWith(ProgressParser.STALLED) && c.end - c.pos == ProgressParser.STALLED.length);
    }

    /** Refuses any written line longer than the default bound, counted in UTF-8 bytes without its '\n'. */
    static void checkLineLengths(CharSequence out, int from) {
        int bytes = 0;
        int line = 1;
        for (int i = from; i < out.length(); i++) {
            char ch = out.charAt(i);
            if (ch == '\n') {
                bytes = 0;
                line++;
                continue;
            }
            bytes += ch < 0x80 ? 1 : ch < 0x800 || Character.isSurrogate(ch) ? 2 : 3;
            if (bytes > ParseOptions.DEFAULT_MAX_LINE_LENGTH) {
                throw new ProcDrbdWriteException("line " + line + " would be longer than "
                        + ParseOptions.DEFAULT_MAX_LINE_LENGTH + " bytes (expected: at most maxLineLength = "
                        + ParseOptions.DEFAULT_MAX_LINE_LENGTH + ", as the parser reads by default)");
            }
        }
    }

    private static Cursor cursor(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        Cursor c = new Cursor();
        c.set(b, 0, b.length);
        c.skipBlanks();
        return c;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\t' && (c < 0x20 || c == 0x7f)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasBlankOrControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) <= 0x20 || s.charAt(i) == 0x7f || Character.isWhitespace(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static void refuse(String message) {
        throw new ProcDrbdWriteException(message + " cannot be written so that it reads back the same");
    }
}
