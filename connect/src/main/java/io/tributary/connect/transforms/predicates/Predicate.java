package io.tributary.connect.transforms.predicates;

import io.tributary.connect.ConnectRecord;
import io.tributary.connect.config.ConfigDef;
import java.util.Map;

/**
 * A condition on a record; a transform with {@code predicate=<alias>} applies only where it holds (or, with
 * {@code negate=true}, only where it does not). Configured from {@code predicates.<alias>.*} settings.
 *
 * @param <R> source or sink records
 * @since 0.1
 */
public interface Predicate<R extends ConnectRecord<R>> extends AutoCloseable {
    ConfigDef config();

    /** @throws io.tributary.connect.config.ConfigException if a setting is invalid */
    void configure(Map<String, ?> configs);

    boolean test(R record);

    @Override
    default void close() {
    }
}
