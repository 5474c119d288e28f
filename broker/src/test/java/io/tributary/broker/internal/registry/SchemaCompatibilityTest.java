package io.tributary.broker.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The compatibility rules of each schema language, checked as "can the new schema read data of the old one". */
final class SchemaCompatibilityTest {

    // ---- Avro ----

    private static final String AVRO_V1 = """
        {"type":"record","name":"P","fields":[{"name":"id","type":"int"}]}""";

    @Test
    void avroFollowsSchemaResolution() {
        assertThat(avroReads(AVRO_V1.replace("]}", ",{\"name\":\"n\",\"type\":\"string\",\"default\":\"\"}]}"),
            AVRO_V1)).as("added field with default").isEmpty();
        assertThat(avroReads(AVRO_V1.replace("]}", ",{\"name\":\"n\",\"type\":\"string\"}]}"), AVRO_V1))
            .as("added field without default").singleElement().asString().contains("n");
        assertThat(avroReads(AVRO_V1.replace("\"int\"", "\"long\""), AVRO_V1)).as("int promotes to long").isEmpty();
        assertThat(avroReads(AVRO_V1.replace("\"int\"", "\"string\""), AVRO_V1)).as("int to string").isNotEmpty();
        assertThat(Schemas.parse(SchemaType.AVRO, AVRO_V1).readErrors(Schemas.parse(SchemaType.JSON, "{}")))
            .as("another language").isNotEmpty();
    }

