package io.tributary.connect.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaAndValue;
import io.tributary.connect.data.Struct;
import io.tributary.connect.errors.DataException;
import io.tributary.serdes.protobuf.ProtobufSerdes;
import io.tributary.serdes.registry.RegistrySerdeOptions;
import io.tributary.serdes.registry.SchemaRegistryClient;
import io.tributary.serdes.registry.WireFormat;
import io.tributary.testkit.EmbeddedBrokerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ProtobufConverter against the schema registry of an embedded broker. */
final class ProtobufConverterTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = EmbeddedBrokerExtension.create(
        b -> b.config("schema.registry.listeners", "http://127.0.0.1:0"));

    private static String url() {
        return BROKER.broker().schemaRegistryUrl();
    }

    private static ProtobufConverter converter(Map<String, Object> extra) {
        ProtobufConverter converter = new ProtobufConverter();
        Map<String, Object> configs = new HashMap<>(extra);
        configs.put("schema.registry.url", url());
        converter.configure(configs, false);
        return converter;
    }

    @Test
    void nestedStructsRoundTripWithTheirExactSchema() {
        Schema person = AvroConverterTest.PERSON;
        byte[] bytes = converter(Map.of()).fromConnectData("people", person, AvroConverterTest.person());

        SchemaRegistryClient registry = SchemaRegistryClient.create(url());
        var registered = registry.latest("people-value").block(WAIT);
        assertThat(WireFormat.schemaId("people", bytes)).isEqualTo(registered.id());
        assertThat(registered.type()).isEqualTo("PROTOBUF");
        assertThat(registered.schema()).contains("package com.example;", "// connect.schema: ", "message Person {",
            "message Address {");
        assertThat(bytes[WireFormat.HEADER_SIZE]).as("the message-index list of the first message").isZero();

        SchemaAndValue read = converter(Map.of()).toConnectData("people", bytes);
        assertThat(read.schema()).isEqualTo(person);
        assertThat(read.value()).isEqualTo(AvroConverterTest.person());
    }

    @Test
    void serdesReadsOurMessages() {
        Schema person = AvroConverterTest.PERSON;
        byte[] bytes = converter(Map.of()).fromConnectData("to-serdes", person, AvroConverterTest.person());
        Descriptor type = ProtobufConverter.messageType(person);
        DynamicMessage message = ProtobufSerdes.dynamic(type, SchemaRegistryClient.create(url()),
            RegistrySerdeOptions.forValues()).deserializer().deserializeAsync("to-serdes", new ArrayList<>(), bytes)
            .block(WAIT);
        assertThat(message.getField(type.findFieldByName("name"))).isEqualTo("ann");
        assertThat(message.getField(type.findFieldByName("age"))).isEqualTo(41);
        DynamicMessage address = (DynamicMessage) message.getField(type.findFieldByName("address"));
        assertThat(address.getField(address.getDescriptorForType().findFieldByName("city"))).isEqualTo("Oslo");
    }

    @Test
    void weReadSerdesMessagesWithASchemaDerivedFromTheirProto() throws Exception {
        DescriptorProto line = DescriptorProto.newBuilder().setName("Line")
            .addField(field("sku", 1, FieldDescriptorProto.Type.TYPE_STRING, FieldDescriptorProto.Label.LABEL_OPTIONAL))
            .build();
        DescriptorProto order = DescriptorProto.newBuilder().setName("Order")
            .addField(field("id", 1, FieldDescriptorProto.Type.TYPE_STRING, FieldDescriptorProto.Label.LABEL_OPTIONAL))
            .addField(field("amount", 2, FieldDescriptorProto.Type.TYPE_INT64,
                FieldDescriptorProto.Label.LABEL_OPTIONAL))
            .addField(field("lines", 3, FieldDescriptorProto.Type.TYPE_MESSAGE,
                FieldDescriptorProto.Label.LABEL_REPEATED).toBuilder().setTypeName(".shop.Line").build())
            .build();
        FileDescriptor file = FileDescriptor.buildFrom(FileDescriptorProto.newBuilder().setName("order.proto")
            .setPackage("shop").setSyntax("proto3").addMessageType(line).addMessageType(order).build(),
            new FileDescriptor[0]);
        Descriptor orderType = file.findMessageTypeByName("Order");
        Descriptor lineType = file.findMessageTypeByName("Line");
        DynamicMessage written = DynamicMessage.newBuilder(orderType)
            .setField(orderType.findFieldByName("id"), "o-1")
            .setField(orderType.findFieldByName("amount"), 42L)
            .addRepeatedField(orderType.findFieldByName("lines"),
                DynamicMessage.newBuilder(lineType).setField(lineType.findFieldByName("sku"), "x").build())
            .build();
        byte[] bytes = ProtobufSerdes.dynamic(orderType, SchemaRegistryClient.create(url()),
            RegistrySerdeOptions.forValues()).serializer().serializeAsync("orders", new ArrayList<>(), written)
            .block(WAIT);

        SchemaAndValue read = converter(Map.of()).toConnectData("orders", bytes);
        assertThat(read.schema().name()).isEqualTo("shop.Order");
        Struct struct = (Struct) read.value();
        assertThat(struct.get("id")).isEqualTo("o-1");
        assertThat(struct.get("amount")).isEqualTo(42L);
        assertThat(((List<?>) struct.get("lines"))).hasSize(1);
        assertThat(((Struct) ((List<?>) struct.get("lines")).get(0)).get("sku")).isEqualTo("x");
    }

    @Test
    void theRecordNameIsTheMessagesFullName() {
        converter(Map.of("value.subject.name.strategy", "RecordNameStrategy"))
            .fromConnectData("any", AvroConverterTest.PERSON, AvroConverterTest.person());
        assertThat(SchemaRegistryClient.create(url()).latest("com.example.Person").block(WAIT).type())
            .isEqualTo("PROTOBUF");
    }

    @Test
    void onlyStructsAreWritten() {
        ProtobufConverter protobuf = converter(Map.of());
        assertThatThrownBy(() -> protobuf.fromConnectData("t", Schema.STRING_SCHEMA, "text"))
            .isInstanceOf(DataException.class).hasMessageContaining("writes structs only");
        assertThat(protobuf.fromConnectData("t", AvroConverterTest.PERSON, null)).isNull();
        assertThat(protobuf.toConnectData("t", null)).isEqualTo(SchemaAndValue.NULL);
    }

    private static FieldDescriptorProto field(String name, int number, FieldDescriptorProto.Type type,
                                              FieldDescriptorProto.Label label) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type).setLabel(label).build();
    }
}
