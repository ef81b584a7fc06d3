package io.drbd4j.examples.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads an interval as operators write it: {@code 2s}, {@code 500ms}, {@code 1m}, or plain seconds {@code 2}. */
final class IntervalConverter implements ITypeConverter<Duration> {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})(ms|s|m)?");

    @Override
    public Duration convert(String value) {
        Matcher m = FORM.matcher(value.strip());
        if (!m.matches()) {
            throw new TypeConversionException(
                    "'" + Visible.escape(value) + "' is not an interval (expected: for example 2s, 500ms or 1m)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration d =
                switch (unit) {
                    case "ms" -> Duration.ofMillis(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofSeconds(n);
                };
        if (d.toMillis() < 10) {
            throw new TypeConversionException("interval " + value + " is too short (expected: at least 10ms)");
        }
        return d;
    }
}
