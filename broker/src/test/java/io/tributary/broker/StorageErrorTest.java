package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.support.WireClient;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.FetchRequest;
import io.tributary.protocol.message.FetchResponse;
import io.tributary.protocol.message.ListOffsetsRequest;
import io.tributary.protocol.message.ListOffsetsResponse;
import io.tributary.protocol.message.ProduceRequest;
import io.tributary.protocol.message.ProduceResponse;
import io.tributary.protocol.record.RecordBatchBuilder;
import io.tributary.protocol.record.RecordBatches;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A partition whose files fail is answered with {@code KAFKA_STORAGE_ERROR} for every request that touches it, while
 * the other partitions of the same topic, in the same requests, keep working.
 */
final class StorageErrorTest {
    private static final String TOPIC = "disk";

    @TempDir
    Path logDir;

    private EmbeddedBroker broker;

    @BeforeEach
    void startWithOneBrokenPartition() throws Exception {
        broker = EmbeddedBroker.create(BrokerConfig.defaults().set("log.dirs", logDir.toString())).start();
        broker.createTopic(TOPIC, 2);
        try (WireClient client = new WireClient(broker.port())) {
            assertThat(produce(client)).containsExactly(ErrorCode.NONE.code(), ErrorCode.NONE.code());
        }
        broker.stop();
        // The segment file of partition 0 becomes unreadable: a directory where the log file was
        try (Stream<Path> files = Files.list(logDir.resolve(TOPIC + "-0"))) {
            Path segment = files.filter(f -> f.toString().endsWith(".log")).findFirst().orElseThrow();
            Files.delete(segment);
            Files.createDirectory(segment);
        }
        broker.start();
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void produceToTheBrokenPartitionIsAStorageErrorAndTheOtherPartitionAppends() throws Exception {
        try (WireClient client = new WireClient(broker.port())) {
            assertThat(produce(client)).containsExactly(ErrorCode.KAFKA_STORAGE_ERROR.code(), ErrorCode.NONE.code());
            assertThat(produce(client)).containsExactly(ErrorCode.KAFKA_STORAGE_ERROR.code(), ErrorCode.NONE.code());
        }
    }

    @Test
    void fetchAndListOffsetsAnswerStorageErrorOnlyForTheBrokenPartition() throws Exception {
        try (WireClient client = new WireClient(broker.port())) {
            FetchResponse fetched = client.send(new FetchRequest().maxWaitMs(0).minBytes(0).maxBytes(1 << 20)
                .sessionId(0).sessionEpoch(-1).rackId("").topics(new ArrayList<>(List.of(
                    new FetchRequest.FetchTopic().topic(TOPIC).partitions(new ArrayList<>(List.of(
                        fetchFrom(0), fetchFrom(1))))))), 12);
            List<FetchResponse.PartitionData> parts = fetched.responses().get(0).partitions();
            assertThat(parts.get(0).errorCode()).isEqualTo(ErrorCode.KAFKA_STORAGE_ERROR.code());
            assertThat(parts.get(1).errorCode()).isZero();
            assertThat(parts.get(1).highWatermark()).isEqualTo(1);
            assertThat(RecordBatches.of(parts.get(1).records())).singleElement()
                .satisfies(batch -> assertThat(batch.lastOffsetDelta()).isZero());

            ListOffsetsResponse listed = client.send(new ListOffsetsRequest().replicaId(-1).topics(new ArrayList<>(
                List.of(new ListOffsetsRequest.ListOffsetsTopic().name(TOPIC).partitions(new ArrayList<>(List.of(
                    new ListOffsetsRequest.ListOffsetsPartition().partitionIndex(0).timestamp(-1),
                    new ListOffsetsRequest.ListOffsetsPartition().partitionIndex(1).timestamp(-1))))))), 7);
            List<ListOffsetsResponse.ListOffsetsPartitionResponse> offsets = listed.topics().get(0).partitions();
            assertThat(offsets.get(0).errorCode()).isEqualTo(ErrorCode.KAFKA_STORAGE_ERROR.code());
            assertThat(offsets.get(1).errorCode()).isZero();
            assertThat(offsets.get(1).offset()).isEqualTo(1);
        }
    }

    private static FetchRequest.FetchPartition fetchFrom(int partition) {
        return new FetchRequest.FetchPartition().partition(partition).fetchOffset(0).partitionMaxBytes(1 << 20);
    }

    /** Produces one record to each partition; the error code of each. */
    private static List<Short> produce(WireClient client) throws Exception {
        List<ProduceRequest.PartitionProduceData> data = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            data.add(new ProduceRequest.PartitionProduceData().index(p).records(RecordBatchBuilder.create()
                .append(System.currentTimeMillis(), null, ("v" + p).getBytes()).build()));
        }
        ProduceResponse r = client.send(new ProduceRequest().acks((short) 1).timeoutMs(5000).topicData(new ArrayList<>(
            List.of(new ProduceRequest.TopicProduceData().name(TOPIC).partitionData(data)))), 9);
        return r.responses().get(0).partitionResponses().stream()
            .map(ProduceResponse.PartitionProduceResponse::errorCode)
            .toList();
    }
}
