package io.tributary.serdes.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.tributary.serdes.RegistryBroker;
import io.tributary.serdes.Serde;
import io.tributary.serdes.SerializationException;
import io.tributary.serdes.registry.RegistrySerdeOptions;
import io.tributary.serdes.registry.SchemaRegistryClient;
import io.tributary.serdes.registry.SchemaRegistryException;
import io.tributary.serdes.registry.WireFormat;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

/** Protobuf through the broker's schema registry: printed schemas, message indexes, evolution and bad input. */
final class ProtobufRegistrySerdesTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final RegistryBroker BROKER = new RegistryBroker();

    private static SchemaRegistryClient registry() {
        return BROKER.client();
    }

    @Test
    void generatedMessagesWithMapsOneofsAndEnumsRoundTripThroughTheRegistry() {
        Struct struct = Struct.newBuilder()
            .putFields("name", Value.newBuilder().setStringValue("ann").build())
            .putFields("nothing", Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build())
            .putFields("list", Value.newBuilder().setListValue(ListValue.newBuilder()
                .addValues(Value.newBuilder().setNumberValue(2.5))).build())
            .build();
        Serde<Struct> serde = ProtobufSerdes.registry(Struct.getDefaultInstance(), registry(),
            RegistrySerdeOptions.forValues());
        byte[] bytes = serde.serializer().serializeAsync("docs", new ArrayList<>(), struct).block(WAIT);

        assertThat(WireFormat.schemaId("docs", bytes)).isEqualTo(registry().latest("docs-value").block(WAIT).id());
        assertThat(bytes[WireFormat.HEADER_SIZE]).as("first message of its file: index list [0]").isZero();
        assertThat(registry().latest("docs-value").block(WAIT).type()).isEqualTo("PROTOBUF");
        assertThat(registry().latest("docs-value").block(WAIT).schema()).contains("message Struct",
            "map<string, .google.protobuf.Value> fields = 1;", "oneof kind", "enum NullValue");
        assertThat(serde.deserializer().deserializeAsync("docs", new ArrayList<>(), bytes).block(WAIT))
            .isEqualTo(struct);

        Serde<Value> values = ProtobufSerdes.registry(Value.getDefaultInstance(), registry(),
            RegistrySerdeOptions.forValues());
        byte[] value = values.serializer().serializeAsync("values", new ArrayList<>(),
            Value.newBuilder().setBoolValue(true).build()).block(WAIT);
        ByteBuffer payload = WireFormat.payload(value);
        assertThat(MessageIndexes.read(payload, "values")).containsExactly(1);
        assertThat(values.deserializer().deserializeAsync("values", new ArrayList<>(), value).block(WAIT)
            .getBoolValue()).isTrue();
    }

    @Test
    void dynamicMessagesEvolveByTheRegistrysProtobufRules() throws Exception {
        Descriptor v1 = order(false, FieldDescriptorProto.Type.TYPE_INT64);
        Descriptor v2 = order(true, FieldDescriptorProto.Type.TYPE_INT64);
        DynamicMessage old = DynamicMessage.newBuilder(v1)
            .setField(v1.findFieldByName("id"), "o-1")
            .setField(v1.findFieldByName("amount"), 42L)
            .build();
        Serde<DynamicMessage> asV1 = ProtobufSerdes.dynamic(v1, registry(), RegistrySerdeOptions.forValues());
        Serde<DynamicMessage> asV2 = ProtobufSerdes.dynamic(v2, registry(), RegistrySerdeOptions.forValues());
        byte[] bytes = asV1.serializer().serializeAsync("orders", new ArrayList<>(), old).block(WAIT);

        DynamicMessage read = asV2.deserializer().deserializeAsync("orders", new ArrayList<>(), bytes).block(WAIT);
        assertThat(read.getField(v2.findFieldByName("amount"))).isEqualTo(42L);
        assertThat(read.getField(v2.findFieldByName("note"))).isEqualTo("");

        DynamicMessage newer = DynamicMessage.newBuilder(v2).setField(v2.findFieldByName("note"), "gift").build();
        assertThat(asV2.serializer().serializeAsync("orders", new ArrayList<>(), newer).block(WAIT)).isNotNull();

        Descriptor changedType = order(true, FieldDescriptorProto.Type.TYPE_STRING);
        DynamicMessage incompatible = DynamicMessage.newBuilder(changedType)
            .setField(changedType.findFieldByName("amount"), "lots").build();
        StepVerifier.create(ProtobufSerdes.dynamic(changedType, registry(), RegistrySerdeOptions.forValues())
                .serializer().serializeAsync("orders", new ArrayList<>(), incompatible))
            .expectErrorSatisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(409))
            .verify(WAIT);
    }

    @Test
    void idsOfOtherSchemaTypesAndUnframedBytesAreRefused() {
        int avroId = registry().register("not-proto-value", "AVRO", "\"string\"").block(WAIT);
        Serde<Struct> serde = ProtobufSerdes.registry(Struct.getDefaultInstance(), registry(),
            RegistrySerdeOptions.forValues());
        StepVerifier.create(serde.deserializer().deserializeAsync("t", new ArrayList<>(),
                WireFormat.frame(avroId, new byte[] {0})))
            .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SerializationException.class)
                .hasMessageContaining("not PROTOBUF"))
            .verify(WAIT);
        StepVerifier.create(serde.deserializer().deserializeAsync("t", new ArrayList<>(), new byte[] {1, 2, 3}))
            .expectError(SerializationException.class)
            .verify(WAIT);
    }

    @Test
    void messageIndexesUseTheShortFormForTheFirstMessageAndZigzagOtherwise() {
        assertThat(MessageIndexes.write(List.of(0))).containsExactly(0);
        assertThat(MessageIndexes.write(List.of(1))).containsExactly(2, 2);
        byte[] nested = MessageIndexes.write(List.of(2, 0, 70));
        assertThat(MessageIndexes.read(ByteBuffer.wrap(nested), "t")).containsExactly(2, 0, 70);
    }

    @Test
    void rawMessagesNeedNoRegistry() {
        Serde<Value> raw = ProtobufSerdes.raw(Value.getDefaultInstance());
        Value v = Value.newBuilder().setStringValue("x").build();
        assertThat(raw.deserializer().deserialize("t", raw.serializer().serialize("t", v))).isEqualTo(v);
    }

    /** An Order message, with or without a third field, and with {@code amount} of the given type. */
    private static Descriptor order(boolean withNote, FieldDescriptorProto.Type amountType)
        throws DescriptorValidationException {
        DescriptorProto.Builder message = DescriptorProto.newBuilder().setName("Order")
            .addField(field("id", 1, FieldDescriptorProto.Type.TYPE_STRING))
            .addField(field("amount", 2, amountType));
        if (withNote) {
            message.addField(field("note", 3, FieldDescriptorProto.Type.TYPE_STRING));
        }
        FileDescriptorProto file = FileDescriptorProto.newBuilder().setName("order.proto").setPackage("shop")
            .setSyntax("proto3").addMessageType(message).build();
        return FileDescriptor.buildFrom(file, new FileDescriptor[0]).findMessageTypeByName("Order");
    }

    private static FieldDescriptorProto field(String name, int number, FieldDescriptorProto.Type type) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
            .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL).build();
    }
}
