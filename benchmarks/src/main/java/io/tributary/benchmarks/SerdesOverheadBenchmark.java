package io.tributary.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.serdes.Deserializer;
import io.tributary.serdes.Serde;
import io.tributary.serdes.Serializer;
import io.tributary.serdes.avro.AvroSerdes;
import io.tributary.serdes.json.JsonSerdes;
import io.tributary.serdes.registry.RegisteredSchema;
import io.tributary.serdes.registry.RegistrySerdeOptions;
import io.tributary.serdes.registry.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Mono;

/**
 * The cost of Tributary's serdes over the libraries used directly: Avro in the schema-registry wire format (id
 * resolved once, from an in-memory registry, then cached) against Avro's own writer and reader, and JSON through
 * {@code JsonSerdes} against Jackson's {@code ObjectMapper}. The record: an order of ten fields, about 150 bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SerdesOverheadBenchmark {
    private static final Schema SCHEMA = new Schema.Parser().parse("""
        {"type":"record","name":"Order","namespace":"bench","fields":[
          {"name":"id","type":"string"},{"name":"customer","type":"string"},{"name":"sku","type":"string"},
          {"name":"quantity","type":"int"},{"name":"price","type":"double"},{"name":"created","type":"long"},
          {"name":"paid","type":"boolean"},{"name":"note","type":["null","string"],"default":null},
          {"name":"country","type":"string"},{"name":"channel","type":"string"}]}""");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The JSON twin of the Avro record. */
    public record Order(String id, String customer, String sku, int quantity, double price, long created,
                        boolean paid, String note, String country, String channel) {
    }

    private final GenericDatumWriter<GenericRecord> plainWriter = new GenericDatumWriter<>(SCHEMA);
    private final GenericDatumReader<GenericRecord> plainReader = new GenericDatumReader<>(SCHEMA, SCHEMA);
    private GenericRecord record;
    private Order order;
    private Serializer<GenericRecord> avroSerializer;
    private Deserializer<GenericRecord> avroDeserializer;
    private Serde<Order> json;
    private byte[] framedAvro;
    private byte[] plainAvro;
    private byte[] jsonBytes;

    @Setup
    public void setUp() throws IOException {
        record = new GenericData.Record(SCHEMA);
        record.put("id", "order-000123");
        record.put("customer", "customer-42");
        record.put("sku", "SKU-9981-XL");
        record.put("quantity", 3);
        record.put("price", 19.99);
        record.put("created", 1_763_900_000_000L);
        record.put("paid", true);
        record.put("note", "leave at the door");
        record.put("country", "PT");
        record.put("channel", "web");
        order = new Order("order-000123", "customer-42", "SKU-9981-XL", 3, 19.99, 1_763_900_000_000L, true,
            "leave at the door", "PT", "web");

        Serde<GenericRecord> avro = AvroSerdes.generic(new InMemoryRegistry(), RegistrySerdeOptions.forValues());
        avroSerializer = avro.serializer();
        avroDeserializer = avro.deserializer();
        framedAvro = avroSerializer.serializeAsync("orders", new ArrayList<>(), record).block();
        avroDeserializer.deserializeAsync("orders", new ArrayList<>(), framedAvro).block();
        plainAvro = avroSerializePlain();
        json = JsonSerdes.forType(Order.class);
        jsonBytes = MAPPER.writeValueAsBytes(order);
    }

    @Benchmark
    public byte[] avroSerializeTributary() {
        return avroSerializer.serialize("orders", record);
    }

    /** Avro's writer (created once) into a fresh stream, as a careful user writing bytes by hand would. */
    @Benchmark
    public byte[] avroSerializePlain() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        plainWriter.write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    @Benchmark
    public GenericRecord avroDeserializeTributary() {
        return avroDeserializer.deserialize("orders", framedAvro);
    }

    @Benchmark
    public GenericRecord avroDeserializePlain() throws IOException {
        return plainReader.read(null, DecoderFactory.get().binaryDecoder(plainAvro, null));
    }

    @Benchmark
    public byte[] jsonSerializeTributary() {
        return json.serializer().serialize("orders", order);
    }

    @Benchmark
    public byte[] jsonSerializePlain() throws IOException {
        return MAPPER.writeValueAsBytes(order);
    }

    @Benchmark
    public Order jsonDeserializeTributary() {
        return json.deserializer().deserialize("orders", jsonBytes);
    }

    @Benchmark
    public Order jsonDeserializePlain() throws IOException {
        return MAPPER.readValue(jsonBytes, Order.class);
    }

    /** A registry that answers from memory: the benchmark measures the serdes, not HTTP. */
    private static final class InMemoryRegistry implements SchemaRegistryClient {
        private final List<String> schemas = new ArrayList<>();

        @Override
        public synchronized Mono<Integer> register(String subject, String type, String schema) {
            int index = schemas.indexOf(schema);
            if (index < 0) {
                schemas.add(schema);
                index = schemas.size() - 1;
            }
            return Mono.just(index + 1);
        }

        @Override
        public Mono<Integer> lookup(String subject, String type, String schema) {
            return register(subject, type, schema);
        }

        @Override
        public synchronized Mono<RegisteredSchema> byId(int id) {
            return Mono.just(new RegisteredSchema(id, "AVRO", schemas.get(id - 1)));
        }

        @Override
        public Mono<RegisteredSchema> latest(String subject) {
            return byId(schemas.size());
        }
    }
}
