package io.drbd4j.examples.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table: one header line, then one line per row, columns left-aligned and separated by two spaces.
 * The last column is not padded. Cells are printed as given; escape them with {@link Visible} first.
 */
final class TextTable {
    private static final String GAP = "  ";

    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    /** @param header the column titles; their number fixes the number of columns */
    TextTable(String... header) {
        this.columns = header.length;
        rows.add(header.clone());
    }

    /**
     * @param cells one cell per column
     * @return this table
     */
    TextTable add(String... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException(
                    "row " + Arrays.toString(cells) + " has " + cells.length + " cells (expected: " + columns + ")");
        }
        rows.add(cells.clone());
        return this;
    }

    /** @param out where to print the header and the rows */
    void print(PrintWriter out) {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], width(row[c]));
            }
        }
        StringBuilder line = new StringBuilder();
        for (String[] row : rows) {
            line.setLength(0);
            for (int c = 0; c < columns; c++) {
                line.append(row[c]);
                if (c < columns - 1) {
                    line.append(" ".repeat(widths[c] - width(row[c]))).append(GAP);
                }
            }
            out.println(line);
        }
    }

    private static int width(String cell) {
        return cell.codePointCount(0, cell.length());
    }
}
