package io.tributary.connect.transforms;

import io.tributary.connect.ConnectRecord;
import io.tributary.connect.config.ConfigDef;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Rewrites or drops one record. Configured once per connector from {@code transforms.<alias>.*} settings; applied
 * in the order {@code transforms} lists them, on one runtime thread at a time. Pure functions of the record work
 * best: a transform may be applied again to the same record after a retry.
 *
 * @param <R> source or sink records
 * @since 0.1
 */
public interface Transformation<R extends ConnectRecord<R>> extends AutoCloseable {
    /** The settings it accepts. */
    ConfigDef config();

    /** @throws io.tributary.connect.config.ConfigException if a setting is invalid */
    void configure(Map<String, ?> configs);

    /**
     * The transformed record, or null to drop it.
     *
     * @throws io.tributary.connect.errors.DataException if the record does not have the shape the transform needs
     */
    @Nullable R apply(R record);

    @Override
    default void close() {
    }
}
