package io.tributary.connect.transforms.predicates;

import io.tributary.connect.ConnectRecord;
import io.tributary.connect.config.ConfigDef;
import java.util.Map;

/**
 * Holds for tombstones: records whose value is null. Same as Kafka Connect's {@code RecordIsTombstone}; it has no
 * settings.
 *
 * @param <R> source or sink records
 * @since 0.1
 */
public final class RecordIsTombstone<R extends ConnectRecord<R>> implements Predicate<R> {
    @Override
    public ConfigDef config() {
        return new ConfigDef();
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }

    @Override
    public boolean test(R record) {
        return record.value() == null;
    }

    @Override
    public String toString() {
        return "RecordIsTombstone{}";
    }
}
