package io.drbd4j.exec.internal;

import java.util.List;
import java.util.regex.Pattern;

/**
 * POSIX shell quoting: an argument in single quotes, embedded single quotes as {@code '\''}; {@link #join} leaves
 * words of plain characters as they are, so a command reads as an operator would type it.
 */
public final class Shell {
    /** Characters no POSIX shell splits, expands or treats as syntax in a word (not first: '=' there assigns). */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:@%+,=-]+");

    private static final Pattern PLAIN_FIRST = Pattern.compile("[A-Za-z0-9_./:@%+,-]+");

    private Shell() {}

    /**
     * Returns the text as one POSIX shell word that the shell reads back byte for byte.
     *
     * @param arg any text without NUL
     * @return the text as one POSIX shell word that the shell reads back byte for byte
     */
    public static String quote(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    /**
     * Returns the words joined by spaces, each quoted unless it is made of plain characters only, ready to paste into a
     * shell: {@code drbdadm primary --force pc0}, {@code printf '%s\n' 'a b'}.
     *
     * @param argv the words
     * @return the words joined by spaces, each quoted unless it is made of plain characters only, ready to paste
     *     into a shell: {@code drbdadm primary --force pc0}, {@code printf '%s\n' 'a b'}
     */
    public static String join(List<String> argv) {
        StringBuilder b = new StringBuilder();
        for (String arg : argv) {
            boolean first = b.length() == 0;
            if (!first) {
                b.append(' ');
            }
            b.append((first ? PLAIN_FIRST : PLAIN).matcher(arg).matches() ? arg : quote(arg));
        }
        return b.toString();
    }
}
