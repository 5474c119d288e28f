package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.tributary.broker.support.WireClient;
import io.tributary.protocol.message.FetchRequest;
import io.tributary.protocol.message.FetchResponse;
import io.tributary.protocol.message.ProduceRequest;
import io.tributary.protocol.message.ProduceResponse;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.RecordBatchBuilder;
import io.tributary.protocol.record.RecordBatches;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Record sets large enough to leave the broker as file regions ({@code sendfile}) arrive byte for byte as they were
 * stored, framed correctly among the small partitions that are copied, on connections that keep working afterwards.
 */
final class ZeroCopyFetchTest {
    private static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.create().start();
        broker.createTopic("big", 3);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void largeAndSmallRecordSetsInOneResponseArriveIntact() throws Exception {
        Random random = new Random(7);
        List<byte[]> stored = new ArrayList<>();
        try (WireClient client = new WireClient(broker.port())) {
            for (int p = 0; p < 3; p++) {
                // partition 1 stays small (copied into the frame); 0 and 2 are sent from the file
                int size = p == 1 ? 100 : 20_000 + p;
                byte[] value = new byte[size];
                random.nextBytes(value);
                ByteBuf batch = RecordBatchBuilder.create().append(1_000L + p, null, value).build();
                stored.add(value);
                ProduceResponse r = client.send(new ProduceRequest().acks((short) 1).timeoutMs(5000).topicData(
                    new ArrayList<>(List.of(new ProduceRequest.TopicProduceData().name("big").partitionData(
                        new ArrayList<>(List.of(new ProduceRequest.PartitionProduceData().index(p).records(batch))))))),
                    9);
                assertThat(r.responses().get(0).partitionResponses().get(0).errorCode()).isZero();
            }
            for (int round = 0; round < 3; round++) {
                FetchResponse fetched = client.send(new FetchRequest().maxWaitMs(0).minBytes(0).maxBytes(1 << 20)
                    .sessionId(0).sessionEpoch(-1).rackId("").topics(new ArrayList<>(List.of(
                        new FetchRequest.FetchTopic().topic("big").partitions(new ArrayList<>(List.of(
                            from(0), from(1), from(2))))))), 12);
                List<FetchResponse.PartitionData> parts = fetched.responses().get(0).partitions();
                assertThat(parts).hasSize(3);
                for (int p = 0; p < 3; p++) {
                    assertThat(parts.get(p).errorCode()).isZero();
                    List<RecordBatch> batches = new ArrayList<>();
                    RecordBatches.of(parts.get(p).records()).forEach(batches::add);
                    assertThat(batches).hasSize(1);
                    byte[] value = ByteBufUtil.getBytes(batches.get(0).records().iterator().next().value());
                    assertThat(value).as("partition %s, round %s", p, round).isEqualTo(stored.get(p));
                }
            }
        }
    }

    private static FetchRequest.FetchPartition from(int partition) {
        return new FetchRequest.FetchPartition().partition(partition).fetchOffset(0).partitionMaxBytes(1 << 20);
    }
}
