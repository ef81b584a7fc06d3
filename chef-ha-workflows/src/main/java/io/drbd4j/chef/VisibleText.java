package io.drbd4j.chef;

import java.util.Locale;

/**
 * Makes text from outside (a command line, a reason, an operator's note) safe to write to a terminal: a carriage
 * return or an escape character in it would move the cursor or redraw a progress bar, so it is written as a visible
 * escape instead.
 */
final class VisibleText {
    private VisibleText() {}

    /**
     * Returns the text with every control character written as a visible escape.
     *
     * @param text any text
     * @return the text with NUL as {@code \0}; TAB, CR and LF as {@code \t}, {@code \r} and {@code \n}; other
     *     control characters as {@code \xNN}; invisible format characters and unassigned ones as a backslash,
     *     {@code u} and four hex digits; the same instance when nothing needs escaping
     */
    static String of(String text) {
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escape = escape(c);
            if (escape != null && b == null) {
                b = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (b != null) {
                b.append(escape != null ? escape : String.valueOf(c));
            }
        }
        return b == null ? text : b.toString();
    }

    private static String escape(char c) {
        int type = Character.getType(c);
        if (!Character.isISOControl(c)
                && type != Character.FORMAT
                && type != Character.LINE_SEPARATOR
                && type != Character.PARAGRAPH_SEPARATOR
                && type != Character.UNASSIGNED) {
            return null;
        }
        return switch (c) {
            case '\0' -> "\\0";
            case '\t' -> "\\t";
            case '\r' -> "\\r";
            case '\n' -> "\\n";
            default ->
                c <= 0xff
                        ? String.format(Locale.ROOT, "\\x%02x", (int) c)
                        : String.format(Locale.ROOT, "\\u%04x", (int) c);
        };
    }
}
