package io.tributary.connect.storage;

import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaAndValue;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns record header values between Connect data and bytes, as Kafka Connect's {@code HeaderConverter} does. One
 * instance serves every header of a connector's tasks: the worker's {@code header.converter} (default
 * {@link SimpleHeaderConverter}), or the connector's own, with the prefixed settings of whichever applies
 * ({@code header.converter.*}). {@link StringConverter}, {@link ByteArrayConverter}, {@link JsonConverter} and the
 * number and boolean converters serve as header converters too. Calls come from runtime threads, never event loops.
 *
 * @since 0.1
 */
public interface HeaderConverter {
    /** The settings it accepts. */
    default ConfigDef config() {
        return new ConfigDef();
    }

    /**
     * Configures it.
     *
     * @param configs its settings, the {@code header.converter.} prefix stripped
     * @throws io.tributary.connect.config.ConfigException if a setting is invalid
     */
    void configure(Map<String, ?> configs);

    /**
     * The bytes of one header's value; null for a null value where the format has no null of its own.
     *
     * @param topic     the record's topic
     * @param headerKey the header's key
     * @param schema    the value's schema; may be null
     * @param value     the value; may be null
     * @throws io.tributary.connect.errors.DataException if the value does not fit the schema or the format
     */
    byte @Nullable [] fromConnectHeader(String topic, String headerKey, @Nullable Schema schema,
                                        @Nullable Object value);

    /**
     * The Connect data of one header's bytes; {@link SchemaAndValue#NULL} (or an optional schema and null) for null
     * bytes.
     *
     * @param topic     the record's topic
     * @param headerKey the header's key
     * @param value     the header's bytes; may be null
     * @throws io.tributary.connect.errors.DataException if the bytes are not in the format
     */
    SchemaAndValue toConnectHeader(String topic, String headerKey, byte @Nullable [] value);

    /** Releases what it holds; called once when its task stops. Does nothing by default. */
    default void close() {
    }
}
