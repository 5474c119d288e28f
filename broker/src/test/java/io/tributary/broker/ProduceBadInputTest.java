package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.tributary.broker.support.WireClient;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.DeleteRecordsRequest;
import io.tributary.protocol.message.DeleteRecordsResponse;
import io.tributary.protocol.message.ListOffsetsRequest;
import io.tributary.protocol.message.ListOffsetsResponse;
import io.tributary.protocol.message.MetadataRequest;
import io.tributary.protocol.message.MetadataResponse;
import io.tributary.protocol.message.ProduceRequest;
import io.tributary.protocol.message.ProduceResponse;
import io.tributary.protocol.record.RecordBatchBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Requests a broken or hostile client could send get Kafka's error codes, per partition, and nothing else breaks. */
final class ProduceBadInputTest {
    private static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.create(BrokerConfig.defaults().set("auto.create.topics.enable", "false")).start();
        broker.createTopic("good", 2);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void unknownTopicsAndPartitionsAreUnknownTopicOrPartition() throws Exception {
        try (WireClient client = new WireClient(broker.port())) {
            assertThat(produceError(client, "missing", 0, batch(), (short) 1))
                .isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code());
            assertThat(produceError(client, "good", 7, batch(), (short) 1))
                .isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code());
        }
    }

    @Test
    void corruptBatchesAreCorruptMessageWhileOtherPartitionsSucceed() throws Exception {
        try (WireClient client = new WireClient(broker.port())) {
            ByteBuf corrupt = batch();
            corrupt.setByte(corrupt.writerIndex() - 1, corrupt.getByte(corrupt.writerIndex() - 1) ^ 0x7f);
            ProduceRequest request = new ProduceRequest().acks((short) 1).timeoutMs(5000).topicData(new ArrayList<>(
                List.of(new ProduceRequest.TopicProduceData().name("good").partitionData(new ArrayList<>(List.of(
                    new ProduceRequest.PartitionProduceData().index(0).records(corrupt),
                    new ProduceRequest.PartitionProduceData().index(1).records(batch())))))));
            ProduceResponse r = client.send(request, 9);
            List<ProduceResponse.PartitionProduceResponse> parts = r.responses().get(0).partitionResponses();
            assertThat(parts.get(0).errorCode()).isEqualTo(ErrorCode.CORRUPT_MESSAGE.code());
            assertThat(parts.get(1).errorCode()).isZero();
            assertThat(parts.get(1).baseOffset()).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void invalidAcksAndInternalTopicsAreRefused() throws Exception {
        try (WireClient client = new WireClient(broker.port())) {
            assertThat(produceError(client, "good", 0, batch(), (short) 2))
                .isEqualTo(ErrorCode.INVALID_REQUIRED_ACKS.code());
            broker.createTopic("__consumer_offsets", 1);
            assertThat(produceError(client, "__consumer_offsets", 0, batch(), (short) 1))
                .isEqualTo(ErrorCode.INVALID_TOPIC_EXCEPTION.code());
        }
    }

    @Test
    void invalidTopicNamesInMetadataAreInvalidTopic() throws Exception {
        try (WireClient client = new WireClient(broker.port())) {
            MetadataResponse r = client.send(new MetadataRequest().topics(new ArrayList<>(List.of(
                new MetadataRequest.MetadataRequestTopic().name("bad name!"),
                new MetadataRequest.MetadataRequestTopic().name("absent")))).allowAutoTopicCreation(true), 12);
            assertThat(r.topics()).extracting(MetadataResponse.MetadataResponseTopic::errorCode)
                .containsExactly(ErrorCode.INVALID_TOPIC_EXCEPTION.code(), ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code());
        }
    }

    @Test
    void deletingBeyondTheHighWatermarkIsOffsetOutOfRange() throws Exception {
        try (WireClient client = new WireClient(broker.port())) {
            DeleteRecordsResponse r = client.send(new DeleteRecordsRequest().timeoutMs(5000).topics(new ArrayList<>(
                List.of(new DeleteRecordsRequest.DeleteRecordsTopic().name("good").partitions(new ArrayList<>(
                    List.of(new DeleteRecordsRequest.DeleteRecordsPartition().partitionIndex(0).offset(1_000))))))),
                2);
            assertThat(r.topics().get(0).partitions().get(0).errorCode())
                .isEqualTo(ErrorCode.OFFSET_OUT_OF_RANGE.code());
            ListOffsetsResponse l = client.send(new ListOffsetsRequest().replicaId(-1).topics(new ArrayList<>(List.of(
                new ListOffsetsRequest.ListOffsetsTopic().name("good").partitions(new ArrayList<>(List.of(
                    new ListOffsetsRequest.ListOffsetsPartition().partitionIndex(9).timestamp(-1))))))), 7);
            assertThat(l.topics().get(0).partitions().get(0).errorCode())
                .isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code());
        }
    }

    private static short produceError(WireClient client, String topic, int partition, ByteBuf records, short acks)
        throws Exception {
        ProduceRequest request = new ProduceRequest().acks(acks).timeoutMs(5000).topicData(new ArrayList<>(List.of(
            new ProduceRequest.TopicProduceData().name(topic).partitionData(new ArrayList<>(List.of(
                new ProduceRequest.PartitionProduceData().index(partition).records(records)))))));
        ProduceResponse r = client.send(request, 9);
        return r.responses().get(0).partitionResponses().get(0).errorCode();
    }

    private static ByteBuf batch() {
        return RecordBatchBuilder.create().append(System.currentTimeMillis(), "k".getBytes(), "v".getBytes()).build();
    }
}
