package io.tributary.connect.jdbc.internal;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.data.Schema;
import io.tributary.connect.errors.ConnectException;
import io.tributary.connect.errors.DataException;
import io.tributary.connect.jdbc.JdbcSinkConfig;
import io.tributary.connect.sink.SinkRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits the records of one {@code put} into {@link WriteBatch}es: per table (named by {@code table.name.format}),
 * consecutive records of the same statement kind and schemas go into one batch of at most {@code batch.size}, so
 * each table sees its records' inserts, updates and deletes in record order. Tombstones become deletes when
 * {@code delete.enabled}, else they are skipped. Checks every record before anything is written; {@link #screen}
 * runs the same checks ahead, so that a task can set aside the records it cannot write. Stateless apart from a
 * per-call layout cache; thread-safe.
 */
public final class BatchPlanner {
    private static final Logger LOG = LoggerFactory.getLogger(BatchPlanner.class);

    private final JdbcSinkConfig config;

    public BatchPlanner(JdbcSinkConfig config) {
        this.config = requireNonNull(config, "config");
    }

    /**
     * The batches for {@code records}, tables in order of first appearance.
     *
     * @throws DataException if a record has no value schema, a value that is not a struct, or lacks its key
     * @throws ConnectException if a primary key field is missing
     */
    public List<WriteBatch> plan(List<SinkRecord> records) {
        Map<LayoutKey, RecordLayout> layouts = new HashMap<>();
        Map<TableId, List<Draft>> byTable = new LinkedHashMap<>();
        for (SinkRecord record : records) {
            boolean tombstone = record.value() == null;
            if (tombstone && !config.deleteEnabled()) {
                LOG.debug("Skipping the tombstone at {}: delete.enabled is false", RecordLayout.where(record));
                continue;
            }
            RecordLayout layout = layout(record, tombstone, layouts);
            WriteBatch.Kind kind = tombstone ? WriteBatch.Kind.DELETE : kind();
            List<Draft> drafts = byTable.computeIfAbsent(table(record), t -> new ArrayList<>());
            Draft last = drafts.isEmpty() ? null : drafts.get(drafts.size() - 1);
            if (last == null || last.kind != kind || last.layout != layout
                || last.records.size() >= config.batchSize()) {
                last = new Draft(kind, layout);
                drafts.add(last);
            }
            last.records.add(record);
        }
        List<WriteBatch> out = new ArrayList<>();
        byTable.forEach((table, drafts) -> drafts.forEach(d -> out.add(new WriteBatch(table, d.kind, d.layout,
            d.records))));
        return out;
    }

    /**
     * Splits {@code records} into those {@link #plan} accepts and those it would reject, each with the reason;
     * both in record order. Skipped tombstones count as accepted (planning skips them again).
     */
    public Screened screen(List<SinkRecord> records) {
        Map<LayoutKey, RecordLayout> layouts = new HashMap<>();
        List<SinkRecord> accepted = new ArrayList<>(records.size());
        List<Rejected> rejected = new ArrayList<>();
        for (SinkRecord record : records) {
            boolean tombstone = record.value() == null;
            if (tombstone && !config.deleteEnabled()) {
                accepted.add(record);
                continue;
            }
            try {
                layout(record, tombstone, layouts);
                table(record);
                accepted.add(record);
            } catch (ConnectException e) {
                rejected.add(new Rejected(record, e));
            }
        }
        return new Screened(accepted, rejected);
    }

    /**
     * The layout of {@code record}, its values extracted once, so that a record with a missing key, primary key
     * field or a non-struct value fails before any write.
     */
    private RecordLayout layout(SinkRecord record, boolean tombstone, Map<LayoutKey, RecordLayout> layouts) {
        check(record, tombstone);
        RecordLayout layout = layouts.computeIfAbsent(new LayoutKey(record.keySchema(),
                tombstone ? null : record.valueSchema()),
            k -> RecordLayout.of(config.pkMode(), config.pkFields(), config.fieldsWhitelist(), k.key(), k.value()));
        layout.keyValues(record);
        layout.values(record);
        return layout;
    }

    private static void check(SinkRecord record, boolean tombstone) {
        if (tombstone) {
            return;
        }
        Schema schema = record.valueSchema();
        if (schema == null) {
            throw new DataException("The JDBC sink needs records with a value schema, but the record at "
                + RecordLayout.where(record) + " has a " + record.value().getClass().getName()
                + " value without one (use a converter with schemas, e.g. JsonConverter with schemas.enable=true)");
        }
        if (schema.type() != Schema.Type.STRUCT) {
            throw new DataException("The JDBC sink needs struct values, but the record at "
                + RecordLayout.where(record) + " has a value of schema type " + schema.type());
        }
    }

    private WriteBatch.Kind kind() {
        return switch (config.insertMode()) {
            case INSERT -> WriteBatch.Kind.INSERT;
            case UPSERT -> WriteBatch.Kind.UPSERT;
            case UPDATE -> WriteBatch.Kind.UPDATE;
        };
    }

    private TableId table(SinkRecord record) {
        String name = config.tableName(record.topic());
        try {
            return TableId.parse(name);
        } catch (IllegalArgumentException e) {
            throw new DataException("Invalid table name \"" + name + "\" for topic " + record.topic() + ": "
                + e.getMessage(), e);
        }
    }

    /**
     * What {@link #screen} found.
     *
     * @param accepted the records {@link #plan} takes, in order
     * @param rejected the others, in order
     */
    public record Screened(List<SinkRecord> accepted, List<Rejected> rejected) {
        public Screened {
            accepted = List.copyOf(accepted);
            rejected = List.copyOf(rejected);
        }
    }

    /**
     * A record that cannot be written.
     *
     * @param record the record
     * @param reason why: a {@link DataException}, or a {@link ConnectException} for a missing primary key field
     */
    public record Rejected(SinkRecord record, ConnectException reason) {
        public Rejected {
            requireNonNull(record, "record");
            requireNonNull(reason, "reason");
        }
    }

    /** The schemas a layout depends on; schemas compare by content. */
    private record LayoutKey(@Nullable Schema key, @Nullable Schema value) {
    }

    private static final class Draft {
        private final WriteBatch.Kind kind;
        private final RecordLayout layout;
        private final List<SinkRecord> records = new ArrayList<>();

        private Draft(WriteBatch.Kind kind, RecordLayout layout) {
            this.kind = kind;
            this.layout = layout;
        }
    }
}
