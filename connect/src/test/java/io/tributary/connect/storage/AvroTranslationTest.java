package io.tributary.connect.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.data.Field;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaAndValue;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Struct;
import io.tributary.connect.data.Values;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/** Connect schemas and values through Avro and back, without a registry: what AvroConverter relies on. */
final class AvroTranslationTest {
    @Provide
    Arbitrary<SchemaAndValue> data() {
        return ConnectArbitraries.schemasAndValues(ConnectArbitraries.schemas());
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void schemasComeBackFromTheirAvroText(@ForAll("data") SchemaAndValue data) {
        Assume.that(namesAreUnambiguous(data.schema()));
        org.apache.avro.Schema avro = ConnectToAvro.translate(data.schema());
        org.apache.avro.Schema parsed = new org.apache.avro.Schema.Parser().parse(avro.toString());
        assertThat(AvroToConnect.translate(parsed)).isEqualTo(data.schema());
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void valuesComeBackFromTheirAvroBinary(@ForAll("data") SchemaAndValue data) throws IOException {
        Assume.that(namesAreUnambiguous(data.schema()));
        org.apache.avro.Schema avro = ConnectToAvro.translate(data.schema());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<>(avro, GenericData.get()).write(AvroValues.toAvro(data.schema(), avro, data.value()),
            encoder);
        encoder.flush();
        org.apache.avro.Schema parsed = new org.apache.avro.Schema.Parser().parse(avro.toString());
        Object datum = new GenericDatumReader<>(parsed, parsed, GenericData.get())
            .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        Object read = AvroValues.toConnect(AvroToConnect.translate(parsed), datum);
        Object expected = ConnectArbitraries.withDefaults(data.schema(), data.value());
        assertThat(Values.deepEquals(read, expected)).as("read %s, wrote %s", read, expected).isTrue();
    }

    @Test
    void foreignAvroReadsAsAvroDescribesIt() {
        org.apache.avro.Schema avro = new org.apache.avro.Schema.Parser().parse("""
            {"type":"record","name":"Order","namespace":"shop","doc":"an order","fields":[
              {"name":"state","type":{"type":"enum","name":"State","symbols":["NEW","DONE"]}},
              {"name":"hash","type":{"type":"fixed","name":"Hash","size":2}},
              {"name":"day","type":{"type":"int","logicalType":"date"}},
              {"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}},
              {"name":"note","type":["null","string"],"default":null},
              {"name":"qty","type":"int","default":1}]}""");
        Schema schema = AvroToConnect.translate(avro);
        assertThat(schema.name()).isEqualTo("shop.Order");
        assertThat(schema.doc()).isEqualTo("an order");
        assertThat(schema.field("state").schema()).isEqualTo(Schema.STRING_SCHEMA);
        assertThat(schema.field("hash").schema()).isEqualTo(Schema.BYTES_SCHEMA);
        assertThat(schema.field("day").schema()).isEqualTo(io.tributary.connect.data.Date.schema());
        assertThat(schema.field("price").schema()).isEqualTo(io.tributary.connect.data.Decimal.schema(2));
        assertThat(schema.field("note").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
        assertThat(schema.field("qty").schema()).isEqualTo(SchemaBuilder.int32().defaultValue(1).build());

        GenericData.Record record = new GenericData.Record(avro);
        record.put("state", new GenericData.EnumSymbol(avro.getField("state").schema(), "DONE"));
        record.put("hash", new GenericData.Fixed(avro.getField("hash").schema(), new byte[] {1, 2}));
        record.put("day", 3);
        record.put("price", java.nio.ByteBuffer.wrap(new byte[] {0x30, 0x39}));
        record.put("qty", 2);
        Struct struct = (Struct) AvroValues.toConnect(schema, record);
        assertThat(struct.get("state")).isEqualTo("DONE");
        assertThat((byte[]) struct.get("hash")).containsExactly(1, 2);
        assertThat(struct.get("price")).isEqualTo(new java.math.BigDecimal("123.45"));
    }

    /** Avro needs one definition per record name; the generator may name two different structs alike. */
    static boolean namesAreUnambiguous(Schema schema) {
        return collect(schema, new HashMap<>());
    }

    private static boolean collect(Schema schema, Map<String, Schema> seen) {
        switch (schema.type()) {
            case ARRAY -> {
                return collect(schema.valueSchema(), seen);
            }
            case MAP -> {
                return collect(schema.keySchema(), seen) && collect(schema.valueSchema(), seen);
            }
            case STRUCT -> {
                if (schema.name() != null) {
                    Schema plain = SchemaBuilder.copyOf(schema).build();
                    Schema before = seen.putIfAbsent(Identifiers.sanitizeFullName(schema.name()), plain);
                    if (before != null && !before.equals(plain)) {
                        return false;
                    }
                }
                List<Field> fields = schema.fields();
                return fields.stream().allMatch(f -> collect(f.schema(), seen));
            }
            default -> {
                return true;
            }
        }
    }
}
