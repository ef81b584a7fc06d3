package io.drbd4j.examples.cli;

import java.util.Map;

/**
 * The colours of the tables: ANSI SGR sequences around a cell's text, only on a terminal and never when the {@code
 * NO_COLOR} environment variable is set to anything but the empty string (https://no-color.org) or {@code TERM} is
 * {@code dumb}. Immutable and thread-safe.
 */
final class Palette {
    /** What a cell says, and so its colour. */
    enum Tone {
        /** Safe: green. */
        GOOD("\u001b[32m"),
        /** Needs watching (a resync, a verdict that cannot be told): yellow. */
        WARN("\u001b[33m"),
        /** Data at risk (a split brain, the only good copy, no good copy): bold red. */
        BAD("\u001b[1;31m");

        private final String sgr;

        Tone(String sgr) {
            this.sgr = sgr;
        }
    }

    private static final String RESET = "\u001b[0m";
    private static final Palette NONE = new Palette(false);
    private static final Palette ANSI = new Palette(true);

    private final boolean on;

    private Palette(boolean on) {
        this.on = on;
    }

    /**
     * Returns the palette that paints nothing.
     *
     * @return the palette that paints nothing
     */
    static Palette none() {
        return NONE;
    }

    /**
     * Returns colours on a terminal unless {@code NO_COLOR} is non-empty or {@code TERM} is {@code dumb}; else none.
     *
     * @param terminal whether standard output is a terminal
     * @param environment the process environment
     * @return colours on a terminal unless {@code NO_COLOR} is non-empty or {@code TERM} is {@code dumb}; else none
     */
    static Palette forOutput(boolean terminal, Map<String, String> environment) {
        String noColor = environment.get("NO_COLOR");
        boolean on = terminal && (noColor == null || noColor.isEmpty()) && !"dumb".equals(environment.get("TERM"));
        return on ? ANSI : NONE;
    }

    /**
     * Returns whether this palette paints.
     *
     * @return whether this palette paints
     */
    boolean on() {
        return on;
    }

    /**
     * Returns the text between the tone's SGR sequence and a reset; the text itself when off, plain or empty.
     *
     * @param tone the cell's tone; null for plain
     * @param text the text, already laid out
     * @return the text between the tone's SGR sequence and a reset; the text itself when off, plain or empty
     */
    String paint(Tone tone, String text) {
        if (!on || tone == null || text.isEmpty()) {
            return text;
        }
        return tone.sgr + text + RESET;
    }
}
