package io.drbd4j.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.drbd4j.exec.internal.Shell;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every validator of {@link Arguments} against a table of hostile strings: each is either rejected with an
 * {@link IllegalArgumentException} that names the kind of value and shows it on one printable line, or accepted
 * only when it is harmless: no leading {@code -}, no blank, quote, backslash, shell metacharacter or control
 * character, and the real {@code /bin/sh} reads its quoted form back byte for byte.
 */
class HostileStringsTest {
    /** Characters a shell or an option parser gives a meaning; none may be in an accepted value. */
    private static final String SHELL_SPECIALS = " \t\n'\"\\;|&$<>()`{}*?!~#[]=%^";

    /** The validators, each with the words its messages use for the kind of value. */
    enum Validator {
        RESOURCE_NAME("resource name", Arguments::resourceName),
        DEVICE_PATH("device path", Arguments::devicePath),
        MOUNT_POINT("mount point", Arguments::mountPoint),
        HOST_NAME("host name", Arguments::hostName),
        USER_NAME("user name", Arguments::userName),
        RATE("rate", Arguments::rate),
        SIZE("size", Arguments::size);

        final String kind;
        final UnaryOperator<String> check;

        Validator(String kind, UnaryOperator<String> check) {
            this.kind = kind;
            this.check = check;
        }
    }

    static List<String> hostileStrings() {
        List<String> s = new ArrayList<>();
        // shell code
        s.addAll(List.of(
                "pc0; rm -rf /",
                "pc0;id",
                "pc0 && reboot",
                "pc0||reboot",
                "$(id)",
                "pc0$(id)",
                "`id`",
                "${IFS}",
                "pc0${IFS}--force",
                "$HOME",
                "|",
                "pc0|sh",
                ">",
                "pc0>/etc/passwd",
                "<",
                "&",
                "pc0&",
                "*",
                "?",
                "~root",
                "!",
                "#",
                "pc0#x",
                "(pc0)",
                "{pc0,r1}",
                "pc0=x",
                "%s%n"));
        // options
        s.addAll(List.of("--force", "-o", "-oProxyCommand=x", "--overwrite-data-of-peer", "-", "--", "-1", "-l"));
        // quotes and escapes
        s.addAll(List.of("'", "\"", "\\", "pc0'", "a\\'b", "'; reboot; '", "pc0\\", "\\x41"));
        // whitespace
        s.addAll(List.of(
                " ",
                "pc0 ",
                " pc0",
                "pc0\t--force",
                "\n",
                "pc0\nreboot",
                "pc0\r",
                "pc0\u000b",
                "pc0\f",
                "pc0\u00a0",
                "pc0\u2028",
                "pc0\u3000"));
        // NUL and other control or invisible characters
        s.addAll(List.of(
                "\0", "pc0\0", "pc0\0--force", "pc0\u001b[31m", "pc0\u007f", "pc0\u0085", "pc0\u202e", "pc0\u200b"));
        // path tricks
        s.addAll(List.of(
                "../etc/passwd",
                "/dev/../etc/shadow",
                "/dev/drbd0/..",
                "//",
                "/",
                "/dev/",
                "/dev//drbd0",
                "/dev/./drbd0",
                "/dev/drbd0/",
                "dev/drbd0",
                "/dev/.hidden",
                "/dev/drbd0;id",
                "/dev/drbd 0",
                "/dev/drbd0\n/dev/sda"));
        // unicode lookalikes: Cyrillic "рс0", fullwidth letters and digits, Arabic-Indic zero
        s.addAll(List.of("\u0440\u04410", "\uff50\uff430", "pc\uff10", "/dev/drbd\u0660", "\uff11\uff11\uff10\uff10M"));
        // very long
        s.addAll(List.of("a".repeat(10_000), "/" + "a".repeat(9_999), "/a".repeat(5_000), "1".repeat(10_000)));
        // empty
        s.add("");
        // host names
        s.addAll(List.of(
                "host name",
                "host;id",
                "[::1]",
                "localhost.",
                "a..b",
                ".example.com",
                "-host.example.com",
                "host-.example.com",
                "root@host",
                "host:22",
                ":::",
                "1::2::3",
                "1:2:3:4:5:6:7:8:9",
                "12345::1",
                "fe80::1%eth0",
                "::ffff:10.0.0.256",
                "a".repeat(64) + ".example.com"));
        // user names
        s.addAll(List.of("root;id", "Root", "root\n", "r".repeat(33), "9root"));
        // rates and sizes
        s.addAll(List.of(
                "1100M;",
                "1e9",
                "0x10",
                "1100 M",
                "1100MB",
                "+1",
                "01",
                "1.5G",
                "9".repeat(13) + "M",
                "\u221e",
                "10G;id",
                "10 G",
                "-10G",
                "10Gs",
                "NaN"));
        return s;
    }

