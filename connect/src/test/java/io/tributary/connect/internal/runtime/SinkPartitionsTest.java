package io.tributary.connect.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.Header;
import io.tributary.common.TopicPartition;
import io.tributary.consumer.ReceivedRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

final class SinkPartitionsTest {
    private static final TopicPartition TP = new TopicPartition("t", 0);
    private final List<Long> acknowledged = new ArrayList<>();

    private ReceivedRecord<byte[], byte[]> record(long offset) {
        return new ReceivedRecord<>() {
            @Override
            public TopicPartition topicPartition() {
                return TP;
            }

            @Override
            public long offset() {
                return offset;
            }

            @Override
            public long timestamp() {
                return 0;
            }

            @Override
            public byte[] key() {
                return null;
            }

            @Override
            public byte[] value() {
                return null;
            }

            @Override
            public List<Header> headers() {
                return List.of();
            }

            @Override
            public void acknowledge() {
                acknowledged.add(offset);
            }

            @Override
            public Mono<Void> commit() {
                return Mono.empty();
            }
        };
    }

    @Test
    void acknowledgesOnlyWhatACommitApproves() {
        SinkPartitions partitions = new SinkPartitions();
        partitions.assign(Set.of(TP));
        for (long o = 0; o < 5; o++) {
            partitions.delivered(record(o));
        }
        assertThat(partitions.currentOffsets()).isEqualTo(Map.of(TP, 5L));
        assertThat(acknowledged).isEmpty();

        List<ReceivedRecord<byte[], byte[]>> last = partitions.approve(Map.of(TP, 3L));
        assertThat(acknowledged).containsExactly(0L, 1L, 2L);
        assertThat(last).extracting(ReceivedRecord::offset).containsExactly(2L);
        assertThat(partitions.heldCount()).isEqualTo(2);
        assertThat(partitions.firstHeldOffsets()).isEqualTo(Map.of(TP, 3L));
    }

    @Test
    void dropsRecordsEmittedBeforeASeekAndResumesPausedPartitionsWhereTheyStopped() {
        SinkPartitions partitions = new SinkPartitions();
        partitions.assign(Set.of(TP));
        SinkPartitions.Stamped early = partitions.stamp(record(7));
        partitions.sought(TP, 2);
        assertThat(partitions.deliverable(early)).isFalse();
        assertThat(partitions.deliverable(partitions.stamp(record(2)))).isTrue();
        assertThat(partitions.currentOffsets()).isEqualTo(Map.of(TP, 2L));

        partitions.pause(Set.of(TP));
        assertThat(partitions.deliverable(partitions.stamp(record(2)))).isFalse();
        assertThat(partitions.deliverable(partitions.stamp(record(3)))).isFalse();
        assertThat(partitions.resume(Set.of(TP))).isEqualTo(Map.of(TP, 2L));

        partitions.revoke(Set.of(TP));
        assertThat(partitions.deliverable(partitions.stamp(record(2)))).isFalse();
        assertThat(partitions.assigned()).isEmpty();
    }
}
