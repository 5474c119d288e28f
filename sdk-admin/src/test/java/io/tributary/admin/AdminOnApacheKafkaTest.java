package io.tributary.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.TopicPartition;
import io.tributary.testkit.ApacheKafkaExtension;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

/** The admin suite against Apache Kafka, plus the producer and transaction APIs Tributary's broker lacks. */
final class AdminOnApacheKafkaTest extends AdminSuite {
    @RegisterExtension
    static final ApacheKafkaExtension KAFKA = ApacheKafkaExtension.create();

    @Override
    String bootstrapServers() {
        return KAFKA.bootstrapServers();
    }

    @Test
    void describesTheIdempotentProducersOfAPartition() {
        String topic = createTopic("producers", 1);
        TopicPartition tp = new TopicPartition(topic, 0);
        long base = System.currentTimeMillis();
        produce(tp, 3, base);
        StepVerifier.create(admin.describeProducers(List.of(tp)))
            .assertNext(producers -> {
                assertThat(producers.get(tp)).hasSize(1);
                ProducerState p = producers.get(tp).get(0);
                assertThat(p.producerId()).isNotNegative();
                assertThat(p.producerEpoch()).isNotNegative();
                assertThat(p.lastSequence()).isEqualTo(2);
                assertThat(p.lastTimestamp()).isEqualTo(base + 2_000);
                assertThat(p.currentTransactionStartOffset()).isEqualTo(-1);
            })
            .expectComplete()
            .verify(TIMEOUT);
    }

    @Test
    void listsTransactionsOfEveryBrokerWithTheirState() {
        String topic = createTopic("transactional", 1);
        String transactionalId = unique("txn");
        withProducer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId), producer -> {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, 0, null, "v".getBytes()));
            producer.flush();
            StepVerifier.create(admin.listTransactions().filter(t -> t.transactionalId().equals(transactionalId)))
                .assertNext(t -> {
                    assertThat(t.producerId()).isNotNegative();
                    assertThat(t.state()).isEqualTo(TransactionState.ONGOING);
                })
                .expectComplete()
                .verify(TIMEOUT);
            producer.commitTransaction();
        });
        // The coordinator answers the commit once it is prepared and writes the markers after.
        TransactionListing committed = eventually(() -> admin.listTransactions()
            .filter(t -> t.transactionalId().equals(transactionalId) && t.state() == TransactionState.COMPLETE_COMMIT)
            .next());
        assertThat(committed.producerId()).isNotNegative();
    }
}
