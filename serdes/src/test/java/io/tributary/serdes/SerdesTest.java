package io.tributary.serdes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.kafka.common.serialization.DoubleSerializer;
import org.apache.kafka.common.serialization.FloatSerializer;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.ShortSerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.UUIDSerializer;
import org.junit.jupiter.api.Test;

/** The built-in serdes write the bytes kafka-clients' serializers write, and read them back. */
final class SerdesTest {
    @Property
    void numbersMatchKafkaClientsByteForByte(@ForAll short s, @ForAll int i, @ForAll long l, @ForAll float f,
                                             @ForAll double d) {
        assertThat(roundTrip(Serdes.shortSerde(), s, new ShortSerializer().serialize("t", s))).isEqualTo(s);
        assertThat(roundTrip(Serdes.integer(), i, new IntegerSerializer().serialize("t", i))).isEqualTo(i);
        assertThat(roundTrip(Serdes.longSerde(), l, new LongSerializer().serialize("t", l))).isEqualTo(l);
        assertThat(roundTrip(Serdes.floatSerde(), f, new FloatSerializer().serialize("t", f))).isEqualTo(f);
        assertThat(roundTrip(Serdes.doubleSerde(), d, new DoubleSerializer().serialize("t", d))).isEqualTo(d);
    }

    @Property
    void textAndUuidsMatchKafkaClients(@ForAll String text, @ForAll long msb, @ForAll long lsb) {
        assertThat(roundTrip(Serdes.string(), text, new StringSerializer().serialize("t", text))).isEqualTo(text);
        UUID id = new UUID(msb, lsb);
        assertThat(roundTrip(Serdes.uuid(), id, new UUIDSerializer().serialize("t", id))).isEqualTo(id);
    }

    @Test
    void nullIsNullForEveryFormat() {
        for (Serde<?> serde : new Serde<?>[] {Serdes.string(), Serdes.byteArray(), Serdes.byteBuffer(),
            Serdes.shortSerde(), Serdes.integer(), Serdes.longSerde(), Serdes.floatSerde(), Serdes.doubleSerde(),
            Serdes.uuid(), Serdes.voidSerde()}) {
            assertThat(serde.serializer().serialize("t", null)).isNull();
            assertThat(serde.deserializer().deserialize("t", null)).isNull();
        }
    }

    @Test
    void charsetsAndBuffersAreHonoured() {
        Serde<String> latin1 = Serdes.string(StandardCharsets.ISO_8859_1);
        assertThat(latin1.serializer().serialize("t", "é")).containsExactly((byte) 0xe9);
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {1, 2, 3, 4});
        buffer.position(1);
        assertThat(Serdes.byteBuffer().serializer().serialize("t", buffer)).containsExactly(2, 3, 4);
        assertThat(buffer.position()).isEqualTo(1);
        assertThat(Serdes.byteBuffer().deserializer().deserialize("t", new byte[] {9}).get()).isEqualTo((byte) 9);
        assertThat(Serdes.string().serializer().serialize("t", new ArrayList<>(), "x")).containsExactly('x');
    }

    @Test
    void wrongSizesAndMalformedTextAreClearErrors() {
        assertThatThrownBy(() -> Serdes.integer().deserializer().deserialize("t", new byte[3]))
            .isInstanceOf(SerializationException.class).hasMessageContaining("Integer is 4 bytes, got 3");
        assertThatThrownBy(() -> Serdes.longSerde().deserializer().deserialize("t", new byte[9]))
            .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> Serdes.uuid().deserializer().deserialize("orders", "nope".getBytes()))
            .isInstanceOf(SerializationException.class).hasMessageContaining("orders");
        assertThatThrownBy(() -> Serdes.voidSerde().deserializer().deserialize("t", new byte[1]))
            .isInstanceOf(SerializationException.class);
    }

    private static <T> T roundTrip(Serde<T> serde, T value, byte[] kafkaBytes) {
        byte[] ours = serde.serializer().serialize("t", value);
        assertThat(ours).isEqualTo(kafkaBytes);
        return serde.deserializer().deserialize("t", kafkaBytes);
    }
}
