package io.drbd4j.exec.dialect;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.immutables.value.Value;

/**
 * What {@code drbdadm --version} printed: shell assignments such as {@code DRBDADM_API_VERSION=1} and
 * {@code DRBD_KERNEL_VERSION_CODE=0x08040b} (every drbdadm since 8.3.2), or for older ones the usage text's
 * {@code Version: 8.3.1 (api:88)} line.
 */
@Value.Immutable
public abstract class DrbdadmVersion {
    // Only the implementation Immutables generates in this package extends this type.
    DrbdadmVersion() {}

    private static final Pattern USAGE_VERSION = Pattern.compile("Version: (\\S+) \\(api:(\\d+)\\)");

    // drbdadm prints values shell-escaped: a backslash before every character that is not plain (GIT-hash:\ 4090...
    // reproducible\ build\,\ 2023...). Each escape stands for the character after it, a backslash included.
    private static final Pattern ESCAPE = Pattern.compile("\\\\(.)");

    /**
     * Returns the KEY=VALUE lines, values un-escaped ({@code \ } to space, {@code \\} to one backslash).
     *
     * @return the KEY=VALUE lines, values un-escaped ({@code \ } to space, {@code \\} to one backslash)
     */
    public abstract Map<String, String> values();

    /**
     * Returns the drbdadm API: 88 for 8.3, 1 for 8.4, 2 for DRBD 9.
     *
     * @return the drbdadm API: 88 for 8.3, 1 for 8.4, 2 for DRBD 9
     */
    public abstract OptionalInt api();

    /**
     * Returns the userland version, for example {@code 9.22.0}; for logs, not for choosing argv.
     *
     * @return the userland version, for example {@code 9.22.0}; for logs, not for choosing argv
     */
    public abstract Optional<String> userlandVersion();

    /**
     * Returns the loaded kernel module's version code, 0 when no module is loaded.
     *
     * @return the loaded kernel module's version code, 0 when no module is loaded
     */
    public abstract OptionalInt kernelVersionCode();

    /**
     * Returns the kernel module as major.minor.patch, empty when none is loaded or it was not printed.
     *
     * @return the kernel module as major.minor.patch, empty when none is loaded or it was not printed
     */
    public Optional<String> kernelVersion() {
        if (kernelVersionCode().isEmpty() || kernelVersionCode().getAsInt() == 0) {
            return Optional.empty();
        }
        int code = kernelVersionCode().getAsInt();
        return Optional.of((code >> 16) + "." + ((code >> 8) & 0xff) + "." + (code & 0xff));
    }

    /**
     * Returns the parsed values; fields it did not find are empty.
     *
     * @param text what {@code drbdadm --version} (or plain {@code drbdadm}) printed
     * @return the parsed values; fields it did not find are empty
     */
    public static DrbdadmVersion parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).matches("[A-Z_]+")) {
                values.put(
                        line.substring(0, eq),
                        ESCAPE.matcher(line.substring(eq + 1).strip()).replaceAll("$1"));
            }
        }
        ImmutableDrbdadmVersion.Builder b = ImmutableDrbdadmVersion.builder().values(values);
        integer(values.get("DRBDADM_API_VERSION"), 10).ifPresent(b::api);
        Optional.ofNullable(values.get("DRBDADM_VERSION")).ifPresent(b::userlandVersion);
        String code = values.get("DRBD_KERNEL_VERSION_CODE");
        if (code != null && code.startsWith("0x")) {
            integer(code.substring(2), 16).ifPresent(b::kernelVersionCode);
        }
        Matcher usage = USAGE_VERSION.matcher(text);
        if (!values.containsKey("DRBDADM_API_VERSION") && usage.find()) {
            b.userlandVersion(usage.group(1));
            integer(usage.group(2), 10).ifPresent(b::api);
        }
        return b.build();
    }

    private static OptionalInt integer(String s, int radix) {
        if (s == null) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(s, radix));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