    @Test
    void avroSchemasAreNormalisedAndInvalidOnesRefused() {
        String spaced = AVRO_V1.replace(",", " ,  ").replace(":", " : ");
        assertThat(Schemas.parse(SchemaType.AVRO, spaced).canonical())
            .isEqualTo(Schemas.parse(SchemaType.AVRO, AVRO_V1).canonical());
        assertThatThrownBy(() -> Schemas.parse(SchemaType.AVRO, "{\"type\":\"record\"}"))
            .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42201));
        assertThatThrownBy(() -> Schemas.parse(SchemaType.AVRO, "  "))
            .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42201));
    }

    private static List<String> avroReads(String reader, String writer) {
        return Schemas.parse(SchemaType.AVRO, reader).readErrors(Schemas.parse(SchemaType.AVRO, writer));
    }

    // ---- JSON Schema ----

    private static final String JSON_V1 = """
        {"type":"object","properties":{"id":{"type":"integer"},"kind":{"enum":["a","b"]},
         "name":{"type":"string","maxLength":10}}}""";

    @Test
    void jsonSchemaReadersMustAcceptEverythingWritersAllowed() {
        assertThat(jsonReads(JSON_V1, JSON_V1)).isEmpty();
        assertThat(jsonReads(JSON_V1.replace("\"integer\"", "\"number\""), JSON_V1)).as("widened").isEmpty();
        assertThat(jsonReads(JSON_V1, JSON_V1.replace("\"integer\"", "\"number\""))).as("narrowed")
            .singleElement().asString().contains("number");
        assertThat(jsonReads(JSON_V1.replace("}}}", "}},\"required\":[\"id\"]}"), JSON_V1))
            .singleElement().asString().contains("now required");
        assertThat(jsonReads(JSON_V1.replace("[\"a\",\"b\"]", "[\"a\"]"), JSON_V1))
            .singleElement().asString().contains("\"b\"");
        assertThat(jsonReads(JSON_V1.replace("10", "5"), JSON_V1)).singleElement().asString().contains("maxLength");
        assertThat(jsonReads(JSON_V1.replace("10", "50"), JSON_V1)).isEmpty();
        String closed = JSON_V1.replace("}}}", "}},\"additionalProperties\":false}");
        assertThat(jsonReads(closed.replace(",\"kind\":{\"enum\":[\"a\",\"b\"]}", ""), closed))
            .singleElement().asString().contains("kind");
        assertThat(jsonReads(JSON_V1.replace(",\"kind\":{\"enum\":[\"a\",\"b\"]}", ""), JSON_V1))
            .as("an open object may drop a property").isEmpty();
    }

    @Test
    void jsonSchemasMustBeObjectsOrBooleansWithKnownTypes() {
        assertThat(Schemas.parse(SchemaType.JSON, "{ \"b\":1, \"a\":2 }").canonical()).isEqualTo("{\"a\":2,\"b\":1}");
        for (String bad : List.of("[1]", "{\"type\":\"decimal\"}", "{oops")) {
            assertThatThrownBy(() -> Schemas.parse(SchemaType.JSON, bad)).as(bad)
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42201));
        }
    }

    private static List<String> jsonReads(String reader, String writer) {
        return Schemas.parse(SchemaType.JSON, reader).readErrors(Schemas.parse(SchemaType.JSON, writer));
    }

    // ---- Protobuf ----

    private static final String PROTO_V1 = """
        syntax = "proto3";
        package shop;
        import "google/protobuf/timestamp.proto";
        option java_package = "demo.shop";
        // an order
        message Order {
          string id = 1;
          int32 quantity = 2 [deprecated = true];
          repeated string tags = 3;
          map<string, int64> prices = 4;
          Status status = 5;
          oneof payment { string card = 6; string iban = 7; }
          Line line = 8;
          message Line { string sku = 1; }
          reserved 9, 10;
        }
        enum Status { UNKNOWN = 0; PAID = 1; }
        service Orders { rpc Get (Order) returns (Order); }
        """;

    @Test
    void protoFilesParseWithNestedMessagesMapsOneofsAndEnums() {
        ProtobufSchema schema = (ProtobufSchema) Schemas.parse(SchemaType.PROTOBUF, PROTO_V1);
        assertThat(schema.messages()).containsOnlyKeys("shop.Order", "shop.Order.Line");
        assertThat(schema.messages().get("shop.Order").fields()).hasSize(8);
        assertThat(schema.messages().get("shop.Order").fields().get(7).oneof()).isEqualTo("payment");
        assertThat(schema.messages().get("shop.Order").fields().get(4).repeated()).isTrue();
    }

    @Test
    void protobufReadersKeepWireEncodingsMessagesAndLabels() {
        assertThat(protoReads(PROTO_V1, PROTO_V1)).isEmpty();
        assertThat(protoReads(PROTO_V1.replace("int32 quantity", "int64 quantity"), PROTO_V1)).as("varint").isEmpty();
        assertThat(protoReads(PROTO_V1.replace("string id = 1", "bytes id = 1"), PROTO_V1)).isEmpty();
        assertThat(protoReads(PROTO_V1.replace("Status status", "int32 status"), PROTO_V1)).as("enum as varint")
            .isEmpty();
        assertThat(protoReads(PROTO_V1.replace("int32 quantity", "string quantity"), PROTO_V1))
            .singleElement().asString().contains("changed type");
        assertThat(protoReads(PROTO_V1.replace("repeated string tags", "string tags"), PROTO_V1))
            .singleElement().asString().contains("repeated");
        assertThat(protoReads(PROTO_V1.replace("message Line { string sku = 1; }", "")
            .replace("Line line = 8;", ""), PROTO_V1)).singleElement().asString().contains("shop.Order.Line");
        assertThat(protoReads(PROTO_V1.replace("string id = 1;", "").replace("string card = 6;",
            "string card = 6; string id = 1;"), PROTO_V1)).singleElement().asString().contains("oneof");
        assertThat(protoReads(PROTO_V1.replace("package shop", "package store"), PROTO_V1))
            .singleElement().asString().contains("package");
        assertThat(protoReads(PROTO_V1.replace("string id = 1;", ""), PROTO_V1)).as("field removed").isEmpty();
    }

    @Test
    void proto2RequiredFieldsMayNeitherAppearNorDisappear() {
        String v1 = "syntax = \"proto2\"; message M { required string a = 1; optional int32 b = 2; }";
        assertThat(protoReads(v1.replace("required string a = 1;", ""), v1)).singleElement().asString()
            .contains("required field 1");
        assertThat(protoReads(v1.replace("optional int32 b", "required int32 b"), v1)).singleElement().asString()
            .contains("field 2 (b) became required");
        assertThat(protoReads(v1.replace("}", "required int64 c = 3; }"), v1)).singleElement().asString()
            .contains("required field 3");
    }

    @Test
    void malformedProtoFilesNameTheLine() {
        String missingName = "syntax = \"proto3\";\nmessage M {\n  int32 = 1;\n}";
        assertThatThrownBy(() -> Schemas.parse(SchemaType.PROTOBUF, missingName))
            .isInstanceOfSatisfying(RegistryException.class, e -> {
                assertThat(e.errorCode()).isEqualTo(42201);
                assertThat(e.getMessage()).contains("line 3");
            });
        assertThatThrownBy(() -> Schemas.parse(SchemaType.PROTOBUF, "message M { int32 a = 1; int32 b = 1; }"))
            .hasMessageContaining("used twice");
        assertThatThrownBy(() -> Schemas.parse(SchemaType.PROTOBUF, "message M {")).hasMessageContaining("end");
        assertThatThrownBy(() -> Schemas.parse(SchemaType.PROTOBUF, "enum E { A = 0; }"))
            .hasMessageContaining("at least one message");
    }

    private static List<String> protoReads(String reader, String writer) {
        return Schemas.parse(SchemaType.PROTOBUF, reader).readErrors(Schemas.parse(SchemaType.PROTOBUF, writer));
    }

    // ---- levels ----

    @Test
    void levelsCheckTheLatestOrEveryVersionInTheirDirection() {
        ParsedSchema v1 = Schemas.parse(SchemaType.AVRO, AVRO_V1);
        ParsedSchema v2 = Schemas.parse(SchemaType.AVRO,
            AVRO_V1.replace("]}", ",{\"name\":\"n\",\"type\":\"string\",\"default\":\"\"}]}"));
        ParsedSchema v3 = Schemas.parse(SchemaType.AVRO,
            "{\"type\":\"record\",\"name\":\"P\",\"fields\":[{\"name\":\"n\",\"type\":\"string\",\"default\":\"\"}]}");
        // v3 drops id: backward-compatible with v2, not forward (v1/v2 readers need id, which has no default)
        assertThat(CompatibilityLevel.BACKWARD.violations(v3, List.of(v1, v2))).isEmpty();
        assertThat(CompatibilityLevel.FORWARD.violations(v3, List.of(v1, v2))).isNotEmpty();
        assertThat(CompatibilityLevel.FULL.violations(v3, List.of(v1, v2))).isNotEmpty();
        assertThat(CompatibilityLevel.NONE.violations(v3, List.of(v1, v2))).isEmpty();
        // v1 reads nothing new... v2 adds a defaulted field; the transitive check against v1 still passes
        assertThat(CompatibilityLevel.BACKWARD_TRANSITIVE.violations(v2, List.of(v1))).isEmpty();
        ParsedSchema noDefault = Schemas.parse(SchemaType.AVRO,
            AVRO_V1.replace("]}", ",{\"name\":\"n\",\"type\":\"string\"}]}"));
        assertThat(CompatibilityLevel.BACKWARD.violations(noDefault, List.of(v1, v2))).as("latest is v2").isEmpty();
        assertThat(CompatibilityLevel.BACKWARD_TRANSITIVE.violations(noDefault, List.of(v1, v2))).isNotEmpty();
        assertThatThrownBy(() -> CompatibilityLevel.named("sideways"))
            .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42203));
    }
}
