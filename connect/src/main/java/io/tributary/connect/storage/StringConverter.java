package io.tributary.connect.storage;

import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.config.ConfigException;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaAndValue;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes values as text in a character set and reads every record as an optional STRING value, as Kafka Connect's
 * {@code StringConverter} does. Any value is written through {@link Object#toString()}, whatever its schema.
 *
 * <p>Setting: {@value #ENCODING_CONFIG}, the character set (default {@code UTF-8}). Bytes that are not valid in it
 * read as replacement characters. Also a {@link HeaderConverter}, with the same settings under
 * {@code header.converter.}. Thread-safe once configured.
 *
 * @since 0.1
 */
public final class StringConverter implements DataConverterForHeaders {
    /** The character set of the bytes. */
    public static final String ENCODING_CONFIG = "converter.encoding";
    /** The default character set. */
    public static final String ENCODING_DEFAULT = "UTF-8";

    private volatile Charset charset = StandardCharsets.UTF_8;

    @Override
    public ConfigDef config() {
        return new ConfigDef().define(ENCODING_CONFIG, ConfigDef.Type.STRING, ENCODING_DEFAULT,
            (name, value) -> charset(String.valueOf(value)), ConfigDef.Importance.HIGH,
            "The name of the Java character set to encode and decode strings with.");
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        charset = charset(config().parse(configs).getString(ENCODING_CONFIG));
    }

    /** The text of {@code value}; null for null. */
    @Override
    public byte @Nullable [] fromConnectData(String topic, @Nullable Schema schema, @Nullable Object value) {
        return value == null ? null : value.toString().getBytes(charset);
    }

    /** The decoded text as an optional STRING value (null for null bytes). */
    @Override
    public SchemaAndValue toConnectData(String topic, byte @Nullable [] value) {
        return new SchemaAndValue(Schema.OPTIONAL_STRING_SCHEMA, value == null ? null : new String(value, charset));
    }

    private static Charset charset(@Nullable String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {  // also the charset exceptions, which extend it
            throw new ConfigException(ENCODING_CONFIG, name, "Unknown character set");
        }
    }
}
