package io.tributary.broker.registry;

import static io.tributary.broker.registry.RegistryHttp.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.broker.BrokerConfig;
import io.tributary.broker.EmbeddedBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built-in schema registry over real HTTP: every endpoint of the Confluent REST API the registry serves, with the
 * registry's error codes, and ids that survive a broker restart.
 */
final class SchemaRegistryRestTest {
    static final String USER_V1 = """
        {"type":"record","name":"User","namespace":"demo","fields":[{"name":"name","type":"string"}]}""";
    static final String USER_V2_DEFAULTED = """
        {"type":"record","name":"User","namespace":"demo","fields":[{"name":"name","type":"string"},
         {"name":"age","type":"int","default":0}]}""";
    static final String USER_V3_REQUIRED = """
        {"type":"record","name":"User","namespace":"demo","fields":[{"name":"name","type":"string"},
         {"name":"age","type":"int","default":0},{"name":"email","type":"string"}]}""";

    private static EmbeddedBroker broker;
    private static RegistryHttp http;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.create(BrokerConfig.defaults().set("schema.registry.listeners", "http://127.0.0.1:0"))
            .start();
        http = new RegistryHttp(broker.schemaRegistryUrl());
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void registersLooksUpAndServesAvroSchemasByIdSubjectAndVersion() {
        int id = register("users-value", null, USER_V1);
        assertThat(register("users-value", null, USER_V1)).as("same schema again").isEqualTo(id);
        assertThat(http.get("/subjects/users-value/versions").json()).containsExactly(json("1"));

        JsonNode v1 = http.get("/subjects/users-value/versions/1").json();
        assertThat(v1.path("subject").asText()).isEqualTo("users-value");
        assertThat(v1.path("version").asInt()).isEqualTo(1);
        assertThat(v1.path("id").asInt()).isEqualTo(id);
        assertThat(v1.has("schemaType")).as("Avro is the default and not named").isFalse();
        assertThat(json(v1.path("schema").asText())).isEqualTo(json(USER_V1));
        assertThat(http.get("/subjects/users-value/versions/latest").json()).isEqualTo(v1);
        assertThat(http.get("/subjects/users-value/versions/-1").json()).isEqualTo(v1);
        assertThat(json(http.get("/subjects/users-value/versions/1/schema").text())).isEqualTo(json(USER_V1));

        assertThat(json(http.get("/schemas/ids/" + id).json().path("schema").asText())).isEqualTo(json(USER_V1));
        assertThat(json(http.get("/schemas/ids/" + id + "/schema").text())).isEqualTo(json(USER_V1));
        assertThat(register("users-copy-value", null, USER_V1)).as("one id per schema").isEqualTo(id);
        assertThat(http.get("/schemas/ids/" + id + "/versions").json()).containsExactly(
            json("{\"subject\":\"users-copy-value\",\"version\":1}"),
            json("{\"subject\":\"users-value\",\"version\":1}"));
        assertThat(http.get("/schemas/ids/" + id + "/subjects").json())
            .containsExactly(json("\"users-copy-value\""), json("\"users-value\""));
        assertThat(http.get("/subjects").json()).contains(json("\"users-value\""), json("\"users-copy-value\""));

        JsonNode found = http.post("/subjects/users-value", schemaBody(null, USER_V1)).json();
        assertThat(found.path("version").asInt()).isEqualTo(1);
        assertThat(found.path("id").asInt()).isEqualTo(id);
        assertThat(http.get("/schemas/types").json()).contains(json("\"AVRO\""), json("\"PROTOBUF\""),
            json("\"JSON\""));
    }

    @Test
    void backwardCompatibilityAcceptsADefaultedFieldAndRefusesARequiredOne() {
        register("evolving-value", null, USER_V1);
        int v2 = register("evolving-value", null, USER_V2_DEFAULTED);
        assertThat(http.get("/subjects/evolving-value/versions").json()).containsExactly(json("1"), json("2"));
        assertThat(http.get("/subjects/evolving-value/versions/2").json().path("id").asInt()).isEqualTo(v2);

        RegistryHttp.Reply refused = http.post("/subjects/evolving-value/versions", schemaBody(null, USER_V3_REQUIRED));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo(409);
        assertThat(refused.json().path("message").asText()).contains("email");

        JsonNode check = http.post("/compatibility/subjects/evolving-value/versions/latest?verbose=true",
            schemaBody(null, USER_V3_REQUIRED)).json();
        assertThat(check.path("is_compatible").asBoolean()).isFalse();
        assertThat(check.path("messages").toString()).contains("email");
        assertThat(http.post("/compatibility/subjects/evolving-value/versions/latest",
            schemaBody(null, USER_V2_DEFAULTED)).json().path("is_compatible").asBoolean()).isTrue();

        // With NONE for this subject the same schema registers
        assertThat(http.put("/config/evolving-value", "{\"compatibility\":\"NONE\"}").json().path("compatibility")
            .asText()).isEqualTo("NONE");
        assertThat(register("evolving-value", null, USER_V3_REQUIRED)).isPositive();
    }

