package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.tributary.broker.support.WireClient;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.InitProducerIdRequest;
import io.tributary.protocol.message.InitProducerIdResponse;
import io.tributary.protocol.message.ListOffsetsRequest;
import io.tributary.protocol.message.ListOffsetsResponse;
import io.tributary.protocol.message.ProduceRequest;
import io.tributary.protocol.message.ProduceResponse;
import io.tributary.protocol.record.RecordBatchBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Idempotent producers: InitProducerId, retried batches answered once, sequence gaps and fenced epochs refused. */
final class IdempotentProduceTest {

    @Test
    void kafkaClientsDefaultIdempotentProducerWritesEveryRecordOnceInOrder() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.create().start()) {
            broker.createTopic("idempotent", 1);
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
                for (int i = 0; i < 2000; i++) {
                    producer.send(new ProducerRecord<>("idempotent", "k", Integer.toString(i)));
                }
                producer.flush();
            }
            Properties c = new Properties();
            c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                new StringDeserializer())) {
                TopicPartition tp = new TopicPartition("idempotent", 0);
                consumer.assign(List.of(tp));
                consumer.seekToBeginning(List.of(tp));
                List<String> values = new ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (values.size() < 2000 && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        values.add(r.value());
                    }
                }
                assertThat(values).hasSize(2000);
                for (int i = 0; i < 2000; i++) {
                    assertThat(values.get(i)).isEqualTo(Integer.toString(i));
                }
            }
        }
    }

    @Test
    void retriesAreAnsweredWithTheOriginalOffsetEvenAfterARestart(@TempDir Path dir) throws Exception {
        BrokerConfig config = BrokerConfig.defaults().logDir(dir);
        long producerId;
        try (EmbeddedBroker broker = EmbeddedBroker.create(config).start(); WireClient client = client(broker)) {
            broker.createTopic("dedup", 1);
            InitProducerIdResponse init = client.send(new InitProducerIdRequest().transactionalId(null)
                .transactionTimeoutMs(60_000), 4);
            assertThat(init.errorCode()).isZero();
            producerId = init.producerId();
            assertThat(offsetOf(client.send(produce(producerId, (short) 0, 0, 3), 9))).isZero();
            assertThat(offsetOf(client.send(produce(producerId, (short) 0, 3, 2), 9))).isEqualTo(3);
            assertThat(offsetOf(client.send(produce(producerId, (short) 0, 3, 2), 9))).as("retry").isEqualTo(3);
            assertThat(logEnd(client)).isEqualTo(5);
        }
        try (EmbeddedBroker broker = EmbeddedBroker.create(config).start(); WireClient client = client(broker)) {
            assertThat(offsetOf(client.send(produce(producerId, (short) 0, 3, 2), 9))).isEqualTo(3);
            assertThat(logEnd(client)).isEqualTo(5);
            assertThat(offsetOf(client.send(produce(producerId, (short) 0, 5, 1), 9))).isEqualTo(5);
        }
    }

    @Test
    void sequenceGapsAndStaleEpochsAreRefused() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.create().start(); WireClient client = client(broker)) {
            broker.createTopic("dedup", 1);
            long id = ((InitProducerIdResponse) client.send(new InitProducerIdRequest().transactionalId(null), 4))
                .producerId();
            client.send(produce(id, (short) 1, 0, 2), 9);
            assertThat(errorOf(client.send(produce(id, (short) 1, 5, 1), 9)))
                .isEqualTo(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER.code());
            assertThat(errorOf(client.send(produce(id, (short) 0, 2, 1), 9)))
                .isEqualTo(ErrorCode.INVALID_PRODUCER_EPOCH.code());
            assertThat(errorOf(client.send(produce(id, (short) 2, 3, 1), 9)))
                .as("a new epoch must start at sequence 0").isEqualTo(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER.code());
            assertThat(errorOf(client.send(produce(id, (short) 2, 0, 1), 9))).isZero();
        }
    }

    @Test
    void recoveringProducersGetTheNextEpoch() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.create().start(); WireClient client = client(broker)) {
            InitProducerIdResponse first = client.send(new InitProducerIdRequest().transactionalId(null), 4);
            InitProducerIdResponse bumped = client.send(new InitProducerIdRequest().transactionalId(null)
                .producerId(first.producerId()).producerEpoch(first.producerEpoch()), 4);
            assertThat(bumped.producerId()).isEqualTo(first.producerId());
            assertThat(bumped.producerEpoch()).isEqualTo((short) 1);
            InitProducerIdResponse other = client.send(new InitProducerIdRequest().transactionalId(null), 4);
            assertThat(other.producerId()).isNotEqualTo(first.producerId());
        }
    }

    private static WireClient client(EmbeddedBroker broker) throws Exception {
        return new WireClient(broker.port());
    }

    private static ProduceRequest produce(long producerId, short epoch, int sequence, int records) {
        RecordBatchBuilder b = RecordBatchBuilder.create().producer(producerId, epoch, sequence);
        for (int i = 0; i < records; i++) {
            b.append(System.currentTimeMillis(), null, ("v" + (sequence + i)).getBytes());
        }
        ByteBuf batch = b.build();
        return new ProduceRequest().acks((short) -1).timeoutMs(5000).topicData(new ArrayList<>(List.of(
            new ProduceRequest.TopicProduceData().name("dedup").partitionData(new ArrayList<>(List.of(
                new ProduceRequest.PartitionProduceData().index(0).records(batch)))))));
    }

    private static long offsetOf(ProduceResponse r) {
        ProduceResponse.PartitionProduceResponse p = r.responses().get(0).partitionResponses().get(0);
        assertThat(p.errorCode()).as(p.errorMessage()).isZero();
        return p.baseOffset();
    }

    private static short errorOf(ProduceResponse r) {
        return r.responses().get(0).partitionResponses().get(0).errorCode();
    }

    private static long logEnd(WireClient client) throws Exception {
        ListOffsetsResponse r = client.send(new ListOffsetsRequest().replicaId(-1).topics(new ArrayList<>(List.of(
            new ListOffsetsRequest.ListOffsetsTopic().name("dedup").partitions(new ArrayList<>(List.of(
                new ListOffsetsRequest.ListOffsetsPartition().partitionIndex(0).timestamp(-1))))))), 7);
        return r.topics().get(0).partitions().get(0).offset();
    }
}
