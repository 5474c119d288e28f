package io.tributary.connect.transforms;

import io.tributary.connect.ConnectHeader;
import io.tributary.connect.ConnectRecord;
import io.tributary.connect.data.Date;
import io.tributary.connect.data.Decimal;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Struct;
import io.tributary.connect.data.Time;
import io.tributary.connect.data.Timestamp;
import io.tributary.connect.sink.SinkRecord;
import io.tributary.connect.source.SourceRecord;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Schemas, values and records the transform tests share. */
final class Fixtures {
    static final String TOPIC = "orders";
    static final long TIMESTAMP = 1_700_000_123_456L;
    static final long MILLIS_PER_DAY = 86_400_000L;

    static final Schema ADDRESS = SchemaBuilder.struct().name("com.example.Address")
        .field("city", Schema.STRING_SCHEMA)
        .field("zip", Schema.OPTIONAL_INT32_SCHEMA)
        .optional()
        .build();

    /** A struct with a field of every kind the transforms treat differently. */
    static final Schema PERSON = SchemaBuilder.struct().name("com.example.Person").version(3).doc("a person")
        .field("id", Schema.INT64_SCHEMA)
        .field("name", Schema.STRING_SCHEMA)
        .field("age", SchemaBuilder.int32().optional().defaultValue(18).build())
        .field("score", Schema.OPTIONAL_FLOAT64_SCHEMA)
        .field("active", Schema.BOOLEAN_SCHEMA)
        .field("level", Schema.OPTIONAL_INT8_SCHEMA)
        .field("code", Schema.OPTIONAL_STRING_SCHEMA)
        .field("born", Date.builder().optional().build())
        .field("wake", Time.builder().optional().build())
        .field("seen", Timestamp.schema())
        .field("balance", Decimal.builder(2).optional().build())
        .field("photo", Schema.OPTIONAL_BYTES_SCHEMA)
        .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
        .field("address", ADDRESS)
        .build();

    /** A struct whose field name holds a dot, for nested field paths. */
    static final Schema DOTTED = SchemaBuilder.struct()
        .field("a.b", SchemaBuilder.struct().field("c", Schema.INT32_SCHEMA).build())
        .field("a", SchemaBuilder.struct().field("b", Schema.STRING_SCHEMA).optional().build())
        .build();

    private Fixtures() {
    }

    /** A fully set person. */
    static Struct person() {
        return new Struct(PERSON)
            .put("id", 42L)
            .put("name", "Ann")
            .put("age", 37)
            .put("score", 9.5)
            .put("active", true)
            .put("level", (byte) 3)
            .put("code", "123")
            .put("born", new java.util.Date(19_000 * MILLIS_PER_DAY))
            .put("wake", new java.util.Date(25_200_000L))
            .put("seen", new java.util.Date(TIMESTAMP))
            .put("balance", new BigDecimal("1234.50"))
            .put("photo", new byte[] {1, 2, 3})
            .put("tags", List.of("a", "b"))
            .put("address", new Struct(ADDRESS).put("city", "Oslo").put("zip", 150));
    }

    /** A person with only the required fields set: the others are null or fall back to their default. */
    static Struct sparsePerson() {
        return new Struct(PERSON)
            .put("id", 7L)
            .put("name", "Bo")
            .put("active", false)
            .put("seen", new java.util.Date(0));
    }

    static Struct dotted() {
        return new Struct(DOTTED)
            .put("a.b", new Struct(DOTTED.field("a.b").schema()).put("c", 5))
            .put("a", new Struct(DOTTED.field("a").schema()).put("b", "x"));
    }

    /** A schemaless map with nested maps, lists and nulls; insertion-ordered. */
    static Map<String, @Nullable Object> personMap() {
        Map<String, @Nullable Object> address = new LinkedHashMap<>();
        address.put("city", "Oslo");
        address.put("zip", 150);
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        map.put("id", 42L);
        map.put("name", "Ann");
        map.put("age", 37);
        map.put("score", 9.5);
        map.put("active", true);
        map.put("code", "123");
        map.put("missing", null);
        map.put("tags", Arrays.asList("a", "b"));
        map.put("address", address);
        return map;
    }

    /** A source record with partition 3, {@link #TIMESTAMP} and a trace header. */
    static SourceRecord source(@Nullable Schema keySchema, @Nullable Object key, @Nullable Schema valueSchema,
                               @Nullable Object value) {
        return new SourceRecord(Map.of("file", "in.txt"), Map.of("position", 10L), TOPIC, 3, keySchema, key,
            valueSchema, value, TIMESTAMP, List.of(ConnectHeader.of("trace", "t-1")));
    }

    /** A source record of {@code value} alone: no key, partition, timestamp or headers. */
    static SourceRecord bare(@Nullable Schema valueSchema, @Nullable Object value) {
        return new SourceRecord(Map.of(), Map.of(), TOPIC, valueSchema, value);
    }

    /** A sink record read at offset 99 of partition 1, with {@link #TIMESTAMP}. */
    static SinkRecord sink(@Nullable Schema keySchema, @Nullable Object key, @Nullable Schema valueSchema,
                           @Nullable Object value) {
        return new SinkRecord(TOPIC, 1, keySchema, key, valueSchema, value, 99L, TIMESTAMP,
            List.of(ConnectHeader.of("trace", "t-2")));
    }

    static SourceRecord value(@Nullable Schema schema, @Nullable Object value) {
        return source(Schema.STRING_SCHEMA, "k", schema, value);
    }

    static SourceRecord key(@Nullable Schema schema, @Nullable Object key) {
        return source(schema, key, Schema.STRING_SCHEMA, "v");
    }

    /** A record with a different topic, for routers and predicates. */
    static ConnectRecord<?> onTopic(String topic) {
        return new SourceRecord(Map.of(), Map.of(), topic, 0, null, null, Schema.STRING_SCHEMA, "v", TIMESTAMP,
            List.of());
    }
}
