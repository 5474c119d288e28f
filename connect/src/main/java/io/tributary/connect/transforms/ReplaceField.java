package io.tributary.connect.transforms;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.ConnectRecord;
import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.config.ConfigException;
import io.tributary.connect.config.ParsedConfig;
import io.tributary.connect.data.Field;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Struct;
import io.tributary.connect.errors.DataException;
import io.tributary.connect.transforms.internal.RecordSide;
import io.tributary.connect.transforms.internal.Requirements;
import io.tributary.connect.transforms.internal.SchemaCache;
import io.tributary.connect.transforms.internal.Schemas;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Drops and renames top-level fields of the key ({@link Key}) or value ({@link Value}), a schemaless {@code Map} or
 * a {@link Struct}. Null keys and values pass unchanged. Settings and behaviour are those of Kafka Connect's
 * {@code ReplaceField}.
 *
 * <p>Settings: {@code exclude} lists fields to drop; {@code include}, if not empty, lists the only fields to keep
 * (exclusion wins over inclusion); {@code renames} maps old to new names as {@code old:new} pairs. Kafka Connect
 * removed the deprecated aliases {@code blacklist} (for {@code exclude}) and {@code whitelist} (for {@code include});
 * they are still honoured here, where the new name is not set, so that older configurations keep working.
 * {@code replace.null.with.default} (default true) copies unset struct fields as their schema default.
 *
 * <pre>{@code
 * transforms=tidy
 * transforms.tidy.type=io.tributary.connect.transforms.ReplaceField$Value
 * transforms.tidy.exclude=password
 * transforms.tidy.renames=usr:user,ts:timestamp
 * }</pre>
 *
 * <p>Derived schemas are cached per input schema.
 *
 * @param <R> source or sink records
 * @since 0.1
 */
