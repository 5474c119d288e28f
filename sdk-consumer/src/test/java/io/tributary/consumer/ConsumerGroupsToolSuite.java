package io.tributary.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.interop.KafkaTool;
import io.tributary.client.ClientOptions;
import io.tributary.serdes.Serdes;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.tools.consumer.group.ConsumerGroupCommand;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;

/**
 * Kafka's own {@code kafka-consumer-groups} tool sees a group of Tributary consumers as it sees kafka-clients ones:
 * the member with its client id, the committed offsets and the lag. Subclasses give the broker.
 */
abstract class ConsumerGroupsToolSuite {
    private static final Duration WAIT = Duration.ofSeconds(60);

    abstract String bootstrapServers();

    @ParameterizedTest
    @ValueSource(strings = {"classic", "consumer"})
    void theGroupsToolDescribesTheMemberItsCommittedOffsetsAndTheLag(String protocol) {
        String topic = KafkaWriter.createTopic(bootstrapServers(), "tool-" + protocol, 2);
        KafkaWriter.write(bootstrapServers(), topic, 2, 0, 10);
        String group = ConsumerSuite.group();
        TributaryConsumer<String, String> consumer = TributaryConsumer.create(ConsumerOptions.create(
                ClientOptions.create(bootstrapServers()).clientId("lag-reporter"), Serdes.string().deserializer(),
                Serdes.string().deserializer())
            .groupId(group)
            .groupProtocol(protocol)
            .subscription(List.of(topic))
            .offsetReset(OffsetReset.EARLIEST)
            .commitInterval(Duration.ofMillis(100)));
        // Takes the ten records there are and asks for no more: the member stays in the group, its lag grows.
        AtomicInteger acknowledged = new AtomicInteger();
        Disposable member = consumer.receive().subscribeWith(new BaseSubscriber<ReceivedRecord<String, String>>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                subscription.request(10);
            }

            @Override
            protected void hookOnNext(ReceivedRecord<String, String> record) {
                record.acknowledge();
                acknowledged.incrementAndGet();
            }
        });
        try {
            Awaitility.await().atMost(WAIT).until(() -> committedOffsets(group).equals(Map.of(0, 5L, 1, 5L)));
            KafkaWriter.write(bootstrapServers(), topic, 2, 10, 6);   // three more in each partition

            KafkaTool.Run described = tool("--describe", "--group", group);
            assertThat(described.status()).as(described.toString()).isZero();
            for (int partition = 0; partition < 2; partition++) {
                assertThat(row(described, topic, partition)).as(described.toString())
                    .containsSubsequence(group, topic, Integer.toString(partition), "5", "8", "3")
                    .anySatisfy(column -> assertThat(column).startsWith("lag-reporter"));
            }
            KafkaTool.Run state = tool("--describe", "--group", group, "--state");
            assertThat(state.out()).as(state.toString()).contains("Stable");
            assertThat(acknowledged).hasValue(10);
        } finally {
            member.dispose();
            consumer.close().block(WAIT);
        }
    }

    private Map<Integer, Long> committedOffsets(String group) {
        Map<Integer, Long> offsets = new TreeMap<>();
        KafkaWriter.committed(bootstrapServers(), group).forEach((tp, o) -> offsets.put(tp.partition(), o.offset()));
        return offsets;
    }

    private KafkaTool.Run tool(String... args) {
        return KafkaTool.runAgainst(bootstrapServers(), ConsumerGroupCommand::main, args);
    }

    /** The columns of the describe output's row for {@code partition} of {@code topic}. */
    private static List<String> row(KafkaTool.Run run, String topic, int partition) {
        return run.outLines().stream()
            .map(line -> Arrays.asList(line.trim().split("\\s+")))
            .filter(columns -> columns.size() > 2 && columns.get(1).equals(topic)
                && columns.get(2).equals(Integer.toString(partition)))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no row for " + topic + "-" + partition + " in\n" + run));
    }
}
