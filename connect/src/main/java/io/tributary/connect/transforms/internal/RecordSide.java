package io.tributary.connect.transforms.internal;

import io.tributary.connect.ConnectRecord;
import io.tributary.connect.data.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The part of a record a key-or-value transform works on: the key with its schema, or the value with its schema.
 * Stateless and thread-safe.
 */
public enum RecordSide {
    KEY {
        @Override
        public @Nullable Schema schema(ConnectRecord<?> record) {
            return record.keySchema();
        }

        @Override
        public @Nullable Object value(ConnectRecord<?> record) {
            return record.key();
        }

        @Override
        public <R extends ConnectRecord<R>> R with(R record, @Nullable Schema schema, @Nullable Object value) {
            return record.newRecord(record.topic(), record.kafkaPartition(), schema, value, record.valueSchema(),
                record.value(), record.timestamp());
        }
    },
    VALUE {
        @Override
        public @Nullable Schema schema(ConnectRecord<?> record) {
            return record.valueSchema();
        }

        @Override
        public @Nullable Object value(ConnectRecord<?> record) {
            return record.value();
        }

        @Override
        public <R extends ConnectRecord<R>> R with(R record, @Nullable Schema schema, @Nullable Object value) {
            return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(), schema,
                value, record.timestamp());
        }
    };

    /** The schema of this side of {@code record}, null if schemaless. */
    public abstract @Nullable Schema schema(ConnectRecord<?> record);

    /** The key or value of {@code record}. */
    public abstract @Nullable Object value(ConnectRecord<?> record);

    /** A copy of {@code record} with this side replaced and everything else (headers included) kept. */
    public abstract <R extends ConnectRecord<R>> R with(R record, @Nullable Schema schema, @Nullable Object value);
}
