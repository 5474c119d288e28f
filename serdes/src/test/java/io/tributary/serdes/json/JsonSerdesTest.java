package io.tributary.serdes.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.serdes.Serde;
import io.tributary.serdes.SerializationException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

final class JsonSerdesTest {
    record Order(String id, int quantity, List<String> tags) {
    }

    @Test
    void typedValuesRoundTripAsPlainJson() {
        Serde<Order> serde = JsonSerdes.forType(Order.class);
        Order order = new Order("o-1", 3, List.of("a", "b"));
        byte[] bytes = serde.serializer().serialize("orders", order);
        assertThat(new String(bytes, StandardCharsets.UTF_8))
            .isEqualTo("{\"id\":\"o-1\",\"quantity\":3,\"tags\":[\"a\",\"b\"]}");
        assertThat(serde.deserializer().deserialize("orders", bytes)).isEqualTo(order);
        assertThat(serde.serializer().serialize("orders", null)).isNull();
    }

    @Test
    void treesReadAnyJson() {
        JsonNode tree = JsonSerdes.tree().deserializer().deserialize("t", "{\"a\":[1,2]}".getBytes());
        assertThat(tree.path("a").get(1).asInt()).isEqualTo(2);
        assertThat(JsonSerdes.tree().serializer().serialize("t", tree)).asString().isEqualTo("{\"a\":[1,2]}");
    }

    @Test
    void malformedJsonNamesTheTopicAndType() {
        assertThatThrownBy(() -> JsonSerdes.forType(Order.class).deserializer().deserialize("orders",
            "{\"id\":".getBytes()))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("orders")
            .hasMessageContaining("Order");
    }
}
