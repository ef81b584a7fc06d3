package io.drbd4j.exec.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.exec.SystemShell;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** POSIX quoting, proved against the real {@code /bin/sh}: what it reads back is the original, byte for byte. */
class ShellTest {
    static Stream<String> hostileWords() {
        String allAsciiButNul = IntStream.range(1, 128)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return Stream.of(
                "",
                "'",
                "''",
                "'\\''",
                "it's",
                "\"",
                "\\",
                "\\'",
                "a\\'b",
                "'; echo INJECTED; '",
                "pc0; rm -rf /",
                "pc0 && reboot",
                "$(echo INJECTED)",
                "`echo INJECTED`",
                "${IFS}",
                "$HOME",
                "$0 $1 $@",
                "!",
                "!!",
                "*",
                "?",
                "[a-z]*",
                "~root",
                "#",
                "a#b",
                "|&;<>(){}",
                "--force",
                "-n",
                "-e",
                "%s%d%n%%",
                "\\x41\\n\\101",
                " ",
                "  two  spaces  ",
                "\t",
                "\n",
                "line1\nline2\n",
                "\r\n",
                "\u000b\f",
                "\u001b[31mred\u001b[0m",
                "\u007f",
                "pc0\u00a0",
                "pc0\u2028",
                "\u0440\u04410",
                "\uff50\uff430",
                "\uD83D\uDE00",
                allAsciiButNul,
                "'\"\\$`\n".repeat(2_000));
    }

    @Test
    void quoteWrapsInSingleQuotesAndWritesEmbeddedQuotesAsQuoteBackslashQuoteQuote() {
        assertThat(Shell.quote("pc0")).isEqualTo("'pc0'");
        assertThat(Shell.quote("")).isEqualTo("''");
        assertThat(Shell.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(Shell.quote("'")).isEqualTo("''\\'''");
        assertThat(Shell.quote("$(id) `id` \\ \"")).isEqualTo("'$(id) `id` \\ \"'");
    }

    @ParameterizedTest(name = "[{index}]")
    @MethodSource("hostileWords")
    void theShellReadsAQuotedWordBackByteForByte(String word) {
        byte[] printed = SystemShell.stdout("printf '%s' " + Shell.quote(word));

        assertThat(printed).isEqualTo(word.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void joinQuotesOnlyTheWordsThatNeedItAndSeparatesThemBySpaces() {
        assertThat(Shell.join(List.of("drbdadm", "primary", "--force", "pc0")))
                .isEqualTo("drbdadm primary --force pc0");
        assertThat(Shell.join(List.of("drbdadm", "disk-options", "--resync-rate=1100M", "pc0")))
                .isEqualTo("drbdadm disk-options --resync-rate=1100M pc0");
        assertThat(Shell.join(List.of("echo", "a b", "", "it's", "$x", "~root", "*")))
                .isEqualTo("echo 'a b' '' 'it'\\''s' '$x' '~root' '*'");
        // A first word with '=' would be read as an assignment, not as the program.
        assertThat(Shell.join(List.of("A=b", "c=d"))).isEqualTo("'A=b' c=d");
        assertThat(Shell.join(List.of("one"))).isEqualTo("one");
        assertThat(Shell.join(List.of())).isEmpty();
    }

    @Test
    void theShellReadsJoinedWordsBackAsTheSameWords() {
        List<String> words = hostileWords().toList();

        byte[] printed = SystemShell.stdout("printf '%s\\000' " + Shell.join(words));

        assertThat(splitOnNul(printed)).containsExactlyElementsOf(words);
    }

    @Test
    void aJoinedCommandRunsOnlyItsFirstWordAsTheProgram() {
        String out = SystemShell.stdoutText(
                Shell.join(List.of("printf", "%s|", "; echo INJECTED", "$(echo INJECTED)", "a\nb", "")));

        assertThat(out).isEqualTo("; echo INJECTED|$(echo INJECTED)|a\nb||");
    }

    private static List<String> splitOnNul(byte[] bytes) {
        List<String> words = new ArrayList<>();
        ByteArrayOutputStream word = new ByteArrayOutputStream();
        for (byte b : bytes) {
            if (b == 0) {
                words.add(word.toString(StandardCharsets.UTF_8));
                word.reset();
            } else {
                word.write(b);
            }
        }
        assertThat(word.size()).as("bytes after the last NUL").isZero();
        return words;
    }
}
