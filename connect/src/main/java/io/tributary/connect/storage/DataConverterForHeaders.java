package io.tributary.connect.storage;

import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaAndValue;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A key/value converter that also converts header values, as Kafka Connect's String, ByteArray, JSON and primitive
 * converters do: a header value is converted as a value would be (the header key plays no part), with the same
 * settings.
 */
interface DataConverterForHeaders extends Converter, HeaderConverter {
    /** The same settings serve both roles. */
    @Override
    default ConfigDef config() {
        return Converter.super.config();
    }

    /** Configures it as a header converter, with the same settings as for values. */
    @Override
    default void configure(Map<String, ?> configs) {
        configure(configs, false);
    }

    @Override
    default byte @Nullable [] fromConnectHeader(String topic, String headerKey, @Nullable Schema schema,
                                                @Nullable Object value) {
        return fromConnectData(topic, schema, value);
    }

    @Override
    default SchemaAndValue toConnectHeader(String topic, String headerKey, byte @Nullable [] value) {
        return toConnectData(topic, value);
    }
}
