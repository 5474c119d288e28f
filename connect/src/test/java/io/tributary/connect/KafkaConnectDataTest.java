package io.tributary.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.data.Decimal;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Struct;
import io.tributary.connect.data.Timestamp;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class KafkaConnectDataTest {
    @Test
    void nestedSchemasAndValuesSurviveTheRoundTripThroughKafkaConnectsModel() {
        Schema address = SchemaBuilder.struct().name("Address").field("city", Schema.STRING_SCHEMA).optional().build();
        Schema person = SchemaBuilder.struct().name("Person").version(2).doc("a person")
            .field("name", Schema.STRING_SCHEMA)
            .field("age", SchemaBuilder.int32().optional().defaultValue(7).build())
            .field("balance", Decimal.schema(2))
            .field("seen", Timestamp.schema())
            .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
            .field("scores", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.FLOAT64_SCHEMA).build())
            .field("address", address)
            .build();
        Struct value = new Struct(person)
            .put("name", "ann")
            .put("balance", new BigDecimal("12.34"))
            .put("seen", new java.util.Date(1_700_000_000_000L))
            .put("tags", List.of("a", "b"))
            .put("scores", Map.of("x", 1.5))
            .put("address", new Struct(address).put("city", "Oslo"));

        org.apache.kafka.connect.data.Schema kafkaSchema = KafkaConnectData.toKafka(person);
        Object kafkaValue = KafkaConnectData.toKafka(person, value);
        ((org.apache.kafka.connect.data.Struct) kafkaValue).validate();
        assertThat(((org.apache.kafka.connect.data.Struct) kafkaValue).get("age")).isEqualTo(7);

        assertThat(KafkaConnectData.fromKafka(kafkaSchema)).isEqualTo(person);
        assertThat(KafkaConnectData.fromKafka(kafkaSchema, kafkaValue)).isEqualTo(value);
    }
}
