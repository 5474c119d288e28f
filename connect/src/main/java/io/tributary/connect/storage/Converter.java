package io.tributary.connect.storage;

import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaAndValue;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns a record key or value between Connect data and bytes. Configured once for keys or for values of one
 * connector ({@code key.converter}, {@code value.converter}, and their prefixed settings such as
 * {@code value.converter.schemas.enable}). Calls come from runtime threads, never event loops, and may block
 * briefly (a registry converter's first lookup of a schema).
 *
 * @since 0.1
 */
public interface Converter {
    /** The settings it accepts. */
    default ConfigDef config() {
        return new ConfigDef();
    }

    /**
     * Configures it.
     *
     * @param configs its settings, the converter prefix stripped
     * @param isKey   whether it converts keys
     * @throws io.tributary.connect.config.ConfigException if a setting is invalid
     */
    void configure(Map<String, ?> configs, boolean isKey);

    /**
     * The bytes of a value; null for a null value where the format has no null of its own.
     *
     * @throws io.tributary.connect.errors.DataException if the value does not fit the schema or the format
     */
    byte @Nullable [] fromConnectData(String topic, @Nullable Schema schema, @Nullable Object value);

    /**
     * The Connect data of bytes; {@link SchemaAndValue#NULL} (or an optional schema and null) for null bytes.
     *
     * @throws io.tributary.connect.errors.DataException if the bytes are not in the format
     */
    SchemaAndValue toConnectData(String topic, byte @Nullable [] value);
}