    @Test
    void forwardCompatibilityRefusesRemovingAFieldOldReadersNeed() {
        http.put("/config/forward-value", "{\"compatibility\":\"FORWARD\"}");
        register("forward-value", null, USER_V2_DEFAULTED.replace(",\"default\":0", ""));
        RegistryHttp.Reply refused = http.post("/subjects/forward-value/versions", schemaBody(null, USER_V1));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("message").asText()).contains("age");
    }

    @Test
    void compatibilityLevelsAreSetReadAndRemoved() {
        assertThat(http.get("/config").json().path("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        RegistryHttp.Reply missing = http.get("/config/no-config-value");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo(40408);
        assertThat(http.get("/config/no-config-value?defaultToGlobal=true").json().path("compatibilityLevel")
            .asText()).isEqualTo("BACKWARD");

        http.put("/config/configured-value", "{\"compatibility\":\"FULL_TRANSITIVE\"}");
        assertThat(http.get("/config/configured-value").json().path("compatibilityLevel").asText())
            .isEqualTo("FULL_TRANSITIVE");
        assertThat(http.delete("/config/configured-value").json().path("compatibilityLevel").asText())
            .isEqualTo("FULL_TRANSITIVE");
        assertThat(http.get("/config/configured-value").errorCode()).isEqualTo(40408);

        RegistryHttp.Reply invalid = http.put("/config", "{\"compatibility\":\"SIDEWAYS\"}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.errorCode()).isEqualTo(42203);
    }

    @Test
    void unknownSubjectsVersionsAndIdsAndInvalidInputGetTheRegistryErrorCodes() {
        register("errors-value", null, USER_V1);
        assertThat(http.get("/subjects/nobody/versions").errorCode()).isEqualTo(40401);
        assertThat(http.get("/subjects/errors-value/versions/7").errorCode()).isEqualTo(40402);
        RegistryHttp.Reply badVersion = http.get("/subjects/errors-value/versions/first");
        assertThat(badVersion.status()).isEqualTo(422);
        assertThat(badVersion.errorCode()).isEqualTo(42202);
        assertThat(http.get("/schemas/ids/999999").errorCode()).isEqualTo(40403);
        assertThat(http.post("/subjects/errors-value", schemaBody(null, USER_V2_DEFAULTED)).errorCode())
            .isEqualTo(40403);
        assertThat(http.post("/subjects/nobody", schemaBody(null, USER_V1)).errorCode()).isEqualTo(40401);

        RegistryHttp.Reply invalid = http.post("/subjects/errors-value/versions",
            schemaBody(null, "{\"type\":\"record\",\"name\":\"Broken\"}"));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.errorCode()).isEqualTo(42201);
        assertThat(invalid.json().path("message").asText()).contains("fields");
        assertThat(http.post("/subjects/errors-value/versions", schemaBody("XML", "<a/>")).errorCode())
            .isEqualTo(42201);
        assertThat(http.post("/subjects/errors-value/versions", "{not json").status()).isEqualTo(400);
        assertThat(http.get("/no/such/endpoint").status()).isEqualTo(404);
    }

    @Test
    void softAndPermanentDeletesFollowTheTwoStepRule() {
        register("doomed-value", null, USER_V1);
        register("doomed-value", null, USER_V2_DEFAULTED);

        assertThat(http.delete("/subjects/doomed-value/versions/1?permanent=true").errorCode()).isEqualTo(40407);
        assertThat(http.delete("/subjects/doomed-value/versions/1").json().asInt()).isEqualTo(1);
        assertThat(http.delete("/subjects/doomed-value/versions/1").errorCode()).isEqualTo(40406);
        assertThat(http.get("/subjects/doomed-value/versions").json()).containsExactly(json("2"));
        assertThat(http.get("/subjects/doomed-value/versions?deleted=true").json()).containsExactly(json("1"),
            json("2"));
        assertThat(http.delete("/subjects/doomed-value/versions/1?permanent=true").json().asInt()).isEqualTo(1);

        assertThat(http.delete("/subjects/doomed-value?permanent=true").errorCode()).isEqualTo(40405);
        assertThat(http.delete("/subjects/doomed-value").json()).containsExactly(json("2"));
        assertThat(http.delete("/subjects/doomed-value").errorCode()).isEqualTo(40404);
        assertThat(http.get("/subjects").json()).doesNotContain(json("\"doomed-value\""));
        assertThat(http.get("/subjects?deleted=true").json()).contains(json("\"doomed-value\""));
        assertThat(http.delete("/subjects/doomed-value?permanent=true").json()).containsExactly(json("2"));
        assertThat(http.get("/subjects?deleted=true").json()).doesNotContain(json("\"doomed-value\""));
    }

    @Test
    void protobufAndJsonSchemasCarryTheirTypeAndAreCheckedByTheirOwnRules() {
        String proto = """
            syntax = "proto3";
            package demo;
            message Order { string id = 1; int64 amount = 2; }
            """;
        int id = register("orders-value", "PROTOBUF", proto);
        JsonNode byId = http.get("/schemas/ids/" + id).json();
        assertThat(byId.path("schemaType").asText()).isEqualTo("PROTOBUF");
        assertThat(http.get("/subjects/orders-value/versions/1").json().path("schemaType").asText())
            .isEqualTo("PROTOBUF");
        RegistryHttp.Reply changedType = http.post("/subjects/orders-value/versions",
            schemaBody("PROTOBUF", proto.replace("int64 amount", "string amount")));
        assertThat(changedType.status()).isEqualTo(409);
        assertThat(register("orders-value", "PROTOBUF", proto.replace("}", "string note = 3; }"))).isNotEqualTo(id);
        assertThat(http.post("/subjects/orders-value/versions", schemaBody("PROTOBUF", "message {")).errorCode())
            .isEqualTo(42201);

        String jsonSchema = "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"}}}";
        int jsonId = register("events-value", "JSON", jsonSchema);
        assertThat(http.get("/schemas/ids/" + jsonId).json().path("schemaType").asText()).isEqualTo("JSON");
        RegistryHttp.Reply required = http.post("/subjects/events-value/versions", schemaBody("JSON",
            "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"}},\"required\":[\"id\"]}"));
        assertThat(required.status()).isEqualTo(409);
    }

    @Test
    void clientsThatUpgradeToH2cAreServedToo() {
        RegistryHttp h2c = new RegistryHttp(broker.schemaRegistryUrl(), java.net.http.HttpClient.Version.HTTP_2);
        RegistryHttp.Reply registered = h2c.post("/subjects/h2c-value/versions", schemaBody(null, USER_V1));
        assertThat(registered.status()).isEqualTo(200);
        assertThat(h2c.get("/subjects/h2c-value/versions/1").json().path("id").asInt())
            .isEqualTo(registered.json().path("id").asInt());
        assertThat(h2c.post("/subjects/h2c-value/versions", schemaBody(null, USER_V3_REQUIRED)).status())
            .isEqualTo(409);
    }

    @Test
    void idsAndVersionsSurviveARestartAndNewIdsContinueAfterThem() {
        int id = register("durable-value", null, USER_V1);
        http.put("/config/durable-value", "{\"compatibility\":\"FULL\"}");
        broker.stop();
        broker.start();
        http = new RegistryHttp(broker.schemaRegistryUrl());

        assertThat(json(http.get("/schemas/ids/" + id).json().path("schema").asText())).isEqualTo(json(USER_V1));
        assertThat(http.get("/subjects/durable-value/versions/1").json().path("id").asInt()).isEqualTo(id);
        assertThat(http.get("/config/durable-value").json().path("compatibilityLevel").asText()).isEqualTo("FULL");
        int next = register("durable-other-value", null,
            "{\"type\":\"record\",\"name\":\"Other\",\"fields\":[{\"name\":\"x\",\"type\":\"long\"}]}");
        assertThat(next).isGreaterThan(id);
    }

    private static int register(String subject, String type, String schema) {
        RegistryHttp.Reply r = http.post("/subjects/" + subject + "/versions", schemaBody(type, schema));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json().path("id").asInt();
    }

    private static JsonNode json(String text) {
        try {
            return RegistryHttp.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