public abstract sealed class ReplaceField<R extends ConnectRecord<R>> implements Transformation<R>
    permits ReplaceField.Key, ReplaceField.Value {
    public static final String EXCLUDE_CONFIG = "exclude";
    public static final String INCLUDE_CONFIG = "include";
    public static final String RENAMES_CONFIG = "renames";
    public static final String REPLACE_NULL_WITH_DEFAULT_CONFIG = "replace.null.with.default";
    /** Deprecated alias of {@link #EXCLUDE_CONFIG}. */
    public static final String BLACKLIST_CONFIG = "blacklist";
    /** Deprecated alias of {@link #INCLUDE_CONFIG}. */
    public static final String WHITELIST_CONFIG = "whitelist";

    private static final String PURPOSE = "field replacement";

    private final RecordSide side;
    private final SchemaCache schemas = new SchemaCache();
    private Set<String> exclude = Set.of();
    private Set<String> include = Set.of();
    private Map<String, String> renames = Map.of();
    private Map<String, String> originalNames = Map.of();
    private boolean replaceNullWithDefault = true;

    ReplaceField(RecordSide side) {
        this.side = side;
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef()
            .define(EXCLUDE_CONFIG, ConfigDef.Type.LIST, List.of(), ConfigDef.Importance.MEDIUM,
                "Fields to exclude. This takes precedence over the fields to include.")
            .define(INCLUDE_CONFIG, ConfigDef.Type.LIST, List.of(), ConfigDef.Importance.MEDIUM,
                "Fields to include. If specified, only these fields are kept.")
            .define(RENAMES_CONFIG, ConfigDef.Type.LIST, List.of(),
                (name, value) -> parseRenames(value == null ? List.of() : castList(value)),
                ConfigDef.Importance.MEDIUM, "Field rename mappings as old:new pairs, e.g. foo:bar,abc:xyz.")
            .define(REPLACE_NULL_WITH_DEFAULT_CONFIG, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.MEDIUM,
                "Whether unset struct fields are copied as their schema default (true) or as null.")
            .define(BLACKLIST_CONFIG, ConfigDef.Type.LIST, null, ConfigDef.Importance.LOW,
                "Deprecated: use exclude.")
            .define(WHITELIST_CONFIG, ConfigDef.Type.LIST, null, ConfigDef.Importance.LOW,
                "Deprecated: use include.");
    }

    @Override
    public void configure(Map<String, ?> configs) {
        Map<String, Object> withAliases = new HashMap<>(configs);
        if (!configs.containsKey(EXCLUDE_CONFIG) && configs.get(BLACKLIST_CONFIG) != null) {
            withAliases.put(EXCLUDE_CONFIG, configs.get(BLACKLIST_CONFIG));
        }
        if (!configs.containsKey(INCLUDE_CONFIG) && configs.get(WHITELIST_CONFIG) != null) {
            withAliases.put(INCLUDE_CONFIG, configs.get(WHITELIST_CONFIG));
        }
        ParsedConfig config = config().parse(withAliases);
        exclude = new HashSet<>(requireNonNull(config.getList(EXCLUDE_CONFIG)));
        include = new HashSet<>(requireNonNull(config.getList(INCLUDE_CONFIG)));
        renames = parseRenames(requireNonNull(config.getList(RENAMES_CONFIG)));
        originalNames = new HashMap<>();
        renames.forEach((from, to) -> originalNames.put(to, from));
        replaceNullWithDefault = requireNonNull(config.getBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG));
        schemas.clear();
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object value) {
        return (List<String>) value;
    }

    private static Map<String, String> parseRenames(List<String> mappings) {
        Map<String, String> renames = new HashMap<>();
        for (String mapping : mappings) {
            // String.split drops trailing empty parts: "a:" is rejected, ":a" renames the empty name, like Kafka
            String[] parts = mapping.split(":");
            if (parts.length != 2) {
                throw new ConfigException(RENAMES_CONFIG, mappings, "Invalid rename mapping: " + mapping);
            }
            renames.put(parts[0], parts[1]);
        }
        return renames;
    }

    private boolean keeps(String fieldName) {
        return !exclude.contains(fieldName) && (include.isEmpty() || include.contains(fieldName));
    }

    private String renamed(String fieldName) {
        return renames.getOrDefault(fieldName, fieldName);
    }

    private String originalName(String fieldName) {
        return originalNames.getOrDefault(fieldName, fieldName);
    }

    @Override
    public @Nullable R apply(R record) {
        Object value = side.value(record);
        if (value == null) {
            return record;
        }
        return side.schema(record) == null ? applySchemaless(record, value) : applyWithSchema(record, value);
    }

    private R applySchemaless(R record, Object value) {
        Map<String, @Nullable Object> original = Requirements.map(value, PURPOSE);
        Map<String, @Nullable Object> updated = new HashMap<>(original.size());
        original.forEach((name, fieldValue) -> {
            if (keeps(name)) {
                updated.put(renamed(name), fieldValue);
            }
        });
        return side.with(record, null, updated);
    }

    private R applyWithSchema(R record, Object value) {
        Struct struct = Requirements.struct(value, PURPOSE);
        Schema schema = schemas.get(struct.schema(), this::replacedSchema);
        Struct updated = new Struct(schema);
        for (Field field : schema.fields()) {
            // A renamed field reads its original; a kept field whose name another field was renamed to reads that
            // other field, as in Kafka Connect (such a configuration is ambiguous).
            String sourceName = originalName(field.name());
            Field source = struct.schema().field(sourceName);
            if (source == null) {
                throw new DataException(sourceName + " is not a valid field name");
            }
            updated.put(field.name(), Requirements.read(struct, source, replaceNullWithDefault));
        }
        return side.with(record, schema, updated);
    }

    private Schema replacedSchema(Schema schema) {
        SchemaBuilder builder = Schemas.copyBasics(schema, SchemaBuilder.struct());
        for (Field field : schema.fields()) {
            if (keeps(field.name())) {
                builder.field(renamed(field.name()), field.schema());
            }
        }
        return builder.build();
    }

    @Override
    public void close() {
        schemas.clear();
    }

    /**
     * Replaces fields of the record key.
     *
     * @param <R> source or sink records
     */
    public static final class Key<R extends ConnectRecord<R>> extends ReplaceField<R> {
        public Key() {
            super(RecordSide.KEY);
        }
    }

    /**
     * Replaces fields of the record value.
     *
     * @param <R> source or sink records
     */
    public static final class Value<R extends ConnectRecord<R>> extends ReplaceField<R> {
        public Value() {
            super(RecordSide.VALUE);
        }
    }
}
