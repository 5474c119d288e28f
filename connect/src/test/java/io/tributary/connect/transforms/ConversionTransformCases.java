package io.tributary.connect.transforms;

import static io.tributary.connect.transforms.Differential.config;
import static io.tributary.connect.transforms.DifferentialCase.of;
import static io.tributary.connect.transforms.Fixtures.PERSON;
import static io.tributary.connect.transforms.Fixtures.TIMESTAMP;
import static io.tributary.connect.transforms.Fixtures.key;
import static io.tributary.connect.transforms.Fixtures.person;
import static io.tributary.connect.transforms.Fixtures.personMap;
import static io.tributary.connect.transforms.Fixtures.sparsePerson;
import static io.tributary.connect.transforms.Fixtures.value;

import io.tributary.connect.data.Date;
import io.tributary.connect.data.Decimal;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Struct;
import io.tributary.connect.data.Time;
import io.tributary.connect.data.Timestamp;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** Differential rows for the transforms that change types and shapes: Cast, TimestampConverter and Flatten. */
final class ConversionTransformCases {
    private static final String T = "org.apache.kafka.connect.transforms.";
    private static final String CAST = T + "Cast$Value";
    private static final String CONVERT = T + "TimestampConverter$Value";
    private static final String FLATTEN = T + "Flatten$Value";

    private ConversionTransformCases() {
    }

    static Stream<DifferentialCase> cases() {
        return Stream.of(cast(), timestampConverter(), flatten()).flatMap(s -> s);
    }

    private static Stream<DifferentialCase> cast() {
        Schema defaults = SchemaBuilder.struct()
            .field("n", SchemaBuilder.int64().defaultValue(300L).build())
            .field("s", SchemaBuilder.string().optional().defaultValue("12").build())
            .optional()
            .build();
        Schema strings = SchemaBuilder.struct().field("s", Schema.OPTIONAL_STRING_SCHEMA).build();
        return Stream.of(
            of("fields to other types", CAST, config("spec", "id:int8,name:string,age:string,score:int32,"
                + "active:float64,level:boolean,code:int16"), value(PERSON, person()), value(PERSON, sparsePerson())),
            of("logical fields", CAST, config("spec", "born:int32,wake:int64,seen:string,balance:float64"),
                value(PERSON, person())),
            of("logical fields to strings", CAST, config("spec", "born:string,wake:string,balance:string"),
                value(PERSON, person())),
            of("bytes to base64", CAST, config("spec", "photo:string"), value(PERSON, person())),
            of("bytes to a number fails", CAST, config("spec", "photo:int32"), value(PERSON, person())),
            of("struct field fails", CAST, config("spec", "address:string"), value(PERSON, person())),
            of("array field fails", CAST, config("spec", "tags:string"), value(PERSON, person())),
            of("defaults are cast", CAST, config("spec", "n:int8,s:int32"), value(defaults, new Struct(defaults))),
            of("defaults not replaced", CAST, config("spec", "n:int8,s:int32", "replace.null.with.default", "false"),
                value(defaults, new Struct(defaults))),
            of("strings that parse or not", CAST, config("spec", "s:int8"), value(strings, strings(strings, "12")),
                value(strings, strings(strings, "300")), value(strings, strings(strings, "1.5")),
                value(strings, strings(strings, null))),
            of("strings to floats and booleans", CAST, config("spec", "s:float32"),
                value(strings, strings(strings, " 1e3 ")), value(strings, strings(strings, "x"))),
            of("strings to booleans", CAST, config("spec", "s:boolean"), value(strings, strings(strings, "TRUE")),
                value(strings, strings(strings, "yes"))),
            of("whole value", CAST, config("spec", "int32"), value(Schema.INT64_SCHEMA, 1L << 40),
                value(Schema.OPTIONAL_STRING_SCHEMA, "17"), value(null, 2.9), value(null, "true"),
                value(null, null), value(Timestamp.schema(), new java.util.Date(TIMESTAMP))),
            of("whole value keeps schema name", CAST, config("spec", "float64"), value(Decimal.schema(2),
                new BigDecimal("3.25")), value(SchemaBuilder.int16().name("n").doc("d").optional()
                .defaultValue((short) 4).build(), (short) 9)),
            of("whole value to string", CAST, config("spec", "string"), value(Date.schema(),
                new java.util.Date(0)), value(Schema.BYTES_SCHEMA, ByteBuffer.wrap(new byte[] {7, 8})),
                value(null, new byte[] {1}), value(Schema.BOOLEAN_SCHEMA, false)),
            of("whole value of unsupported types", CAST, config("spec", "int64"), value(null, List.of(1)),
                value(null, new java.util.Date(0)), value(PERSON, person())),
            of("schemaless fields", CAST, config("spec", "id:int16,active:string,nope:int8,tags:string"),
                value(null, personMap())),
            of("schemaless fields cast", CAST, config("spec", "id:int16,active:string,nope:int8"),
                value(null, personMap())),
            of("field spec on a non-struct", CAST, config("spec", "a:int8"), value(Schema.INT32_SCHEMA, 1)),
            of("unknown type", CAST, config("spec", "a:int128"), value(null, personMap())),
            of("bytes is no target type", CAST, config("spec", "bytes"), value(null, personMap())),
            of("whole value mixed with fields", CAST, config("spec", "int8,a:int16"), value(null, personMap())),
            of("three-part entry", CAST, config("spec", "a:b:c"), value(null, personMap())),
            of("empty spec", CAST, config("spec", ""), value(null, personMap())),
            of("key", T + "Cast$Key", config("spec", "int16"), key(Schema.INT64_SCHEMA, 70_000L)));
    }

