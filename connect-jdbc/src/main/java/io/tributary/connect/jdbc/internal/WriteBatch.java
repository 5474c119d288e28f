package io.tributary.connect.jdbc.internal;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.sink.SinkRecord;
import java.util.List;

/**
 * Records of one table, one statement kind and one layout, in their original order: what one JDBC batch
 * executes. Immutable.
 *
 * @param table   the table written
 * @param kind    the statement run for each record
 * @param layout  the columns the records fill
 * @param records the records
 */
public record WriteBatch(TableId table, Kind kind, RecordLayout layout, List<SinkRecord> records) {
    public WriteBatch {
        requireNonNull(table, "table");
        requireNonNull(kind, "kind");
        requireNonNull(layout, "layout");
        records = List.copyOf(records);
    }

    /** The statement run per record. */
    public enum Kind {
        INSERT, UPSERT, UPDATE, DELETE
    }
}
