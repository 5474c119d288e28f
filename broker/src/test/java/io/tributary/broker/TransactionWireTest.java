package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.tributary.broker.support.WireClient;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.AddOffsetsToTxnRequest;
import io.tributary.protocol.message.AddOffsetsToTxnResponse;
import io.tributary.protocol.message.AddPartitionsToTxnRequest;
import io.tributary.protocol.message.AddPartitionsToTxnResponse;
import io.tributary.protocol.message.ApiVersionsRequest;
import io.tributary.protocol.message.ApiVersionsResponse;
import io.tributary.protocol.message.DescribeTransactionsRequest;
import io.tributary.protocol.message.DescribeTransactionsResponse;
import io.tributary.protocol.message.EndTxnRequest;
import io.tributary.protocol.message.EndTxnResponse;
import io.tributary.protocol.message.FetchRequest;
import io.tributary.protocol.message.FetchResponse;
import io.tributary.protocol.message.InitProducerIdRequest;
import io.tributary.protocol.message.InitProducerIdResponse;
import io.tributary.protocol.message.ListOffsetsRequest;
import io.tributary.protocol.message.ListOffsetsResponse;
import io.tributary.protocol.message.ListTransactionsRequest;
import io.tributary.protocol.message.ListTransactionsResponse;
import io.tributary.protocol.message.ProduceRequest;
import io.tributary.protocol.message.ProduceResponse;
import io.tributary.protocol.message.TxnOffsetCommitRequest;
import io.tributary.protocol.message.TxnOffsetCommitResponse;
import io.tributary.protocol.message.WriteTxnMarkersRequest;
import io.tributary.protocol.message.WriteTxnMarkersResponse;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.RecordBatchBuilder;
import io.tributary.protocol.record.RecordBatches;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The transaction APIs on the wire: error codes per version, bad input, fetch with read_committed. */
final class TransactionWireTest {

