package io.tributary.connect.transforms;

import static io.tributary.connect.transforms.Differential.config;
import static io.tributary.connect.transforms.DifferentialCase.of;
import static io.tributary.connect.transforms.Fixtures.ADDRESS;
import static io.tributary.connect.transforms.Fixtures.DOTTED;
import static io.tributary.connect.transforms.Fixtures.PERSON;
import static io.tributary.connect.transforms.Fixtures.bare;
import static io.tributary.connect.transforms.Fixtures.dotted;
import static io.tributary.connect.transforms.Fixtures.key;
import static io.tributary.connect.transforms.Fixtures.person;
import static io.tributary.connect.transforms.Fixtures.personMap;
import static io.tributary.connect.transforms.Fixtures.sink;
import static io.tributary.connect.transforms.Fixtures.sparsePerson;
import static io.tributary.connect.transforms.Fixtures.value;

import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaBuilder;
import java.util.stream.Stream;

/** Differential rows for the transforms that add, drop, rename, mask, move, extract and wrap fields. */
final class FieldTransformCases {
    private static final String T = "org.apache.kafka.connect.transforms.";
    private static final String INSERT = T + "InsertField$Value";
    private static final String REPLACE = T + "ReplaceField$Value";
    private static final String MASK = T + "MaskField$Value";
    private static final String EXTRACT = T + "ExtractField$Value";
    private static final String HOIST = T + "HoistField$Value";

    private FieldTransformCases() {
    }

    static Stream<DifferentialCase> cases() {
        return Stream.of(insertField(), replaceField(), maskField(), valueToKey(), extractField(), hoistField())
            .flatMap(s -> s);
    }

    private static Stream<DifferentialCase> insertField() {
        return Stream.of(
            of("metadata into a struct, optional by default", INSERT, config("topic.field", "t",
                "partition.field", "p", "timestamp.field", "ts", "static.field", "s", "static.value", "v"),
                value(PERSON, person()), value(PERSON, sparsePerson())),
            of("required and optional suffixes", INSERT, config("topic.field", "t!", "partition.field", "p?",
                "timestamp.field", "ts!"), value(PERSON, person())),
            of("offset of a sink record", INSERT, config("offset.field", "o!"), sink(null, null, PERSON, person()),
                sink(null, null, null, personMap())),
            of("offset of a source record fails", INSERT, config("offset.field", "o"), value(PERSON, person()),
                value(null, personMap())),
            of("into a schemaless map", INSERT, config("topic.field", "t", "partition.field", "p",
                "timestamp.field", "ts", "static.field", "s", "static.value", "v"), value(null, personMap())),
            of("record without partition or timestamp", INSERT, config("partition.field", "p",
                "timestamp.field", "ts"), bare(PERSON, person()), bare(null, personMap())),
            of("tombstones pass", INSERT, config("topic.field", "t"), value(PERSON, null), value(null, null)),
            of("defaults kept unless disabled", INSERT, config("topic.field", "t", "replace.null.with.default",
                "false"), value(PERSON, sparsePerson())),
            of("into the key", T + "InsertField$Key", config("topic.field", "t"), key(ADDRESS, person()
                .getStruct("address")), key(null, personMap())),
            of("no field configured", INSERT, config(), value(PERSON, person())),
            of("static field without value", INSERT, config("static.field", "s"), value(PERSON, person())),
            of("a field name that exists", INSERT, config("topic.field", "name"), value(PERSON, person())),
            of("non-struct value with schema", INSERT, config("topic.field", "t"), value(Schema.INT32_SCHEMA, 5)),
            of("non-map value without schema", INSERT, config("topic.field", "t"), value(null, "text")));
    }

    private static Stream<DifferentialCase> replaceField() {
        return Stream.of(
            of("exclude", REPLACE, config("exclude", "photo,address,nope"), value(PERSON, person()),
                value(null, personMap())),
            of("include", REPLACE, config("include", "id, name,age"), value(PERSON, person()),
                value(PERSON, sparsePerson()), value(null, personMap())),
            of("exclude wins over include", REPLACE, config("include", "id,name", "exclude", "name"),
                value(PERSON, person()), value(null, personMap())),
            of("renames", REPLACE, config("renames", "id:key,name:full_name"), value(PERSON, person()),
                value(null, personMap())),
            of("rename onto a kept field fails", REPLACE, config("renames", "id:name"), value(PERSON, person())),
            of("rename onto an excluded field reads the renamed one", REPLACE, config("renames", "code:name",
                "exclude", "name"), value(PERSON, person())),
            of("rename of a missing field onto a kept one", REPLACE, config("renames", "nope:name"),
                value(PERSON, person())),
            of("empty source name", REPLACE, config("renames", ":blank"), value(null, personMap())),
            of("three-part rename is invalid", REPLACE, config("renames", "a:b:c"), value(PERSON, person())),
            of("rename without target is invalid", REPLACE, config("renames", "a:"), value(PERSON, person())),
            of("defaults not replaced", REPLACE, config("include", "age", "replace.null.with.default", "false"),
                value(PERSON, sparsePerson())),
            of("tombstones pass", REPLACE, config("exclude", "id"), value(PERSON, null), value(null, null)),
            of("key", T + "ReplaceField$Key", config("exclude", "zip"), key(ADDRESS, person()
                .getStruct("address"))),
            of("non-map value without schema", REPLACE, config("exclude", "id"), value(null, 12)));
    }

