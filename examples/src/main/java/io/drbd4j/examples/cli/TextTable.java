package io.drbd4j.examples.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table: one header line, then one line per row, columns left-aligned and separated by two spaces.
 * The last column is not padded. Cells are printed as given; escape them with {@link Visible} first.
 *
 * <p>{@link #print(PrintWriter, int, Palette)} fits the table into a number of columns: the columns marked {@link
 * #shrinkable} give up width first (widest first), then the others, never below their header; a cell wider than its
 * column wraps onto the next lines at a space or after a {@code /}, or mid-word when a word does not fit. Colours
 * ({@link #colour}) are applied after the layout, so escape sequences never count as width.
 */
final class TextTable {
    private static final String GAP = "  ";

    private final List<String[]> rows = new ArrayList<>();
    private final List<Palette.Tone[]> tones = new ArrayList<>();
    private final int columns;
    private final boolean[] shrinkable;

    /**
     * Creates a table with these columns.
     *
     * @param header the column titles; their number fixes the number of columns
     */
    TextTable(String... header) {
        this.columns = header.length;
        this.shrinkable = new boolean[columns];
        rows.add(header.clone());
        tones.add(new Palette.Tone[columns]);
    }

    /**
     * Returns this table.
     *
     * @param cells one cell per column
     * @return this table
     */
    TextTable add(String... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException(
                    "row " + Arrays.toString(cells) + " has " + cells.length + " cells (expected: " + columns + ")");
        }
        rows.add(cells.clone());
        tones.add(new Palette.Tone[columns]);
        return this;
    }

    /**
     * Returns this table.
     *
     * @param column a column index
     * @param tone how the last added row's cell in that column is coloured when colour is on
     * @return this table
     */
    TextTable colour(int column, Palette.Tone tone) {
        tones.get(tones.size() - 1)[column] = tone;
        return this;
    }

    /**
     * Returns this table.
     *
     * @param column a column index whose cells may wrap before any other column's do
     * @return this table
     */
    TextTable shrinkable(int column) {
        shrinkable[column] = true;
        return this;
    }

    /**
     * Prints the header and the rows, each on one line however long.
     *
     * @param out where to print
     */
    void print(PrintWriter out) {
        print(out, Integer.MAX_VALUE, Palette.none());
    }

    /**
     * Prints the table, fitted to a width.
     *
     * @param out where to print
     * @param maxWidth the longest line wanted, in code points; longer only when the headers alone do not fit
     * @param palette the colours, or {@link Palette#none()}
     */
    void print(PrintWriter out, int maxWidth, Palette palette) {
        int[] widths = fit(maxWidth);
        StringBuilder line = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            List<List<String>> wrapped = new ArrayList<>();
            int height = 1;
            for (int c = 0; c < columns; c++) {
                List<String> pieces = wrap(row[c], widths[c]);
                wrapped.add(pieces);
                height = Math.max(height, pieces.size());
            }
            for (int l = 0; l < height; l++) {
                line.setLength(0);
                for (int c = 0; c < columns; c++) {
                    List<String> pieces = wrapped.get(c);
                    String piece = l < pieces.size() ? pieces.get(l) : "";
                    line.append(palette.paint(tones.get(r)[c], piece));
                    if (c < columns - 1) {
                        line.append(" ".repeat(widths[c] - width(piece))).append(GAP);
                    }
                }
                out.println(strip(line));
            }
        }
    }

    /** Each column's width: the widest cell, reduced until the line fits or every column is at its header's width. */
    private int[] fit(int maxWidth) {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], width(row[c]));
            }
        }
        int total = GAP.length() * (columns - 1) + Arrays.stream(widths).sum();
        for (boolean firstShrinkable : new boolean[] {true, false}) {
            while (total > maxWidth) {
                int widest = -1;
                for (int c = 0; c < columns; c++) {
                    boolean eligible = !firstShrinkable || shrinkable[c];
                    if (eligible && widths[c] > width(rows.get(0)[c]) && (widest < 0 || widths[c] > widths[widest])) {
                        widest = c;
                    }
                }
                if (widest < 0) {
                    break;
                }
                widths[widest]--;
                total--;
            }
        }
        return widths;
    }

    /**
     * Returns the text in pieces no wider than {@code width}, broken at a space (dropped) or after a {@code /}, or
     * mid-word when a word is wider than {@code width}.
     *
     * @param text one line of prose
     * @param width the widest piece wanted, at least 1
     * @return the text in pieces no wider than {@code width}, broken at a space (dropped) or after a {@code /}, or
     *     mid-word when a word is wider than {@code width}
     */
    static List<String> wrap(String text, int width) {
        List<String> pieces = new ArrayList<>();
        String rest = text;
        while (width(rest) > width) {
            int limit = rest.offsetByCodePoints(0, width);
            int space = rest.lastIndexOf(' ', limit);
            int slash = rest.lastIndexOf('/', limit - 1);
            if (space > 0 && space >= slash) {
                pieces.add(rest.substring(0, space).stripTrailing());
                rest = rest.substring(space + 1).stripLeading();
            } else if (slash > 0) {
                pieces.add(rest.substring(0, slash + 1));
                rest = rest.substring(slash + 1);
            } else {
                pieces.add(rest.substring(0, limit));
                rest = rest.substring(limit);
            }
        }
        pieces.add(rest);
        return pieces;
    }

    /**
     * Returns the lines.
     *
     * @param text one line of prose
     * @param width the longest line wanted
     * @param indent what starts every line after the first (its width counts)
     * @return the lines
     */
    static List<String> wrap(String text, int width, String indent) {
        List<String> first = wrap(text, width);
        if (first.size() == 1) {
            return first;
        }
        List<String> lines = new ArrayList<>();
        lines.add(first.get(0));
        String rest = text.substring(first.get(0).length()).stripLeading();
        for (String piece : wrap(rest, Math.max(1, width - width(indent)))) {
            lines.add(indent + piece);
        }
        return lines;
    }

    private static String strip(StringBuilder line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') {
            end--;
        }
        return line.substring(0, end);
    }

    static int width(String cell) {
        return cell.codePointCount(0, cell.length());
    }
}
