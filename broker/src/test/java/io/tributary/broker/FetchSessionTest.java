package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.support.WireClient;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.FetchRequest;
import io.tributary.protocol.message.FetchResponse;
import io.tributary.protocol.message.ProduceRequest;
import io.tributary.protocol.message.ProduceResponse;
import io.tributary.protocol.record.RecordBatchBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Incremental fetch sessions (KIP-227) as the broker serves them, driven request by request. */
final class FetchSessionTest {
    private static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.create().start();
        broker.createTopic("sessions", 2);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void incrementalFetchesCarryOnlyPartitionsWithNews() throws Exception {
        try (WireClient client = new WireClient(broker.port())) {
            produce(client, 0, "a");
            FetchResponse first = client.send(fetch(0, 0, List.of(part(0, 0), part(1, 0)), List.of()), 12);
            assertThat(first.sessionId()).isNotZero();
            assertThat(first.responses().get(0).partitions()).hasSize(2);
            assertThat(first.responses().get(0).partitions().get(0).records().readableBytes()).isPositive();

            // Nothing new and no changes: an incremental response lists no partitions.
            FetchResponse quiet = client.send(fetch(first.sessionId(), 1, List.of(part(0, 1)), List.of()), 12);
            assertThat(quiet.errorCode()).isZero();
            assertThat(quiet.responses()).isEmpty();

            // New records in partition 1 only: the response carries partition 1 alone.
            produce(client, 1, "b");
            FetchResponse news = client.send(fetch(first.sessionId(), 2, List.of(), List.of()), 12);
            assertThat(news.responses()).singleElement().satisfies(t ->
                assertThat(t.partitions()).singleElement().satisfies(p -> {
                    assertThat(p.partitionIndex()).isEqualTo(1);
                    assertThat(p.records().readableBytes()).isPositive();
                }));

            FetchResponse wrongEpoch = client.send(fetch(first.sessionId(), 9, List.of(), List.of()), 12);
            assertThat(wrongEpoch.errorCode()).isEqualTo(ErrorCode.INVALID_FETCH_SESSION_EPOCH.code());
            FetchResponse unknown = client.send(fetch(12345, 1, List.of(), List.of()), 12);
            assertThat(unknown.errorCode()).isEqualTo(ErrorCode.FETCH_SESSION_ID_NOT_FOUND.code());
        }
    }

    @Test
    void partitionsThatReturnedRecordsMoveToTheEndSoOthersGetTheirTurn() throws Exception {
        broker.createTopic("fair", 2);
        try (WireClient client = new WireClient(broker.port())) {
            for (int p = 0; p < 2; p++) {
                produce(client, "fair", p, "record-" + p);
            }
            // MaxBytes 1: only the first partition in the session's order returns its (first) batch
            FetchRequest full = new FetchRequest().maxWaitMs(0).minBytes(0).maxBytes(1).sessionId(0).sessionEpoch(0)
                .rackId("").topics(new ArrayList<>(List.of(new FetchRequest.FetchTopic().topic("fair")
                    .partitions(new ArrayList<>(List.of(part(0, 0), part(1, 0)))))));
            FetchResponse first = client.send(full, 12);
            assertThat(partitionsWithRecords(first)).containsExactly(0);

            List<Integer> served = new ArrayList<>();
            for (int epoch = 1; epoch <= 4; epoch++) {
                FetchResponse r = client.send(new FetchRequest().maxWaitMs(0).minBytes(0).maxBytes(1)
                    .sessionId(first.sessionId()).sessionEpoch(epoch).rackId(""), 12);
                assertThat(r.errorCode()).isZero();
                served.addAll(partitionsWithRecords(r));
            }
            assertThat(served).containsExactly(0, 1, 0, 1);
        }
    }

    private static List<Integer> partitionsWithRecords(FetchResponse r) {
        return r.responses().stream()
            .flatMap(t -> t.partitions().stream())
            .filter(p -> p.records() != null && p.records().isReadable())
            .map(FetchResponse.PartitionData::partitionIndex)
            .toList();
    }

    @Test
    void sessionlessFetchesAnswerEveryPartitionWithoutASession() throws Exception {
        try (WireClient client = new WireClient(broker.port())) {
            FetchResponse r = client.send(fetch(0, -1, List.of(part(0, 0), part(1, 0)), List.of()), 11);
            assertThat(r.sessionId()).isZero();
            assertThat(r.responses().get(0).partitions()).hasSize(2);
            assertThat(r.responses().get(0).partitions()).allSatisfy(p -> assertThat(p.records()).isNotNull());
        }
    }

    @Test
    void fetchBeyondTheLogEndIsOffsetOutOfRange() throws Exception {
        try (WireClient client = new WireClient(broker.port())) {
            FetchResponse r = client.send(fetch(0, -1, List.of(part(0, 1_000_000)), List.of()), 11);
            assertThat(r.responses().get(0).partitions().get(0).errorCode())
                .isEqualTo(ErrorCode.OFFSET_OUT_OF_RANGE.code());
        }
    }

    @Test
    void unknownTopicsAreReported() throws Exception {
        try (WireClient client = new WireClient(broker.port())) {
            FetchRequest request = new FetchRequest().maxWaitMs(0).minBytes(1).maxBytes(1 << 20)
                .sessionId(0).sessionEpoch(-1)
                .topics(new ArrayList<>(List.of(new FetchRequest.FetchTopic().topic("nope")
                    .partitions(new ArrayList<>(List.of(part(0, 0)))))));
            FetchResponse r = client.send(request, 11);
            assertThat(r.responses().get(0).partitions().get(0).errorCode())
                .isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code());
        }
    }

    private static void produce(WireClient client, int partition, String value) throws Exception {
        produce(client, "sessions", partition, value);
    }

    private static void produce(WireClient client, String topic, int partition, String value) throws Exception {
        ProduceRequest request = new ProduceRequest().acks((short) 1).timeoutMs(5000).topicData(new ArrayList<>(
            List.of(new ProduceRequest.TopicProduceData().name(topic).partitionData(new ArrayList<>(List.of(
                new ProduceRequest.PartitionProduceData().index(partition).records(RecordBatchBuilder.create()
                    .append(System.currentTimeMillis(), null, value.getBytes()).build())))))));
        ProduceResponse r = client.send(request, 9);
        assertThat(r.responses().get(0).partitionResponses().get(0).errorCode()).isZero();
    }

    private static FetchRequest.FetchPartition part(int partition, long offset) {
        return new FetchRequest.FetchPartition().partition(partition).fetchOffset(offset).partitionMaxBytes(1 << 20);
    }

    private static FetchRequest fetch(int sessionId, int epoch, List<FetchRequest.FetchPartition> partitions,
                                      List<Integer> forgotten) {
        List<FetchRequest.FetchTopic> topics = new ArrayList<>();
        if (!partitions.isEmpty()) {
            topics.add(new FetchRequest.FetchTopic().topic("sessions").partitions(new ArrayList<>(partitions)));
        }
        List<FetchRequest.ForgottenTopic> gone = new ArrayList<>();
        if (!forgotten.isEmpty()) {
            gone.add(new FetchRequest.ForgottenTopic().topic("sessions").partitions(new ArrayList<>(forgotten)));
        }
        return new FetchRequest().maxWaitMs(0).minBytes(0).maxBytes(1 << 20).sessionId(sessionId)
            .sessionEpoch(epoch).topics(topics).forgottenTopicsData(gone).rackId("");
    }

}
