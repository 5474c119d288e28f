package io.tributary.protocol.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tributary.protocol.Partitions;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** murmur2 and the key partitioner against kafka-clients and the vectors of PROTOCOL.md 4.1. */
final class Murmur2Test {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|275646681|3",
        "21|-973932308|0",
        "abc|479470107|3",
        "foobar|-790332482|0",
        "kafka|-798503068|4",
        "key1|28543940|2",
        "a-little-bit-long-string|-985981536|2"})
    void matchesTheDocumentedVectors(String key, int hash, int partitionOfSix) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        assertThat(Murmur2.hash(bytes)).isEqualTo(hash);
        assertThat(Partitions.forKey(bytes, 6)).isEqualTo(partitionOfSix);
    }

    @Property(tries = 3000)
    void equalsKafkaClientsMurmur2(@ForAll @Size(max = 64) byte[] key, @ForAll @IntRange(max = 7) int padding,
                                   @ForAll @IntRange(min = 1, max = 1000) int partitions) {
        int expected = Utils.murmur2(key);
        assertThat(Murmur2.hash(key)).isEqualTo(expected);

        byte[] padded = new byte[padding + key.length + 3];
        System.arraycopy(key, 0, padded, padding, key.length);
        assertThat(Murmur2.hash(padded, padding, key.length)).isEqualTo(expected);
        ByteBuf direct = Unpooled.directBuffer(padded.length).writeBytes(padded);
        assertThat(Murmur2.hash(direct, padding, key.length)).isEqualTo(expected);
        direct.release();

        assertThat(Partitions.forKey(key, partitions)).isEqualTo(Utils.toPositive(expected) % partitions);
    }

    @Test
    void partitionCountMustBePositive() {
        assertThatThrownBy(() -> Partitions.forKey(new byte[1], 0)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("numPartitions");
    }
}
