package io.tributary.connect.jdbc.internal;

import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Struct;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import org.jspecify.annotations.Nullable;

/**
 * Turns the rows of one result set into structs: a struct schema with one field per supported column (in column
 * order, named by the column labels), built once from the result set's metadata. Columns of unsupported types are
 * left out and listed in {@link #skipped()}. Confined to the thread reading the result set.
 */
final class RowMapper {
    private final Schema schema;
    private final List<ColumnMapping> mappings;
    private final int[] columns;
    private final List<String> skipped;

    private RowMapper(Schema schema, List<ColumnMapping> mappings, int[] columns, List<String> skipped) {
        this.schema = schema;
        this.mappings = mappings;
        this.columns = columns;
        this.skipped = skipped;
    }

    /**
     * The mapper for result sets described by {@code metadata}.
     *
     * @param schemaName the struct schema's name (the table's), or null
     */
    static RowMapper of(DatabaseDialect dialect, ResultSetMetaData metadata, @Nullable String schemaName,
                        TimeZone zone) throws SQLException {
        SchemaBuilder struct = SchemaBuilder.struct().name(schemaName);
        List<ColumnMapping> mappings = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int column = 1; column <= metadata.getColumnCount(); column++) {
            ColumnMapping mapping = dialect.columnMapping(metadata, column, zone);
            if (mapping == null || !names.add(mapping.field())) {
                // An unsupported type, or a second column of the same label (a join): a struct cannot hold it.
                skipped.add(metadata.getColumnLabel(column) + " (" + metadata.getColumnTypeName(column) + ")");
                continue;
            }
            struct.field(mapping.field(), mapping.schema());
            mappings.add(mapping);
            columns.add(column);
        }
        return new RowMapper(struct.build(), List.copyOf(mappings),
            columns.stream().mapToInt(Integer::intValue).toArray(), List.copyOf(skipped));
    }

    /** The schema of the structs. */
    Schema schema() {
        return schema;
    }

    /** Columns left out, with their database type names. */
    List<String> skipped() {
        return skipped;
    }

    /** The current row as a struct. */
    Struct struct(ResultSet rows) throws SQLException {
        Struct struct = new Struct(schema);
        for (int i = 0; i < columns.length; i++) {
            struct.put(schema.fields().get(i), mappings.get(i).read(rows, columns[i]));
        }
        return struct;
    }
}
