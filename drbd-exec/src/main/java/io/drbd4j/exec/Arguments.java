package io.drbd4j.exec;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks values that users hand to drbd4j before they go into a command: each method returns the value when it
 * is safe and throws {@link IllegalArgumentException} naming it otherwise. Safe means it cannot become an extra
 * option (no leading {@code -}), a second argument (no blanks), or shell code over SSH (no quotes, {@code ;},
 * {@code $}, backquotes, newlines, ...), whatever the runner.
 */
public final class Arguments {
    /** DRBD resource names as drbdadm's parser accepts them, minus anything a shell or option parser reads. */
    private static final Pattern RESOURCE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]{0,127}");

    /**
     * One segment of a path: safe characters, not starting with a dot (so no "." or ".."). Whole paths are checked
     * segment by segment: a repeated group over the whole path makes java.util.regex recurse once per segment and
     * overflow the stack on a few thousand characters.
     */
    private static final Pattern PATH_SEGMENT = Pattern.compile("[A-Za-z0-9_+@:-][A-Za-z0-9_.+@:-]{0,254}");

    /** PATH_MAX on Linux, including the terminating NUL. */
    private static final int PATH_MAX = 4096;

    /** RFC 1123 host names. */
    private static final Pattern HOST = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    private static final Pattern IPV6_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");

    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

    /** POSIX portable user names as useradd accepts them. */
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");

    /** drbdsetup numbers with an optional unit: 1100M, 250k, 4096. */
    private static final Pattern RATE = Pattern.compile("[1-9][0-9]{0,11}[kKmMgG]?|0");

    private static final Pattern SIZE = Pattern.compile("[1-9][0-9]{0,15}[kKmMgGtTsS]?|0");

    private Arguments() {}

    /**
     * Returns the name.
     *
     * @param name a DRBD resource name such as {@code pc0}
     * @return the name
     * @throws IllegalArgumentException when it is not one, or is {@code all}, which drbdadm reads as every resource
     */
    public static String resourceName(String name) {
        // drbdadm (8.3 and 8.4 front ends alike, drbdadm_main.c) reads the word "all" in a resource's place as every
        // resource of the host: 'drbdadm -d primary all' plans 'drbdsetup primary' for each minor. Any other word
        // that is not a configured resource is refused by drbdadm itself ("'common' not defined in your config").
        if ("all".equals(name)) {
            throw new IllegalArgumentException("resource name \"all\" (expected: one resource's name, such as pc0:"
                    + " drbdadm reads 'all' as every resource on the host)");
        }
        return check(
                "resource name",
                name,
                name != null && RESOURCE.matcher(name).matches(),
                "letters, digits, _ . + -; not" + " starting with - or .; at most 128 characters, such as pc0");
    }

    /**
     * Returns the path.
     *
     * @param path a block device such as {@code /dev/drbd0}
     * @return the path
     * @throws IllegalArgumentException when it is not an absolute path under /dev of safe characters
     */
    public static String devicePath(String path) {
        return check(
                "device path",
                path,
                path != null && path.startsWith("/dev/") && isSafePath(path),
                "an absolute path under" + " /dev of letters, digits, _ . + @ : -, such as /dev/drbd0");
    }

    /**
     * Returns the path.
     *
     * @param path a directory to mount on, such as {@code /var/opt/opscode/drbd/data}
     * @return the path
     * @throws IllegalArgumentException when it is not an absolute path of safe characters
     */
    public static String mountPoint(String path) {
        return check(
                "mount point",
                path,
                path != null && isSafePath(path),
                "an absolute path of letters, digits, _ . + @ : -,"
                        + " without . or .. segments, such as /var/opt/opscode/drbd/data");
    }

    /**
     * Returns the host.
     *
     * @param host a host name or IP address
     * @return the host
     * @throws IllegalArgumentException when it is neither
     */
    public static String hostName(String host) {
        boolean ok = host != null && (HOST.matcher(host).matches() || isIpv6(host));
        return check("host name", host, ok, "a host name (RFC 1123) or an IP address, not starting with -");
    }

    /**
     * Returns the user.
     *
     * @param user a user name such as {@code root}
     * @return the user
     * @throws IllegalArgumentException when it is not a portable user name
     */
    public static String userName(String user) {
        return check(
                "user name",
                user,
                user != null && USER.matcher(user).matches(),
                "lowercase letters, digits, _ -, starting" + " with a letter or _, at most 32 characters");
    }

    /**
     * Returns the rate.
     *
     * @param rate a resync rate as drbdsetup reads it, such as {@code 1100M} (KiB/s without a unit)
     * @return the rate
     * @throws IllegalArgumentException when it is not one
     */
    public static String rate(String rate) {
        return check(
                "rate",
                rate,
                rate != null && RATE.matcher(rate).matches(),
                "digits with an optional k, M or G, such as 1100M");
    }

    /**
     * Returns the size.
     *
     * @param size a size as drbdsetup reads it, such as {@code 10G} (sectors with s)
     * @return the size
     * @throws IllegalArgumentException when it is not one
     */
    public static String size(String size) {
        return check(
                "size",
                size,
                size != null && SIZE.matcher(size).matches(),
                "digits with an optional k, M, G, T or s, such as" + " 10G");
    }

    private static boolean isSafePath(String path) {
        if (path.length() >= PATH_MAX || !path.startsWith("/")) {
            return false;
        }
        for (String segment : path.substring(1).split("/", -1)) {
            if (!PATH_SEGMENT.matcher(segment).matches()) {
                return false;
            }
        }
        return true;
    }

    /** An IPv6 address as RFC 4291 writes it: eight groups, at most one "::", an optional IPv4 tail. */
    private static boolean isIpv6(String host) {
        if (host.length() > 45 || !host.contains(":")) {
            return false;
        }
        String address = host;
        if (address.indexOf('.') >= 0) {
            int tail = address.lastIndexOf(':') + 1;
            if (!IPV4.matcher(address.substring(tail)).matches()) {
                return false;
            }
            address = address.substring(0, tail) + "0:0"; // the IPv4 tail stands for the last two groups
        }
        int gap = address.indexOf("::");
        if (gap >= 0 && address.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        List<String> parts =
                gap >= 0 ? List.of(address.substring(0, gap), address.substring(gap + 2)) : List.of(address);
        int groups = 0;
        for (String part : parts) {
            if (part.isEmpty()) {
                continue;
            }
            for (String group : part.split(":", -1)) {
                if (!IPV6_GROUP.matcher(group).matches()) {
                    return false;
                }
                groups++;
            }
        }
        return gap >= 0 ? groups <= 7 : groups == 8;
    }

    private static String check(String what, String value, boolean ok, String expected) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is missing (expected: " + expected + ")");
        }
        if (!ok) {
            throw new IllegalArgumentException(what + " " + printable(value) + " (expected: " + expected + ")");
        }
        return value;
    }

    // The value in double quotes for a message, at most 80 code points. Control characters and everything outside
    // printable ASCII are escaped: the message stays one line, invisible characters (NBSP, U+2028, bidi controls)
    // show, and a lookalike of a Latin letter shows as its code point.
    private static String printable(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().limit(80).forEach(c -> {
            if (c == '"' || c == '\\') {
                b.append('\\').appendCodePoint(c);
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", c));
            } else if (c > 0x7f) {
                b.append(c <= 0xffff ? String.format("\\u%04x", c) : String.format("\\U%08x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.append(s.codePointCount(0, s.length()) > 80 ? "...\"" : "\"").toString();
    }
}
