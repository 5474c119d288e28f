package io.tributary.connect.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.data.Decimal;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaAndValue;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Struct;
import io.tributary.connect.data.Timestamp;
import io.tributary.connect.errors.DataException;
import io.tributary.connect.errors.RetriableConnectException;
import io.tributary.serdes.registry.RegistrySerdeOptions;
import io.tributary.serdes.registry.SchemaRegistryClient;
import io.tributary.serdes.registry.WireFormat;
import io.tributary.serdes.avro.AvroSerdes;
import io.tributary.testkit.EmbeddedBrokerExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** AvroConverter against the schema registry of an embedded broker. */
final class AvroConverterTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = EmbeddedBrokerExtension.create(
        b -> b.config("schema.registry.listeners", "http://127.0.0.1:0"));

    static final Schema ADDRESS = SchemaBuilder.struct().name("com.example.Address")
        .field("city", Schema.STRING_SCHEMA)
        .field("zip", Schema.OPTIONAL_STRING_SCHEMA)
        .optional()
        .build();
    static final Schema PERSON = SchemaBuilder.struct().name("com.example.Person").version(2).doc("someone")
        .field("name", Schema.STRING_SCHEMA)
        .field("age", SchemaBuilder.int8().defaultValue((byte) 18).build())
        .field("balance", Decimal.schema(2))
        .field("seen", Timestamp.builder().optional().build())
        .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
        .field("scores", SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.FLOAT64_SCHEMA).build())
        .field("address", ADDRESS)
        .build();

    static Struct person() {
        return new Struct(PERSON)
            .put("name", "ann")
            .put("age", (byte) 41)
            .put("balance", new BigDecimal("-12.34"))
            .put("seen", new java.util.Date(1_700_000_000_000L))
            .put("tags", List.of("a", "b"))
            .put("scores", Map.of(1, 0.5))
            .put("address", new Struct(ADDRESS).put("city", "Oslo"));
    }

    private static String url() {
        return BROKER.broker().schemaRegistryUrl();
    }

    private static AvroConverter converter(Map<String, Object> extra, boolean isKey) {
        AvroConverter converter = new AvroConverter();
        Map<String, Object> configs = new java.util.HashMap<>(extra);
        configs.put("schema.registry.url", url());
        converter.configure(configs, isKey);
        return converter;
    }

    @Test
    void nestedStructsRoundTripThroughTheRegistry() {
        byte[] bytes = converter(Map.of(), false).fromConnectData("people", PERSON, person());

        SchemaRegistryClient registry = SchemaRegistryClient.create(url());
        assertThat(bytes[0]).isEqualTo(WireFormat.MAGIC);
        assertThat(WireFormat.schemaId("people", bytes)).isEqualTo(registry.latest("people-value").block(WAIT).id());
        SchemaAndValue read = converter(Map.of(), false).toConnectData("people", bytes);
        assertThat(read.schema()).isEqualTo(PERSON);
        assertThat(read.value()).isEqualTo(person());
    }

    @Test
    void subjectsFollowTheNamingStrategy() {
        SchemaRegistryClient registry = SchemaRegistryClient.create(url());
        converter(Map.of(), true).fromConnectData("keys", PERSON, person());
        assertThat(registry.latest("keys-key").block(WAIT).schema()).contains("\"name\":\"Person\"");

        converter(Map.of("value.subject.name.strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy"),
            false).fromConnectData("records", PERSON, person());
        assertThat(registry.latest("com.example.Person").block(WAIT).type()).isEqualTo("AVRO");

        converter(Map.of("value.subject.name.strategy", "TopicRecordNameStrategy"), false)
            .fromConnectData("both", PERSON, person());
        assertThat(registry.latest("both-com.example.Person").block(WAIT).id()).isPositive();
    }

    @Test
    void serdesReadsOurBytesAndWeReadSerdesBytes() {
        SchemaRegistryClient registry = SchemaRegistryClient.create(url());
        byte[] ours = converter(Map.of(), false).fromConnectData("mixed", PERSON, person());
        GenericRecord record = AvroSerdes.generic(registry, RegistrySerdeOptions.forValues()).deserializer()
            .deserializeAsync("mixed", new ArrayList<>(), ours).block(WAIT);
        assertThat(record.get("name").toString()).isEqualTo("ann");
        assertThat(record.get("age")).isEqualTo(41);
        assertThat(((GenericRecord) record.get("address")).get("city").toString()).isEqualTo("Oslo");

        org.apache.avro.Schema payment = new org.apache.avro.Schema.Parser().parse("""
            {"type":"record","name":"Payment","namespace":"shop","fields":[
              {"name":"id","type":"string"},{"name":"amount","type":"double"}]}""");
        GenericData.Record written = new GenericData.Record(payment);
        written.put("id", "p-1");
        written.put("amount", 12.5);
        byte[] theirs = AvroSerdes.generic(registry, RegistrySerdeOptions.forValues()).serializer()
            .serializeAsync("payments", new ArrayList<>(), written).block(WAIT);
        SchemaAndValue read = converter(Map.of(), false).toConnectData("payments", theirs);
        assertThat(read.schema().name()).isEqualTo("shop.Payment");
        assertThat(((Struct) read.value()).get("id")).isEqualTo("p-1");
        assertThat(((Struct) read.value()).get("amount")).isEqualTo(12.5);
    }

    @Test
    void primitivesAndTombstonesNeedNoRecord() {
        AvroConverter avro = converter(Map.of(), false);
        byte[] bytes = avro.fromConnectData("strings", Schema.OPTIONAL_STRING_SCHEMA, "hello");
        assertThat(avro.toConnectData("strings", bytes))
            .isEqualTo(new SchemaAndValue(Schema.OPTIONAL_STRING_SCHEMA, "hello"));
        assertThat(avro.fromConnectData("strings", Schema.OPTIONAL_STRING_SCHEMA, null)).isNull();
        assertThat(avro.toConnectData("strings", null)).isEqualTo(SchemaAndValue.NULL);
        assertThatThrownBy(() -> avro.fromConnectData("strings", null, "schemaless"))
            .isInstanceOf(DataException.class).hasMessageContaining("needs a schema");
    }

    @Test
    void theRegistryDecidesWhatMayBeWritten() {
        assertThatThrownBy(() -> converter(Map.of("auto.register.schemas", false), false)
            .fromConnectData("unregistered", PERSON, person()))
            .isInstanceOf(DataException.class).hasMessageContaining("subject unregistered-value");

        AvroConverter avro = converter(Map.of(), false);
        avro.fromConnectData("evolving", Schema.STRING_SCHEMA, "v1");
        assertThatThrownBy(() -> avro.fromConnectData("evolving", PERSON, person()))
            .isInstanceOf(DataException.class).hasMessageContaining("409");
    }

    @Test
    void bytesThatAreNotRegisteredAvroAreRefused() {
        AvroConverter avro = converter(Map.of(), false);
        assertThatThrownBy(() -> avro.toConnectData("t", new byte[] {1, 2, 3}))
            .isInstanceOf(DataException.class).hasMessageContaining("not schema-registry framed");
        int protobufId = SchemaRegistryClient.create(url())
            .register("proto-value", "PROTOBUF", "syntax = \"proto3\";\nmessage M { string s = 1; }").block(WAIT);
        assertThatThrownBy(() -> avro.toConnectData("t", WireFormat.frame(protobufId, new byte[] {0})))
            .isInstanceOf(DataException.class).hasMessageContaining("is PROTOBUF, not AVRO");
    }

    @Test
    void anUnreachableRegistryIsRetriable() {
        AvroConverter avro = new AvroConverter();
        avro.configure(Map.of("schema.registry.url", "http://127.0.0.1:1", "schema.registry.request.timeout.ms", 500),
            false);
        assertThatThrownBy(() -> avro.fromConnectData("t", PERSON, person()))
            .isInstanceOf(RetriableConnectException.class).hasMessageContaining("127.0.0.1:1");
    }

    @Test
    void aSharedClientNeedsNoUrl() {
        AvroConverter avro = new AvroConverter(SchemaRegistryClient.create(url()));
        avro.configure(Map.of(), false);
        assertThat(avro.toConnectData("shared", avro.fromConnectData("shared", PERSON, person())).value())
            .isEqualTo(person());
        assertThatThrownBy(() -> new AvroConverter().configure(Map.of(), false))
            .hasMessageContaining("schema.registry.url");
    }
}
