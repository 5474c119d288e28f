package io.tributary.serdes.avro;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.serdes.SerializationException;
import io.tributary.serdes.RegistryBroker;
import io.tributary.serdes.Serde;
import io.tributary.serdes.registry.RegistrySerdeOptions;
import io.tributary.serdes.registry.SchemaRegistryClient;
import io.tributary.serdes.registry.SchemaRegistryException;
import io.tributary.serdes.registry.SubjectNameStrategy;
import io.tributary.serdes.registry.WireFormat;
import java.time.Duration;
import java.util.ArrayList;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

/** Avro through the broker's schema registry: wire format, ids, evolution, specific records, and bad input. */
final class AvroRegistrySerdesTest {
    private static final Schema PAYMENT_V1 = new Schema.Parser().parse("""
        {"type":"record","name":"Payment","namespace":"io.tributary.serdes.avro","fields":[
          {"name":"id","type":"string"},{"name":"amount","type":"double"}]}""");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final RegistryBroker BROKER = new RegistryBroker();

    private static SchemaRegistryClient registry() {
        return BROKER.client();
    }

    @Test
    void genericRecordsAreFramedWithTheRegisteredIdAndReadBack() {
        Serde<GenericRecord> serde = AvroSerdes.generic(registry(), RegistrySerdeOptions.forValues());
        GenericRecord payment = v1("p-1", 12.5);
        byte[] bytes = serde.serializer().serializeAsync("payments", new ArrayList<>(), payment).block(WAIT);

        assertThat(bytes[0]).isEqualTo(WireFormat.MAGIC);
        int id = registry().latest("payments-value").block(WAIT).id();
        assertThat(WireFormat.schemaId("payments", bytes)).isEqualTo(id);
        StepVerifier.create(serde.deserializer().deserializeAsync("payments", new ArrayList<>(), bytes))
            .assertNext(read -> {
                assertThat(read.get("id").toString()).isEqualTo("p-1");
                assertThat(read.get("amount")).isEqualTo(12.5);
            })
            .expectComplete()
            .verify(WAIT);
        // once resolved, the synchronous methods work without the network
        assertThat(serde.serializer().serialize("payments", payment)).isEqualTo(bytes);
        assertThat(serde.deserializer().deserialize("payments", bytes).get("id").toString()).isEqualTo("p-1");
    }

    @Test
    void dataWrittenWithTheOldSchemaReadsIntoTheNewSpecificClass() {
        byte[] old = AvroSerdes.generic(registry(), RegistrySerdeOptions.forValues())
            .serializer().serializeAsync("evolving", new ArrayList<>(), v1("p-2", 3.0)).block(WAIT);
        Serde<Payment> specific = AvroSerdes.specific(Payment.class, registry(), RegistrySerdeOptions.forValues());

        Payment read = specific.deserializer().deserializeAsync("evolving", new ArrayList<>(), old).block(WAIT);
        assertThat(read.id()).isEqualTo("p-2");
        assertThat(read.amount()).isEqualTo(3.0);
        assertThat(read.currency()).as("the reader's default").isEqualTo("EUR");

        // v2 adds a defaulted field: BACKWARD accepts it as version 2 of the subject
        byte[] newer = specific.serializer().serializeAsync("evolving", new ArrayList<>(),
            new Payment("p-3", 4.0, "USD")).block(WAIT);
        assertThat(WireFormat.schemaId("evolving", newer)).isNotEqualTo(WireFormat.schemaId("evolving", old));
        assertThat(specific.deserializer().deserializeAsync("evolving", new ArrayList<>(), newer).block(WAIT)
            .currency()).isEqualTo("USD");
    }

    @Test
    void anIncompatibleSchemaIsRefusedByTheRegistry() {
        AvroSerdes.generic(registry(), RegistrySerdeOptions.forValues())
            .serializer().serializeAsync("strict", new ArrayList<>(), v1("p-4", 1.0)).block(WAIT);
        Schema required = new Schema.Parser().parse("""
            {"type":"record","name":"Payment","namespace":"io.tributary.serdes.avro","fields":[
              {"name":"id","type":"string"},{"name":"amount","type":"double"},{"name":"payer","type":"string"}]}""");
        GenericRecord record = new GenericData.Record(required);
        record.put("id", "p-5");
        record.put("amount", 2.0);
        record.put("payer", "ann");
        StepVerifier.create(AvroSerdes.generic(registry(), RegistrySerdeOptions.forValues()).serializer()
                .serializeAsync("strict", new ArrayList<>(), record))
            .expectErrorSatisfies(e -> {
                assertThat(e).isInstanceOf(SchemaRegistryException.class);
                assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(409);
            })
            .verify(WAIT);
    }

    @Test
    void subjectStrategiesAndLookupOnlyModeAreHonoured() {
        RegistrySerdeOptions byRecord = RegistrySerdeOptions.forValues().strategy(SubjectNameStrategy.RECORD);
        AvroSerdes.generic(registry(), byRecord).serializer()
            .serializeAsync("any-topic", new ArrayList<>(), v1("p-6", 1.0)).block(WAIT);
        assertThat(registry().latest("io.tributary.serdes.avro.Payment").block(WAIT).schema())
            .contains("amount");

        RegistrySerdeOptions lookupOnly = RegistrySerdeOptions.forKeys().autoRegister(false);
        StepVerifier.create(AvroSerdes.generic(registry(), lookupOnly).serializer()
                .serializeAsync("unregistered", new ArrayList<>(), v1("p-7", 1.0)))
            .expectErrorSatisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(40401))
            .verify(WAIT);
    }

    @Test
    void badBytesAndUnknownIdsAreClearErrors() {
        Serde<GenericRecord> serde = AvroSerdes.generic(registry(), RegistrySerdeOptions.forValues());
        StepVerifier.create(serde.deserializer().deserializeAsync("payments", new ArrayList<>(), new byte[] {7, 0}))
            .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SerializationException.class)
                .hasMessageContaining("payments"))
            .verify(WAIT);
        StepVerifier.create(serde.deserializer().deserializeAsync("payments", new ArrayList<>(),
                WireFormat.frame(987_654, new byte[] {1})))
            .expectErrorSatisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(40403))
            .verify(WAIT);
        assertThat(serde.serializer().serializeAsync("payments", new ArrayList<>(), null).block(WAIT)).isNull();
    }

    @Test
    void rawAvroRoundTripsWithoutARegistry() {
        Serde<GenericRecord> raw = AvroSerdes.generic(PAYMENT_V1);
        byte[] bytes = raw.serializer().serialize("t", v1("p-8", 8.0));
        assertThat(bytes[0]).as("no wire-format header").isNotEqualTo((byte) 0);
        assertThat(raw.deserializer().deserialize("t", bytes).get("amount")).isEqualTo(8.0);
        Serde<Payment> specific = AvroSerdes.specific(Payment.class);
        Payment p = specific.deserializer().deserialize("t",
            specific.serializer().serialize("t", new Payment("p-9", 9.0, "GBP")));
        assertThat(p.currency()).isEqualTo("GBP");
    }

    private static GenericRecord v1(String id, double amount) {
        GenericRecord r = new GenericData.Record(PAYMENT_V1);
        r.put("id", id);
        r.put("amount", amount);
        return r;
    }
}