    @Test
    void theTableHoldsAtLeastSixtyDistinctHostileStrings() {
        List<String> table = hostileStrings();

        assertThat(table).doesNotHaveDuplicates();
        assertThat(table).hasSizeGreaterThanOrEqualTo(60);
    }

    @Test
    void theIssuesExamplesAreRejectedByEveryValidator() {
        List<String> examples = List.of(
                "pc0; rm -rf /",
                "--force",
                "pc0\nreboot",
                "'",
                "\"",
                "$(id)",
                "`id`",
                "-oProxyCommand=x",
                "",
                "a".repeat(10_000),
                "\u0440\u04410");
        SoftAssertions softly = new SoftAssertions();
        for (String example : examples) {
            for (Validator validator : Validator.values()) {
                softly.assertThat(catchThrowable(() -> validator.check.apply(example)))
                        .as("%s of %s", validator.kind, Shell.quote(example))
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
        softly.assertAll();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("hostileStrings")
    void eachHostileStringIsRejectedByNameOrHarmless(String hostile) {
        SoftAssertions softly = new SoftAssertions();
        int rejected = 0;
        for (Validator validator : Validator.values()) {
            Throwable thrown = catchThrowable(() -> validator.check.apply(hostile));
            if (thrown == null) {
                assertHarmless(softly, validator, hostile, validator.check.apply(hostile));
            } else {
                rejected++;
                assertNamedAndPrintable(softly, validator, hostile, thrown);
            }
        }
        softly.assertAll();
        if (!isPlainAscii(hostile)) {
            assertThat(rejected)
                    .as("validators rejecting %s", Shell.quote(hostile))
                    .isEqualTo(7);
        }
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> safeValues() {
        return Stream.of(
                        row(Validator.RESOURCE_NAME, "pc0", "r0", "drbd_res-1.a", "R_0+x"),
                        row(Validator.DEVICE_PATH, "/dev/drbd0", "/dev/drbd1048575", "/dev/vg0/lv-drbd"),
                        row(Validator.MOUNT_POINT, "/var/opt/opscode/drbd/data", "/mnt", "/srv/a.b/c-d_e"),
                        row(
                                Validator.HOST_NAME,
                                "backend1.example.com",
                                "10.0.0.1",
                                "127.0.0.1",
                                "localhost",
                                "::1",
                                "fe80::1",
                                "::",
                                "2001:db8:0:0:0:0:0:1",
                                "::ffff:10.0.0.1"),
                        row(Validator.USER_NAME, "root", "opscode", "_svc", "drbd-admin"),
                        row(Validator.RATE, "1100M", "250k", "0", "4096", "1G"),
                        row(Validator.SIZE, "10G", "2048s", "0", "250k", "1T"))
                .flatMap(s -> s);
    }

    private static Stream<org.junit.jupiter.params.provider.Arguments> row(Validator validator, String... values) {
        return Stream.of(values).map(v -> org.junit.jupiter.params.provider.Arguments.of(validator, v));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("safeValues")
    void safeValuesAreReturnedUnchangedAndAreHarmless(Validator validator, String value) {
        String returned = validator.check.apply(value);

        assertThat(returned).isSameAs(value);
        SoftAssertions softly = new SoftAssertions();
        assertHarmless(softly, validator, value, returned);
        softly.assertAll();
    }

    private static void assertNamedAndPrintable(
            SoftAssertions softly, Validator validator, String value, Throwable thrown) {
        String label = validator.kind + " of " + Shell.quote(value).replace("\0", "\\0");
        if (!(thrown instanceof IllegalArgumentException)) {
            softly.fail(label + ": threw " + thrown + " (expected: IllegalArgumentException or the value)");
            return;
        }
        String message = thrown.getMessage();
        softly.assertThat(message).as(label).startsWith(validator.kind + " \"").contains("(expected: ");
        softly.assertThat(message.chars().allMatch(c -> c >= 0x20 && c < 0x7f))
                .as("%s: message on one line of printable ASCII: %s", label, message)
                .isTrue();
        softly.assertThat(message.length()).as(label + ": message length").isLessThan(400);
        if (value.length() <= 80 && value.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '"' && c != '\\')) {
            softly.assertThat(message).as(label).contains("\"" + value + "\"");
        }
    }

    private static void assertHarmless(SoftAssertions softly, Validator validator, String value, String returned) {
        String label = validator.kind + " accepted " + Shell.quote(value);
        softly.assertThat(returned).as(label).isEqualTo(value);
        softly.assertThat(value).as(label).isNotEmpty().doesNotStartWith("-");
        softly.assertThat(isPlainAscii(value))
                .as(label + ": printable ASCII only")
                .isTrue();
        for (char c : SHELL_SPECIALS.toCharArray()) {
            softly.assertThat(value).as(label).doesNotContain(String.valueOf(c));
        }
        softly.assertThat(SystemShell.stdout("printf '%s' " + Shell.quote(value)))
                .as(label + ": read back by /bin/sh")
                .isEqualTo(value.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isPlainAscii(String value) {
        return value.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }
}