    private static Struct strings(Schema schema, @Nullable String s) {
        return new Struct(schema).put("s", s);
    }

    private static Stream<DifferentialCase> timestampConverter() {
        Schema times = SchemaBuilder.struct()
            .field("ts", Timestamp.builder().optional().build())
            .field("unix", Schema.OPTIONAL_INT64_SCHEMA)
            .field("text", Schema.OPTIONAL_STRING_SCHEMA)
            .field("day", Date.builder().optional().build())
            .field("clock", Time.builder().optional().build())
            .field("other", Schema.OPTIONAL_INT32_SCHEMA)
            .build();
        Struct full = new Struct(times).put("ts", new java.util.Date(TIMESTAMP)).put("unix", TIMESTAMP)
            .put("text", "2024-02-29 13:14:15").put("day", new java.util.Date(19_000 * Fixtures.MILLIS_PER_DAY))
            .put("clock", new java.util.Date(3_600_000)).put("other", 1);
        Struct empty = new Struct(times);
        String format = "yyyy-MM-dd HH:mm:ss";
        return Stream.of(
            of("timestamp field to string", CONVERT, config("field", "ts", "target.type", "string", "format",
                format), value(times, full), value(times, empty), value(PERSON, person())),
            of("every source kind to unix seconds", CONVERT, config("field", "unix", "target.type", "unix",
                "unix.precision", "seconds"), value(times, full)),
            of("string field to Timestamp", CONVERT, config("field", "text", "target.type", "Timestamp", "format",
                format), value(times, full), value(times, empty)),
            of("unparsable string", CONVERT, config("field", "text", "target.type", "Date", "format", "yyyyMMdd"),
                value(times, new Struct(times).put("text", "x"))),
            of("string without format", CONVERT, config("field", "text", "target.type", "unix"), value(times, full)),
            of("date field to Time", CONVERT, config("field", "day", "target.type", "Time"), value(times, full)),
            of("time field to Date", CONVERT, config("field", "clock", "target.type", "Date"), value(times, full)),
            of("unix micros to Date", CONVERT, config("field", "unix", "target.type", "Date", "unix.precision",
                "microseconds"), value(times, full)),
            of("Timestamp to unix nanos", CONVERT, config("field", "ts", "target.type", "unix", "unix.precision",
                "nanoseconds"), value(times, full)),
            of("non-timestamp field", CONVERT, config("field", "other", "target.type", "unix"), value(times, full),
                value(times, empty)),
            of("missing field is left alone", CONVERT, config("field", "nope", "target.type", "unix"),
                value(times, full)),
            of("whole schema'd value", CONVERT, config("target.type", "Timestamp", "unix.precision", "seconds"),
                value(Schema.INT64_SCHEMA, 1_700_000_000L), value(Schema.OPTIONAL_INT64_SCHEMA, null),
                value(Date.schema(), new java.util.Date(0)), value(Schema.INT32_SCHEMA, 5)),
            of("whole schemaless value", CONVERT, config("target.type", "string", "format", "yyyy-MM-dd'T'HH:mm"),
                value(null, TIMESTAMP), value(null, new java.util.Date(-1)), value(null, "2020-01-02T03:04"),
                value(null, 5), value(null, null)),
            of("schemaless field", CONVERT, config("field", "id", "target.type", "Date"), value(null, personMap()),
                value(null, null), value(null, 17L)),
            of("schemaless negative days and times", CONVERT, config("target.type", "Time"),
                value(null, new java.util.Date(-90_000_000L)), value(null, -1L)),
            of("string target without format", CONVERT, config("target.type", "string"), value(null, 1L)),
            of("unknown target type", CONVERT, config("target.type", "date"), value(null, 1L)),
            of("unknown precision", CONVERT, config("target.type", "unix", "unix.precision", "days"),
                value(null, 1L)),
            of("invalid pattern", CONVERT, config("target.type", "unix", "format", "qqq"), value(null, 1L)),
            of("defaults not replaced", CONVERT, config("field", "age", "target.type", "unix",
                "replace.null.with.default", "false"), value(PERSON, sparsePerson())),
            of("key", T + "TimestampConverter$Key", config("target.type", "Date"), key(Schema.INT64_SCHEMA,
                TIMESTAMP)));
    }

