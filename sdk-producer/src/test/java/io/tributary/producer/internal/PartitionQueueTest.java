package io.tributary.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.TopicPartition;
import io.tributary.producer.RecordMetadata;
import io.tributary.protocol.record.Compression;
import java.util.List;
import org.junit.jupiter.api.Test;

final class PartitionQueueTest {
    private static final TopicPartition PARTITION = new TopicPartition("orders", 0);
    private static final long LINGER = 0;
    private static final RecordCallback NO_CALLBACK = new RecordCallback() {
        @Override
        public void onSent(RecordMetadata metadata) {
        }

        @Override
        public void onFailed(Throwable error) {
        }
    };

    private static PartitionQueue queueOf(int batches) {
        PartitionQueue queue = new PartitionQueue(PARTITION);
        for (int i = 0; i < batches; i++) {
            ProducerBatch batch = new ProducerBatch(PARTITION, Compression.NONE, 1024, 0);
            batch.tryAppend(0, null, new byte[] {(byte) i}, List.of(), 16, NO_CALLBACK);
            queue.add(batch);
        }
        return queue;
    }

    @Test
    void anIdempotentPartitionSendsOneBatchAtATimeUntilTheLeaderHasWrittenOne() {
        // A leader without state for the producer accepts any first sequence: a second batch overtaking a retried
        // first one would leave a gap that fails every later retry with OUT_OF_ORDER_SEQUENCE_NUMBER.
        PartitionQueue queue = queueOf(3);
        assertThat(queue.pollSendable(1, LINGER, false, true)).isNotNull();
        assertThat(queue.pollSendable(1, LINGER, false, true)).as("second batch while the first is unanswered")
            .isNull();

        queue.completed(true);

        assertThat(queue.pollSendable(1, LINGER, false, true)).isNotNull();
        assertThat(queue.pollSendable(1, LINGER, false, true)).as("pipelined once the leader knows the producer")
            .isNotNull();
    }

    @Test
    void aFailedFirstBatchKeepsThePartitionToOneInFlight() {
        PartitionQueue queue = queueOf(2);
        ProducerBatch first = queue.pollSendable(1, LINGER, false, true);
        queue.retry(first);

        assertThat(queue.pollSendable(1, LINGER, false, true)).isSameAs(first);
        assertThat(queue.pollSendable(1, LINGER, false, true)).isNull();
    }

    @Test
    void aNonIdempotentPartitionPipelinesFromTheStart() {
        PartitionQueue queue = queueOf(2);
        assertThat(queue.pollSendable(1, LINGER, false, false)).isNotNull();
        assertThat(queue.pollSendable(1, LINGER, false, false)).isNotNull();
    }
}
