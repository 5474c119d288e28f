package io.tributary.connect.transforms.predicates;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.ConnectRecord;
import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.transforms.internal.ConfigValidators;
import java.util.Map;

/**
 * Holds for records with at least one header of a given key. Same as Kafka Connect's {@code HasHeaderKey}.
 *
 * <p>Settings: {@code name} (required, non-empty), the header key.
 *
 * <pre>{@code
 * predicates=traced
 * predicates.traced.type=io.tributary.connect.transforms.predicates.HasHeaderKey
 * predicates.traced.name=trace-id
 * }</pre>
 *
 * @param <R> source or sink records
 * @since 0.1
 */
public final class HasHeaderKey<R extends ConnectRecord<R>> implements Predicate<R> {
    public static final String NAME_CONFIG = "name";

    private String name = "";

    @Override
    public ConfigDef config() {
        return new ConfigDef()
            .define(NAME_CONFIG, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigValidators.nullOrNonEmpty(),
                ConfigDef.Importance.MEDIUM, "The header key.");
    }

    @Override
    public void configure(Map<String, ?> configs) {
        name = requireNonNull(config().parse(configs).getString(NAME_CONFIG));
    }

    @Override
    public boolean test(R record) {
        return record.headers().stream().anyMatch(h -> h.key().equals(name));
    }

    @Override
    public String toString() {
        return "HasHeaderKey{name='" + name + "'}";
    }
}
