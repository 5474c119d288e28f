package io.tributary.samples.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.EmbeddedBroker;
import io.tributary.samples.SampleOutput;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

final class ConsumerSamplesTest {

    @Test
    void theConsumerGroupSampleTotalsEveryPartitionAndCommitsWhatItProcessed() throws Exception {
        assertThat(SampleOutput.of(() -> ConsumerGroupSample.main(new String[0])))
            .hasSize(3)
            .allMatch(line -> line.matches("partition [0-2]: total \\d+"));

        try (EmbeddedBroker broker = EmbeddedBroker.create().start();
             Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            broker.createTopic("payments", 3);
            List<String> totals = ConsumerGroupSample.run(broker.bootstrapServers(), "payments");
            // 600 payments of (i % 100): 6 × (0 + ... + 99) = 29,700 across the partitions.
            long sum = totals.stream().mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).sum();
            assertThat(sum).isEqualTo(29_700);
            // close() committed what was acknowledged and left the group: every record.
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("payment-totals")
                .partitionsToOffsetAndMetadata().get();
            assertThat(committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum()).isEqualTo(600);
        }
    }

    @Test
    void theExactlyOnceSampleShipsEveryOrderOnce() {
        assertThat(SampleOutput.of(() -> ExactlyOnceSample.main(new String[0])))
            .containsExactly("100 orders shipped, 100 distinct, e.g. \"ORDER 0\"");
    }
}
