package io.drbd4j.examples.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a volume size as operators write it, in bytes: plain bytes ({@code 21474836480}) or a whole number with one
 * binary unit letter, {@code K} (KiB, 1024 bytes), {@code M} (MiB), {@code G} (GiB) or {@code T} (TiB), upper or lower
 * case ({@code 20G}, {@code 512m}), as lvcreate's {@code -L} reads them. The workflows check the rest (a multiple of 1
 * MiB). Stateless, so thread-safe.
 */
final class SizeConverter implements ITypeConverter<Long> {
    private static final Pattern FORM = Pattern.compile("(\\d{1,19})([KMGTkmgt])?");

    private static final String EXPECTED =
            "expected: bytes, or a whole number with K, M, G or T for KiB, MiB, GiB or" + " TiB, such as 20G";

    /** Creates the converter; picocli makes one per option. */
    SizeConverter() {}

    /**
     * Returns the size in bytes.
     *
     * @param value the option's value as typed
     * @return the size in bytes, more than 0
     * @throws TypeConversionException for another form, 0, or a size past {@link Long#MAX_VALUE} bytes, with what was
     *     seen and what is expected
     */
    @Override
    public Long convert(String value) {
        Matcher m = FORM.matcher(value);
        if (!m.matches()) {
            throw new TypeConversionException("'" + Visible.escape(value) + "' is not a size (" + EXPECTED + ")");
        }
        long number;
        try {
            number = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw tooLarge(value);
        }
        int shift = m.group(2) == null ? 0 : 10 * (1 + "KMGT".indexOf(m.group(2).toUpperCase(Locale.ROOT)));
        if (number > Long.MAX_VALUE >> shift) {
            throw tooLarge(value);
        }
        if (number == 0) {
            throw new TypeConversionException("'" + value + "' is a size of 0 bytes (expected: more than 0)");
        }
        return number << shift;
    }

    private static TypeConversionException tooLarge(String value) {
        return new TypeConversionException(
                "'" + value + "' is too large (expected: at most " + Long.MAX_VALUE + " bytes, just under 8 EiB)");
    }
}
