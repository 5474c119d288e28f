package io.tributary.admin.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.TopicPartition;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.junit.jupiter.api.Test;

/** Member assignments decoded as Kafka's consumer writes them, in every version of the consumer protocol. */
final class AssignmentDecodingTest {

    @Test
    void decodesEveryVersionKafkasConsumerWrites() {
        List<org.apache.kafka.common.TopicPartition> kafka = List.of(
            new org.apache.kafka.common.TopicPartition("orders", 0),
            new org.apache.kafka.common.TopicPartition("orders", 2),
            new org.apache.kafka.common.TopicPartition("payments", 1));
        for (short version = 0; version <= 3; version++) {
            ByteBuffer encoded = ConsumerProtocol.serializeAssignment(new ConsumerPartitionAssignor.Assignment(kafka,
                ByteBuffer.wrap(new byte[] {7, 7})), version);
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            assertThat(GroupCalls.assignedPartitions(bytes))
                .as("version %d", version)
                .containsExactly(new TopicPartition("orders", 0), new TopicPartition("orders", 2),
                    new TopicPartition("payments", 1));
        }
    }

    @Test
    void bytesThatAreNoAssignmentDecodeToNoPartitions() {
        assertThat(GroupCalls.assignedPartitions(new byte[0])).isEmpty();
        assertThat(GroupCalls.assignedPartitions(new byte[] {0})).isEmpty();
        assertThat(GroupCalls.assignedPartitions(new byte[] {0, 0, 0x7f, 0x7f, 0x7f, 0x7f})).isEmpty();
        assertThat(GroupCalls.assignedPartitions(new byte[] {(byte) 0xff, (byte) 0xff})).isEmpty();
    }
}