    @Test
    void unknownTransactionalIdsAndEmptyIdsAreRefused() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.create().start(); WireClient c = new WireClient(broker.port())) {
            EndTxnResponse end = c.send(new EndTxnRequest().transactionalId("nobody").producerId(5)
                .producerEpoch((short) 0).committed(true), 3);
            assertThat(end.errorCode()).isEqualTo(ErrorCode.INVALID_PRODUCER_ID_MAPPING.code());
            AddOffsetsToTxnResponse offsets = c.send(new AddOffsetsToTxnRequest().transactionalId("nobody")
                .producerId(5).producerEpoch((short) 0).groupId("g"), 3);
            assertThat(offsets.errorCode()).isEqualTo(ErrorCode.INVALID_PRODUCER_ID_MAPPING.code());
            InitProducerIdResponse empty = c.send(new InitProducerIdRequest().transactionalId("")
                .transactionTimeoutMs(1000), 4);
            assertThat(empty.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST.code());
            DescribeTransactionsResponse described = c.send(new DescribeTransactionsRequest()
                .transactionalIds(new ArrayList<>(List.of("nobody"))), 0);
            assertThat(described.transactionStates().get(0).errorCode())
                .isEqualTo(ErrorCode.TRANSACTIONAL_ID_NOT_FOUND.code());
        }
    }

    @Test
    void initProducerIdRefusesATimeoutAboveTheMaximum() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.create(BrokerConfig.defaults()
            .set("transaction.max.timeout.ms", "5000")).start(); WireClient c = new WireClient(broker.port())) {
            assertThat(init(c, "t", 5001, 4).errorCode()).isEqualTo(ErrorCode.INVALID_TRANSACTION_TIMEOUT.code());
            assertThat(init(c, "t", 0, 4).errorCode()).isEqualTo(ErrorCode.INVALID_TRANSACTION_TIMEOUT.code());
            InitProducerIdResponse ok = init(c, "t", 5000, 4);
            assertThat(ok.errorCode()).isZero();
            assertThat(ok.producerEpoch()).isZero();
        }
    }

    @Test
    void addingAnUnknownTopicFailsAndLeavesTheOtherPartitionsUnattempted() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.create().start(); WireClient c = new WireClient(broker.port())) {
            broker.createTopic("known", 1);
            InitProducerIdResponse id = init(c, "adder", 60_000, 4);
            AddPartitionsToTxnResponse r = c.send(add("adder", id, Map.of("known", List.of(0), "missing",
                List.of(0))), 3);
            Map<String, Short> errors = partitionErrors(r);
            assertThat(errors).containsEntry("missing-0", ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code())
                .containsEntry("known-0", ErrorCode.OPERATION_NOT_ATTEMPTED.code());
            assertThat(partitionErrors(c.send(add("adder", id, Map.of("known", List.of(7))), 3)))
                .containsEntry("known-7", ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code());
            assertThat(partitionErrors(c.send(add("adder", id, Map.of("known", List.of(0))), 3)))
                .containsEntry("known-0", ErrorCode.NONE.code());
        }
    }

    @Test
    void staleEpochsAreFencedWithTheErrorTheirVersionKnows() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.create().start(); WireClient c = new WireClient(broker.port())) {
            broker.createTopic("fence", 1);
            InitProducerIdResponse old = init(c, "fencing", 60_000, 4);
            InitProducerIdResponse current = init(c, "fencing", 60_000, 4);
            assertThat(current.producerId()).isEqualTo(old.producerId());
            assertThat(current.producerEpoch()).isEqualTo((short) 1);
            EndTxnRequest stale = new EndTxnRequest().transactionalId("fencing").producerId(old.producerId())
                .producerEpoch(old.producerEpoch()).committed(true);
            assertThat(((EndTxnResponse) c.send(stale, 1)).errorCode())
                .isEqualTo(ErrorCode.INVALID_PRODUCER_EPOCH.code());
            assertThat(((EndTxnResponse) c.send(stale, 3)).errorCode()).isEqualTo(ErrorCode.PRODUCER_FENCED.code());
            assertThat(partitionErrors(c.send(add("fencing", old, Map.of("fence", List.of(0))), 1)))
                .containsEntry("fence-0", ErrorCode.INVALID_PRODUCER_EPOCH.code());
            assertThat(partitionErrors(c.send(add("fencing", old, Map.of("fence", List.of(0))), 3)))
                .containsEntry("fence-0", ErrorCode.PRODUCER_FENCED.code());
            // A recovering producer (v3+) naming another producer id is fenced too.
            InitProducerIdResponse recovering = c.send(new InitProducerIdRequest().transactionalId("fencing")
                .transactionTimeoutMs(60_000).producerId(current.producerId() + 100).producerEpoch((short) 0), 4);
            assertThat(recovering.errorCode()).isEqualTo(ErrorCode.PRODUCER_FENCED.code());
            // With no transaction open, EndTxn has nothing to end.
            assertThat(((EndTxnResponse) c.send(new EndTxnRequest().transactionalId("fencing")
                .producerId(current.producerId()).producerEpoch(current.producerEpoch()).committed(true), 3))
                .errorCode()).isEqualTo(ErrorCode.INVALID_TXN_STATE.code());
        }
    }

    @Test
    void aNewInstanceAbortsTheOpenTransactionAndRetriesWhileItCompletes() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.create().start(); WireClient c = new WireClient(broker.port())) {
            broker.createTopic("takeover", 1);
            InitProducerIdResponse first = init(c, "takeover", 60_000, 4);
            assertThat(partitionErrors(c.send(add("takeover", first, Map.of("takeover", List.of(0))), 3)))
                .containsEntry("takeover-0", ErrorCode.NONE.code());
            assertThat(produce(c, "takeover", "takeover", first, 0, 2, 9)).isZero();
            // The first InitProducerId of the new instance starts the abort and asks to retry.
            assertThat(init(c, "takeover", 60_000, 4).errorCode())
                .isEqualTo(ErrorCode.CONCURRENT_TRANSACTIONS.code());
            InitProducerIdResponse second = await().atMost(Duration.ofSeconds(10))
                .until(() -> init(c, "takeover", 60_000, 4), r -> r.errorCode() == 0);
            assertThat(second.producerId()).isEqualTo(first.producerId());
            assertThat(second.producerEpoch()).isEqualTo((short) 2);
            // The zombie's data is aborted: the last stable offset passed it, and its epoch is refused.
            assertThat(lastStableOffset(c, "takeover")).isEqualTo(3);
            assertThat(produce(c, "takeover", "takeover", first, 2, 1, 9))
                .isEqualTo(ErrorCode.INVALID_PRODUCER_EPOCH.code());
        }
    }

    @Test
    void transactionalWritesOutsideTheTransactionAreRefused() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.create().start(); WireClient c = new WireClient(broker.port())) {
            broker.createTopic("outside", 1);
            InitProducerIdResponse id = init(c, "outside", 60_000, 4);
            assertThat(produce(c, "outside", "outside", id, 0, 1, 9)).isEqualTo(ErrorCode.INVALID_TXN_STATE.code());
            assertThat(produce(c, "outside", "outside", id, 0, 1, 11))
                .isEqualTo(ErrorCode.TRANSACTION_ABORTABLE.code());
            // Offsets need AddOffsetsToTxn first.
            TxnOffsetCommitResponse offsets = c.send(new TxnOffsetCommitRequest().transactionalId("outside")
                .groupId("g").producerId(id.producerId()).producerEpoch(id.producerEpoch()).generationId(-1)
                .topics(new ArrayList<>(List.of(new TxnOffsetCommitRequest.TxnOffsetCommitRequestTopic()
                    .name("outside").partitions(new ArrayList<>(List.of(
                        new TxnOffsetCommitRequest.TxnOffsetCommitRequestPartition().partitionIndex(0)
                            .committedOffset(1))))))), 3);
            assertThat(offsets.topics().get(0).partitions().get(0).errorCode())
                .isEqualTo(ErrorCode.INVALID_TXN_STATE.code());
        }
    }

    @Test
    void readCommittedFetchStopsAtTheOpenTransactionAndListsAbortedOnes() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.create().start(); WireClient c = new WireClient(broker.port())) {
            broker.createTopic("fetched", 1);
            InitProducerIdResponse id = init(c, "fetcher", 60_000, 4);
            c.send(add("fetcher", id, Map.of("fetched", List.of(0))), 3);
            assertThat(produce(c, "fetched", "fetcher", id, 0, 2, 9)).isZero();
            assertThat(lastStableOffset(c, "fetched")).isZero();
            FetchResponse.PartitionData open = fetch(c, (byte) 1);
            assertThat(open.lastStableOffset()).isZero();
            assertThat(open.highWatermark()).isEqualTo(2);
            assertThat(open.records().readableBytes()).isZero();
            EndTxnResponse end = c.send(new EndTxnRequest().transactionalId("fetcher").producerId(id.producerId())
                .producerEpoch(id.producerEpoch()).committed(false), 3);
            assertThat(end.errorCode()).isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> lastStableOffset(c, "fetched") == 3);

            FetchResponse.PartitionData committed = fetch(c, (byte) 1);
            assertThat(committed.abortedTransactions()).hasSize(1);
            assertThat(committed.abortedTransactions().get(0).producerId()).isEqualTo(id.producerId());
            assertThat(committed.abortedTransactions().get(0).firstOffset()).isZero();
            List<RecordBatch> batches = new ArrayList<>();
            RecordBatches.of(committed.records()).forEach(batches::add);
            assertThat(batches).hasSize(2);
            assertThat(batches.get(1).isControl()).isTrue();
            assertThat(fetch(c, (byte) 0).abortedTransactions()).isNull();
            // A retried EndTxn of the completed transaction succeeds; the other outcome is refused.
            assertThat(((EndTxnResponse) c.send(new EndTxnRequest().transactionalId("fetcher")
                .producerId(id.producerId()).producerEpoch(id.producerEpoch()).committed(false), 3)).errorCode())
                .isZero();
            assertThat(((EndTxnResponse) c.send(new EndTxnRequest().transactionalId("fetcher")
                .producerId(id.producerId()).producerEpoch(id.producerEpoch()).committed(true), 3)).errorCode())
                .isEqualTo(ErrorCode.INVALID_TXN_STATE.code());
        }
    }

    @Test
    void transactionsV2AddPartitionsOnProduceAndBumpTheEpochAtEveryEnd() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.create().start(); WireClient c = new WireClient(broker.port())) {
            broker.createTopic("v2", 1);
            ApiVersionsResponse versions = c.send(new ApiVersionsRequest().clientSoftwareName("test")
                .clientSoftwareVersion("1"), 3);
            assertThat(versions.finalizedFeaturesEpoch()).isNotNegative();
            assertThat(versions.finalizedFeatures()).singleElement().satisfies(f -> {
                assertThat(f.name()).isEqualTo("transaction.version");
                assertThat(f.maxVersionLevel()).isEqualTo((short) 2);
            });
            InitProducerIdResponse id = init(c, "v2", 60_000, 5);
            // Produce v11 needs AddPartitionsToTxn first; v12 adds the partition itself.
            assertThat(produce(c, "v2", "v2", id, 0, 2, 11)).isEqualTo(ErrorCode.TRANSACTION_ABORTABLE.code());
            assertThat(produce(c, "v2", "v2", id, 0, 2, 12)).isZero();
            EndTxnResponse end = c.send(new EndTxnRequest().transactionalId("v2").producerId(id.producerId())
                .producerEpoch(id.producerEpoch()).committed(true), 5);
            assertThat(end.errorCode()).isZero();
            assertThat(end.producerId()).isEqualTo(id.producerId());
            assertThat(end.producerEpoch()).isEqualTo((short) (id.producerEpoch() + 1));
            // A retry with the epoch the commit replaced is answered as the commit was, with the new epoch:
            // CONCURRENT_TRANSACTIONS while the markers are written, NONE once the commit is complete.
            EndTxnRequest again = new EndTxnRequest().transactionalId("v2").producerId(id.producerId())
                .producerEpoch(id.producerEpoch()).committed(true);
            EndTxnResponse early = c.send(again, 5);
            assertThat(early.errorCode()).isIn(ErrorCode.NONE.code(), ErrorCode.CONCURRENT_TRANSACTIONS.code());
            assertThat(early.producerEpoch()).isEqualTo(end.producerEpoch());
            await().atMost(Duration.ofSeconds(10)).until(() -> ((EndTxnResponse) c.send(again, 5)).errorCode() == 0);
            assertThat(((EndTxnResponse) c.send(again, 5)).producerEpoch()).isEqualTo(end.producerEpoch());
            assertThat(lastStableOffset(c, "v2")).isEqualTo(3);
            // The old epoch is fenced; the new one starts its next transaction at sequence 0.
            assertThat(produce(c, "v2", "v2", id, 2, 1, 12)).isEqualTo(ErrorCode.INVALID_PRODUCER_EPOCH.code());
            InitProducerIdResponse bumped = new InitProducerIdResponse().producerId(end.producerId())
                .producerEpoch(end.producerEpoch());
            assertThat(produce(c, "v2", "v2", bumped, 0, 1, 12)).isZero();
            // An abort also bumps the epoch, even of a producer with no transaction open.
            EndTxnResponse abort = c.send(new EndTxnRequest().transactionalId("v2").producerId(bumped.producerId())
                .producerEpoch(bumped.producerEpoch()).committed(false), 5);
            assertThat(abort.errorCode()).isZero();
            assertThat(abort.producerEpoch()).isEqualTo((short) (bumped.producerEpoch() + 1));
            EndTxnRequest abortAgain = new EndTxnRequest().transactionalId("v2").producerId(bumped.producerId())
                .producerEpoch(bumped.producerEpoch()).committed(false);
            await().atMost(Duration.ofSeconds(10))
                .until(() -> ((EndTxnResponse) c.send(abortAgain, 5)).errorCode() == 0);
            assertThat(lastStableOffset(c, "v2")).isEqualTo(5);
            EndTxnResponse idle = c.send(new EndTxnRequest().transactionalId("v2").producerId(abort.producerId())
                .producerEpoch(abort.producerEpoch()).committed(false), 5);
            assertThat(idle.errorCode()).isZero();
            assertThat(idle.producerEpoch()).isEqualTo((short) (abort.producerEpoch() + 1));
        }
    }

    @Test
    void listTransactionsFiltersAndEchoesUnknownStates() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.create().start(); WireClient c = new WireClient(broker.port())) {
            broker.createTopic("listed", 1);
            InitProducerIdResponse a = init(c, "listed-a", 60_000, 4);
            init(c, "listed-b", 60_000, 4);
            c.send(add("listed-a", a, Map.of("listed", List.of(0))), 3);
            ListTransactionsResponse ongoing = c.send(new ListTransactionsRequest()
                .stateFilters(new ArrayList<>(List.of("Ongoing", "Bogus"))).producerIdFilters(new ArrayList<>()), 1);
            assertThat(ongoing.unknownStateFilters()).containsExactly("Bogus");
            assertThat(ongoing.transactionStates())
                .extracting(ListTransactionsResponse.TransactionState::transactionalId).containsExactly("listed-a");
            ListTransactionsResponse byPattern = c.send(new ListTransactionsRequest().stateFilters(new ArrayList<>())
                .producerIdFilters(new ArrayList<>()).durationFilter(-1).transactionalIdPattern("listed-.*"), 2);
            assertThat(byPattern.transactionStates()).hasSize(2);
            ListTransactionsResponse longRunning = c.send(new ListTransactionsRequest().stateFilters(new ArrayList<>())
                .producerIdFilters(new ArrayList<>()).durationFilter(3_600_000), 1);
            assertThat(longRunning.transactionStates()).isEmpty();
            ListTransactionsResponse badPattern = c.send(new ListTransactionsRequest().stateFilters(new ArrayList<>())
                .producerIdFilters(new ArrayList<>()).durationFilter(-1).transactionalIdPattern("(("), 2);
            assertThat(badPattern.errorCode()).isEqualTo(ErrorCode.INVALID_REGULAR_EXPRESSION.code());
        }
    }

    @Test
    void idleTransactionalIdsExpire() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.create(BrokerConfig.defaults()
            .set("transaction.abort.timed.out.transaction.cleanup.interval.ms", "100")
            .set("transaction.remove.expired.transaction.cleanup.interval.ms", "100")
            .set("transactional.id.expiration.ms", "300")).start(); WireClient c = new WireClient(broker.port())) {
            InitProducerIdResponse first = init(c, "expiring", 60_000, 4);
            assertThat(first.errorCode()).isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> ((DescribeTransactionsResponse) c.send(
                new DescribeTransactionsRequest().transactionalIds(new ArrayList<>(List.of("expiring"))), 0))
                .transactionStates().get(0).errorCode() == ErrorCode.TRANSACTIONAL_ID_NOT_FOUND.code());
            InitProducerIdResponse again = init(c, "expiring", 60_000, 4);
            assertThat(again.errorCode()).isZero();
            assertThat(again.producerId()).isNotEqualTo(first.producerId());
            assertThat(again.producerEpoch()).isZero();
        }
    }

    // ---------------------------------------------------------------- helpers

    @Test
    void writeTxnMarkersAbortsAnOpenTransactionAndRefusesUnknownPartitionsAndStaleEpochs() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.create().start(); WireClient c = new WireClient(broker.port())) {
            broker.createTopic("marked", 1);
            InitProducerIdResponse old = init(c, "marker", 60_000, 4);
            InitProducerIdResponse id = init(c, "marker", 60_000, 4);
            c.send(add("marker", id, Map.of("marked", List.of(0))), 3);
            assertThat(produce(c, "marked", "marker", id, 0, 2, 9)).isZero();
            assertThat(lastStableOffset(c, "marked")).isZero();

            WriteTxnMarkersResponse stale = c.send(marker(old, Map.of("marked", 0, "missing", 0)), 1);
            Map<String, Short> errors = new HashMap<>();
            stale.markers().get(0).topics().forEach(t -> t.partitions()
                .forEach(p -> errors.put(t.name() + "-" + p.partitionIndex(), p.errorCode())));
            assertThat(stale.markers().get(0).producerId()).isEqualTo(old.producerId());
            assertThat(errors).containsEntry("marked-0", ErrorCode.INVALID_PRODUCER_EPOCH.code())
                .containsEntry("missing-0", ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code());
            assertThat(lastStableOffset(c, "marked")).isZero();

            WriteTxnMarkersResponse aborted = c.send(marker(id, Map.of("marked", 0)), 2);
            assertThat(aborted.markers().get(0).topics().get(0).partitions().get(0).errorCode()).isZero();
            // Two records and the ABORT marker: the partition is stable to its end.
            assertThat(lastStableOffset(c, "marked")).isEqualTo(3);
        }
    }

    private static WriteTxnMarkersRequest marker(InitProducerIdResponse producer, Map<String, Integer> partitions) {
        List<WriteTxnMarkersRequest.WritableTxnMarkerTopic> topics = new ArrayList<>();
        partitions.forEach((t, p) -> topics.add(new WriteTxnMarkersRequest.WritableTxnMarkerTopic().name(t)
            .partitionIndexes(new ArrayList<>(List.of(p)))));
        return new WriteTxnMarkersRequest().markers(new ArrayList<>(List.of(new WriteTxnMarkersRequest
            .WritableTxnMarker().producerId(producer.producerId()).producerEpoch(producer.producerEpoch())
            .transactionResult(false).coordinatorEpoch(0).topics(topics))));
    }

    /** InitProducerId, asked again while a fresh broker's transaction coordinator is still loading, as clients do. */
    private static InitProducerIdResponse init(WireClient c, String id, int timeoutMs, int version)
        throws Exception {
        InitProducerIdRequest request = new InitProducerIdRequest().transactionalId(id).transactionTimeoutMs(timeoutMs);
        InitProducerIdResponse[] answer = new InitProducerIdResponse[1];
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            answer[0] = c.send(request, version);
            return answer[0].errorCode() != ErrorCode.COORDINATOR_LOAD_IN_PROGRESS.code();
        });
        return answer[0];
    }

    private static AddPartitionsToTxnRequest add(String id, InitProducerIdResponse producer,
                                                 Map<String, List<Integer>> partitions) {
        List<AddPartitionsToTxnRequest.AddPartitionsToTxnTopic> topics = new ArrayList<>();
        partitions.forEach((t, p) -> topics.add(new AddPartitionsToTxnRequest.AddPartitionsToTxnTopic().name(t)
            .partitions(new ArrayList<>(p))));
        return new AddPartitionsToTxnRequest().v3AndBelowTransactionalId(id)
            .v3AndBelowProducerId(producer.producerId()).v3AndBelowProducerEpoch(producer.producerEpoch())
            .v3AndBelowTopics(topics);
    }

    private static Map<String, Short> partitionErrors(AddPartitionsToTxnResponse r) {
        Map<String, Short> out = new HashMap<>();
        for (AddPartitionsToTxnResponse.AddPartitionsToTxnTopicResult t : r.resultsByTopicV3AndBelow()) {
            for (AddPartitionsToTxnResponse.AddPartitionsToTxnPartitionResult p : t.resultsByPartition()) {
                out.put(t.name() + "-" + p.partitionIndex(), p.partitionErrorCode());
            }
        }
        return out;
    }

    /** Produces {@code count} transactional records to partition 0 and returns the error code. */
    private static short produce(WireClient c, String topic, String transactionalId,
                                 InitProducerIdResponse producer, int sequence, int count, int version)
        throws Exception {
        RecordBatchBuilder b = RecordBatchBuilder.create().producer(producer.producerId(), producer.producerEpoch(),
            sequence).transactional(true);
        for (int i = 0; i < count; i++) {
            b.append(System.currentTimeMillis(), null, ("v" + (sequence + i)).getBytes());
        }
        ByteBuf batch = b.build();
        ProduceResponse r = c.send(new ProduceRequest().transactionalId(transactionalId).acks((short) -1)
            .timeoutMs(5000).topicData(new ArrayList<>(List.of(new ProduceRequest.TopicProduceData().name(topic)
                .partitionData(new ArrayList<>(List.of(new ProduceRequest.PartitionProduceData().index(0)
                    .records(batch))))))), version);
        return r.responses().get(0).partitionResponses().get(0).errorCode();
    }

    private static long lastStableOffset(WireClient c, String topic) throws Exception {
        ListOffsetsResponse r = c.send(new ListOffsetsRequest().replicaId(-1).isolationLevel((byte) 1)
            .topics(new ArrayList<>(List.of(new ListOffsetsRequest.ListOffsetsTopic().name(topic)
                .partitions(new ArrayList<>(List.of(new ListOffsetsRequest.ListOffsetsPartition().partitionIndex(0)
                    .timestamp(-1))))))), 7);
        return r.topics().get(0).partitions().get(0).offset();
    }

    private static FetchResponse.PartitionData fetch(WireClient c, byte isolation) throws Exception {
        FetchResponse r = c.send(new FetchRequest().maxWaitMs(0).minBytes(0).isolationLevel(isolation)
            .topics(new ArrayList<>(List.of(new FetchRequest.FetchTopic().topic("fetched")
                .partitions(new ArrayList<>(List.of(new FetchRequest.FetchPartition().partition(0).fetchOffset(0)
                    .partitionMaxBytes(1 << 20))))))), 11);
        return r.responses().get(0).partitions().get(0);
    }
}
