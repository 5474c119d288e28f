package io.tributary.consumer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.TopicPartition;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class ConsumerProtocolCodecTest {
    private static final Set<TopicPartition> OWNED = Set.of(new TopicPartition("b", 1), new TopicPartition("a", 0),
        new TopicPartition("b", 0));

    @Test
    void kafkaClientsReadsTheSubscriptionWeWrite() {
        byte[] bytes = ConsumerProtocolCodec.subscription(List.of("b", "a"), new byte[] {0, 0, 0, 7}, OWNED, 7,
            "rack-1");

        ConsumerPartitionAssignor.Subscription read = ConsumerProtocol.deserializeSubscription(ByteBuffer.wrap(bytes));

        assertThat(read.topics()).containsExactly("a", "b");
        assertThat(read.userData().getInt()).isEqualTo(7);
        assertThat(read.ownedPartitions()).containsExactly(new org.apache.kafka.common.TopicPartition("a", 0),
            new org.apache.kafka.common.TopicPartition("b", 0), new org.apache.kafka.common.TopicPartition("b", 1));
        assertThat(read.generationId()).contains(7);
        assertThat(read.rackId()).contains("rack-1");
    }

    @ParameterizedTest
    @ValueSource(shorts = {0, 1, 2, 3})
    void readsTheSubscriptionKafkaClientsWriteInEveryVersion(short version) {
        ConsumerPartitionAssignor.Subscription kafka = new ConsumerPartitionAssignor.Subscription(List.of("x", "y"),
            ByteBuffer.wrap(new byte[] {1, 2}), List.of(new org.apache.kafka.common.TopicPartition("x", 3)), 5,
            Optional.of("rack"));
        ByteBuffer buffer = ConsumerProtocol.serializeSubscription(kafka, version);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);

        GroupAssignor.MemberSubscription read = ConsumerProtocolCodec.readSubscription("m", "i", bytes);

        assertThat(read.topics()).containsExactly("x", "y");
        assertThat(read.userData()).containsExactly(1, 2);
        assertThat(read.ownedPartitions()).isEqualTo(version >= 1 ? List.of(new TopicPartition("x", 3)) : List.of());
        assertThat(read.generation()).isEqualTo(version >= 2 ? 5 : -1);
        assertThat(read.rackId()).isEqualTo(version >= 3 ? "rack" : null);
        assertThat(read.groupInstanceId()).isEqualTo("i");
    }

    @Test
    void assignmentsCrossBothWays() {
        byte[] ours = ConsumerProtocolCodec.assignment(OWNED);
        ConsumerPartitionAssignor.Assignment read = ConsumerProtocol.deserializeAssignment(ByteBuffer.wrap(ours));
        assertThat(read.partitions()).containsExactlyInAnyOrder(new org.apache.kafka.common.TopicPartition("a", 0),
            new org.apache.kafka.common.TopicPartition("b", 0), new org.apache.kafka.common.TopicPartition("b", 1));

        ByteBuffer buffer = ConsumerProtocol.serializeAssignment(new ConsumerPartitionAssignor.Assignment(
            List.of(new org.apache.kafka.common.TopicPartition("z", 9))), (short) 0);
        byte[] kafka = new byte[buffer.remaining()];
        buffer.get(kafka);
        assertThat(ConsumerProtocolCodec.readAssignment(kafka)).containsExactly(new TopicPartition("z", 9));
    }

    @Test
    void anAssignorsUserDataInAnAssignmentCrossesBothWays() {
        byte[] ours = ConsumerProtocolCodec.assignment(OWNED, new byte[] {7, 8});
        ConsumerPartitionAssignor.Assignment read = ConsumerProtocol.deserializeAssignment(ByteBuffer.wrap(ours));
        assertThat(read.userData().remaining()).isEqualTo(2);
        assertThat(read.userData().get(1)).isEqualTo((byte) 8);

        ByteBuffer buffer = ConsumerProtocol.serializeAssignment(new ConsumerPartitionAssignor.Assignment(
            List.of(new org.apache.kafka.common.TopicPartition("z", 9)), ByteBuffer.wrap(new byte[] {5})));
        byte[] kafka = new byte[buffer.remaining()];
        buffer.get(kafka);
        assertThat(ConsumerProtocolCodec.assignmentUserData(kafka)).containsExactly(5);
        assertThat(ConsumerProtocolCodec.assignmentUserData(ConsumerProtocolCodec.assignment(OWNED))).isNull();
        assertThat(ConsumerProtocolCodec.assignmentUserData(new byte[0])).isNull();
    }

    @Test
    void readsAnEmptyAssignmentAsNoPartitions() {
        assertThat(ConsumerProtocolCodec.readAssignment(new byte[0])).isEmpty();
    }
}