    private static Stream<DifferentialCase> flatten() {
        Schema inner = SchemaBuilder.struct().field("x", Schema.INT32_SCHEMA)
            .field("y", SchemaBuilder.string().defaultValue("why").build()).build();
        Schema middle = SchemaBuilder.struct().field("inner", inner).field("list",
            SchemaBuilder.array(Schema.INT32_SCHEMA).build()).optional().build();
        Schema outer = SchemaBuilder.struct().name("outer").field("id", Schema.INT32_SCHEMA).field("middle", middle)
            .build();
        Struct nested = new Struct(outer).put("id", 1).put("middle", new Struct(middle)
            .put("inner", new Struct(inner).put("x", 2)).put("list", List.of(1, 2)));
        Schema clash = SchemaBuilder.struct().field("a_b", Schema.INT32_SCHEMA)
            .field("a", SchemaBuilder.struct().field("b", Schema.INT32_SCHEMA).build()).build();
        Schema withMap = SchemaBuilder.struct().field("m", SchemaBuilder.map(Schema.STRING_SCHEMA,
            Schema.INT32_SCHEMA).build()).build();
        Map<String, Object> clashing = new java.util.LinkedHashMap<>();
        clashing.put("a.b", 1);
        clashing.put("a", new HashMap<>(Map.of("b", 2)));
        return Stream.of(
            of("nested structs", FLATTEN, config(), value(outer, nested), value(outer, new Struct(outer)
                .put("id", 3)), value(PERSON, person()), value(PERSON, sparsePerson())),
            of("delimiter", FLATTEN, config("delimiter", "_"), value(outer, nested), value(null, personMap())),
            of("clashing names in structs", FLATTEN, config("delimiter", "_"), value(clash, new Struct(clash)
                .put("a_b", 1).put("a", new Struct(clash.field("a").schema()).put("b", 2)))),
            of("clashing names in maps", FLATTEN, config(), value(null, clashing)),
            of("map field in a struct", FLATTEN, config(), value(withMap, new Struct(withMap).put("m", Map.of()))),
            of("struct in a map", FLATTEN, config(), value(null, Map.of("s", nested))),
            of("unknown java type in a map", FLATTEN, config(), value(null, Map.of("d", new java.util.Date(0)))),
            of("tombstones pass", FLATTEN, config(), value(outer, null), value(null, null)),
            of("non-struct value", FLATTEN, config(), value(Schema.INT32_SCHEMA, 1), value(null, 1)),
            of("key", T + "Flatten$Key", config(), key(outer, nested)));
    }
}
