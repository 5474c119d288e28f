package io.tributary.connect.transforms.internal;

import io.tributary.connect.config.ConfigException;
import io.tributary.connect.data.Schema;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A parsed {@code Cast} spec: either one type for the whole key or value ({@code int32}) or a target type per
 * top-level field ({@code id:int64,flag:boolean}). Immutable.
 *
 * @param wholeValue the type to cast the whole key or value to, or null for per-field casts
 * @param fields     the target type per field name; empty for a whole-value cast
 */
public record CastSpec(Schema.@Nullable Type wholeValue, Map<String, Schema.Type> fields) {
    /** The types a value may be cast to. */
    public static final Set<Schema.Type> OUTPUT_TYPES = EnumSet.of(Schema.Type.INT8, Schema.Type.INT16,
        Schema.Type.INT32, Schema.Type.INT64, Schema.Type.FLOAT32, Schema.Type.FLOAT64, Schema.Type.BOOLEAN,
        Schema.Type.STRING);

    public CastSpec {
        fields = Map.copyOf(fields);
    }

    /**
     * Parses the {@code spec} list.
     *
     * @throws ConfigException if it is empty, an entry has more than one colon, a type is unknown or not castable to,
     *                         or a whole-value type is mixed with other entries
     */
    public static CastSpec parse(@Nullable List<String> entries) {
        if (entries == null || entries.isEmpty()) {
            throw new ConfigException("Must specify at least one field to cast.");
        }
        Schema.Type whole = null;
        Map<String, Schema.Type> fields = new HashMap<>();
        for (String entry : entries) {
            // split drops trailing empty strings, so "a:" counts as a whole-value type named "a"; Kafka does the same
            String[] parts = entry.split(":");
            if (parts.length > 2) {
                throw new ConfigException("spec", entries, "Invalid cast mapping: " + entry);
            }
            if (parts.length == 1) {
                whole = outputType(parts[0]);
            } else {
                fields.put(parts[0].trim(), outputType(parts[1]));
            }
        }
        if (whole != null && entries.size() > 1) {
            throw new ConfigException("Cast transformations that specify a type to cast the entire value to may only "
                + "specify a single cast in their spec");
        }
        return new CastSpec(whole, fields);
    }

    private static Schema.Type outputType(String name) {
        Schema.Type type;
        try {
            type = Schema.Type.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Invalid type found in casting spec: " + name.trim());
        }
        if (!OUTPUT_TYPES.contains(type)) {
            throw new ConfigException("Cast transformation does not support casting to " + type
                + "; supported types are " + OUTPUT_TYPES);
        }
        return type;
    }
}
