package io.drbd4j.examples.cli;

/**
 * Makes text from {@code /proc/drbd} safe to print to a terminal: control and format characters become visible
 * escapes, so the NUL flag byte that DRBD 8.3.1 printed shows as {@code r---\0} and never reaches the terminal
 * raw.
 */
final class Visible {
    private Visible() {}

    /**
     * Returns the text with NUL as {@code \0}; TAB, CR and LF as {@code \t}, {@code \r} and {@code \n}; other control
     * characters as {@code \xNN}; invisible format characters (such as bidi overrides) and unassigned ones as a
     * backslash, {@code u} and four hex digits; the same instance when nothing needs escaping.
     *
     * @param text any text
     * @return the text with NUL as {@code \0}; TAB, CR and LF as {@code \t}, {@code \r} and {@code \n}; other
     *     control characters as {@code \xNN}; invisible format characters (such as bidi overrides) and unassigned
     *     ones as a backslash, {@code u} and four hex digits; the same instance when nothing needs escaping
     */
    static String escape(String text) {
        int i = 0;
        while (i < text.length() && !needsEscape(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 8).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!needsEscape(c)) {
                b.append(c);
            } else if (c == '\0') {
                b.append("\\0");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c <= 0xff) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b.toString();
    }

    private static boolean needsEscape(char c) {
        if (Character.isISOControl(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.FORMAT
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.UNASSIGNED;
    }
}
