package io.tributary.samples.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.EmbeddedBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

final class ReactiveProducerSampleTest {

    @Test
    void mainSendsTenGreetingsToAnEmbeddedBrokerAndPrintsWhereTheyWent() {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ReactiveProducerSample.main(new String[0]);
        } finally {
            System.setOut(out);
        }
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(10);
        assertThat(lines.get(0)).isEqualTo("greeting 1 written to greetings-0 at offset 0");
        assertThat(lines.get(9)).isEqualTo("greeting 10 written to greetings-0 at offset 9");
    }

    @Test
    void theGreetingsCanBeReadBackWithKafkaClients() {
        try (EmbeddedBroker broker = EmbeddedBroker.create().start()) {
            ReactiveProducerSample.send(broker.bootstrapServers(), 3);
            Properties props = new Properties();
            props.putAll(Map.of("bootstrap.servers", broker.bootstrapServers(),
                "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", StringDeserializer.class.getName()));
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
                consumer.assign(List.of(new TopicPartition("greetings", 0)));
                consumer.seekToBeginning(List.of(new TopicPartition("greetings", 0)));
                List<ConsumerRecord<String, String>> records = new java.util.ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (records.size() < 3 && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                }
                assertThat(records).extracting(ConsumerRecord::key).containsExactly("user-1", "user-2", "user-3");
                assertThat(records).extracting(ConsumerRecord::value)
                    .containsExactly("hello #1", "hello #2", "hello #3");
            }
        }
    }
}
