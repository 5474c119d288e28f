package io.tributary.cli.internal;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where a command prints its result, in the chosen {@link OutputFormat}: tables with a header row and columns
 * padded to their widest cell (two spaces apart, {@code -} for a missing value), or indented JSON. Not thread-safe;
 * used from the command's thread.
 */
public final class Output {
    private final PrintWriter out;
    private final OutputFormat format;

    public Output(PrintWriter out, OutputFormat format) {
        this.out = out;
        this.format = format;
    }

    /** A table row of {@code cells}, which may be null. */
    public static List<@Nullable Object> row(@Nullable Object... cells) {
        return Arrays.asList(cells);
    }

    public boolean isJson() {
        return format == OutputFormat.JSON;
    }

    /** Prints a table: {@code headers}, then one line per row; a null cell prints as {@code -}. */
    public void table(List<String> headers, List<? extends List<?>> rows) {
        int[] widths = new int[headers.size()];
        List<List<String>> cells = new ArrayList<>();
        cells.add(headers);
        for (List<?> row : rows) {
            if (row.size() != headers.size()) {
                throw new IllegalArgumentException("row " + row + " does not match headers " + headers);
            }
            cells.add(row.stream().map(c -> c == null ? "-" : c.toString()).toList());
        }
        for (List<String> row : cells) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                line.append(cell);
                if (i < row.size() - 1) {
                    line.append(" ".repeat(widths[i] - cell.length() + 2));
                }
            }
            out.println(line);
        }
        out.flush();
    }

    /** Prints {@code value} as indented JSON. */
    public void json(Object value) {
        out.println(Json.pretty(value));
        out.flush();
    }

    /** Prints one line as it is. */
    public void line(String text) {
        out.println(text);
        out.flush();
    }
}
