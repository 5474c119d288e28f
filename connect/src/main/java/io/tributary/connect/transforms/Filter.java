package io.tributary.connect.transforms;

import io.tributary.connect.ConnectRecord;
import io.tributary.connect.config.ConfigDef;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Drops every record, so that later transforms and the connector never see it. Meant to be used with a predicate,
 * to drop the records that match it (or, negated, those that do not). Same as Kafka Connect's {@code Filter}; it has
 * no settings.
 *
 * <pre>{@code
 * transforms=dropTombstones
 * transforms.dropTombstones.type=io.tributary.connect.transforms.Filter
 * transforms.dropTombstones.predicate=isTombstone
 * predicates=isTombstone
 * predicates.isTombstone.type=io.tributary.connect.transforms.predicates.RecordIsTombstone
 * }</pre>
 *
 * @param <R> source or sink records
 * @since 0.1
 */
public final class Filter<R extends ConnectRecord<R>> implements Transformation<R> {
    @Override
    public ConfigDef config() {
        return new ConfigDef();
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }

    /** Always null: the record is dropped. */
    @Override
    public @Nullable R apply(R record) {
        return null;
    }
}
