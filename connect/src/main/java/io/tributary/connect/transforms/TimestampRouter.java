package io.tributary.connect.transforms;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.ConnectRecord;
import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.config.ConfigException;
import io.tributary.connect.config.ParsedConfig;
import io.tributary.connect.errors.DataException;
import java.text.SimpleDateFormat;
import java.util.Map;
import java.util.TimeZone;
import org.jspecify.annotations.Nullable;

/**
 * Renames the record's topic from a template of the original topic and the record's timestamp, e.g. to write each
 * day to its own table or index. Settings and behaviour are those of Kafka Connect's {@code TimestampRouter}.
 *
 * <p>Settings: {@code topic.format} (default {@code ${topic}-${timestamp}}) with the placeholders {@code ${topic}}
 * and {@code ${timestamp}}; {@code timestamp.format} (default {@code yyyyMMdd}), a {@link SimpleDateFormat} pattern
 * applied in UTC.
 *
 * <p><strong>Errors:</strong> a {@link DataException} for a record without timestamp.
 *
 * <pre>{@code
 * transforms=daily
 * transforms.daily.type=io.tributary.connect.transforms.TimestampRouter
 * transforms.daily.topic.format=${topic}_${timestamp}
 * transforms.daily.timestamp.format=yyyy_MM_dd
 * }</pre>
 *
 * @param <R> source or sink records
 * @since 0.1
 */
public final class TimestampRouter<R extends ConnectRecord<R>> implements Transformation<R> {
    public static final String TOPIC_FORMAT_CONFIG = "topic.format";
    public static final String TIMESTAMP_FORMAT_CONFIG = "timestamp.format";

    private static final String TOPIC_PLACEHOLDER = "${topic}";
    private static final String TIMESTAMP_PLACEHOLDER = "${timestamp}";

    private String topicFormat = TOPIC_PLACEHOLDER + "-" + TIMESTAMP_PLACEHOLDER;
    private SimpleDateFormat timestampFormat = utcFormat("yyyyMMdd");

    @Override
    public ConfigDef config() {
        return new ConfigDef()
            .define(TOPIC_FORMAT_CONFIG, ConfigDef.Type.STRING, TOPIC_PLACEHOLDER + "-" + TIMESTAMP_PLACEHOLDER,
                ConfigDef.Importance.HIGH, "Format of the new topic name, with ${topic} and ${timestamp} as "
                    + "placeholders for the topic and the timestamp.")
            .define(TIMESTAMP_FORMAT_CONFIG, ConfigDef.Type.STRING, "yyyyMMdd", ConfigDef.Importance.HIGH,
                "Format of the timestamp, a java.text.SimpleDateFormat pattern applied in UTC.");
    }

    @Override
    public void configure(Map<String, ?> configs) {
        ParsedConfig config = config().parse(configs);
        topicFormat = requireNonNull(config.getString(TOPIC_FORMAT_CONFIG));
        String pattern = requireNonNull(config.getString(TIMESTAMP_FORMAT_CONFIG));
        try {
            timestampFormat = utcFormat(pattern);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(TIMESTAMP_FORMAT_CONFIG, pattern, e.getMessage());
        }
    }

    private static SimpleDateFormat utcFormat(String pattern) {
        SimpleDateFormat format = new SimpleDateFormat(pattern);
        format.setTimeZone(TimeZone.getTimeZone("UTC"));
        return format;
    }

    @Override
    public @Nullable R apply(R record) {
        Long timestamp = record.timestamp();
        if (timestamp == null) {
            throw new DataException("Timestamp missing on record: " + record);
        }
        String formatted;
        // SimpleDateFormat is not thread-safe; the lock is uncontended on one task thread.
        synchronized (timestampFormat) {
            formatted = timestampFormat.format(new java.util.Date(timestamp));
        }
        String topic = topicFormat.replace(TOPIC_PLACEHOLDER, record.topic()).replace(TIMESTAMP_PLACEHOLDER, formatted);
        return record.newRecord(topic, record.kafkaPartition(), record.keySchema(), record.key(),
            record.valueSchema(), record.value(), record.timestamp());
    }
}
