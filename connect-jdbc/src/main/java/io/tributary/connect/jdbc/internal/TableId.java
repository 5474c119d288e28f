package io.tributary.connect.jdbc.internal;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The name of a table: an optional catalog and schema, and the table name. Parsed from the text users write
 * ({@code orders}, {@code public.orders}, {@code "My Schema"."Orders"}); {@link #toString()} gives the fully quoted
 * form, which parses back to an equal id. Immutable.
 *
 * @param catalog the catalog (database), or null for the connection's
 * @param schema  the schema, or null for the connection's current one
 * @param table   the table name, exactly as stored (case-sensitive)
 */
public record TableId(@Nullable String catalog, @Nullable String schema, String table) {
    public TableId {
        requireNonNull(table, "table");
        if (table.isEmpty()) {
            throw new IllegalArgumentException("table must not be empty");
        }
    }

    /** A table in the connection's current schema. */
    public static TableId of(String table) {
        return new TableId(null, null, table);
    }

    /**
     * Parses {@code table}, {@code schema.table} or {@code catalog.schema.table}; parts in double quotes may contain
     * dots, and {@code ""} inside quotes stands for one quote.
     *
     * @throws IllegalArgumentException if there are more than three parts, an empty part or an unclosed quote
     */
    public static TableId parse(String text) {
        List<String> parts = split(text.trim(), '.');
        for (String part : parts) {
            if (part.isEmpty()) {
                throw new IllegalArgumentException("Empty part in table name \"" + text + "\"");
            }
        }
        return switch (parts.size()) {
            case 1 -> new TableId(null, null, parts.get(0));
            case 2 -> new TableId(null, parts.get(0), parts.get(1));
            case 3 -> new TableId(parts.get(0), parts.get(1), parts.get(2));
            default -> throw new IllegalArgumentException("Table name \"" + text
                + "\" has more than three parts (catalog.schema.table)");
        };
    }

    /** Parses a comma-separated list of table names; commas inside quotes belong to the name. */
    public static List<TableId> parseList(String text) {
        List<TableId> out = new ArrayList<>();
        for (String item : splitRaw(text, ',')) {
            if (!item.isBlank()) {
                out.add(parse(item));
            }
        }
        return out;
    }

    /** The comma-separated list of the quoted names, which {@link #parseList} reads back. */
    public static String formatList(List<TableId> tables) {
        return String.join(",", tables.stream().map(TableId::toString).toList());
    }

    /** Whether {@code other} names this table, where parts {@code other} leaves out match anything. */
    public boolean matches(TableId other) {
        return table.equals(other.table) && (other.schema == null || other.schema.equals(schema))
            && (other.catalog == null || other.catalog.equals(catalog));
    }

    /** Every part in double quotes, e.g. {@code "public"."orders"}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        if (catalog != null) {
            out.append(quote(catalog)).append('.');
        }
        if (schema != null) {
            out.append(quote(schema)).append('.');
        }
        return out.append(quote(table)).toString();
    }

    /** {@code identifier} in ANSI double quotes, inner quotes doubled. */
    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** Splits at {@code separator} outside quotes and unquotes each part. */
    private static List<String> split(String text, char separator) {
        List<String> out = new ArrayList<>();
        for (String raw : splitRaw(text, separator)) {
            out.add(unquote(raw.trim()));
        }
        return out;
    }

    /** Splits at {@code separator} outside double quotes, keeping the quotes. */
    private static List<String> splitRaw(String text, char separator) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;   // a doubled quote toggles twice: it stays inside the quoted part
            }
            if (c == separator && !quoted) {
                out.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("Unclosed quote in \"" + text + "\"");
        }
        out.add(current.toString());
        return out;
    }

    private static String unquote(String part) {
        if (part.length() >= 2 && part.startsWith("\"") && part.endsWith("\"")) {
            return part.substring(1, part.length() - 1).replace("\"\"", "\"");
        }
        return part;
    }
}
