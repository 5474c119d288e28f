package io.tributary.connect.transforms;

import io.tributary.connect.ConnectRecord;
import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A custom (not built-in) transform for the chain tests: appends {@code suffix} to the topic and records what it
 * was configured with and whether it was closed. {@code fail=true} makes {@code configure} fail.
 */
public final class RecordingTransform<R extends ConnectRecord<R>> implements Transformation<R> {
    static final List<String> EVENTS = new ArrayList<>();

    private String suffix = "";

    @Override
    public ConfigDef config() {
        return new ConfigDef().define("suffix", ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
            ConfigDef.Importance.HIGH, "Appended to the topic.");
    }

    @Override
    public void configure(Map<String, ?> configs) {
        EVENTS.add("configure " + new java.util.TreeMap<>(configs));
        if ("true".equals(configs.get("fail"))) {
            throw new ConfigException("fail was set");
        }
        suffix = String.valueOf(config().parse(configs).getString("suffix"));
    }

    @Override
    public @Nullable R apply(R record) {
        return record.newRecord(record.topic() + suffix, record.kafkaPartition(), record.keySchema(), record.key(),
            record.valueSchema(), record.value(), record.timestamp());
    }

    @Override
    public void close() {
        EVENTS.add("close " + suffix);
    }
}
