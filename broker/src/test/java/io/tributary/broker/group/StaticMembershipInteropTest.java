package io.tributary.broker.group;

import static io.tributary.broker.group.GroupClients.pollUntil;
import static io.tributary.broker.group.GroupClients.produce;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.EmbeddedBroker;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Static membership (KIP-345) with kafka-clients: a second consumer with the same instance id fences the first. */
final class StaticMembershipInteropTest {
    @Test
    void aNewInstanceWithTheSameInstanceIdFencesTheOldOne() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.create(GroupClients.fastGroups()).start();
             Admin admin = GroupClients.admin(broker)) {
            admin.createTopics(List.of(new NewTopic("static", 2, (short) 1))).all().get();
            produce(broker, "static", 2, 2, "s");
            KafkaConsumer<String, String> first = staticConsumer(broker, "first");
            KafkaConsumer<String, String> second = staticConsumer(broker, "second");
            try {
                first.subscribe(List.of("static"));
                pollUntil(List.of(first), r -> { }, () -> first.assignment().size() == 2, Duration.ofSeconds(30));
                second.subscribe(List.of("static"));
                // The replacement takes over the instance's place (and partitions) without a rebalance.
                pollUntil(List.of(second), r -> { }, () -> second.assignment().size() == 2, Duration.ofSeconds(30));
                AtomicReference<Exception> failure = new AtomicReference<>();
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
                    try {
                        first.poll(Duration.ofMillis(100));
                        first.commitSync(Duration.ofSeconds(5));
                        return false;
                    } catch (FencedInstanceIdException e) {
                        failure.set(e);
                        return true;
                    } catch (CommitFailedException e) {
                        // The client's heartbeat thread may learn of the fencing between poll and commit; the next
                        // poll then reports it as FencedInstanceIdException.
                        return false;
                    }
                });
                assertThat(failure.get()).hasMessageContaining("instance");
            } finally {
                second.close(Duration.ofSeconds(5));
                try {
                    first.close(Duration.ofSeconds(1));
                } catch (FencedInstanceIdException e) {
                    // A fenced member may fail to close cleanly; it is gone from the group either way.
                }
            }
        }
    }

    private static KafkaConsumer<String, String> staticConsumer(EmbeddedBroker broker, String clientId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "static-group");
        p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "instance-1");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "300");
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }
}
