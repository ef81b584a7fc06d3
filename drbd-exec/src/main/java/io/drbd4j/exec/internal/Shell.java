package io.drbd4j.exec.internal;

import java.util.List;

/** POSIX shell quoting: every argument in single quotes, embedded single quotes as {@code '\''}. */
public final class Shell {
    private Shell() {}

    /**
     * @param arg any text without NUL
     * @return the text as one POSIX shell word that the shell reads back byte for byte
     */
    public static String quote(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    /**
     * @param argv the words
     * @return the words quoted and joined by spaces, ready to paste into a shell
     */
    public static String join(List<String> argv) {
        StringBuilder b = new StringBuilder();
        for (String arg : argv) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(quote(arg));
        }
        return b.toString();
    }
}
