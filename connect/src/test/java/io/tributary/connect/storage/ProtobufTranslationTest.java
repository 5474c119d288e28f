package io.tributary.connect.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaAndValue;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Struct;
import io.tributary.connect.data.Values;
import io.tributary.connect.errors.DataException;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Connect structs through generated Protobuf messages and their {@code .proto} text, without a registry. */
final class ProtobufTranslationTest {
    @Provide
    Arbitrary<SchemaAndValue> structs() {
        return ConnectArbitraries.schemasAndValues(ConnectArbitraries.structs()).filter(d -> d.value() != null);
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void theSchemaComesBackFromTheRegisteredText(@ForAll("structs") SchemaAndValue data) {
        ProtoParser.Parsed parsed = ProtoParser.parse(ProtobufConverter.schemaText(data.schema()));
        assertThat(parsed.firstComment()).startsWith(ProtobufConverter.SCHEMA_COMMENT);
        assertThat(JsonText.schema(parsed.firstComment().substring(ProtobufConverter.SCHEMA_COMMENT.length())))
            .isEqualTo(data.schema());
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void structsComeBackFromTheirMessages(@ForAll("structs") SchemaAndValue data) throws Exception {
        Schema schema = data.schema();
        byte[] bytes = ProtobufValues.toMessage(schema, ProtobufConverter.messageType(schema), (Struct) data.value())
            .toByteArray();
        Descriptor parsed = ProtoParser.parse(ProtobufConverter.schemaText(schema)).file().getMessageTypes().get(0);
        DynamicMessage message = DynamicMessage.parseFrom(parsed, bytes);

        Object read = ProtobufValues.toStruct(schema, message);
        Object expected = ConnectArbitraries.withDefaults(schema, data.value());
        assertThat(Values.deepEquals(read, expected)).as("read %s, wrote %s", read, expected).isTrue();
        // a reader without the Connect schema derives one from the message, which must read it too
        ProtobufValues.toStruct(ProtoToConnect.translate(parsed), message);
    }

    @Test
    void foreignSchemasReadAsProtobufDescribesThem() throws Exception {
        String text = """
            syntax = "proto3";
            package shop;
            import "google/protobuf/timestamp.proto";
            option java_package = "x.y";
            /* an order */
            message Order {
              string id = 1;
              optional uint32 count = 2 [deprecated = true];
              map<string, Line> lines = 3;
              repeated int64 tags = 4;
              oneof payment { string card = 5; bytes token = 6; }
              State state = 7;
              .google.protobuf.Timestamp at = 8;
              message Line { double price = 1; }
              enum State { NEW = 0; DONE = 1; }
              reserved 9, 10 to 12;
            }
            """;
        Descriptor order = ProtoParser.parse(text).file().findMessageTypeByName("Order");
        Schema schema = ProtoToConnect.translate(order);
        assertThat(schema.name()).isEqualTo("shop.Order");
        assertThat(schema.field("id").schema()).isEqualTo(Schema.STRING_SCHEMA);
        assertThat(schema.field("count").schema()).isEqualTo(Schema.OPTIONAL_INT64_SCHEMA);
        assertThat(schema.field("lines").schema().keySchema()).isEqualTo(Schema.STRING_SCHEMA);
        assertThat(schema.field("tags").schema()).isEqualTo(SchemaBuilder.array(Schema.INT64_SCHEMA).build());
        assertThat(schema.field("card").schema().isOptional()).isTrue();
        assertThat(schema.field("at").schema().field("seconds").schema()).isEqualTo(Schema.INT64_SCHEMA);

        Descriptor line = order.findNestedTypeByName("Line");
        DynamicMessage message = DynamicMessage.newBuilder(order)
            .setField(order.findFieldByName("id"), "o-1")
            .setField(order.findFieldByName("count"), -1)
            .addRepeatedField(order.findFieldByName("lines"), DynamicMessage.newBuilder(
                    order.findFieldByName("lines").getMessageType())
                .setField(order.findFieldByName("lines").getMessageType().findFieldByName("key"), "a")
                .setField(order.findFieldByName("lines").getMessageType().findFieldByName("value"),
                    DynamicMessage.newBuilder(line).setField(line.findFieldByName("price"), 2.5).build())
                .build())
            .setField(order.findFieldByName("card"), "visa")
            .setField(order.findFieldByName("state"), order.findEnumTypeByName("State").findValueByName("DONE"))
            .build();
        Struct struct = ProtobufValues.toStruct(schema, DynamicMessage.parseFrom(order, message.toByteArray()));
        assertThat(struct.get("count")).as("uint32 max, widened").isEqualTo(4_294_967_295L);
        assertThat(struct.get("card")).isEqualTo("visa");
        assertThat(struct.get("token")).isNull();
        assertThat(struct.get("state")).isEqualTo("DONE");
        assertThat(((Struct) ((Map<?, ?>) struct.get("lines")).get("a")).get("price")).isEqualTo(2.5);
        assertThat(struct.get("tags")).isEqualTo(List.of());
        assertThat(struct.get("at")).isNull();
    }

    @Test
    void recursiveMessagesAndOtherImportsHaveNoConnectForm() {
        Descriptor value = com.google.protobuf.Value.getDescriptor();
        assertThatThrownBy(() -> ProtoToConnect.translate(value)).isInstanceOf(DataException.class)
            .hasMessageContaining("contains itself");
        assertThatThrownBy(() -> ProtoParser.parse("syntax = \"proto3\";\nimport \"other.proto\";\nmessage A {}"))
            .isInstanceOf(DataException.class).hasMessageContaining("line 2").hasMessageContaining("other.proto");
        assertThatThrownBy(() -> ProtobufConverter.schemaText(Schema.STRING_SCHEMA))
            .isInstanceOf(DataException.class).hasMessageContaining("writes structs only");
    }
}
