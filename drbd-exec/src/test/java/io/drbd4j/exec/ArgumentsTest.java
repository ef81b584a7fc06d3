package io.drbd4j.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.runner.CommandRunner;
import io.drbd4j.exec.testing.RecordingCommandRunner;
import org.junit.jupiter.api.Test;

/** The limits of each validator and the messages of what they reject. */
class ArgumentsTest {
    @Test
    void resourceNamesUpTo128CharactersAreAcceptedAndLongerOnesRejected() {
        String longest = "r" + "0".repeat(127);

        assertThat(Arguments.resourceName(longest)).isEqualTo(longest);
        assertThatThrownBy(() -> Arguments.resourceName(longest + "0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("resource name \"r000");
    }

    @Test
    void resourceNamesMayNotStartWithADotOrADash() {
        assertThatThrownBy(() -> Arguments.resourceName(".pc0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("resource name \".pc0\" (expected: letters, digits");
        assertThatThrownBy(() -> Arguments.resourceName("-pc0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("resource name \"-pc0\"");
    }

    @Test
    void allIsRefusedBecauseDrbdadmReadsItAsEveryResource() {
        assertThatThrownBy(() -> Arguments.resourceName("all"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("resource name \"all\" (expected: one resource's name, such as pc0: drbdadm reads 'all' as"
                        + " every resource on the host)");
        // Only the exact word: drbdadm looks up any other spelling as a resource of its configuration.
        assertThat(Arguments.resourceName("ALL")).isEqualTo("ALL");
        assertThat(Arguments.resourceName("all0")).isEqualTo("all0");
    }

    @Test
    void typedCommandsRefuseAllBeforeAnythingRuns() {
        RecordingCommandRunner recording =
                new RecordingCommandRunner((CommandRunner) command -> CommandResult.of(command, 0, "", ""));
        DrbdAdm drbdadm = new CliDrbdAdm(recording, DrbdDialect.drbd84());
        assertThatThrownBy(() -> drbdadm.primaryOverwritingPeer("all")).isInstanceOf(IllegalArgumentException.class);
        assertThat(recording.commands()).isEmpty();
    }

    @Test
    void devicePathsMustBeUnderDev() {
        assertThat(Arguments.devicePath("/dev/mapper/vg0-drbd")).isEqualTo("/dev/mapper/vg0-drbd");
        assertThatThrownBy(() -> Arguments.devicePath("/etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("device path \"/etc/passwd\" (expected: an absolute path under /dev of letters, digits,"
                        + " _ . + @ : -, such as /dev/drbd0)");
        assertThatThrownBy(() -> Arguments.devicePath("/device/drbd0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("device path \"/device/drbd0\"");
    }

    @Test
    void pathsUpToPathMaxAreAcceptedAndLongerOnesRejected() {
        String segment = "/" + "a".repeat(254);
        String longest = segment.repeat(16) + "/" + "b".repeat(14);

        assertThat(longest).hasSize(4095);
        assertThat(Arguments.mountPoint(longest)).isEqualTo(longest);
        assertThatThrownBy(() -> Arguments.mountPoint(longest + "b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("mount point \"/aaa")
                .hasMessageContaining("...\" (expected: ");
    }

    @Test
    void pathSegmentsLongerThan255CharactersAreRejected() {
        assertThat(Arguments.mountPoint("/" + "a".repeat(255))).hasSize(256);
        assertThatThrownBy(() -> Arguments.mountPoint("/" + "a".repeat(256)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("mount point \"/aaa");
    }

    @Test
    void pathsOfThousandsOfSegmentsAreCheckedWithoutOverflowingTheStack() {
        String manySegments = "/a".repeat(2_000);

        assertThat(Arguments.mountPoint(manySegments)).isSameAs(manySegments);
        assertThat(Arguments.devicePath("/dev" + manySegments)).isEqualTo("/dev" + manySegments);
        assertThatThrownBy(() -> Arguments.mountPoint(manySegments + "/.."))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("mount point \"/a/a/a");
    }

    @Test
    void mountPointsRejectDotSegmentsAndRelativePaths() {
        assertThatThrownBy(() -> Arguments.mountPoint("/var/opt/../../etc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without . or .. segments");
        assertThatThrownBy(() -> Arguments.mountPoint("var/opt"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("mount point \"var/opt\"");
    }

    @Test
    void hostNamesFollowRfc1123LabelAndLengthLimits() {
        String label63 = "a".repeat(63);
        String longest = (label63 + ".").repeat(3) + "b".repeat(61);

        assertThat(Arguments.hostName(label63 + ".example.com")).isEqualTo(label63 + ".example.com");
        assertThat(longest).hasSize(253);
        assertThat(Arguments.hostName(longest)).isEqualTo(longest);
        assertThatThrownBy(() -> Arguments.hostName(longest + "b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("host name \"aaa");
        assertThatThrownBy(() -> Arguments.hostName("a" + label63 + ".example.com"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hostNamesAcceptIpv6AddressesOnlyWhenWellFormed() {
        assertThat(Arguments.hostName("2001:db8::8a2e:370:7334")).isEqualTo("2001:db8::8a2e:370:7334");
        assertThat(Arguments.hostName("1:2:3:4:5:6:7:8")).isEqualTo("1:2:3:4:5:6:7:8");
        assertThat(Arguments.hostName("1:2:3:4:5:6:10.0.0.1")).isEqualTo("1:2:3:4:5:6:10.0.0.1");
        assertThat(Arguments.hostName("FE80::A")).isEqualTo("FE80::A");

        for (String bad : new String[] {
            ":",
            ":::",
            "1:2",
            "1::2::3",
            "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7::8",
            "::12345",
            ":1::",
            "1:2:3:4:5:6:7:",
            "::1.2.3",
            "::1.2.3.4.5",
            "1:2:3:4:5:6:7:1.2.3.4",
            "::g",
            "::1:",
            "1.2.3.4:5"
        }) {
            assertThatThrownBy(() -> Arguments.hostName(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("host name \"" + bad + "\" (expected: a host name (RFC 1123) or an IP");
        }
    }

    @Test
    void hostNamesStartingWithADashAreRejectedSoSshCannotReadThemAsAnOption() {
        assertThatThrownBy(() -> Arguments.hostName("-oProxyCommand=sh"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("host name \"-oProxyCommand=sh\" (expected: a host name (RFC 1123) or an IP address,"
                        + " not starting with -)");
    }

    @Test
    void userNamesAreLowercaseUpTo32Characters() {
        String longest = "_" + "a".repeat(31);

        assertThat(Arguments.userName(longest)).isEqualTo(longest);
        assertThatThrownBy(() -> Arguments.userName(longest + "a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("user name \"_aaa");
        assertThatThrownBy(() -> Arguments.userName("Root"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("user name \"Root\" (expected: lowercase letters, digits, _ -, starting with a letter"
                        + " or _, at most 32 characters)");
    }

    @Test
    void ratesTakeUpTo12DigitsAndAKmOrGUnit() {
        assertThat(Arguments.rate("999999999999G")).isEqualTo("999999999999G");
        assertThat(Arguments.rate("100m")).isEqualTo("100m");
        assertThatThrownBy(() -> Arguments.rate("1000000000000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rate \"1000000000000\" (expected: digits with an optional k, M or G, such as 1100M)");
        assertThatThrownBy(() -> Arguments.rate("10T"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("rate \"10T\"");
    }

    @Test
    void sizesTakeUpTo16DigitsAndAKmgtOrSectorUnit() {
        assertThat(Arguments.size("9999999999999999")).isEqualTo("9999999999999999");
        assertThat(Arguments.size("8S")).isEqualTo("8S");
        assertThatThrownBy(() -> Arguments.size("10000000000000000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("size \"10000000000000000\"");
        assertThatThrownBy(() -> Arguments.size("10P"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("size \"10P\" (expected: digits with an optional k, M, G, T or s, such as 10G)");
    }

    @Test
    void nullIsReportedAsAMissingValueOfItsKind() {
        assertThatThrownBy(() -> Arguments.resourceName(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("resource name is missing (expected: ");
        assertThatThrownBy(() -> Arguments.devicePath(null)).hasMessageStartingWith("device path is missing");
        assertThatThrownBy(() -> Arguments.mountPoint(null)).hasMessageStartingWith("mount point is missing");
        assertThatThrownBy(() -> Arguments.hostName(null)).hasMessageStartingWith("host name is missing");
        assertThatThrownBy(() -> Arguments.userName(null)).hasMessageStartingWith("user name is missing");
        assertThatThrownBy(() -> Arguments.rate(null)).hasMessageStartingWith("rate is missing");
        assertThatThrownBy(() -> Arguments.size(null)).hasMessageStartingWith("size is missing");
    }

    @Test
    void messagesEscapeControlCharactersQuotesAndBackslashes() {
        assertThatThrownBy(() -> Arguments.resourceName("pc0\nreboot"))
                .hasMessageStartingWith("resource name \"pc0\\x0areboot\" (expected: ");
        assertThatThrownBy(() -> Arguments.resourceName("pc0\0")).hasMessageStartingWith("resource name \"pc0\\x00\"");
        assertThatThrownBy(() -> Arguments.resourceName("a\"b\\c\u007f"))
                .hasMessageStartingWith("resource name \"a\\\"b\\\\c\\x7f\"");
        assertThatThrownBy(() -> Arguments.resourceName("\t\r")).hasMessageStartingWith("resource name \"\\x09\\x0d\"");
    }

    @Test
    void messagesShowNonAsciiCharactersAsCodePointsSoLookalikesAndInvisiblesShow() {
        assertThatThrownBy(() -> Arguments.resourceName("\u0440\u04410"))
                .hasMessageStartingWith("resource name \"\\u0440\\u04410\" (expected: ");
        assertThatThrownBy(() -> Arguments.hostName("host\u2028name"))
                .hasMessageStartingWith("host name \"host\\u2028name\"");
        assertThatThrownBy(() -> Arguments.userName("root\u00a0")).hasMessageStartingWith("user name \"root\\u00a0\"");
        assertThatThrownBy(() -> Arguments.userName("root\u0085")).hasMessageStartingWith("user name \"root\\u0085\"");
        assertThatThrownBy(() -> Arguments.resourceName("pc\uD83D\uDE000"))
                .hasMessageStartingWith("resource name \"pc\\U0001f6000\"");
    }

    @Test
    void messagesShowTheFirst80CharactersOfALongValue() {
        assertThatThrownBy(() -> Arguments.resourceName("x".repeat(10_000) + ";"))
                .hasMessage("resource name \"" + "x".repeat(80) + "...\" (expected: letters, digits, _ . + -; not"
                        + " starting with - or .; at most 128 characters, such as pc0)");
        assertThatThrownBy(() -> Arguments.resourceName("x".repeat(129)))
                .hasMessageStartingWith("resource name \"" + "x".repeat(80) + "...\"");
        assertThatThrownBy(() -> Arguments.rate("9".repeat(80) + ";"))
                .hasMessageStartingWith("rate \"" + "9".repeat(80) + "...\"");
    }

    @Test
    void aValueOf80EmojiIsShownWhole() {
        String emoji = "\uD83D\uDE00".repeat(80);

        assertThatThrownBy(() -> Arguments.resourceName(emoji))
                .hasMessageStartingWith("resource name \"" + "\\U0001f600".repeat(80) + "\" (expected: ");
    }
}
