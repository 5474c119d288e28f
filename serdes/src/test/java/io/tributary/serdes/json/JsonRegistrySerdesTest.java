package io.tributary.serdes.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.serdes.RegistryBroker;
import io.tributary.serdes.Serde;
import io.tributary.serdes.SerializationException;
import io.tributary.serdes.registry.RegistrySerdeOptions;
import io.tributary.serdes.registry.SchemaRegistryClient;
import io.tributary.serdes.registry.SchemaRegistryException;
import io.tributary.serdes.registry.WireFormat;
import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

/** JSON with a JSON Schema through the broker's registry: framing, compatibility, refusals. */
final class JsonRegistrySerdesTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SCHEMA_V1 = """
        {"type":"object","properties":{"id":{"type":"string"},"quantity":{"type":"integer"}}}""";

    record Order(String id, int quantity) {
    }

    @RegisterExtension
    static final RegistryBroker BROKER = new RegistryBroker();

    private static SchemaRegistryClient registry() {
        return BROKER.client();
    }

    @Test
    void valuesAreFramedUnderTheRegisteredSchemaAndReadBack() {
        Serde<Order> serde = JsonSerdes.registry(Order.class, SCHEMA_V1, registry(), RegistrySerdeOptions.forValues());
        byte[] bytes = serde.serializer().serializeAsync("orders", new ArrayList<>(), new Order("o-1", 2))
            .block(WAIT);
        assertThat(WireFormat.schemaId("orders", bytes)).isEqualTo(registry().latest("orders-value").block(WAIT).id());
        assertThat(registry().latest("orders-value").block(WAIT).type()).isEqualTo("JSON");
        assertThat(serde.deserializer().deserializeAsync("orders", new ArrayList<>(), bytes).block(WAIT))
            .isEqualTo(new Order("o-1", 2));
        assertThat(serde.deserializer().deserialize("orders", bytes)).isEqualTo(new Order("o-1", 2));
    }

    @Test
    void aSchemaThatNarrowsATypeIsIncompatible() {
        JsonSerdes.registry(Order.class, SCHEMA_V1, registry(), RegistrySerdeOptions.forValues()).serializer()
            .serializeAsync("narrowing", new ArrayList<>(), new Order("o-2", 1)).block(WAIT);
        String narrowed = SCHEMA_V1.replace("\"integer\"", "\"string\"");
        StepVerifier.create(JsonSerdes.registry(Order.class, narrowed, registry(), RegistrySerdeOptions.forValues())
                .serializer().serializeAsync("narrowing", new ArrayList<>(), new Order("o-3", 1)))
            .expectErrorSatisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(409))
            .verify(WAIT);
    }

    @Test
    void idsOfOtherTypesAreRefused() {
        int avro = registry().register("avro-value", "AVRO", "\"long\"").block(WAIT);
        StepVerifier.create(JsonSerdes.registry(Order.class, SCHEMA_V1, registry(), RegistrySerdeOptions.forValues())
                .deserializer().deserializeAsync("t", new ArrayList<>(), WireFormat.frame(avro, "{}".getBytes())))
            .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SerializationException.class)
                .hasMessageContaining("not JSON"))
            .verify(WAIT);
    }
}
