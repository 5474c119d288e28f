package io.tributary.connect.transforms;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.ConnectRecord;
import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Struct;
import io.tributary.connect.transforms.internal.RecordSide;
import io.tributary.connect.transforms.internal.SchemaCache;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Wraps the key ({@link Key}) or value ({@link Value}) in a single-field structure: a {@link Struct} of one field
 * with the original schema when there is a schema, a one-entry {@code Map} when there is none. Null values are
 * wrapped too. Settings and behaviour are those of Kafka Connect's {@code HoistField}.
 *
 * <p>Settings: {@code field} (required) names the field.
 *
 * <pre>{@code
 * transforms=wrap
 * transforms.wrap.type=io.tributary.connect.transforms.HoistField$Value
 * transforms.wrap.field=line
 * }</pre>
 *
 * <p>Derived schemas are cached per input schema.
 *
 * @param <R> source or sink records
 * @since 0.1
 */
public abstract sealed class HoistField<R extends ConnectRecord<R>> implements Transformation<R>
    permits HoistField.Key, HoistField.Value {
    public static final String FIELD_CONFIG = "field";

    private final RecordSide side;
    private final SchemaCache schemas = new SchemaCache();
    private String fieldName = "";

    HoistField(RecordSide side) {
        this.side = side;
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef()
            .define(FIELD_CONFIG, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Importance.MEDIUM,
                "Name of the single field of the resulting Struct or Map.");
    }

    @Override
    public void configure(Map<String, ?> configs) {
        fieldName = requireNonNull(config().parse(configs).getString(FIELD_CONFIG));
        schemas.clear();
    }

    @Override
    public @Nullable R apply(R record) {
        Schema schema = side.schema(record);
        Object value = side.value(record);
        if (schema == null) {
            Map<String, @Nullable Object> wrapped = new HashMap<>();
            wrapped.put(fieldName, value);
            return side.with(record, null, wrapped);
        }
        Schema wrapper = schemas.get(schema, s -> SchemaBuilder.struct().field(fieldName, s).build());
        return side.with(record, wrapper, new Struct(wrapper).put(fieldName, value));
    }

    @Override
    public void close() {
        schemas.clear();
    }

    /**
     * Wraps the record key.
     *
     * @param <R> source or sink records
     */
    public static final class Key<R extends ConnectRecord<R>> extends HoistField<R> {
        public Key() {
            super(RecordSide.KEY);
        }
    }

    /**
     * Wraps the record value.
     *
     * @param <R> source or sink records
     */
    public static final class Value<R extends ConnectRecord<R>> extends HoistField<R> {
        public Value() {
            super(RecordSide.VALUE);
        }
    }
}