    private static Stream<DifferentialCase> maskField() {
        return Stream.of(
            of("empty values", MASK, config("fields", "id,name,age,score,active,level,born,wake,seen,balance,tags"),
                value(PERSON, person()), value(PERSON, sparsePerson())),
            of("schemaless, missing fields become null", MASK, config("fields", "id,name,tags,address,nope"),
                value(null, personMap())),
            of("numeric replacement", MASK, config("fields", "id,age,score,level,balance", "replacement", "300.7"),
                value(PERSON, person())),
            of("string replacement", MASK, config("fields", "name,code", "replacement", "***"),
                value(PERSON, person()), value(null, personMap())),
            of("replacement that is not a number", MASK, config("fields", "age", "replacement", "x"),
                value(PERSON, person())),
            of("replacement for a boolean", MASK, config("fields", "active", "replacement", "1"),
                value(PERSON, person())),
            of("replacement for a date", MASK, config("fields", "born", "replacement", "1"),
                value(PERSON, person())),
            of("bytes cannot be masked", MASK, config("fields", "photo"), value(PERSON, person())),
            of("structs cannot be masked", MASK, config("fields", "address"), value(PERSON, person())),
            of("defaults not replaced", MASK, config("fields", "age", "replace.null.with.default", "false"),
                value(PERSON, sparsePerson())),
            of("tombstones fail", MASK, config("fields", "id"), value(PERSON, null), value(null, null)),
            of("empty field list", MASK, config("fields", ""), value(PERSON, person())),
            of("empty replacement", MASK, config("fields", "id", "replacement", ""), value(PERSON, person())),
            of("key", T + "MaskField$Key", config("fields", "city"), key(ADDRESS, person().getStruct("address"))));
    }

    private static Stream<DifferentialCase> valueToKey() {
        String toKey = T + "ValueToKey";
        return Stream.of(
            of("struct fields", toKey, config("fields", "name,id,age"), value(PERSON, person()),
                value(PERSON, sparsePerson()), sink(null, null, PERSON, person())),
            of("map entries", toKey, config("fields", "id,nope"), value(null, personMap())),
            of("defaults not replaced", toKey, config("fields", "age", "replace.null.with.default", "false"),
                value(PERSON, sparsePerson())),
            of("missing struct field", toKey, config("fields", "id,nope"), value(PERSON, person())),
            of("tombstones fail", toKey, config("fields", "id"), value(PERSON, null), value(null, null)),
            of("empty field list", toKey, config("fields", ""), value(PERSON, person())));
    }

    private static Stream<DifferentialCase> extractField() {
        Schema optionalInt = SchemaBuilder.struct().field("n", SchemaBuilder.int32().optional().defaultValue(5)
            .build()).build();
        return Stream.of(
            of("top-level field", EXTRACT, config("field", "name"), value(PERSON, person()),
                value(null, personMap()), value(PERSON, null), value(null, null)),
            of("struct field", EXTRACT, config("field", "address"), value(PERSON, person())),
            of("V1 takes dots literally", EXTRACT, config("field", "a.b"), value(DOTTED, dotted())),
            of("V2 nested path", EXTRACT, config("field", "address.city", "field.syntax.version", "V2"),
                value(PERSON, person()), value(null, personMap())),
            of("V2 lower case", EXTRACT, config("field", "a.b", "field.syntax.version", "v2"),
                value(DOTTED, dotted())),
            of("V2 backticks", EXTRACT, config("field", "`a.b`.c", "field.syntax.version", "V2"),
                value(DOTTED, dotted())),
            of("V2 unpaired backtick", EXTRACT, config("field", "`a.b", "field.syntax.version", "V2"),
                value(DOTTED, dotted())),
            of("V2 through a null struct", EXTRACT, config("field", "a.b", "field.syntax.version", "V2"),
                value(DOTTED, new io.tributary.connect.data.Struct(DOTTED).put("a.b", dotted().get("a.b")))),
            of("V2 through a non-map", EXTRACT, config("field", "name.x", "field.syntax.version", "V2"),
                value(null, personMap())),
            of("V2 empty path", EXTRACT, config("field", "", "field.syntax.version", "V2"), value(null, personMap())),
            of("unknown syntax version", EXTRACT, config("field", "a", "field.syntax.version", "V3"),
                value(null, personMap())),
            of("missing field of a struct", EXTRACT, config("field", "nope"), value(PERSON, person())),
            of("default kept or not", EXTRACT, config("field", "n"), value(optionalInt,
                new io.tributary.connect.data.Struct(optionalInt))),
            of("default not replaced", EXTRACT, config("field", "n", "replace.null.with.default", "false"),
                value(optionalInt, new io.tributary.connect.data.Struct(optionalInt))),
            of("key", T + "ExtractField$Key", config("field", "city"), key(ADDRESS, person().getStruct("address"))),
            of("non-struct value with schema", EXTRACT, config("field", "a"), value(Schema.STRING_SCHEMA, "x")));
    }

    private static Stream<DifferentialCase> hoistField() {
        return Stream.of(
            of("schema'd values", HOIST, config("field", "wrapped"), value(PERSON, person()),
                value(Schema.OPTIONAL_STRING_SCHEMA, null), value(Schema.INT64_SCHEMA, 5L)),
            of("schemaless values", HOIST, config("field", "wrapped"), value(null, personMap()),
                value(null, null), value(null, 5)),
            of("null for a required schema", HOIST, config("field", "w"), value(Schema.STRING_SCHEMA, null)),
            of("key", T + "HoistField$Key", config("field", "k"), key(Schema.STRING_SCHEMA, "id-1")),
            of("no field", HOIST, config(), value(null, 5)));
    }
}
